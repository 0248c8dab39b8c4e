"""Referrals through the API (/api/v1/referrals/): lists, one referral, send, transitions, thread.

The same actions, queries and rules as the pages; refusals in the one error
body (a referral the person's sharing choices do not cover: 409 consent_missing,
with the consent page's URL in details).
"""

import datetime
from typing import Literal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from intreccio.cases.queries import get_case_for_action
from intreccio.core.exceptions import NotFound, PermissionDenied
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.directory.queries import get_need, get_service
from intreccio.referrals import actions, queries
from intreccio.referrals.models import Referral
from intreccio.referrals.rules import sides

from .main import ERRORS
from .pagination import Pagination

router = Router(tags=["referrals"])

# Plain value lists (not enums): enum components are named after their class and would collide.
ReferralStatusValue = Literal[tuple(Referral.Status.values)]
ReferralReasonValue = Literal[tuple(Referral.Reason.values)]
ReferralOutcomeValue = Literal[tuple(Referral.Outcome.values)]


class ReferralOut(Schema):
    id: int
    case_id: int
    person_id: int
    person_name: str
    service_id: int
    service: str
    from_organisation: str
    to_organisation: str
    to_user_id: int | None = None
    assigned_to_id: int | None = None
    action_id: int | None = None
    status: ReferralStatusValue
    status_reason: str
    outcome: str
    outcome_note: str
    urgent: bool
    capacity_status_at_send: str
    sent_at: datetime.datetime
    acknowledge_by: datetime.datetime | None = None
    last_activity_at: datetime.datetime
    stalled_since: datetime.datetime | None = None
    closed_at: datetime.datetime | None = None


class ReferralTransitionOut(Schema):
    from_status: str
    to_status: str
    reason: str
    note: str
    by_id: int
    by_organisation: str
    at: datetime.datetime


class ReferralDetailOut(ReferralOut):
    request: str
    sides: list[str]
    allowed_moves: list[str]
    transitions: list[ReferralTransitionOut]


class ReferralAttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class ReferralMessageOut(Schema):
    id: int
    author_id: int
    author: str
    organisation: str
    body: str
    created_at: datetime.datetime
    attachments: list[ReferralAttachmentOut]


def _out(referral) -> dict:
    return {
        "id": referral.pk,
        "case_id": referral.case_id,
        "person_id": referral.person_id,
        "person_name": referral.person.full_name,
        "service_id": referral.service_id,
        "service": referral.service.name,
        "from_organisation": referral.from_organisation.name,
        "to_organisation": referral.to_organisation.name,
        "to_user_id": referral.to_user_id,
        "assigned_to_id": referral.assigned_to_id,
        "action_id": referral.action_id,
        "status": referral.status,
        "status_reason": referral.status_reason,
        "outcome": referral.outcome,
        "outcome_note": referral.outcome_note,
        "urgent": referral.urgent,
        "capacity_status_at_send": referral.capacity_status_at_send,
        "sent_at": referral.sent_at,
        "acknowledge_by": referral.acknowledge_by,
        "last_activity_at": referral.last_activity_at,
        "stalled_since": referral.stalled_since,
        "closed_at": referral.closed_at,
    }


def _detail(user, referral) -> dict:
    held = sides(user, referral)
    return {
        **_out(referral),
        "request": referral.request,
        "sides": sorted(held),
        "allowed_moves": sorted(
            target
            for target in Referral.TRANSITIONS.targets(referral.status)
            if Referral.SIDE[target] in held
        ),
        "transitions": [
            {
                "from_status": step.from_status,
                "to_status": step.to_status,
                "reason": step.reason,
                "note": step.note,
                "by_id": step.by_id,
                "by_organisation": step.by_organisation.name,
                "at": step.at,
            }
            for step in queries.history(referral)
        ],
    }


def _check_works_with_persons(request) -> None:
    if not request.user.has_role(*PERSON_FACING_ROLES):
        raise PermissionDenied("Gli invii sono degli operatori che lavorano con le persone.")


class ReferralFilters(Schema):
    box: Literal["received", "sent"] = "received"
    status: ReferralStatusValue | None = None
    stalled: bool | None = None
    service_id: int | None = None


class ReferralPagination(Pagination):
    """The persons a page of referrals disclosed are audited once per page (SEARCH)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        referrals = list(page["items"])
        queries.record_disclosure(request.user, referrals)
        page["items"] = [_out(referral) for referral in referrals]
        return page


@router.get("/", response=list[ReferralOut], operation_id="list_referrals", summary="Invii ricevuti o fatti")
@paginate(ReferralPagination, page_size=25)
def list_referrals(request, filters: Query[ReferralFilters]):
    """The receiving organisation's queue (box=received) or the referrals of my cases (box=sent)."""
    _check_works_with_persons(request)
    if filters.box == "sent":
        return queries.sent(request.user, status=filters.status or "", stalled=filters.stalled)
    service = None
    if filters.service_id is not None:
        service = queries.services_received_by(request.user).filter(pk=filters.service_id).first()
        if service is None:
            return Referral.objects.none()
    return queries.received(
        request.user, status=filters.status or "", service=service, stalled=filters.stalled
    )


