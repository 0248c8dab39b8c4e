"""Responses through the API (/api/v1/responses/): the catalogue, responses, the overlap check, alerts.

The same actions, queries and rules as the pages. Recording a response that
overlaps one the caller may see answers 409 with code "overlap" and the
conflicts in error.details.conflicts, unless confirm_overlap is true; the
warning is counted (an alert) even though the call was refused.
"""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from intreccio.core.exceptions import ApplicationError, NotFound, PermissionDenied
from intreccio.people import queries as people_queries
from intreccio.responses import actions, queries
from intreccio.responses.models import OverlapAlert
from intreccio.responses.rules import works_with_persons

from .main import ERRORS
from .pagination import Pagination

router = Router(tags=["responses"])

AlertStatus = Literal[tuple(OverlapAlert.Status.values)]
Decision = Literal["complementary", "resolved"]


class ResponseTypeOut(Schema):
    code: str
    name: str
    overlap_group: str
    overlap_checked: bool
    coverage_days: int
    unit: str
    monetary: bool
    need: str | None = None
    sensitive_category: str


class ResponseOut(Schema):
    id: int
    person_id: int
    household_id: int | None = None
    type: str
    type_name: str
    organisation: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    covers_until: datetime.date | None = None
    quantity: Decimal | None = None
    amount: Decimal | None = None
    note: str
    case_id: int | None = None
    action_id: int | None = None
    referral_id: int | None = None
    recorded_at: datetime.datetime
    cancelled_at: datetime.datetime | None = None
    cancelled_reason: str


class ResponseIn(Schema):
    person_id: int
    type: str = Field(..., max_length=50)
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    # The range is in the schema; "two decimals" is checked by the action (400 with the field's
    # code): an OpenAPI schema cannot say it, and a 422 would refuse what the schema promises.
    # JSON numbers (floats), turned into exact decimals by _decimal(): pydantic's Decimal parsing
    # refuses some numbers the schema allows.
    quantity: float | None = Field(None, gt=0, lt=100_000_000)
    amount: float | None = Field(None, ge=0, lt=100_000_000)
    note: str = Field("", max_length=4000)
    household_id: int | None = None
    action_id: int | None = None
    referral_id: int | None = None
    confirm_overlap: bool = False


class OverlapCheckIn(Schema):
    person_id: int
    type: str = Field(..., max_length=50)
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    household_id: int | None = None


class ResponseConflictOut(Schema):
    response_id: int
    type: str
    organisation: str
    starts_on: datetime.date
    covers_until: datetime.date


class ResponseCancelIn(Schema):
    reason: str = Field(..., max_length=4000)


class OverlapSideOut(Schema):
    type: str
    organisation: str
    starts_on: datetime.date
    covers_until: datetime.date


class OverlapAlertOut(Schema):
    id: int
    person_id: int
    case_id: int | None = None
    overlap_group: str
    status: AlertStatus
    raised_before_recording: bool
    new_organisation: str
    existing: OverlapSideOut | None = None
    new: OverlapSideOut | None = None
    note: str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None = None


class OverlapDecisionIn(Schema):
    status: Decision
    note: str = Field(..., max_length=4000)


class ResponseFilters(Schema):
    person_id: int | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    type: str | None = Field(None, max_length=50)


class AlertFilters(Schema):
    status: AlertStatus | None = None


def _check_person_facing(request) -> None:
    if not works_with_persons(request.user):
        raise PermissionDenied("Le risposte sono degli operatori che lavorano con le persone.")


def _response_out(response) -> dict:
    return {
        "id": response.pk,
        "person_id": response.person_id,
        "household_id": response.household_id,
        "type": response.type.code,
        "type_name": response.type.name,
        "organisation": response.organisation.name,
        "starts_on": response.starts_on,
        "ends_on": response.ends_on,
        "covers_until": response.covers_until,
        "quantity": response.quantity,
        "amount": response.amount,
        "note": response.note,
        "case_id": response.case_id,
        "action_id": response.action_id,
        "referral_id": response.referral_id,
        "recorded_at": response.recorded_at,
        "cancelled_at": response.cancelled_at,
        "cancelled_reason": response.cancelled_reason,
    }


def _side(response) -> dict | None:
    if response is None:
        return None
    return {
        "type": response.type.name,
        "organisation": response.organisation.name,
        "starts_on": response.starts_on,
        "covers_until": response.last_day,
    }


def _alert_out(view) -> dict:
    alert = view.alert
    return {
        "id": alert.pk,
        "person_id": alert.person_id,
        "case_id": alert.case_id,
        "overlap_group": alert.overlap_group,
        "status": alert.status,
        "raised_before_recording": alert.raised_before_recording,
        "new_organisation": alert.new_organisation.name,
        "existing": _side(view.existing),
        "new": _side(view.new),
        "note": alert.note,
        "created_at": alert.created_at,
        "decided_at": alert.decided_at,
    }


def _type(code: str):
    try:
        return queries.get_response_type_by_code(code)
    except NotFound:
        raise ApplicationError(
            f"Tipo di risposta sconosciuto: «{code}». L'elenco è in /api/v1/responses/types.",
            code="unknown_type",
        ) from None


def _decimal(value: float | None) -> Decimal | None:
    """The number as written (repr of the float), so 12.5 is Decimal("12.5"), not its binary value."""
    return None if value is None else Decimal(repr(value))


