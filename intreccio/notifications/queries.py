"""Reads of notifications: always the user's own."""

from django.db.models import QuerySet

from intreccio.core.exceptions import NotFound

from .models import EmailPreference, Notification
from .rules import can_have_notifications


def notifications_of(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, unread first, then newest first (with who caused them)."""
    if not can_have_notifications(user):
        return Notification.objects.none()
    queryset = Notification.objects.filter(recipient=user).select_related("actor")
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset.order_by("-created_at", "-pk")


def unread_count(user) -> int:
    """How many notifications the user has not read (one COUNT on the partial index)."""
    if not can_have_notifications(user):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification_for_user(user, notification_id) -> Notification:
    """One of the user's notifications; NotFound whether it is missing or someone else's."""
    try:
        return Notification.objects.select_related("actor").get(recipient=user, pk=int(notification_id))
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def email_frequency_of(user) -> str:
    """The user's chosen e-mail frequency (IMMEDIATE until they choose)."""
    return (
        EmailPreference.objects.filter(user=user).values_list("frequency", flat=True).first()
        or EmailPreference.Frequency.IMMEDIATE
    )
