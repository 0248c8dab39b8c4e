"""Each line of cases.rules, and the queryset scope agreeing with the predicates."""

import pytest

from intreccio.cases import actions, queries, rules
from intreccio.people.models import ConsentRecord, Person

from .factories import PersonFactory


@pytest.fixture
def carla_on_team(network, case):
    actions.add_team_member(case, actor=network.ana, user=network.carla, role="Ascolto")
    return case


def visible(user, case) -> bool:
    return queries.cases_visible_to(user).filter(pk=case.pk).exists()


def test_the_lead_sees_and_manages(network, case):
    assert rules.is_case_lead(network.ana, case)
    assert rules.can_view_case(network.ana, case)
    assert rules.can_change_status(network.ana, case)
    assert visible(network.ana, case)


def test_the_responsible_teams_supervisor_manages_and_its_members_see(network, case):
    assert rules.supervises_responsible_team(network.diana, case)
    assert rules.can_handover(network.diana, case)
    assert rules.is_on_responsible_team(network.bruno, case)
    assert rules.can_view_case(network.bruno, case)
    assert not rules.can_manage_team(network.bruno, case)
    assert visible(network.diana, case)
    assert visible(network.bruno, case)


def test_a_member_of_another_organisation_sees_while_consent_reaches_it(network, carla_on_team):
    case = carla_on_team
    assert rules.is_active_case_member(network.carla, case)
    assert rules.member_organisation_may_see(network.carla, case)
    assert rules.can_view_case(network.carla, case)
    assert visible(network.carla, case)
    Person.objects.filter(pk=case.person_id).update(sharing=Person.Sharing.REFUSED)
    case = queries.get_case_for_action(network.ana, case.pk)  # fresh person row: no cached consent
    assert not rules.can_view_case(network.carla, case)
    assert not visible(network.carla, case)
    assert rules.can_view_case(network.ana, case)  # the lead always


def test_selected_sharing_names_the_organisations_or_their_kinds(network, carla_on_team):
    case = carla_on_team
    Person.objects.filter(pk=case.person_id).update(sharing=Person.Sharing.SELECTED)
    consent = ConsentRecord.objects.create(
        person_id=case.person_id,
        scope=Person.Sharing.SELECTED,
        recorded_by=network.ana,
        organisation=network.comune,
        organisation_kinds=[],
    )
    assert not visible(network.carla, case)
    consent.organisation_kinds = [network.caritas.kind]
    consent.save()
    assert visible(network.carla, case)
    assert rules.can_view_case(network.carla, queries.get_case_for_action(network.ana, case.pk))
    consent.organisation_kinds = []
    consent.save()
    consent.organisations.add(network.caritas)
    assert visible(network.carla, case)


def test_outsiders_see_nothing(network, case):
    for outsider in (network.laura, network.carla, network.paolo, network.sara):
        assert not rules.can_view_case(outsider, case)
        assert not visible(outsider, case)


def test_hand_over_predicates(network, case, enrico):
    handover = actions.propose_handover(case, actor=network.diana, to_user=enrico, note="Nota")
    assert rules.is_handover_recipient(enrico, handover)
    assert rules.can_accept_handover(enrico, handover)
    assert not rules.can_accept_handover(network.ana, handover)
    assert rules.proposed_the_handover(network.diana, handover)
    assert rules.manages_the_handover_case(network.ana, handover)
    assert not rules.can_cancel_handover(enrico, handover)
    assert rules.leads_cases_somewhere(enrico)
    assert not rules.leads_cases_somewhere(network.bruno)
    assert rules.can_open_case(network.diana)
    assert not rules.can_open_case(network.carla)


def test_lead_contacts_and_relationship_sources(network, case, enrico):
    contact = queries.lead_contacts([case.person_id, PersonFactory().pk])
    assert list(contact) == [case.person_id]
    assert (contact[case.person_id].lead_email, contact[case.person_id].organisation_name) == (
        "ana@test.intreccio.it",
        "Comune di Lecco",
    )
    assert list(queries.person_ids_of_lead_organisation(network.bruno, network.comune.pk)) == [case.person_id]
    assert list(queries.person_ids_of_case_teams(network.diana, network.comune.pk)) == [case.person_id]
    assert list(queries.person_ids_of_case_teams(network.carla, network.caritas.pk)) == []
    assert queries.open_case_of(case.person_id) == case
