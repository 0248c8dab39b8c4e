"""My notifications through the API (/api/v1/notifications/): list, unread count, mark read.

Only the caller's own notifications exist here: another's id is a 404.
"""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from intreccio.notifications import actions, queries

from .main import ERRORS
from .pagination import Pagination

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    actor: str | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationCountOut(Schema):
    unread: int


class NotificationsMarkedOut(Schema):
    marked: int


class NotificationFilters(Schema):
    unread: bool = Field(False, description="Solo quelle da leggere")


def _out(notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "actor": notification.actor.get_full_name() if notification.actor_id else None,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


class NotificationPagination(Pagination):
    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [_out(notification) for notification in page["items"]]
        return page


@router.get(
    "/", response=list[NotificationOut], operation_id="list_my_notifications", summary="Le mie notifiche"
)
@paginate(NotificationPagination, page_size=25)
def list_my_notifications(request, filters: Query[NotificationFilters]):
    """My notifications, newest first (unread=true: only those to read)."""
    return queries.notifications_of(request.user, unread_only=filters.unread)


@router.get(
    "/unread-count", response={200: NotificationCountOut, **ERRORS}, operation_id="count_unread_notifications"
)
def count_unread_notifications(request):
    """How many of my notifications I have not read."""
    return {"unread": queries.unread_count(request.user)}


@router.post(
    "/read-all", response={200: NotificationsMarkedOut, **ERRORS}, operation_id="mark_all_notifications_read"
)
def mark_all_notifications_read(request):
    """Mark all my notifications read."""
    return {"marked": actions.mark_all_read(actor=request.user)}


@router.post(
    "/{notification_id}/read",
    response={200: NotificationOut, **ERRORS},
    operation_id="mark_notification_read",
)
def mark_notification_read(request, notification_id: int):
    """Mark one of my notifications read."""
    notification = queries.get_notification_for_user(request.user, notification_id)
    return _out(actions.mark_read(notification, actor=request.user))
