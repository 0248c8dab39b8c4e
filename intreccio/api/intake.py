"""Any-door intake endpoints (/api/v1/intake/): record, report, queue, inbox, handle, routing rules.

The same actions, queries and rules as the pages: lists write one SEARCH
audit entry, a single intake one READ entry.
"""

import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from intreccio.accounts.models import Team
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.directory import queries as directory_queries
from intreccio.intake import actions, queries
from intreccio.intake.models import Urgency
from intreccio.intake.rules import can_handle_intake, can_record_intake, can_view_queue
from intreccio.organisations import queries as organisation_queries
from intreccio.territory import queries as territory_queries

from .main import ERRORS

router = Router(tags=["intake"])


class IntakeOut(Schema):
    id: int
    person_id: int | None
    subject: str = Field(description="Il nome della persona, o la descrizione di chi non è identificato")
    source: str
    status: str
    urgency: str
    needs: list[str]
    organisation: str
    access_point_kind: str
    micro_territory: str | None
    occurred_at: datetime.datetime
    narrative: str
    done_on_the_spot: str
    routed_to_team_id: int | None
    routed_to_team: str | None
    routed_to_user_id: int | None
    routing_reason: str
    case_id: int | None
    shared: bool
    due_at: datetime.datetime | None
    overdue: bool
    reminded_at: datetime.datetime | None
    escalated_at: datetime.datetime | None


def _out(intake, visible: set[int]) -> dict:
    return {
        "id": intake.pk,
        "person_id": intake.person_id,
        "subject": queries.person_label(intake, visible=intake.person_id in visible),
        "source": intake.source,
        "status": intake.status,
        "urgency": intake.urgency,
        "needs": [need.code for need in intake.needs.all()],
        "organisation": intake.organisation.name,
        "access_point_kind": intake.access_point_kind,
        "micro_territory": intake.micro_territory.code if intake.micro_territory_id else None,
        "occurred_at": intake.occurred_at,
        "narrative": intake.narrative,
        "done_on_the_spot": intake.done_on_the_spot,
        "routed_to_team_id": intake.routed_to_team_id,
        "routed_to_team": intake.routed_to_team.name if intake.routed_to_team_id else None,
        "routed_to_user_id": intake.routed_to_user_id,
        "routing_reason": intake.routing_reason,
        "case_id": intake.case_id,
        "shared": intake.shared,
        "due_at": intake.due_at,
        "overdue": queries.is_overdue(intake),
        "reminded_at": intake.reminded_at,
        "escalated_at": intake.escalated_at,
    }


