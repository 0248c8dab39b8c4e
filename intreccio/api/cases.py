"""Taking in charge through the API (/api/v1/cases/): my cases, one case, status, hand-over, team.

The same actions, queries and rules as the pages; refusals in the one error body.
"""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from intreccio.cases import actions, queries
from intreccio.cases.models import Case, CaseNote
from intreccio.core.exceptions import PermissionDenied
from intreccio.core.roles import PERSON_FACING_ROLES

from .main import ERRORS
from .pagination import Pagination

router = Router(tags=["cases"])


# Plain value lists, not enums: django-ninja names an enum component after its
# class ("Status", "Outcome"), and same-named enums of other apps would collide
# in the OpenAPI schema.
CaseStatus = Literal[tuple(Case.Status.values)]
CaseOutcome = Literal[tuple(Case.Outcome.values)]


class MemberOut(Schema):
    user_id: int
    name: str
    organisation: str
    role: str


class CaseOut(Schema):
    id: int
    person_id: int
    person_name: str
    status: CaseStatus
    lead_id: int
    lead_name: str
    lead_organisation: str
    team: str | None = None
    opened_at: datetime.datetime
    status_changed_at: datetime.datetime
    outcome: str
    categories: list[str]


class CaseDetailOut(CaseOut):
    members: list[MemberOut]
    pending_handover_id: int | None = None


class HandoverOut(Schema):
    id: int
    case_id: int
    from_user_id: int
    to_user_id: int
    to_organisation: str
    status: str
    note: str
    proposed_at: datetime.datetime
    decided_at: datetime.datetime | None = None


def _case_out(case) -> dict:
    return {
        "id": case.pk,
        "person_id": case.person_id,
        "person_name": queries.person_of(case).full_name,
        "status": case.status,
        "lead_id": case.lead_id,
        "lead_name": case.lead.get_full_name(),
        "lead_organisation": case.lead_organisation.name,
        "team": case.team.name if case.team_id else None,
        "opened_at": case.opened_at,
        "status_changed_at": case.status_changed_at,
        "outcome": case.outcome,
        "categories": [str(category) for category in case.categories],
    }


def _detail_out(case) -> dict:
    pending = queries.pending_handover_of(case)
    return {
        **_case_out(case),
        "members": [
            {
                "user_id": member.user_id,
                "name": member.user.get_full_name(),
                "organisation": member.organisation.name,
                "role": member.role,
            }
            for member in case.active_members
        ],
        "pending_handover_id": pending.pk if pending else None,
    }


def _handover_out(handover) -> dict:
    return {
        "id": handover.pk,
        "case_id": handover.case_id,
        "from_user_id": handover.from_user_id,
        "to_user_id": handover.to_user_id,
        "to_organisation": handover.to_organisation.name,
        "status": handover.status,
        "note": handover.note,
        "proposed_at": handover.proposed_at,
        "decided_at": handover.decided_at,
    }


class CaseFilters(Schema):
    role: Literal["lead", "member"] = "lead"
    status: CaseStatus | None = None


