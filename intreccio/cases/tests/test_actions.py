"""Actions of taking in charge: every transition of Case.TRANSITIONS, hand-over, team, events and audit."""

import pytest
from django.core import mail

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.cases import actions, events
from intreccio.cases.exceptions import CaseAlreadyOpen
from intreccio.cases.models import Case, CaseMember, CaseStatusChange, LeadHandover
from intreccio.core.exceptions import ApplicationError, Conflict, InvalidTransition, PermissionDenied

from .factories import PersonFactory

S = Case.Status
# The named move that reaches each status from each status it may come from.
MOVE_FOR = {
    (S.TO_ASSESS, S.ACTIVE): "activate",
    (S.SUSPENDED, S.ACTIVE): "resume",
    (S.CLOSED, S.ACTIVE): "reopen",
}
MOVES_TO = {
    S.ACTIVE: ["activate", "resume", "reopen"],
    S.SUSPENDED: ["suspend"],
    S.CLOSED: ["close"],
}


def move_for(source, target) -> str:
    return MOVE_FOR.get((source, target)) or MOVES_TO[target][0]


def case_in(status, network, person=None):
    case = actions.open_case(
        actor=network.ana, person=person or PersonFactory(), lead=network.ana, team=network.team
    )
    if status in (S.ACTIVE, S.SUSPENDED):
        case = actions.activate_case(case, actor=network.ana)
    if status == S.SUSPENDED:
        case = actions.suspend_case(case, actor=network.ana, reason="Ricoverata")
    if status == S.CLOSED:
        case = actions.close_case(case, actor=network.ana, outcome=Case.Outcome.GOALS_REACHED)
    assert case.status == status
    return case


def arguments(move):
    return {"reason": "Motivo scritto", "outcome": Case.Outcome.LOST_CONTACT if move == "close" else ""}


@pytest.mark.parametrize("source, target", Case.TRANSITIONS.pairs())
def test_every_allowed_transition_goes_through(network, source, target):
    case = case_in(source, network)
    move = move_for(source, target)
    changed = actions.change_status(case, actor=network.ana, move=move, **arguments(move))
    case.refresh_from_db()
    assert case.status == target
    change = CaseStatusChange.objects.filter(case=case).first()
    assert (change.from_status, change.to_status, change.changed_by) == (source, target, network.ana)
    event = DomainEvent.objects.filter(subject_type="cases.case", subject_id=str(case.pk)).latest("pk")
    assert event.kind == actions.MOVES[move][2]
    assert event.payload["from"] == source
    assert event.person_id == case.person_id
    assert changed.status == target


DENIED = [
    (source, target)
    for source in sorted(Case.TRANSITIONS.states())
    for target in sorted(Case.TRANSITIONS.states())
    if source != target and not Case.TRANSITIONS.allows(source, target) and target in MOVES_TO
]


def test_no_move_leads_back_to_assessment():
    assert {target for target, _sources, _kind in actions.MOVES.values()} == set(MOVES_TO)
    assert not any(Case.TRANSITIONS.allows(source, S.TO_ASSESS) for source in Case.TRANSITIONS.states())


@pytest.mark.parametrize("source, target", DENIED)
def test_every_other_transition_is_refused_and_changes_nothing(network, source, target):
    assert DENIED  # the table refuses something (to_assess → suspended, closed → suspended…)
    case = case_in(source, network)
    for move in MOVES_TO[target]:
        before = DomainEvent.objects.count(), CaseStatusChange.objects.count()
        with pytest.raises(InvalidTransition):
            actions.change_status(case, actor=network.ana, move=move, **arguments(move))
        case.refresh_from_db()
        assert case.status == source
        assert (DomainEvent.objects.count(), CaseStatusChange.objects.count()) == before


def test_a_named_move_refuses_the_wrong_start_even_if_the_table_allows_the_target(network):
    case = case_in(S.TO_ASSESS, network)
    with pytest.raises(InvalidTransition, match="Sospesa"):
        actions.resume_case(case, actor=network.ana)
    case.refresh_from_db()
    assert case.status == S.TO_ASSESS


def test_closing_twice_changes_nothing_the_second_time(network):
    case = case_in(S.CLOSED, network)
    events_before = DomainEvent.objects.count()
    actions.close_case(case, actor=network.ana, outcome=Case.Outcome.REFUSED)
    case.refresh_from_db()
    assert case.outcome == Case.Outcome.GOALS_REACHED
    assert DomainEvent.objects.count() == events_before


