"""Anomaly alerts: each scenario is detected, the benign baseline raises nothing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from intreccio.audit import anomalies
from intreccio.audit.models import AuditEntry, DomainEvent

ROME = ZoneInfo("Europe/Rome")
TUESDAY_10 = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=ROME)
SATURDAY_10 = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=ROME)
SUNDAY_10 = datetime.datetime(2026, 11, 29, 10, 0, tzinfo=ROME)
TUESDAY_2330 = datetime.datetime(2026, 11, 24, 23, 30, tzinfo=ROME)


def read(user, organisation, at, person_id, *, outcome="allowed", action="read"):
    return AuditEntry.objects.create(
        occurred_at=at,
        actor=user,
        actor_label=str(user) if user else "system",
        organisation=organisation,
        action=action,
        outcome=outcome,
        target_type="people.person",
        target_id=str(person_id),
        person_id=person_id,
        channel="web",
    )


def minutes(at, n):
    return at + datetime.timedelta(minutes=n)


def detect(at):
    return anomalies.detect(now=minutes(at, 59))


def test_many_distinct_persons_in_an_hour_alert_the_data_protection_contact(
    network, mailoutbox, django_capture_on_commit_callbacks
):
    for person in range(30):
        read(network.ana, network.comune, minutes(TUESDAY_10, person), 1000 + person)
    with django_capture_on_commit_callbacks(execute=True):
        alerts = detect(TUESDAY_10)
    assert [(a.kind, a.actor, a.organisation, a.count) for a in alerts] == [
        ("many_persons", network.ana, network.comune, 30)
    ]
    assert [m.to for m in mailoutbox] == [["dpo@comune.example.it"]]
    assert "Molte persone consultate in poco tempo: Ana Invernizzi, 30 volte" in mailoutbox[0].body
    assert detect(TUESDAY_10) == []  # once per window, however often the job runs


def test_persons_the_operator_works_with_do_not_count(network, monkeypatch):
    monkeypatch.setattr(anomalies, "_relationship_filters", [lambda actor, ids: {i for i in ids if i < 1020}])
    for person in range(30):
        read(network.ana, network.comune, minutes(TUESDAY_10, person), 1000 + person)
    assert detect(TUESDAY_10) == []  # 10 unrelated persons only


def test_repeated_refusals_alert(network):
    for attempt in range(12):
        read(network.carla, network.caritas, minutes(TUESDAY_10, attempt), 2000 + attempt, outcome="denied")
    alerts = detect(TUESDAY_10)
    assert [(a.kind, a.actor, a.organisation, a.count) for a in alerts] == [
        ("repeated_denials", network.carla, network.caritas, 12)
    ]


def test_repeated_failed_log_ins_on_one_account_alert_the_system_administrators(network):
    for attempt in range(10):
        AuditEntry.objects.create(
            occurred_at=minutes(TUESDAY_10, attempt),
            actor_label="system",
            action="login_failed",
            outcome="denied",
            channel="web",
            ip_address="203.0.113.9",
            details={"step": "password", "account_digest": "abc123"},
        )
    alerts = detect(TUESDAY_10)
    assert [(a.kind, a.organisation, a.count, a.details["addresses"]) for a in alerts] == [
        ("failed_logins", None, 10, ["203.0.113.9"])
    ]


@pytest.mark.parametrize("moment", [TUESDAY_2330, SUNDAY_10])
def test_reading_a_person_outside_working_hours_alerts(network, moment):
    read(network.bruno, network.comune, moment, 3001)
    alerts = detect(moment)
    assert [(a.kind, a.actor, a.count) for a in alerts] == [("outside_hours", network.bruno, 1)]


def test_the_benign_baseline_raises_nothing(network):
    # A working day: ana reads her 12 persons again and again, bruno is refused twice,
    # carla mistypes her password three times, diana works on Saturday morning.
    for index in range(60):
        read(network.ana, network.comune, minutes(TUESDAY_10, index), 4000 + index % 12)
    for index in range(2):
        read(network.bruno, network.comune, minutes(TUESDAY_10, index), 5000, outcome="denied")
    for index in range(3):
        AuditEntry.objects.create(
            occurred_at=minutes(TUESDAY_10, index),
            actor_label="system",
            action="login_failed",
            outcome="denied",
            channel="web",
            details={"account_digest": "carla"},
        )
    read(network.diana, network.comune, SATURDAY_10, 4001)
    assert detect(TUESDAY_10) == []
    assert detect(SATURDAY_10) == []


def test_scenarios_detected_and_false_positives_are_reported(network, security_figures):
    """The figures for security-report.json: the scenario set above, in one run."""
    scenarios = {
        "many_persons": lambda: [
            read(network.ana, network.comune, minutes(TUESDAY_10, p), 7000 + p) for p in range(26)
        ],
        "repeated_denials": lambda: [
            read(network.carla, network.caritas, minutes(TUESDAY_10, n), 7100 + n, outcome="denied")
            for n in range(10)
        ],
        "outside_hours": lambda: read(network.bruno, network.comune, TUESDAY_2330, 7200),
    }
    detected = {}
    for kind, make in scenarios.items():
        make()
        moment = TUESDAY_2330 if kind == "outside_hours" else TUESDAY_10
        detected[kind] = any(a.kind == kind for a in detect(moment))
    baseline_alerts = len(detect(minutes(TUESDAY_10, 24 * 60)))
    security_figures.record(
        "anomaly_alerts",
        {
            "scenarios": len(scenarios),
            "detected": sum(detected.values()),
            "false_positives_on_baseline": baseline_alerts,
        },
    )
    assert all(detected.values()), detected
    assert baseline_alerts == 0


# --- the data-protection contact's pages ------------------------------------------------------------


@pytest.fixture
def alert(network):
    for person in range(30):
        read(network.ana, network.comune, minutes(TUESDAY_10, person), 1000 + person)
    return detect(TUESDAY_10)[0]


def test_the_data_protection_contact_reads_and_closes_alerts(
    client_for, network, dpo, alert, django_assert_num_queries
):
    client = client_for(dpo)
    client.get(reverse("audit:alert_list"))
    # session, user, memberships, count, alerts (with organisation), session renewal (3)
    # … and the header's count of unread notifications.
    with django_assert_num_queries(9):
        page = client.get(reverse("audit:alert_list"))
    assert [a.pk for a in page.context["page"].object_list] == [alert.pk]
    response = client.post(
        reverse("audit:alert_detail", args=[alert.pk]), {"note": "Campagna di verifica ISEE autorizzata."}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.closed_by, alert.note) == (
        "closed",
        dpo,
        "Campagna di verifica ISEE autorizzata.",
    )
    assert DomainEvent.objects.filter(kind="ALERT_CLOSED", subject_id=str(alert.pk)).count() == 1


@pytest.mark.parametrize("persona", ["ana", "laura", "carla", "paolo"])
def test_alerts_are_for_the_data_protection_contact_only(client_for, network, alert, persona):
    client = client_for(getattr(network, persona))
    assert client.get(reverse("audit:alert_list")).status_code == 403
    response = client.post(reverse("audit:alert_detail", args=[alert.pk]), {"note": "visto"})
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == "open"
    assert not DomainEvent.objects.filter(kind="ALERT_CLOSED").exists()