def _needs(codes: list[str]) -> list:
    found = {need.code: need for need in directory_queries.active_needs().filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ApplicationError(
            _("Bisogni sconosciuti: %(codes)s. I codici sono in /api/v1/directory/needs.")
            % {"codes": ", ".join(unknown)},
            code="unknown_need",
            details={"field": "needs"},
        )
    return [found[code] for code in dict.fromkeys(codes)]


def _micro_territory(code: str | None):
    if not code:
        return None
    micro = territory_queries.micro_territories().filter(code=code).first()
    if micro is None:
        raise ApplicationError(
            _("Microterritorio sconosciuto: «%(code)s».") % {"code": code},
            code="unknown_micro_territory",
            details={"field": "micro_territory"},
        )
    return micro


def _team(team_id: int) -> Team:
    team = queries.routable_teams().filter(pk=team_id).first()
    if team is None:
        raise ApplicationError(
            _("Équipe sconosciuta o non attiva: %(id)s.") % {"id": team_id},
            code="unknown_team",
            details={"field": "team"},
        )
    return team


class IntakeIn(Schema):
    person_id: int
    needs: list[str] = Field(..., min_length=1, max_length=30, description="Codici dei bisogni")
    urgency: Urgency
    narrative: str = Field("", max_length=5000)
    done_on_the_spot: str = Field("", max_length=5000)
    access_point_id: int | None = None
    micro_territory: str | None = Field(None, max_length=80, description="Codice del microterritorio")


@router.post("/intakes", response={201: IntakeOut, **ERRORS}, operation_id="record_intake")
def record_intake(request, payload: IntakeIn):
    """Record an intake about a person met at an access point; it is routed at once."""
    if not can_record_intake(request.user):
        raise PermissionDenied(_("Solo chi lavora con le persone in un ente può registrare un accesso."))
    person = queries.person_for_intake(request.user, payload.person_id)
    access_point = None
    if payload.access_point_id is not None:
        access_point = organisation_queries.access_points().filter(pk=payload.access_point_id).first()
        if access_point is None:
            raise ApplicationError(_("Punto di accesso sconosciuto."), code="unknown_access_point")
    intake = actions.record_intake(
        actor=request.user,
        person=person,
        needs=_needs(payload.needs),
        urgency=payload.urgency,
        narrative=payload.narrative,
        done_on_the_spot=payload.done_on_the_spot,
        access_point=access_point,
        micro_territory=_micro_territory(payload.micro_territory),
    )
    return Status(201, _one(request.user, intake.pk))


class ConcernIn(Schema):
    subject_description: str = Field(..., min_length=1, max_length=250)
    needs: list[str] = Field(..., min_length=1, max_length=30)
    urgency: Urgency
    micro_territory: str | None = Field(None, max_length=80)
    narrative: str = Field("", max_length=5000)
    contact: str = Field("", max_length=200)


@router.post("/concerns", response={201: IntakeOut, **ERRORS}, operation_id="report_concern")
def report_concern(request, payload: ConcernIn):
    """A sentinel's report about someone, with minimal data; routed like any intake."""
    intake = actions.report_concern(
        actor=request.user,
        subject_description=payload.subject_description,
        needs=_needs(payload.needs),
        urgency=payload.urgency,
        micro_territory=_micro_territory(payload.micro_territory),
        narrative=payload.narrative,
        contact=payload.contact,
    )
    return Status(201, _one(request.user, intake.pk))


@router.get("/queue", response={200: list[IntakeOut], **ERRORS}, operation_id="intake_team_queue")
def intake_team_queue(request):
    """The intakes waiting in my teams' queues, the earliest deadline first."""
    if not can_view_queue(request.user):
        raise PermissionDenied(_("La coda è riservata a chi lavora con le persone."))
    intakes = queries.team_queue(request.user)
    queries.audit_list_read(request.user, intakes, list_name="queue")
    intakes = list(intakes)
    visible = queries.visible_person_ids(request.user, (intake.person_id for intake in intakes))
    return [_out(intake, visible) for intake in intakes]


class InboxOut(Schema):
    routed_to_me: list[IntakeOut]
    other_doors: list[IntakeOut]
    overdue: list[IntakeOut]


@router.get("/inbox", response={200: InboxOut, **ERRORS}, operation_id="intake_inbox")
def intake_inbox(request):
    """My inbox: intakes routed to me, about my persons from other doors, my overdue ones."""
    if not can_view_queue(request.user):
        raise PermissionDenied(_("La posta in arrivo è riservata a chi lavora con le persone."))
    sections = queries.inbox(request.user)
    queries.audit_list_read(
        request.user, {i.pk: i for rows in sections.values() for i in rows}.values(), list_name="inbox"
    )
    sections = {name: list(items) for name, items in sections.items()}
    person_ids = (intake.person_id for items in sections.values() for intake in items)
    visible = queries.visible_person_ids(request.user, person_ids)
    return {name: [_out(intake, visible) for intake in items] for name, items in sections.items()}


@router.get("/intakes/{intake_id}", response={200: IntakeOut, **ERRORS}, operation_id="get_intake")
def get_intake(request, intake_id: int):
    return _one(request.user, intake_id)


class CaseRef(Schema):
    case_id: int
    intake: IntakeOut


@router.post(
    "/intakes/{intake_id}/take", response={200: CaseRef, **ERRORS}, operation_id="take_intake_in_charge"
)
def take_intake_in_charge(request, intake_id: int):
    """Take the person in charge as their case lead (or join the case opened meanwhile)."""
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="presa in carico")
    case = actions.take_in_charge(intake, actor=request.user)
    return {"case_id": case.pk, "intake": _one(request.user, intake_id)}


