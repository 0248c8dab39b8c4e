"""One lead per person, also under races (PostgreSQL: real row locks and concurrent transactions).

Uses the house race framework (tests/security/test_concurrency.py): THREADS
threads with their own connections released together, REPETITIONS times.
"""

import pytest
from django.db import connection

from intreccio.audit.models import DomainEvent
from intreccio.cases import actions, events
from intreccio.cases.models import Case, CaseMember, LeadHandover
from tests.security.test_concurrency import REPETITIONS, THREADS, race

from .factories import PersonFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")


def open_leads(person) -> list[int]:
    return list(Case.objects.filter(person=person).exclude(status="closed").values_list("lead_id", flat=True))


def test_concurrent_open_case_gives_one_case_and_one_lead(network, enrico):
    for _repetition in range(REPETITIONS):
        person = PersonFactory()
        outcomes = race(
            lambda lead, person=person: actions.open_case(actor=lead, person=person, lead=lead),
            [network.ana, enrico] * (THREADS // 2),
        )
        assert outcomes.count("ok") == 1, outcomes
        assert outcomes.count("case_already_open") == THREADS - 1, outcomes
        assert len(open_leads(person)) == 1
        case = Case.objects.get(person=person)
        assert DomainEvent.objects.filter(kind=events.CASE_OPENED, subject_id=str(case.pk)).count() == 1


def test_concurrent_acceptances_of_a_hand_over_change_the_lead_once(network, enrico):
    for _repetition in range(REPETITIONS):
        person = PersonFactory()
        case = actions.open_case(actor=network.ana, person=person, lead=network.ana)
        handover = actions.propose_handover(case, actor=network.ana, to_user=enrico, note="Nota")
        outcomes = race(
            lambda _i, handover=handover: actions.accept_handover(
                LeadHandover.objects.get(pk=handover.pk), actor=enrico
            ),
            list(range(THREADS)),
        )
        assert outcomes.count("ok") == 1, outcomes
        assert outcomes.count("handover_not_pending") == THREADS - 1, outcomes
        assert open_leads(person) == [enrico.pk]
        assert CaseMember.objects.filter(case=case, user=enrico, removed_at__isnull=True).count() == 1
        accepted = DomainEvent.objects.filter(kind=events.LEAD_HANDOVER_ACCEPTED, subject_id=str(case.pk))
        assert accepted.count() == 1


def test_accept_racing_cancel_and_a_new_proposal_leaves_one_consistent_lead(network, enrico):
    """The recipient accepts while the lead cancels and re-proposes: one outcome wins, one lead."""
    for _repetition in range(REPETITIONS):
        person = PersonFactory()
        case = actions.open_case(actor=network.ana, person=person, lead=network.ana)
        handover = actions.propose_handover(case, actor=network.ana, to_user=enrico, note="Nota")

        def act(kind, handover=handover, case=case):
            fresh = LeadHandover.objects.get(pk=handover.pk)
            if kind == "accept":
                actions.accept_handover(fresh, actor=enrico)
            elif kind == "cancel":
                actions.cancel_handover(fresh, actor=network.ana)
            else:
                actions.propose_handover(
                    Case.objects.get(pk=case.pk), actor=network.diana, to_user=enrico, note="Bis"
                )

        outcomes = race(act, ["accept", "cancel", "propose", "accept"] * (THREADS // 4))
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        leads = open_leads(person)
        assert len(leads) == 1
        handover.refresh_from_db()
        assert (handover.status == "accepted") == (leads == [enrico.pk])
        assert LeadHandover.objects.filter(case=case, status="proposed").count() <= 1


def test_concurrent_reopen_of_two_closed_cases_keeps_one_open(network, enrico):
    for _repetition in range(REPETITIONS):
        person = PersonFactory()
        closed = []
        for lead in (network.ana, enrico):
            case = actions.open_case(actor=lead, person=person, lead=lead)
            closed.append(actions.close_case(case, actor=lead, outcome="lost_contact"))
        outcomes = race(
            lambda index, closed=closed: actions.reopen_case(
                Case.objects.get(pk=closed[index % 2].pk),
                actor=[network.ana, enrico][index % 2],
                note="Torna",
            ),
            list(range(THREADS)),
        )
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert len(open_leads(person)) == 1