class ReferralSendIn(Schema):
    case_id: int
    service_id: int
    request: str = Field(..., max_length=4000)
    action_id: int | None = None
    need_id: int | None = None
    to_user_id: int | None = None
    urgent: bool = False


@router.post("/", response={201: ReferralDetailOut, **ERRORS}, operation_id="send_referral")
def send_referral(request, payload: ReferralSendIn):
    """Send a case's person to a service (409 consent_missing when their sharing choices do not cover it)."""
    case = get_case_for_action(request.user, payload.case_id)
    service = get_service(payload.service_id)
    action = queries.plan_action_of_case(case, payload.action_id) if payload.action_id else None
    need = get_need(payload.need_id) if payload.need_id else None
    to_user = (
        queries.get_receiving_operator(service.organisation_id, payload.to_user_id)
        if payload.to_user_id
        else None
    )
    referral = actions.send_referral(
        case,
        service,
        payload.request,
        actor=request.user,
        action=action,
        need=need,
        to_user=to_user,
        urgent=payload.urgent,
    )
    return Status(201, _detail(request.user, queries.get_referral_for_action(request.user, referral.pk)))


@router.get("/{referral_id}", response={200: ReferralDetailOut, **ERRORS}, operation_id="get_referral")
def get_referral(request, referral_id: int):
    """A referral I take part in, with its history (audited; 404 whether missing or hidden)."""
    return _detail(request.user, queries.get_referral_for_user(request.user, referral_id, purpose="API"))


class ReferralTransitionIn(Schema):
    to: ReferralStatusValue
    reason: ReferralReasonValue | Literal[""] = ""
    note: str = Field("", max_length=4000)
    outcome: ReferralOutcomeValue | Literal[""] = ""
    outcome_note: str = Field("", max_length=4000)


@router.post(
    "/{referral_id}/transitions",
    response={200: ReferralDetailOut, **ERRORS},
    operation_id="transition_referral",
)
def transition_referral(request, referral_id: int, payload: ReferralTransitionIn):
    """Move the referral (403 when the move is the other side's, 409 when the table forbids it)."""
    referral = queries.get_referral_for_action(request.user, referral_id)
    actions.transition(
        referral,
        actor=request.user,
        to=payload.to,
        reason=payload.reason,
        note=payload.note,
        outcome=payload.outcome,
        outcome_note=payload.outcome_note,
    )
    return _detail(request.user, queries.get_referral_for_action(request.user, referral_id))


class ReferralAssignIn(Schema):
    user_id: int


@router.post(
    "/{referral_id}/assign", response={200: ReferralDetailOut, **ERRORS}, operation_id="assign_referral"
)
def assign_referral(request, referral_id: int, payload: ReferralAssignIn):
    """Name the receiving organisation's operator who follows the referral (the receiving side)."""
    referral = queries.get_referral_for_action(request.user, referral_id)
    actions.assign_referral(referral, actor=request.user, to_user=payload.user_id)
    return _detail(request.user, queries.get_referral_for_action(request.user, referral_id))


def _message_out(message) -> dict:
    return {
        "id": message.pk,
        "author_id": message.author_id,
        "author": message.author.get_full_name(),
        "organisation": message.organisation.name,
        "body": message.body,
        "created_at": message.created_at,
        "attachments": [
            {
                "id": item.pk,
                "name": item.name,
                "content_type": item.content_type,
                "size": item.size,
                "url": f"/api/v1/referrals/attachments/{item.pk}",
            }
            for item in message.attachments.all()
        ],
    }


@router.get(
    "/{referral_id}/messages",
    response={200: list[ReferralMessageOut], **ERRORS},
    operation_id="list_referral_messages",
)
def list_referral_messages(request, referral_id: int):
    """The thread between the two sides, oldest first, with its attachments."""
    referral = queries.get_referral_for_user(request.user, referral_id, purpose="API messaggi")
    return [_message_out(message) for message in queries.thread(referral)]


@router.post(
    "/{referral_id}/messages",
    response={201: ReferralMessageOut, **ERRORS},
    operation_id="post_referral_message",
)
def post_referral_message(
    request, referral_id: int, body: Form[str] = "", files: File[list[UploadedFile]] = None
):
    """Write in the thread (multipart: `body`, `files`; PDF, images, office documents ≤ 10 MB each)."""
    referral = queries.get_referral_for_action(request.user, referral_id)
    message = actions.post_message(referral, actor=request.user, body=body, attachments=files or [])
    thread = {item.pk: item for item in queries.thread(referral)}
    return Status(201, _message_out(thread[message.pk]))


@router.get(
    "/attachments/{attachment_id}",
    response={200: None, **ERRORS},
    operation_id="download_referral_attachment",
)
def download_referral_attachment(request, attachment_id: int):
    """An attachment's file (the download is audited; the same type and size rules as on upload)."""
    item = queries.get_attachment_for_user(request.user, attachment_id)
    allowed = {content_type for content_type, _signatures in actions.ATTACHMENT_TYPES.values()}
    if item.content_type not in allowed or item.size > actions.MAX_ATTACHMENT_BYTES:
        raise NotFound()
    with item.file.open("rb") as stored:  # at most 10 MB: read whole, not streamed
        response = HttpResponse(stored.read(), content_type=item.content_type)
    response["Content-Disposition"] = content_disposition_header(True, item.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
