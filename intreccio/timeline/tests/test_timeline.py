"""The person's timeline: who sees which event, pages, filters, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intreccio.audit.log import record_event
from intreccio.audit.models import DomainEvent
from intreccio.cases import actions as cases
from intreccio.cases import events as case_events
from intreccio.core.context import acting_as
from intreccio.people import actions as people
from intreccio.people.models import Person
from intreccio.timeline.queries import timeline_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(network):
    """Nadia, registered by Carla at Caritas (Caritas always sees her), sharing with the network."""
    with acting_as("test", organisation_id=network.caritas.pk):
        return people.register_person(
            actor=network.carla, given_names="Nadia", surnames="Ferri", sharing=Person.Sharing.NETWORK
        )


@pytest.fixture
def case(network, person):
    """Nadia's case, led by Ana (Comune) with the Comune's team; Bruno on the case team."""
    with acting_as("test", organisation_id=network.comune.pk):
        case = cases.open_case(actor=network.ana, person=person, lead=network.ana, team=network.team)
        cases.add_team_member(case, actor=network.ana, user=network.bruno, role="Sportello")
    return case


def kinds_seen(user, person, **filters) -> list[str]:
    return [item.event.kind for item in timeline_for(user, person, **filters).items]


def test_a_case_audience_event_is_hidden_from_a_network_operator_who_sees_the_person(network, person, case):
    # Carla (Caritas) sees Nadia (her organisation registered her) but is not on the case:
    # she sees that a case was opened (network), not who joined its team (the case's audience).
    registered = ["SHARING_CHOICE_RECORDED", "PERSON_REGISTERED"]
    assert kinds_seen(network.carla, person) == [case_events.CASE_OPENED, *registered]
    assert kinds_seen(network.bruno, person) == [
        case_events.CASE_MEMBER_ADDED,
        case_events.CASE_OPENED,
        *registered,
    ]


def test_an_event_in_a_protected_category_stays_with_its_organisation(network, person):
    with acting_as("test", organisation_id=network.comune.pk):
        cases.open_case(actor=network.ana, person=person, lead=network.ana, categories=["addiction"])
    assert kinds_seen(network.ana, person, groups=["case"]) == [case_events.CASE_OPENED]
    assert kinds_seen(network.carla, person, groups=["case"]) == []


def test_identity_changes_stay_with_the_organisation_that_made_them(network, person, case):
    with acting_as("test", organisation_id=network.caritas.pk):
        people.update_person(person, actor=network.carla, phone="0341 000000")
    assert "PERSON_UPDATED" in kinds_seen(network.carla, person)
    assert "PERSON_UPDATED" not in kinds_seen(network.ana, person)


def test_a_lead_only_note_is_hidden_from_the_team(network, person, case):
    cases.write_note(case, actor=network.ana, body="Solo per me: la sorella la minaccia", visibility="lead")
    cases.write_note(case, actor=network.bruno, body="Portati i documenti", visibility="team")

    def notes(user):
        page = timeline_for(user, person, groups=["note"])
        return [(item.label, item.note_body) for item in page.items]

    assert notes(network.ana) == [
        ("Nota del diario", "Portati i documenti"),
        ("Nota del diario", "Solo per me: la sorella la minaccia"),
    ]
    assert notes(network.bruno) == [("Nota del diario", "Portati i documenti")]
    # Carla sees Nadia but not her case: no note at all, and never a text in an event.
    assert notes(network.carla) == []
    assert all("minaccia" not in str(event.payload) for event in DomainEvent.objects.all())


def test_a_note_for_an_organisation_is_read_there_only(network, person, case):
    cases.add_team_member(case, actor=network.ana, user=network.carla, role="Centro di ascolto")
    cases.write_note(case, actor=network.carla, body="Pacco viveri ogni martedì", visibility="organisation")
    carla = timeline_for(network.carla, person, groups=["note"]).items
    assert [item.note_body for item in carla] == ["Pacco viveri ogni martedì"]
    assert timeline_for(network.ana, person, groups=["note"]).items == []


def _bulk_events(person, organisation, count, *, start=None):
    """`count` network events a minute apart (the oldest first), one in ten a team note."""
    start = start or timezone.now() - datetime.timedelta(days=30)
    DomainEvent.objects.bulk_create(
        DomainEvent(
            kind=case_events.CASE_ACTIVATED,
            occurred_at=start + datetime.timedelta(minutes=index),
            organisation=organisation,
            subject_type="cases.case",
            subject_id="0",
            person_id=person.pk,
            payload={"from": "to_assess", "to": "active"},
        )
        for index in range(count)
    )


def test_pages_follow_each_other_without_gaps_or_repeats(network, person, case):
    _bulk_events(person, network.comune, 120)
    expected = list(
        DomainEvent.objects.filter(person_id=person.pk, kind=case_events.CASE_ACTIVATED)
        .order_by("-occurred_at", "-pk")
        .values_list("pk", flat=True)
    )
    seen, cursor, pages = [], None, 0
    while True:
        page = timeline_for(network.ana, person, groups=["case"], before=cursor, limit=50)
        seen += [item.event.pk for item in page.items if item.event.kind == case_events.CASE_ACTIVATED]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 3
    assert seen == expected


def test_events_at_the_same_instant_are_paged_by_id(network, person, case):
    moment = timezone.now() - datetime.timedelta(days=1)
    DomainEvent.objects.bulk_create(
        DomainEvent(
            kind=case_events.CASE_ACTIVATED,
            occurred_at=moment,
            organisation=network.comune,
            subject_type="cases.case",
            subject_id=str(case.pk),
            person_id=person.pk,
        )
        for _ in range(6)
    )
    first = timeline_for(network.ana, person, groups=["case"], limit=4)
    rest = timeline_for(network.ana, person, groups=["case"], before=first.next_cursor)
    ids = [item.event.pk for item in first.items + rest.items]
    assert len(ids) == len(set(ids)) == 6 + 2  # and the case's opening and its new member


def test_filters_by_group_and_organisation(network, person, case):
    assert kinds_seen(network.ana, person, groups=["consent"]) == ["SHARING_CHOICE_RECORDED"]
    assert kinds_seen(network.carla, person, groups=["person", "case"]) == [
        case_events.CASE_OPENED,
        "PERSON_REGISTERED",
    ]
    assert kinds_seen(network.carla, person, organisation=network.caritas.pk) == [
        "SHARING_CHOICE_RECORDED",
        "PERSON_REGISTERED",
    ]
    assert kinds_seen(network.carla, person, organisation=network.comune.pk) == [case_events.CASE_OPENED]


def test_kinds_nobody_registered_are_not_shown(network, person):
    record_event("SOMETHING_UNKNOWN", actor=None, subject=person, person_id=person.pk)
    assert "SOMETHING_UNKNOWN" not in kinds_seen(network.carla, person)


# --- the pages ---------------------------------------------------------------------------------


def test_the_page_shows_the_events_and_hides_the_person_from_who_may_not_see_them(
    client_for, network, person, case
):
    url = reverse("timeline:person", args=[person.pk])
    body = client_for(network.carla).get(url).content.decode()
    assert "Presa in carico aperta" in body
    assert "Operatore aggiunto all&#x27;équipe" not in body
    assert client_for(network.paolo).get(url).status_code == 404


def test_older_events_load_with_htmx_as_a_fragment(client_for, network, person, case):
    _bulk_events(person, network.comune, 60)
    client = client_for(network.ana)
    url = reverse("timeline:person", args=[person.pk])
    first = client.get(url).content.decode()
    assert "Carica eventi precedenti" in first
    cursor = timeline_for(network.ana, person).next_cursor
    fragment = client.get(url, {"prima": cursor}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    # 60 + registered, sharing choice, case opened, member added; 50 on the first page.
    assert fragment.count('class="timeline-item') == 64 - 50


def test_the_person_page_shows_the_latest_ten_and_links_the_whole_story(client_for, network, person, case):
    _bulk_events(person, network.comune, 15)
    body = client_for(network.ana).get(reverse("people:person", args=[person.pk])).content.decode()
    assert body.count('class="timeline-item') == 10
    assert reverse("timeline:person", args=[person.pk]) in body


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_costs_the_same_queries_for_10_or_200_events(
    client_for, network, person, case, count, django_assert_num_queries
):
    cases.write_note(case, actor=network.ana, body="Primo colloquio", visibility="team")
    _bulk_events(person, network.comune, count)
    client = client_for(network.ana)
    url = reverse("timeline:person", args=[person.pk])
    client.get(url)
    # 1 session, 2 user, 3 memberships, 4 the person (scoped), 5 its READ audit entry, 6 the user's
    # ties to the person's cases, 7 the organisations of the visible events (the filter), 8 the page
    # of events with actor and organisation, 9 the notes' texts the user may read, 10 the header's
    # unread count, 11-13 savepoint, session update, release.
    with django_assert_num_queries(13):
        response = client.get(url)
    assert response.status_code == 200


def test_the_api_pages_with_a_cursor(client_for, network, person, case):
    _bulk_events(person, network.comune, 30)
    client = client_for(network.ana)
    url = f"/api/v1/timeline/persons/{person.pk}"
    first = client.get(url, {"limit": 20}).json()
    second = client.get(url, {"limit": 20, "before": first["next_cursor"]}).json()
    assert len(first["items"]) == 20
    assert len(second["items"]) == 34 - 20  # 30 + registered, sharing choice, case opened, member added
    assert second["next_cursor"] is None
    assert client_for(network.paolo).get(url).status_code == 404