class CasePagination(Pagination):
    """The persons a page of cases disclosed are audited once per page (SEARCH)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        cases = list(page["items"])
        queries.record_disclosure(request.user, cases)
        page["items"] = [_case_out(case) for case in cases]
        return page


@router.get("/", response=list[CaseOut], operation_id="list_my_cases", summary="Le mie prese in carico")
@paginate(CasePagination, page_size=25)
def list_my_cases(request, filters: Query[CaseFilters]):
    """Cases I lead (role=lead) or whose team I am on (role=member), newest change first."""
    if not request.user.has_role(*PERSON_FACING_ROLES):
        raise PermissionDenied("Le prese in carico sono degli operatori che lavorano con le persone.")
    return queries.my_cases(request.user, as_role=filters.role, status=filters.status or "")


@router.get("/handovers", response={200: list[HandoverOut], **ERRORS}, operation_id="list_my_handovers")
def list_my_handovers(request):
    """Hand-overs waiting for my answer (the case and the proposer's note)."""
    if not request.user.has_role(*PERSON_FACING_ROLES):
        raise PermissionDenied("Le prese in carico sono degli operatori che lavorano con le persone.")
    handovers = list(queries.handovers_addressed_to(request.user).select_related("to_organisation"))
    queries.record_disclosure(request.user, [handover.case for handover in handovers])
    return [_handover_out(handover) for handover in handovers]


@router.get(
    "/{case_id}",
    response={200: CaseDetailOut, **ERRORS},
    operation_id="get_case",
    summary="Una presa in carico",
)
def get_case(request, case_id: int):
    """A case I may see, with its team (the consultation is audited; 404 whether missing or hidden)."""
    return _detail_out(queries.get_case_for_user(request.user, case_id, purpose="API"))


class StatusIn(Schema):
    reason: str = Field("", max_length=4000)


class RequiredReasonIn(Schema):
    reason: str = Field(..., max_length=4000)


class CaseCloseIn(Schema):
    outcome: CaseOutcome
    note: str = Field("", max_length=4000)


def _move(request, case_id: int, move: str, **kwargs) -> dict:
    case = queries.get_case_for_action(request.user, case_id)
    actions.change_status(case, actor=request.user, move=move, **kwargs)
    return _detail_out(queries.get_case_for_action(request.user, case_id))


@router.post("/{case_id}/activate", response={200: CaseDetailOut, **ERRORS}, operation_id="activate_case")
def activate_case(request, case_id: int, payload: StatusIn):
    """Start the assessment: "to_assess" → "active" (the lead or the team's supervisor)."""
    return _move(request, case_id, "activate", reason=payload.reason)


@router.post("/{case_id}/suspend", response={200: CaseDetailOut, **ERRORS}, operation_id="suspend_case")
def suspend_case(request, case_id: int, payload: RequiredReasonIn):
    """Suspend an active case; the reason is required (400 reason_required when blank)."""
    return _move(request, case_id, "suspend", reason=payload.reason)


@router.post("/{case_id}/resume", response={200: CaseDetailOut, **ERRORS}, operation_id="resume_case")
def resume_case(request, case_id: int, payload: StatusIn):
    """Resume a suspended case."""
    return _move(request, case_id, "resume", reason=payload.reason)


@router.post("/{case_id}/close", response={200: CaseDetailOut, **ERRORS}, operation_id="close_case")
def close_case(request, case_id: int, payload: CaseCloseIn):
    """Close with an outcome; a pending hand-over is cancelled."""
    return _move(request, case_id, "close", outcome=payload.outcome, reason=payload.note)


@router.post("/{case_id}/reopen", response={200: CaseDetailOut, **ERRORS}, operation_id="reopen_case")
def reopen_case(request, case_id: int, payload: RequiredReasonIn):
    """Reopen a closed case (409 case_already_open when the person has another open case)."""
    return _move(request, case_id, "reopen", reason=payload.reason)


class HandoverIn(Schema):
    to_user_id: int
    note: str = Field(..., max_length=4000)


@router.post(
    "/{case_id}/handover", response={201: HandoverOut, **ERRORS}, operation_id="propose_lead_handover"
)
def propose_lead_handover(request, case_id: int, payload: HandoverIn):
    """Propose another case lead as the new lead; the lead changes when they accept."""
    case = queries.get_case_for_action(request.user, case_id)
    to_user = queries.get_operator(payload.to_user_id)
    handover = actions.propose_handover(case, actor=request.user, to_user=to_user, note=payload.note)
    return Status(201, _handover_out(handover))


@router.post(
    "/handovers/{handover_id}/accept",
    response={200: CaseDetailOut, **ERRORS},
    operation_id="accept_lead_handover",
)
def accept_lead_handover(request, handover_id: int):
    """Become the case's lead (only the operator the hand-over is addressed to)."""
    handover = queries.get_handover_for_user(request.user, handover_id)
    case = actions.accept_handover(handover, actor=request.user)
    return _detail_out(queries.get_case_for_action(request.user, case.pk))


class DeclineIn(Schema):
    reason: str = Field(..., max_length=4000)


@router.post(
    "/handovers/{handover_id}/decline",
    response={200: HandoverOut, **ERRORS},
    operation_id="decline_lead_handover",
)
def decline_lead_handover(request, handover_id: int, payload: DeclineIn):
    """Decline a hand-over addressed to me, saying why."""
    handover = queries.get_handover_for_user(request.user, handover_id)
    return _handover_out(actions.decline_handover(handover, actor=request.user, reason=payload.reason))


@router.post(
    "/handovers/{handover_id}/cancel",
    response={200: HandoverOut, **ERRORS},
    operation_id="cancel_lead_handover",
)
def cancel_lead_handover(request, handover_id: int):
    """Withdraw a proposed hand-over (who proposed it, the lead or the team's supervisor)."""
    handover = queries.get_handover_for_user(request.user, handover_id)
    return _handover_out(actions.cancel_handover(handover, actor=request.user))


class MemberIn(Schema):
    user_id: int
    role: str = Field("", max_length=120)


@router.post("/{case_id}/team", response={201: CaseDetailOut, **ERRORS}, operation_id="add_case_member")
def add_case_member(request, case_id: int, payload: MemberIn):
    """Put an operator of any organisation on the case's team."""
    case = queries.get_case_for_action(request.user, case_id)
    user = queries.get_operator(payload.user_id)
    actions.add_team_member(case, actor=request.user, user=user, role=payload.role)
    return Status(201, _detail_out(queries.get_case_for_action(request.user, case_id)))


@router.delete(
    "/{case_id}/team/{user_id}", response={200: CaseDetailOut, **ERRORS}, operation_id="remove_case_member"
)
def remove_case_member(request, case_id: int, user_id: int):
    """Take an operator off the team (never the lead: 400 lead_stays)."""
    case = queries.get_case_for_action(request.user, case_id)
    actions.remove_team_member(case, actor=request.user, user=queries.get_operator(user_id))
    return _detail_out(queries.get_case_for_action(request.user, case_id))


# --- the diary ---------------------------------------------------------------------------------

NoteVisibility = Literal[tuple(CaseNote.Visibility.values)]


class CaseNoteOut(Schema):
    id: int
    case_id: int
    author_id: int
    author: str
    organisation: str
    body: str
    visibility: NoteVisibility
    categories: list[str]
    written_at: datetime.datetime


class CaseNoteIn(Schema):
    body: str = Field(..., max_length=20_000)
    visibility: NoteVisibility = CaseNote.Visibility.TEAM
    categories: list[str] = Field(default_factory=list)


def _note_out(note) -> dict:
    return {
        "id": note.pk,
        "case_id": note.case_id,
        "author_id": note.author_id,
        "author": note.author.get_full_name(),
        "organisation": note.organisation.name,
        "body": note.body,
        "visibility": note.visibility,
        "categories": [str(category) for category in note.categories],
        "written_at": note.written_at,
    }


@router.get(
    "/{case_id}/notes",
    response={200: list[CaseNoteOut], **ERRORS},
    operation_id="list_case_notes",
    summary="Il diario di una presa in carico",
)
def list_case_notes(request, case_id: int):
    """The case's diary notes I may read, newest first (reading the case is audited)."""
    case = queries.get_case_for_user(request.user, case_id, purpose="API: diario")
    return [_note_out(note) for note in queries.notes_of_case(request.user, case, limit=200)]


@router.post("/{case_id}/notes", response={201: CaseNoteOut, **ERRORS}, operation_id="write_case_note")
def write_case_note(request, case_id: int, payload: CaseNoteIn):
    """Write a note in the diary (the lead and the active team members); who reads it is `visibility`."""
    case = queries.get_case_for_action(request.user, case_id)
    note = actions.write_note(
        case,
        actor=request.user,
        body=payload.body,
        visibility=payload.visibility,
        categories=payload.categories,
    )
    return Status(201, _note_out(note))
