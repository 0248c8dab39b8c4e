"""Who may read and mark a notification: its recipient, and nobody else."""

import rules


@rules.predicate
def can_have_notifications(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_recipient(user, notification) -> bool:
    return bool(notification is not None and user is not None and notification.recipient_id == user.pk)


can_read_notification = can_have_notifications & is_recipient

rules.add_perm("notifications.read_notification", can_read_notification)
