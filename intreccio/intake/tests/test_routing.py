"""Routing: rule precedence, the case lead, refused sharing, the default rule; deadlines."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from intreccio.audit.models import DomainEvent
from intreccio.cases.actions import open_case
from intreccio.intake import actions, routing
from intreccio.intake.models import Intake

ROME = ZoneInfo("Europe/Rome")


def record(setting, *codes, person=None, micro=None, actor=None, urgency="ordinary"):
    return actions.record_intake(
        actor=actor or setting.bruno,
        person=person or setting.mario,
        needs=[setting.needs[code] for code in codes],
        urgency=urgency,
        micro_territory=micro,
    )


def test_micro_territory_and_need_is_the_most_specific_rule(setting):
    intake = record(setting, "food", micro=setting.centro)
    assert (intake.routed_to_team, intake.routing_rule) == (
        setting.caritas_team,
        setting.rules["centro_food"],
    )
    assert intake.routing_reason == (
        "Assegnata a Ascolto – Caritas secondo la regola per «Alimentazione» "
        "nel microterritorio Lecco – Centro e Pescarenico."
    )


def test_a_need_anywhere_beats_a_place_for_any_need(setting):
    intake = record(setting, "work", micro=setting.sud)
    assert intake.routing_rule == setting.rules["work"]


def test_a_place_for_any_need_beats_the_default(setting):
    intake = record(setting, "housing", micro=setting.sud)
    assert (intake.routed_to_team, intake.routing_rule) == (setting.south_team, setting.rules["sud"])


def test_the_district_default_catches_the_rest(setting):
    intake = record(setting, "housing", micro=setting.centro)
    assert (intake.routed_to_team, intake.routing_rule) == (setting.team, setting.rules["default"])
    assert intake.routing_reason.endswith("secondo la regola predefinita dell'ambito.")


def test_with_several_needs_the_most_specific_rule_wins_then_taxonomy_order(setting):
    # housing (first in the taxonomy) has no specific rule; food has one for the centre.
    assert (
        record(setting, "housing", "food", micro=setting.centro).routing_rule == setting.rules["centro_food"]
    )
    # work comes before food in the taxonomy, but food's rule is more specific (place × need).
    assert record(setting, "food", "work", micro=setting.centro).routing_rule == setting.rules["centro_food"]
    # Two needs with rules of the same level: the first in the taxonomy (work before food).
    actions.create_routing_rule(actor=setting.sara, team=setting.south_team, need=setting.needs["food"])
    assert record(setting, "food", "work", micro=setting.sud).routing_rule == setting.rules["work"]


def test_a_deactivated_rule_no_longer_routes(setting):
    actions.deactivate_routing_rule(setting.rules["centro_food"], actor=setting.sara)
    assert record(setting, "food", micro=setting.centro).routing_rule == setting.rules["default"]


def test_an_open_case_routes_to_its_lead_who_acknowledges(setting):
    case = open_case(actor=setting.ana, person=setting.mario, lead=setting.ana)
    intake = record(setting, "food", actor=setting.carla)
    assert (intake.routed_to_user, intake.routed_to_team, intake.case) == (setting.ana, None, case)
    assert intake.status == Intake.Status.ROUTED
    assert intake.routing_reason == (
        "La persona è già in carico: va al suo case manager, Ana Invernizzi (Comune di Lecco)."
    )
    actions.acknowledge_intake(intake, actor=setting.ana)
    intake.refresh_from_db()
    assert (intake.status, intake.handled_by) == (Intake.Status.JOINED, setting.ana)


def test_refused_sharing_stays_inside_the_recording_organisation(setting):
    # Rosa refused sharing; Caritas records: the Caritas team covers the centre (no Caritas rule for housing).
    intake = record(setting, "housing", person=setting.rosa, actor=setting.carla, micro=setting.centro)
    assert (intake.routed_to_team, intake.shared, intake.routing_rule) == (setting.caritas_team, False, None)
    assert intake.routing_reason.startswith(
        "La persona non ha acconsentito alla condivisione: resta in Caritas decanale di Lecco"
    )
    # Its own rule applies when there is one.
    assert (
        record(setting, "food", person=setting.rosa, actor=setting.carla, micro=setting.centro).routing_rule
        == (setting.rules["centro_food"])
    )
    # No team of the Comune's covers Bellano-like places: the recording operator keeps it.
    other = record(setting, "housing", person=setting.rosa, actor=setting.bruno, micro=setting.sud)
    assert (other.routed_to_team, other.shared) == (setting.south_team, False)


def test_refused_sharing_without_a_team_goes_to_the_recording_operator(setting):
    from intreccio.territory.models import MicroTerritory

    elsewhere = MicroTerritory.objects.exclude(pk__in=[setting.centro.pk, setting.sud.pk]).first()
    # Caritas has no rule for housing there, and no team covering that place: Carla keeps it.
    intake = record(setting, "housing", person=setting.rosa, actor=setting.carla, micro=elsewhere)
    assert (intake.routed_to_team, intake.routed_to_user, intake.shared) == (None, setting.carla, False)
    # The Comune's own district default rule is its rule too.
    comune = record(setting, "housing", person=setting.rosa, actor=setting.bruno, micro=elsewhere)
    assert (comune.routed_to_team, comune.routing_rule) == (setting.team, setting.rules["default"])


def test_refused_sharing_hides_the_person_from_routing_events(setting):
    intake = record(setting, "housing", person=setting.rosa, actor=setting.carla, micro=setting.centro)
    routed = DomainEvent.objects.get(kind="INTAKE_ROUTED", subject_id=str(intake.pk))
    assert routed.person_id is None
    assert routed.payload["needs"] == ["housing"]
    assert routed.payload["shared"] is False


def test_routed_event_payload_feeds_the_observatory(setting):
    intake = record(setting, "food", "housing", micro=setting.centro, urgency="urgent")
    intake.refresh_from_db()
    routed = DomainEvent.objects.get(kind="INTAKE_ROUTED", subject_id=str(intake.pk))
    assert routed.payload == {
        "team": setting.caritas_team.pk,
        "team_organisation": setting.caritas.pk,
        "user": None,
        "case": None,
        "rule": setting.rules["centro_food"].pk,
        "due_at": timezone.localtime(intake.due_at).isoformat(),
        "urgency": "urgent",
        "needs": ["housing", "food"],  # taxonomy order
        "access_point_kind": "",
        "micro_territory": setting.centro.pk,
        "source": "operator",
        "shared": True,
    }
    assert routed.micro_territory_id == setting.centro.pk


# --- deadlines ------------------------------------------------------------------------------


def at(*args):
    return datetime.datetime(*args, tzinfo=ROME)


@pytest.mark.parametrize(
    "urgency, start, expected",
    [
        # Immediate: the same working day, by 18:00.
        ("immediate", at(2026, 3, 10, 9, 0), at(2026, 3, 10, 18, 0)),
        # After 18:00 it counts from the next working day.
        ("immediate", at(2026, 3, 10, 19, 0), at(2026, 3, 11, 18, 0)),
        # Saturday: Monday.
        ("immediate", at(2026, 3, 14, 10, 0), at(2026, 3, 16, 18, 0)),
        # Urgent on Thursday 23 April 2026: Friday 24, (25 April Liberation day is a Saturday), Monday 27.
        ("urgent", at(2026, 4, 23, 10, 0), at(2026, 4, 27, 18, 0)),
        # Urgent on Thursday 31 December 2026: Friday 1 January is a holiday → Monday 4, Tuesday 5.
        ("urgent", at(2026, 12, 31, 10, 0), at(2027, 1, 5, 18, 0)),
        # Ordinary on Friday 24 April 2026 (10 working days; 1 May Friday is a holiday) → Monday 11 May.
        ("ordinary", at(2026, 4, 24, 10, 0), at(2026, 5, 11, 18, 0)),
        # Urgent on Wednesday 3 December 2025: Thursday 4, Friday 5 → Monday 8 December is the
        # Immaculate Conception: not counted → Friday 5 is the 2nd working day.
        ("urgent", at(2025, 12, 3, 10, 0), at(2025, 12, 5, 18, 0)),
        # Urgent on Thursday 4 December 2025: Friday 5, Monday 8 (holiday) skipped → Tuesday 9.
        ("urgent", at(2025, 12, 4, 10, 0), at(2025, 12, 9, 18, 0)),
    ],
)
def test_deadlines_count_italian_working_days(db, urgency, start, expected):
    assert routing.due_at(urgency, start) == expected


def test_deadline_policies_are_configurable(setting):
    actions.update_deadline_policy(
        "ordinary", actor=setting.sara, working_days=3, escalate_after_working_days=2
    )
    assert routing.due_at("ordinary", at(2026, 3, 9, 10, 0)) == at(2026, 3, 12, 18, 0)
    assert routing.escalation_at("ordinary", at(2026, 3, 12, 18, 0)) == at(2026, 3, 16, 18, 0)


def test_the_default_policies_come_from_the_data_migration(db):
    from intreccio.intake.models import DeadlinePolicy

    assert sorted(
        DeadlinePolicy.objects.values_list("urgency", "working_days", "escalate_after_working_days")
    ) == [
        ("immediate", 0, 1),
        ("ordinary", 10, 1),
        ("urgent", 2, 1),
    ]
