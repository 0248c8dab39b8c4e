"""Notifying operators: the one function every app calls, and marking notifications read."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import EmailPreference, Notification


def notify(recipients: Iterable, *, kind: str, title: str, body: str = "", url: str = "", actor=None) -> list:
    """Notify each recipient (never the actor, never twice) inside the caller's transaction.

    The rows roll back with the change they announce; the e-mail to those who
    want it at once goes after commit. `title` and `body` must hold nothing the
    recipient may not see (a number, a service, a link: never health details).
    """
    actor_id = getattr(actor, "pk", None)
    users = {
        user.pk: user for user in recipients if user is not None and user.pk != actor_id and user.is_active
    }
    if not users:
        return []
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            title=title[:200],
            body=body,
            url=url,
            actor_id=actor_id,
            created_at=now,
        )
        for user in users.values()
    )
    never_or_digest = set(
        EmailPreference.objects.filter(user_id__in=users)
        .exclude(frequency=EmailPreference.Frequency.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    immediate = [user for pk, user in users.items() if pk not in never_or_digest and user.email]
    if immediate:
        link = settings.INTRECCIO_BASE_URL + url if url else settings.INTRECCIO_BASE_URL
        message = f"{body}\n\n{link}\n" if body else f"{link}\n"
        ids = [row.pk for row in rows if row.recipient_id in {user.pk for user in immediate}]
        emails = sorted(user.email for user in immediate)

        def send():
            for email in emails:
                send_mail(f"[Intreccio] {title}", message, None, [email], fail_silently=True)
            Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())

        transaction.on_commit(send)
    return rows
