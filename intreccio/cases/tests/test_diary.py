"""The case diary: who writes, who reads, what the event says (never the text)."""

import pytest
from django.urls import reverse

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.cases import actions, events, queries
from intreccio.cases.models import CaseNote
from intreccio.cases.rules import can_read_note, can_write_note
from intreccio.core.exceptions import ApplicationError, InvalidTransition, PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_case(network, case):
    """Mario's case with Carla (Caritas) on its team."""
    actions.add_team_member(case, actor=network.ana, user=network.carla, role="Centro di ascolto")
    return case


def test_the_lead_writes_a_note_the_event_names_it_without_its_text(network, team_case):
    note = actions.write_note(
        team_case, actor=network.ana, body="  Colloquio: cerca casa.  ", visibility="lead"
    )
    assert (note.body, note.organisation, note.visibility) == (
        "Colloquio: cerca casa.",
        network.comune,
        "lead",
    )
    event = DomainEvent.objects.get(kind=events.CASE_NOTE_WRITTEN)
    assert event.payload == {
        "case_id": team_case.pk,
        "note_id": note.pk,
        "audience": "lead",
        "author_id": network.ana.pk,
    }
    assert event.organisation_id == network.comune.pk
    entry = AuditEntry.objects.get(action="create", target_type="cases.casenote")
    assert "casa" not in str(entry.details)


def test_a_team_member_of_another_organisation_writes_for_it(network, team_case):
    note = actions.write_note(team_case, actor=network.carla, body="Pacco viveri", visibility="organisation")
    assert note.organisation == network.caritas


@pytest.mark.parametrize(
    ("who", "body", "visibility", "error"),
    [
        ("bruno", "Visto", "team", PermissionDenied),  # on the responsible team, not on the case's
        ("paolo", "Visto", "team", PermissionDenied),
        ("ana", "   ", "team", ApplicationError),
        ("ana", "Visto", "everyone", ApplicationError),
    ],
)
def test_refused_notes_change_nothing(network, team_case, who, body, visibility, error):
    with pytest.raises(error):
        actions.write_note(team_case, actor=getattr(network, who), body=body, visibility=visibility)
    assert not CaseNote.objects.exists()
    assert not DomainEvent.objects.filter(kind=events.CASE_NOTE_WRITTEN).exists()


def test_unknown_categories_and_closed_cases_are_refused(network, team_case):
    with pytest.raises(ApplicationError) as error:
        actions.write_note(team_case, actor=network.ana, body="x", categories=["gossip"])
    assert error.value.code == "invalid_categories"
    actions.close_case(team_case, actor=network.ana, outcome="goals_reached")
    with pytest.raises(InvalidTransition):
        actions.write_note(team_case, actor=network.ana, body="x")
    assert not CaseNote.objects.exists()


def test_who_reads_which_note(network, team_case):
    team = actions.write_note(team_case, actor=network.carla, body="Per tutti", visibility="team")
    mine = actions.write_note(team_case, actor=network.carla, body="Per Caritas", visibility="organisation")
    lead = actions.write_note(team_case, actor=network.carla, body="Per Ana", visibility="lead")
    protected = actions.write_note(
        team_case, actor=network.carla, body="Dipendenza", categories=["addiction"]
    )

    def readable(user):
        return {note.body for note in queries.notes_of_case(user, team_case)}

    assert readable(network.ana) == {"Per tutti", "Per Ana"}
    assert readable(network.carla) == {"Per tutti", "Per Caritas", "Per Ana", "Dipendenza"}
    # Diana supervises the responsible team: she sees the case, and the team's notes only.
    assert readable(network.diana) == {"Per tutti"}
    assert readable(network.paolo) == set()
    # The rules say the same in Python.
    assert [can_read_note(network.diana, note) for note in (team, mine, lead, protected)] == [
        True,
        False,
        False,
        False,
    ]
    assert (can_write_note(network.carla, team_case), can_write_note(network.diana, team_case)) == (
        True,
        False,
    )


def test_the_case_page_shows_the_diary_and_writes_in_it(client_for, network, team_case):
    client = client_for(network.ana)
    url = reverse("cases:note_write", args=[team_case.pk])
    response = client.post(url, {"body": "Primo colloquio", "visibility": "team"})
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[team_case.pk])).content.decode()
    assert "Primo colloquio" in page
    assert 'action="/prese-in-carico/' in page
    refused = client.post(url, {"body": "", "visibility": "team"})
    assert refused.status_code == 400
    assert CaseNote.objects.count() == 1


def test_the_supervisor_reads_the_diary_without_the_form(client_for, network, team_case):
    actions.write_note(team_case, actor=network.ana, body="Ha trovato lavoro", visibility="team")
    page = client_for(network.diana).get(reverse("cases:detail", args=[team_case.pk])).content.decode()
    assert "Ha trovato lavoro" in page
    assert reverse("cases:note_write", args=[team_case.pk]) not in page
    refused = client_for(network.diana).post(
        reverse("cases:note_write", args=[team_case.pk]), {"body": "x", "visibility": "team"}
    )
    assert refused.status_code == 403


def test_the_api_lists_and_writes_notes(client_for, network, team_case):
    client = client_for(network.carla)
    url = f"/api/v1/cases/{team_case.pk}/notes"
    created = client.post(
        url, {"body": "Dal centro di ascolto", "visibility": "organisation"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert [note["body"] for note in client.get(url).json()] == ["Dal centro di ascolto"]
    assert client_for(network.ana).get(url).json() == []
    assert client_for(network.paolo).get(url).status_code == 404