def test_open_case_makes_the_lead_a_member_and_records_the_event(
    network, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.open_case(
            actor=network.diana, person=person, lead=network.ana, team=network.team, categories=["housing"]
        )
    assert (case.status, case.lead, case.lead_organisation) == (S.TO_ASSESS, network.ana, network.comune)
    assert list(case.members.values_list("user__email", flat=True)) == ["ana@test.intreccio.it"]
    event = DomainEvent.objects.get(kind=events.CASE_OPENED)
    assert (event.person_id, event.categories, event.actor) == (person.pk, ["housing"], network.diana)
    assert (
        AuditEntry.objects.filter(action="create", target_type="cases.case", person_id=person.pk).count() == 1
    )
    assert [m.to for m in mail.outbox] == [["ana@test.intreccio.it"]]
    assert "Rossi" not in mail.outbox[0].body  # e-mails name the case, never the person


def test_a_second_open_case_for_the_same_person_is_refused(network, case, enrico):
    with pytest.raises(CaseAlreadyOpen) as refused:
        actions.open_case(actor=enrico, person=case.person, lead=enrico)
    assert refused.value.case == case
    assert refused.value.code == "case_already_open"
    assert Case.objects.filter(person=case.person).count() == 1


def test_the_database_refusal_becomes_case_already_open(network, case, enrico, monkeypatch):
    """Under a race the check finds nothing, the unique constraint fires: same error."""
    real_filter = Case.objects.filter
    calls = []

    def blind_once(*args, **kwargs):
        queryset = real_filter(*args, **kwargs)
        if kwargs.get("person") == case.person and not calls:
            calls.append(1)
            return queryset.none()
        return queryset

    monkeypatch.setattr(Case.objects, "filter", blind_once)
    with pytest.raises(CaseAlreadyOpen) as refused:
        actions.open_case(actor=enrico, person=case.person, lead=enrico)
    assert refused.value.case.pk == case.pk


def test_only_case_leads_and_supervisors_open_cases_and_only_case_leads_lead(network, person):
    with pytest.raises(PermissionDenied):
        actions.open_case(actor=network.bruno, person=person, lead=network.ana)
    with pytest.raises(ApplicationError) as refused:
        actions.open_case(actor=network.diana, person=person, lead=network.bruno)
    assert refused.value.code == "not_a_case_lead"
    assert not Case.objects.exists()


def test_reopen_is_refused_while_the_person_has_another_open_case(network, enrico):
    person = PersonFactory()
    first = case_in(S.CLOSED, network, person)
    second = actions.open_case(actor=enrico, person=person, lead=enrico)
    with pytest.raises(CaseAlreadyOpen, match=f"n. {second.pk}"):
        actions.reopen_case(first, actor=network.ana, note="Torna da noi")
    first.refresh_from_db()
    assert first.status == S.CLOSED


def test_reopen_clears_the_outcome_and_needs_a_note(network):
    case = case_in(S.CLOSED, network)
    with pytest.raises(ApplicationError, match="motivo"):
        actions.reopen_case(case, actor=network.ana, note=" ")
    case = actions.reopen_case(case, actor=network.ana, note="Nuovo sfratto")
    assert (case.status, case.outcome, case.closed_at) == (S.ACTIVE, "", None)


def test_suspend_needs_a_reason_and_close_an_outcome(network):
    case = case_in(S.ACTIVE, network)
    with pytest.raises(ApplicationError, match="motivo"):
        actions.suspend_case(case, actor=network.ana, reason="")
    with pytest.raises(ApplicationError, match="esito"):
        actions.close_case(case, actor=network.ana, outcome="")
    case.refresh_from_db()
    assert case.status == S.ACTIVE


def test_who_changes_the_status(network, case):
    for outsider in (network.bruno, network.carla, network.laura, network.paolo):
        with pytest.raises(PermissionDenied):
            actions.activate_case(case, actor=outsider)
    assert actions.activate_case(case, actor=network.diana).status == S.ACTIVE  # the team's supervisor


# --- hand-over ---------------------------------------------------------------------------------


def test_the_whole_hand_over(network, case, enrico, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        handover = actions.propose_handover(
            case, actor=network.ana, to_user=enrico, note="Segue già la famiglia"
        )
    assert handover.to_organisation == network.caritas
    assert [m.to for m in mail.outbox] == [["enrico@test.intreccio.it"]]
    case.refresh_from_db()
    assert case.lead == network.ana  # nothing changes until accepted
    actions.accept_handover(handover, actor=enrico)
    case.refresh_from_db()
    handover.refresh_from_db()
    assert (case.lead, case.lead_organisation) == (enrico, network.caritas)
    assert handover.status == LeadHandover.Status.ACCEPTED
    assert handover.decided_at is not None
    members = set(case.members.filter(removed_at__isnull=True).values_list("user__email", flat=True))
    assert members == {"ana@test.intreccio.it", "enrico@test.intreccio.it"}
    kinds = list(
        DomainEvent.objects.filter(subject_id=str(case.pk), kind__startswith="LEAD_").values_list(
            "kind", flat=True
        )
    )
    assert kinds == [events.LEAD_HANDOVER_PROPOSED, events.LEAD_HANDOVER_ACCEPTED]


def test_hand_over_only_by_the_lead_or_supervisor_to_a_case_lead(network, case, enrico):
    with pytest.raises(PermissionDenied):
        actions.propose_handover(case, actor=network.bruno, to_user=enrico, note="x")
    with pytest.raises(ApplicationError) as refused:
        actions.propose_handover(case, actor=network.diana, to_user=network.carla, note="x")
    assert refused.value.code == "not_a_case_lead"
    with pytest.raises(ApplicationError) as refused:
        actions.propose_handover(case, actor=network.ana, to_user=network.ana, note="x")
    assert refused.value.code == "already_lead"
    with pytest.raises(ApplicationError) as refused:
        actions.propose_handover(case, actor=network.ana, to_user=enrico, note="  ")
    assert refused.value.code == "note_required"
    assert not LeadHandover.objects.exists()


def test_one_pending_hand_over_at_a_time(network, case, enrico):
    actions.propose_handover(case, actor=network.diana, to_user=enrico, note="Prima proposta")
    with pytest.raises(Conflict) as refused:
        actions.propose_handover(case, actor=network.ana, to_user=enrico, note="Seconda")
    assert refused.value.code == "handover_pending"


def test_only_the_recipient_accepts_or_declines(network, case, enrico):
    handover = actions.propose_handover(case, actor=network.ana, to_user=enrico, note="Nota")
    for other in (network.ana, network.diana, network.carla):
        with pytest.raises(PermissionDenied):
            actions.accept_handover(handover, actor=other)
        with pytest.raises(PermissionDenied):
            actions.decline_handover(handover, actor=other, reason="no")
    with pytest.raises(ApplicationError, match="perché"):
        actions.decline_handover(handover, actor=enrico, reason="")
    actions.decline_handover(handover, actor=enrico, reason="Non seguo quel territorio")
    handover.refresh_from_db()
    assert (handover.status, handover.decision_note) == ("declined", "Non seguo quel territorio")
    with pytest.raises(Conflict):
        actions.accept_handover(handover, actor=enrico)
    case.refresh_from_db()
    assert case.lead == network.ana


def test_cancel_by_the_proposer_and_closing_cancels_a_pending_hand_over(network, case, enrico):
    handover = actions.propose_handover(case, actor=network.diana, to_user=enrico, note="Nota")
    with pytest.raises(PermissionDenied):
        actions.cancel_handover(handover, actor=enrico)
    actions.cancel_handover(handover, actor=network.diana)
    handover.refresh_from_db()
    assert handover.status == "cancelled"
    second = actions.propose_handover(case, actor=network.ana, to_user=enrico, note="Di nuovo")
    actions.close_case(case, actor=network.ana, outcome=Case.Outcome.NOT_ELIGIBLE)
    second.refresh_from_db()
    assert second.status == "cancelled"
    with pytest.raises(Conflict):
        actions.accept_handover(second, actor=enrico)


def test_a_closed_case_is_not_handed_over(network, enrico):
    case = case_in(S.CLOSED, network)
    with pytest.raises(InvalidTransition, match="chiusa"):
        actions.propose_handover(case, actor=network.ana, to_user=enrico, note="Nota")


# --- team --------------------------------------------------------------------------------------


def test_team_members_from_any_organisation(network, case):
    member = actions.add_team_member(case, actor=network.ana, user=network.carla, role="Centro di ascolto")
    assert (member.organisation, member.role) == (network.caritas, "Centro di ascolto")
    with pytest.raises(Conflict):
        actions.add_team_member(case, actor=network.diana, user=network.carla)
    actions.remove_team_member(case, actor=network.diana, user=network.carla)
    assert not CaseMember.objects.filter(case=case, user=network.carla, removed_at__isnull=True).exists()
    added_again = actions.add_team_member(case, actor=network.ana, user=network.carla)
    assert added_again.pk != member.pk
    kinds = list(
        DomainEvent.objects.filter(kind__startswith="CASE_MEMBER_")
        .values_list("kind", flat=True)
        .order_by("pk")
    )
    assert kinds == [events.CASE_MEMBER_ADDED, events.CASE_MEMBER_REMOVED, events.CASE_MEMBER_ADDED]


def test_the_lead_never_leaves_the_team_and_outsiders_do_not_change_it(network, case):
    with pytest.raises(ApplicationError) as refused:
        actions.remove_team_member(case, actor=network.diana, user=network.ana)
    assert refused.value.code == "lead_stays"
    with pytest.raises(PermissionDenied):
        actions.add_team_member(case, actor=network.bruno, user=network.carla)
    network.paolo.memberships.update(active=False)
    network.paolo.refresh_roles()
    with pytest.raises(ApplicationError) as refused:
        actions.add_team_member(case, actor=network.ana, user=network.paolo)
    assert refused.value.code == "not_an_operator"
    assert case.members.filter(removed_at__isnull=True).count() == 1
