"""Notifying operators: the one function every app calls, marking read, e-mail preference, digests.

Notifications belong to their recipient alone: every action here takes the
recipient as `actor` and touches only their rows (a stranger's id is NotFound).
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, PermissionDenied

from .models import EmailPreference, Notification
from .rules import can_have_notifications, can_read_notification


def notify(
    recipients: Iterable,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    actor=None,
    email: bool = True,
) -> list:
    """Notify each recipient (never the actor, never twice) inside the caller's transaction.

    The rows roll back with the change they announce; the e-mail to those who
    want it at once goes after commit. `title` and `body` must hold nothing the
    recipient may not see (a number, a service, a link: never health details).
    `email=False` for a change whose e-mail goes elsewhere (a team's shared
    mailbox): the rows then wait for nobody's digest either.
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
            emailed_at=None if email else now,
        )
        for user in users.values()
    )
    if not email:
        return rows
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


def mark_read(notification: Notification, *, actor, now=None) -> Notification:
    """Mark one of the actor's notifications read (unchanged when it already is)."""
    if not can_read_notification(actor, notification):
        raise PermissionDenied(_("Questa notifica non è tua."))
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, actor, now=None) -> int:
    """Mark every unread notification of the actor read; return how many."""
    if not can_have_notifications(actor):
        raise PermissionDenied(_("Accedi per vedere le tue notifiche."))
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


def set_email_frequency(*, actor, frequency: str) -> EmailPreference:
    """Choose when notifications are e-mailed: at once, in a daily digest, or never."""
    if not can_have_notifications(actor):
        raise PermissionDenied(_("Accedi per scegliere come ricevere le notifiche."))
    if frequency not in EmailPreference.Frequency.values:
        raise ApplicationError(
            _("Scegli una delle frequenze proposte: subito, una volta al giorno o mai."),
            code="invalid_frequency",
        )
    with transaction.atomic():
        preference, _created = EmailPreference.objects.select_for_update().get_or_create(user=actor)
        before = preference.frequency
        preference.frequency = frequency
        preference.save(update_fields=["frequency"])
        record_audit(
            actor,
            AuditEntry.Action.UPDATE,
            preference,
            details={"from": before, "to": frequency},
        )
    return preference


def send_digests(*, now=None) -> dict:
    """E-mail each DAILY user one list of their unread notifications not yet e-mailed.

    Idempotent: the notifications listed get emailed_at, so a second run the
    same day sends nothing. Users who chose NEVER or IMMEDIATE get no digest.
    """
    now = now or timezone.now()
    preferences = EmailPreference.objects.filter(
        frequency=EmailPreference.Frequency.DAILY, user__is_active=True
    ).select_related("user")
    sent = 0
    for preference in preferences:
        user = preference.user
        if not user.email:
            continue
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update()
                .filter(recipient=user, read_at__isnull=True, emailed_at__isnull=True)
                .order_by("created_at", "pk")
            )
            if not pending:
                continue
            Notification.objects.filter(pk__in=[row.pk for row in pending]).update(emailed_at=now)
            preference.last_digest_at = now
            preference.save(update_fields=["last_digest_at"])
            subject, message = _digest(pending)
            transaction.on_commit(
                lambda subject=subject, message=message, email=user.email: send_mail(
                    subject, message, None, [email], fail_silently=True
                )
            )
        sent += 1
    return {"digests": sent}


def _digest(rows: list[Notification]) -> tuple[str, str]:
    base = settings.INTRECCIO_BASE_URL
    subject = _("[Intreccio] %(count)s notifiche da leggere") % {"count": len(rows)}
    lines = [_("Le notifiche di oggi che non hai ancora letto:"), ""]
    for row in rows:
        lines.append(f"- {timezone.localtime(row.created_at):%d/%m/%Y %H:%M} {row.title}")
        if row.url:
            lines.append(f"  {base}{row.url}")
    lines += ["", _("Tutte le notifiche: %(link)s") % {"link": base + "/notifiche/"}]
    return subject, "\n".join(lines) + "\n"
