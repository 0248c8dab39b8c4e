"""Intake pages and API: the journeys, exact query counts on the queue and the inbox, audit."""

import datetime
import json

from django.utils import timezone

from intreccio.audit.models import AuditEntry
from intreccio.cases.actions import open_case
from intreccio.intake import actions
from intreccio.intake.models import Intake


def record(setting, code, *, person=None, actor=None, urgency="urgent"):
    return actions.record_intake(
        actor=actor or setting.bruno,
        person=person or setting.mario,
        needs=[setting.needs[code]],
        urgency=urgency,
    )


def test_recording_an_intake_through_the_page(setting, client_for):
    client = client_for(setting.bruno)
    page = client.get(f"/accessi/nuovo/?persona={setting.mario.pk}")
    assert page.status_code == 200
    assert "Mario Rossi" in page.content.decode()
    response = client.post(
        f"/accessi/nuovo/?persona={setting.mario.pk}",
        {"needs": [setting.needs["housing"].pk], "urgency": "immediate", "narrative": "Sfratto domani"},
    )
    intake = Intake.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/accessi/{intake.pk}/"
    assert (intake.routed_to_team, intake.urgency, intake.recorded_by) == (
        setting.team,
        "immediate",
        setting.bruno,
    )


def test_a_missing_need_is_shown_next_to_the_form(setting, client_for):
    response = client_for(setting.bruno).post(
        f"/accessi/nuovo/?persona={setting.mario.pk}", {"urgency": "urgent"}
    )
    assert response.status_code == 200
    assert Intake.objects.count() == 0


def test_the_queue_lists_overdue_first_marked_in_words(setting, client_for, django_assert_num_queries):
    late = record(setting, "housing")
    Intake.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(hours=2))
    record(setting, "income")
    record(setting, "debt", urgency="ordinary")
    client = client_for(setting.ana)
    client.get("/accessi/coda/")  # warm the session
    # 1-3 session, user, memberships (middleware); 4 intakes with their joins (teams as a subquery);
    # 5 needs (prefetch); 6 which of the persons the viewer may see now (people's rules, one
    # query); 7 the audit SEARCH entry; 8-10 savepoint, session save, release.
    # … and the header's count of unread notifications.
    with django_assert_num_queries(11):
        response = client.get("/accessi/coda/")
    body = response.content.decode()
    assert body.count("/accessi/") >= 3
    assert body.index("SCADUTO") < body.index("Reddito")
    assert body.count("SCADUTO") == 1
    search = AuditEntry.objects.filter(action="search", target_id="queue").latest("pk")
    assert search.details["person_ids"] == [setting.mario.pk]


def test_the_inbox_shows_what_reached_the_lead(setting, client_for, django_assert_num_queries):
    open_case(actor=setting.ana, person=setting.mario, lead=setting.ana)
    for code in ("food", "work", "debt"):
        record(setting, code, actor=setting.carla)
    client = client_for(setting.ana)
    client.get("/accessi/in-arrivo/")
    # The same ten: one query for the three sections (split in Python), one for their needs.
    # … and the header's count of unread notifications.
    with django_assert_num_queries(11):
        response = client.get("/accessi/in-arrivo/")
    body = response.content.decode()
    assert body.count("Mario Rossi") == 6  # three routed to me, the same three from another door


def test_the_detail_is_audited_and_hidden_from_others(setting, client_for):
    intake = record(setting, "housing")
    assert client_for(setting.carla).get(f"/accessi/{intake.pk}/").status_code == 404
    denied = AuditEntry.objects.filter(
        target_type="intake.intake", target_id=str(intake.pk), outcome="denied"
    )
    assert denied.count() == 1
    response = client_for(setting.ana).get(f"/accessi/{intake.pk}/")
    assert response.status_code == 200
    assert "Prendi in carico" in response.content.decode()


def test_taking_in_charge_from_the_page(setting, client_for):
    intake = record(setting, "housing")
    response = client_for(setting.ana).post(f"/accessi/{intake.pk}/presa-in-carico/")
    assert response.status_code == 302
    intake.refresh_from_db()
    assert (intake.status, intake.case.lead) == ("taken", setting.ana)


def test_the_api_queue_and_take_in_charge(setting, client_for, django_assert_num_queries):
    for code in ("housing", "income", "debt"):
        record(setting, code)
    client = client_for(setting.ana)
    client.get("/api/v1/intake/queue")
    # The same ten as the page.
    with django_assert_num_queries(10):
        response = client.get("/api/v1/intake/queue")
    items = response.json()
    assert [item["needs"] for item in items] == [["housing"], ["income"], ["debt"]]
    taken = client.post(f"/api/v1/intake/intakes/{items[0]['id']}/take")
    assert taken.status_code == 200
    assert taken.json()["intake"]["status"] == "taken"
    # The two others joined the new case.
    assert Intake.objects.filter(status="joined").count() == 2


def test_the_api_records_and_refuses_unknown_needs(setting, client_for):
    client = client_for(setting.carla)
    bad = client.post(
        "/api/v1/intake/intakes",
        json.dumps({"person_id": setting.mario.pk, "needs": ["astrologia"], "urgency": "urgent"}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "unknown_need"
    assert Intake.objects.count() == 0
    good = client.post(
        "/api/v1/intake/intakes",
        json.dumps(
            {
                "person_id": setting.mario.pk,
                "needs": ["food"],
                "urgency": "urgent",
                "micro_territory": "lecco-centro",
            }
        ),
        content_type="application/json",
    )
    assert good.status_code == 201
    assert good.json()["routed_to_team_id"] == setting.caritas_team.pk


def test_the_api_read_is_audited(setting, client_for):
    intake = record(setting, "housing")
    client_for(setting.ana).get(f"/api/v1/intake/intakes/{intake.pk}")
    entry = AuditEntry.objects.filter(
        target_type="intake.intake", target_id=str(intake.pk), action="read"
    ).get()
    assert (entry.actor, entry.person_id, entry.outcome) == (setting.ana, setting.mario.pk, "allowed")


def test_routing_rules_pages(setting, client_for):
    assert client_for(setting.laura).get("/accessi/regole/nuova/").status_code == 403
    client = client_for(setting.sara)
    page = client.get("/accessi/regole/")
    assert "Ascolto – Caritas" in page.content.decode()
    response = client.post(
        f"/accessi/regole/{setting.rules['work'].pk}/disattiva/",
    )
    assert response.status_code == 302
    setting.rules["work"].refresh_from_db()
    assert setting.rules["work"].active is False