def _household(person, household_id):
    if household_id is None:
        return None
    household = queries.households_of(person).get(household_id)
    if household is None:
        raise ApplicationError(
            "La persona non fa parte del nucleo familiare indicato.", code="household_mismatch"
        )
    return household


@router.get("/types", response={200: list[ResponseTypeOut], **ERRORS}, operation_id="list_response_types")
def list_response_types(request):
    """The catalogue's types in use (code, overlap group, unit, coverage)."""
    return [
        {
            "code": kind.code,
            "name": kind.name,
            "overlap_group": kind.overlap_group,
            "overlap_checked": kind.overlap_checked,
            "coverage_days": kind.coverage_days,
            "unit": kind.unit,
            "monetary": kind.monetary,
            "need": kind.need.code if kind.need_id else None,
            "sensitive_category": kind.sensitive_category,
        }
        for kind in queries.response_types().order_by("position", "name")
    ]


class ResponsePagination(Pagination):
    """The persons a page of responses disclosed are audited once per page (SEARCH)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        rows = list(page["items"])
        queries.record_disclosure(request.user, rows, target="responses.response")
        page["items"] = [_response_out(row) for row in rows]
        return page


@router.get("/", response=list[ResponseOut], operation_id="list_responses", summary="Risposte")
@paginate(ResponsePagination, page_size=25)
def list_responses(request, filters: Query[ResponseFilters]):
    """Responses I may see (of one person with person_id; else those my organisation gave)."""
    _check_person_facing(request)
    kind = None
    if filters.type:
        # A filter on a type that does not exist finds nothing (a list does not refuse a filter).
        kind = queries.response_types().filter(code=filters.type).first()
        if kind is None:
            return queries.responses_given(request.user).none()
    if filters.person_id is not None:
        queryset = queries.responses_visible_to(request.user).filter(person=filters.person_id)
        if kind is not None:
            queryset = queryset.filter(type=kind)
        return queryset.order_by("-starts_on", "-pk")
    return queries.responses_given(
        request.user, starts_on=filters.starts_on, ends_on=filters.ends_on, type=kind
    )


@router.post(
    "/",
    response={201: ResponseOut, **ERRORS},
    operation_id="record_response",
    summary="Registra una risposta",
)
def record_response(request, payload: ResponseIn):
    """Record a response my organisation gives; 409 "overlap" with the conflicts unless confirm_overlap."""
    _check_person_facing(request)
    person = people_queries.get_person_for_user(request.user, payload.person_id, purpose="risposta (API)")
    response = actions.record_response(
        actor=request.user,
        person=person,
        type=_type(payload.type),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        quantity=_decimal(payload.quantity),
        amount=_decimal(payload.amount),
        note=payload.note,
        household=_household(person, payload.household_id),
        action=queries.linked_action(payload.action_id),
        referral=queries.linked_referral(payload.referral_id),
        confirm_overlap=payload.confirm_overlap,
    )
    return Status(201, _response_out(response))


@router.post(
    "/check",
    response={200: list[ResponseConflictOut], **ERRORS},
    operation_id="check_response_overlaps",
    summary="Verifica le sovrapposizioni",
)
def check_response_overlaps(request, payload: OverlapCheckIn):
    """The responses I may see that the described one would overlap (nothing is written)."""
    _check_person_facing(request)
    person = people_queries.get_person_for_user(request.user, payload.person_id, purpose="risposta (API)")
    found = actions.check_overlaps(
        actor=request.user,
        person=person,
        type=_type(payload.type),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        household=_household(person, payload.household_id),
    )
    return [actions.describe_conflict(response) for response in found]


@router.post(
    "/{response_id}/cancel",
    response={200: ResponseOut, **ERRORS},
    operation_id="cancel_response",
    summary="Annulla una risposta",
)
def cancel_response(request, response_id: int, payload: ResponseCancelIn):
    """Cancel a response my organisation recorded by mistake (the reason is required)."""
    response = queries.get_response_for_user(request.user, response_id)
    return _response_out(actions.cancel_response(response, actor=request.user, reason=payload.reason))


@router.get("/alerts", response={200: list[OverlapAlertOut], **ERRORS}, operation_id="list_overlap_alerts")
def list_overlap_alerts(request, filters: Query[AlertFilters]):
    """Overlap alerts of my organisation and of the cases I see (each side only when I may see it)."""
    _check_person_facing(request)
    alerts = queries.alerts_visible_to(request.user)
    if filters.status:
        alerts = alerts.filter(status=filters.status)
    views = queries.alert_views(request.user, alerts[:200])
    queries.record_disclosure(
        request.user, [view for view in views if view.person_visible], target="responses.overlapalert"
    )
    return [_alert_out(view) for view in views]


@router.post(
    "/alerts/{alert_id}/decide",
    response={200: OverlapAlertOut, **ERRORS},
    operation_id="decide_overlap_alert",
)
def decide_overlap_alert(request, alert_id: int, payload: OverlapDecisionIn):
    """Mark an overlap complementary (intended) or resolved, with a note: the case lead or a supervisor."""
    alert = queries.get_alert_for_user(request.user, alert_id)
    actions.decide_overlap(alert, actor=request.user, status=payload.status, note=payload.note)
    alert = queries.get_alert_for_user(request.user, alert_id)
    return _alert_out(queries.alert_views(request.user, [alert])[0])
