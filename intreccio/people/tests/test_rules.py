"""Visibility: one test per condition of people.rules, and consent withdrawal at the next request."""

import pytest
from django.urls import reverse

from intreccio.people import actions, queries, rules
from intreccio.people.models import Person

from .conftest import register

pytestmark = pytest.mark.django_db


def visible_ids(user):
    return set(queries.persons_visible_to(user).values_list("pk", flat=True))


def test_without_a_person_facing_role_nobody_is_visible(network, persons):
    assert visible_ids(network.paolo) == set()
    assert visible_ids(network.laura) == set()


def test_the_recording_organisation_sees_its_persons_whatever_their_sharing(network, persons):
    assert visible_ids(network.ana) == {person.pk for person in persons}


def test_without_a_relationship_another_organisation_sees_nobody(network, persons):
    assert visible_ids(network.carla) == set()


def test_a_related_organisation_sees_a_person_sharing_with_the_network(network, persons, related):
    mohamed = persons[0]
    related.add(network.caritas, mohamed)
    assert visible_ids(network.carla) == {mohamed.pk}


def test_selected_sharing_permits_a_named_organisation(network, persons, related):
    ekaterina = persons[1]
    related.add(network.caritas, ekaterina)
    assert visible_ids(network.carla) == {ekaterina.pk}


def test_selected_sharing_permits_a_named_kind_of_organisation(network, related):
    person = register(network.bruno, given_names="Ana", surnames="Lopes")
    actions.record_sharing_choice(
        person, actor=network.bruno, scope="selected", organisation_kinds=["charity"]
    )
    related.add(network.caritas, person)
    assert visible_ids(network.carla) == {person.pk}


def test_selected_sharing_hides_from_organisations_not_selected(network, related):
    person = register(network.bruno, given_names="Ana", surnames="Lopes")
    actions.record_sharing_choice(
        person, actor=network.bruno, scope="selected", organisation_kinds=["school"]
    )
    related.add(network.caritas, person)
    assert visible_ids(network.carla) == set()


def test_refused_sharing_hides_from_related_organisations(network, persons, related):
    giuseppe = persons[2]
    related.add(network.caritas, giuseppe)
    assert visible_ids(network.carla) == set()


def test_data_protection_officer_of_the_recording_organisation_reads_the_access_report(network, persons, dpo):
    assert rules.can_view_access_report(dpo, persons[0])


def test_supervisor_of_the_recording_organisation_reads_the_access_report(network, persons):
    assert rules.can_view_access_report(network.diana, persons[0])


def test_others_do_not_read_the_access_report(network, persons):
    assert not rules.can_view_access_report(network.ana, persons[0])
    assert not rules.can_view_access_report(network.carla, persons[0])


def test_withdrawing_consent_removes_another_organisations_visibility_at_its_next_request(
    network, related, client_for
):
    """Caritas is related (a consent-needing relationship) and sees the person; the Comune records the
    withdrawal; Caritas's very next request is refused (404) and its next search does not show the person."""
    person = register(network.bruno, given_names="Olena", surnames="Kovalenko")
    actions.record_sharing_choice(person, actor=network.bruno, scope="network")
    related.add(network.caritas, person)
    carla = client_for(network.carla)
    assert carla.get(reverse("people:person", args=[person.pk])).status_code == 200
    assert [r.person_id for r in queries.find_persons(network.carla, "Olena Kovalenko")] == [person.pk]

    actions.withdraw_sharing(person, actor=network.bruno)

    assert carla.get(reverse("people:person", args=[person.pk])).status_code == 404
    assert queries.find_persons(network.carla, "Olena Kovalenko") == []
    assert Person.objects.get(pk=person.pk).sharing == "refused"
    # The recording organisation still helps the person.
    assert person.pk in visible_ids(network.ana)
