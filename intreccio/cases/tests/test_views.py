"""Case pages and endpoints: what each persona sees and does, exact query counts on the lists."""

import json

import pytest
from django.urls import reverse

from intreccio.audit.models import AuditEntry
from intreccio.cases import actions
from intreccio.cases.models import Case, LeadHandover

from .factories import PersonFactory


@pytest.fixture
def three_cases(network, enrico):
    """Three cases led by Ana: to assess, active (Carla on the team), suspended."""
    cases = [
        actions.open_case(actor=network.ana, person=PersonFactory(), lead=network.ana, team=network.team)
        for _ in range(3)
    ]
    actions.activate_case(cases[1], actor=network.ana)
    actions.add_team_member(cases[1], actor=network.ana, user=network.carla, role="Ascolto")
    actions.activate_case(cases[2], actor=network.ana)
    actions.suspend_case(cases[2], actor=network.ana, reason="Ricoverato")
    return cases


def test_my_cases_list_queries(client_for, network, three_cases, django_assert_num_queries):
    client = client_for(network.ana)
    client.get(reverse("cases:list"))  # warm the session
    # 1 session, 2 user, 3 memberships (roles), 4 count, 5 the page of cases (person, lead, lead
    # organisation, team joined), 6 one SEARCH audit entry naming the persons shown,
    # 7-9 savepoint, session update, release (the message framework / session touch)
    # … and the header's count of unread notifications.
    with django_assert_num_queries(10):
        response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    assert [case.pk for case in response.context["page"].object_list] == [c.pk for c in reversed(three_cases)]

    assert b"Attiva" in response.content
    entry = AuditEntry.objects.filter(action="search", target_type="cases.case").latest("pk")
    assert entry.details["person_ids"] == sorted(c.person_id for c in three_cases)


def test_the_list_filters_by_status_and_shows_the_cases_i_am_a_member_of(client_for, network, three_cases):
    client = client_for(network.ana)
    response = client.get(reverse("cases:list"), {"stato": "suspended"})
    assert [case.pk for case in response.context["page"].object_list] == [three_cases[2].pk]
    carla = client_for(network.carla)
    assert list(carla.get(reverse("cases:list")).context["page"].object_list) == []
    response = carla.get(reverse("cases:list"), {"ruolo": "member"})
    assert [case.pk for case in response.context["page"].object_list] == [three_cases[1].pk]


def test_the_list_is_for_operators_who_work_with_persons(client_for, network):
    assert client_for(network.laura).get(reverse("cases:list")).status_code == 403
    assert client_for(network.paolo).get(reverse("cases:list")).status_code == 403


def test_the_case_page_is_audited_and_hidden_from_others(client_for, network, three_cases):
    case = three_cases[1]
    url = reverse("cases:detail", args=[case.pk])
    response = client_for(network.carla).get(url)  # on the team, from another organisation
    assert response.status_code == 200
    assert case.person.surnames.encode() in response.content
    read = AuditEntry.objects.filter(action="read", target_type="cases.case", target_id=str(case.pk))
    assert read.latest("pk").person_id == case.person_id
    for outsider in (network.laura, network.paolo):
        before = read.count()
        assert client_for(outsider).get(url).status_code == 404
        assert read.filter(outcome="denied").count() >= 1
        assert read.count() == before + 1
    assert client_for(network.carla).get(reverse("cases:detail", args=[three_cases[0].pk])).status_code == 404


def test_the_case_page_queries(client_for, network, three_cases, django_assert_num_queries):
    client = client_for(network.ana)
    url = reverse("cases:detail", args=[three_cases[1].pk])
    client.get(url)
    # 1 session, 2 user, 3 memberships, 4 the case (visibility, joins), 5 its active members,
    # 6 READ audit entry, 7 status history, 8 hand-overs, 9 pending hand-over, 10 lead candidates,
    # 11 operator candidates; 12 the personal plan section (the plan and its gap count); the
    # responses section: 13 the person's responses, 14 the open overlap alerts, 15 whether the
    # viewer may record a response for the person; 16 the case's referrals (referrals' section);
    # 17 the diary's notes the user may read, 18 the header's count of unread notifications;
    # 19-21 savepoint, session update, release
    with django_assert_num_queries(21):
        assert client.get(url).status_code == 200