@router.post(
    "/intakes/{intake_id}/acknowledge", response={200: IntakeOut, **ERRORS}, operation_id="acknowledge_intake"
)
def acknowledge_intake(request, intake_id: int):
    """The case lead acknowledges an intake about their person: it joins the case."""
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="conferma del case manager")
    actions.acknowledge_intake(intake, actor=request.user)
    return _one(request.user, intake_id)


class RerouteIn(Schema):
    team_id: int
    note: str = Field(..., min_length=1, max_length=2000)


@router.post(
    "/intakes/{intake_id}/reroute", response={200: IntakeOut, **ERRORS}, operation_id="reroute_intake"
)
def reroute_intake(request, intake_id: int, payload: RerouteIn):
    """Send the intake to another team, saying why; the deadline restarts."""
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="nuovo smistamento")
    if not can_handle_intake(request.user, intake):
        raise PermissionDenied(_("Solo chi ha ricevuto l'accesso può indirizzarlo altrove."))
    actions.reroute_intake(intake, actor=request.user, team=_team(payload.team_id), note=payload.note)
    return _one(request.user, intake_id)


class CloseIn(Schema):
    note: str = Field(..., min_length=1, max_length=2000)


@router.post("/intakes/{intake_id}/close", response={200: IntakeOut, **ERRORS}, operation_id="close_intake")
def close_intake(request, intake_id: int, payload: CloseIn):
    """Close without taking in charge (not for the network, solved on the spot), saying why."""
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="chiusura dell'accesso")
    actions.close_intake(intake, actor=request.user, note=payload.note)
    return _one(request.user, intake_id)


# --- routing rules ----------------------------------------------------------------------------


class RuleOut(Schema):
    id: int
    micro_territory: str | None = Field(description="Codice; null = tutto l'ambito")
    need: str | None = Field(description="Codice; null = ogni bisogno")
    team_id: int
    team: str
    organisation: str
    active: bool


def _one(user, intake_id) -> dict:
    intake = queries.get_intake_for_user(user, intake_id)
    return _out(intake, queries.visible_person_ids(user, [intake.person_id]))


def _rule_out(rule) -> dict:
    return {
        "id": rule.pk,
        "micro_territory": rule.micro_territory.code if rule.micro_territory_id else None,
        "need": rule.need.code if rule.need_id else None,
        "team_id": rule.team_id,
        "team": rule.team.name,
        "organisation": rule.team.organisation.name,
        "active": rule.active,
    }


class RuleIn(Schema):
    micro_territory: str | None = Field(None, max_length=80)
    need: str | None = Field(None, max_length=50)
    team_id: int


def _rule_values(payload: RuleIn) -> dict:
    return {
        "micro_territory": _micro_territory(payload.micro_territory),
        "need": _needs([payload.need])[0] if payload.need else None,
        "team": _team(payload.team_id),
    }


@router.get("/rules", response={200: list[RuleOut], **ERRORS}, operation_id="list_routing_rules")
def list_routing_rules(request):
    """Which team receives which intakes (every operator may see it)."""
    return [_rule_out(rule) for rule in queries.routing_rules()]


@router.post("/rules", response={201: RuleOut, **ERRORS}, operation_id="create_routing_rule")
def create_routing_rule(request, payload: RuleIn):
    """Add a routing rule (planning office administrators, system administrator)."""
    actions.check_can_manage_routing(request.user)
    rule = actions.create_routing_rule(actor=request.user, **_rule_values(payload))
    return Status(201, _rule_out(queries.get_routing_rule(rule.pk)))


@router.put("/rules/{rule_id}", response={200: RuleOut, **ERRORS}, operation_id="update_routing_rule")
def update_routing_rule(request, rule_id: int, payload: RuleIn):
    actions.check_can_manage_routing(request.user)
    rule = queries.get_routing_rule(rule_id)
    actions.update_routing_rule(rule, actor=request.user, **_rule_values(payload))
    return _rule_out(queries.get_routing_rule(rule_id))


@router.post(
    "/rules/{rule_id}/deactivate", response={200: RuleOut, **ERRORS}, operation_id="deactivate_routing_rule"
)
def deactivate_routing_rule(request, rule_id: int):
    actions.check_can_manage_routing(request.user)
    rule = queries.get_routing_rule(rule_id)
    actions.deactivate_routing_rule(rule, actor=request.user)
    return _rule_out(queries.get_routing_rule(rule_id))