def test_status_moves_through_the_page(client_for, network, three_cases):
    case = three_cases[1]
    client = client_for(network.diana)
    url = reverse("cases:status", args=[case.pk])
    response = client.post(url, {"move": "suspend", "reason": ""})
    assert response.status_code == 200
    assert "Scrivi il motivo" in response.content.decode()
    response = client.post(url, {"move": "close", "outcome": "goals_reached", "reason": "Casa trovata"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome, case.outcome_note) == ("closed", "goals_reached", "Casa trovata")


def test_a_refused_move_is_shown_and_changes_nothing(client_for, network, three_cases):
    case = three_cases[0]  # to assess
    response = client_for(network.ana).post(
        reverse("cases:status", args=[case.pk]), {"move": "suspend", "reason": "x"}
    )
    assert response.status_code == 200
    assert "Non si può passare" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "to_assess"


def test_denied_changes_change_nothing(client_for, network, three_cases, enrico):
    case = three_cases[1]
    bruno = client_for(network.bruno)  # sees the case (responsible team) but does not manage it
    assert (
        bruno.post(reverse("cases:status", args=[case.pk]), {"move": "suspend", "reason": "x"}).status_code
        == 403
    )
    assert (
        bruno.post(
            reverse("cases:handover_propose", args=[case.pk]), {"to_user": enrico.pk, "note": "x"}
        ).status_code
        == 403
    )
    assert bruno.post(reverse("cases:member_remove", args=[case.pk, network.carla.pk])).status_code == 403
    carla = client_for(network.carla)
    assert carla.post(reverse("cases:member_add", args=[case.pk]), {"user": enrico.pk}).status_code == 403
    laura = client_for(network.laura)
    assert (
        laura.post(reverse("cases:status", args=[case.pk]), {"move": "suspend", "reason": "x"}).status_code
        == 404
    )
    case.refresh_from_db()
    assert case.status == "active"
    assert case.members.filter(removed_at__isnull=True).count() == 2
    assert not LeadHandover.objects.exists()


def test_hand_over_through_the_pages(client_for, network, three_cases, enrico):
    case = three_cases[0]
    response = client_for(network.ana).post(
        reverse("cases:handover_propose", args=[case.pk]),
        {"to_user": enrico.pk, "note": "Segue già il fratello"},
    )
    assert response.status_code == 302
    handover = LeadHandover.objects.get()
    client = client_for(enrico)
    page = client.get(reverse("cases:handovers"))
    assert "Segue già il fratello" in page.content.decode()
    assert client.post(reverse("cases:handover_accept", args=[handover.pk])).status_code == 302
    case.refresh_from_db()
    assert case.lead == enrico
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_team_through_the_pages(client_for, network, three_cases, enrico):
    case = three_cases[0]
    client = client_for(network.ana)
    response = client.post(
        reverse("cases:member_add", args=[case.pk]), {"user": enrico.pk, "role": "Educatore"}
    )
    assert response.status_code == 302
    assert case.members.filter(user=enrico, removed_at__isnull=True).exists()
    response = client.post(reverse("cases:member_remove", args=[case.pk, network.ana.pk]), follow=True)
    assert "non può lasciare" in response.content.decode()
    assert client.post(reverse("cases:member_remove", args=[case.pk, enrico.pk])).status_code == 302
    assert not case.members.filter(user=enrico, removed_at__isnull=True).exists()


def test_the_home_panel_counts(client_for, network, three_cases):
    response = client_for(network.ana).get(reverse("accounts:home"))
    panel = dict(response.context["panels"])
    counts = next(context for p, context in response.context["panels"] if p.key == "cases.my_cases")
    assert {k: counts[k] for k in ("to_assess", "active", "suspended", "closed", "member", "handovers")} == {
        "to_assess": 1,
        "active": 1,
        "suspended": 1,
        "closed": 0,
        "member": 0,
        "handovers": 0,
    }
    assert panel


# --- API ---------------------------------------------------------------------------------------


def test_api_my_cases_queries(client_for, network, three_cases, django_assert_num_queries):
    client = client_for(network.ana)
    client.get("/api/v1/cases/")
    # 1 session, 2 user, 3 memberships, 4 count, 5 page of cases, 6 SEARCH audit entry,
    # 7-9 savepoint, session update, release
    with django_assert_num_queries(9):
        response = client.get("/api/v1/cases/")
    body = response.json()
    assert body["count"] == 3
    assert [item["status"] for item in body["items"]] == ["suspended", "active", "to_assess"]


def test_api_case_and_errors_in_the_house_format(client_for, network, three_cases, enrico):
    case = three_cases[0]
    client = client_for(network.ana)
    body = client.get(f"/api/v1/cases/{case.pk}").json()
    assert (body["lead_id"], [m["user_id"] for m in body["members"]]) == (network.ana.pk, [network.ana.pk])
    response = client.post(
        f"/api/v1/cases/{case.pk}/suspend", json.dumps({"reason": "x"}), content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"
    response = client.delete(f"/api/v1/cases/{case.pk}/team/{network.ana.pk}")
    assert response.json()["error"]["code"] == "lead_stays"
    assert client_for(network.carla).get(f"/api/v1/cases/{case.pk}").json()["error"]["code"] == "not_found"


def test_api_hand_over_and_close(client_for, network, three_cases, enrico):
    case = three_cases[1]
    ana = client_for(network.ana)
    response = ana.post(
        f"/api/v1/cases/{case.pk}/handover",
        json.dumps({"to_user_id": enrico.pk, "note": "Nota"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    handover_id = response.json()["id"]
    enrico_client = client_for(enrico)
    assert [h["id"] for h in enrico_client.get("/api/v1/cases/handovers").json()] == [handover_id]
    response = enrico_client.post(
        f"/api/v1/cases/handovers/{handover_id}/decline",
        json.dumps({"reason": "No"}),
        content_type="application/json",
    )
    assert response.json()["status"] == "declined"
    ana = client_for(network.ana)  # one test client: log Ana in again
    response = ana.post(
        f"/api/v1/cases/{case.pk}/close",
        json.dumps({"outcome": "moved_away"}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["status"]) == (200, "closed")
    assert Case.objects.get(pk=case.pk).outcome == "moved_away"
