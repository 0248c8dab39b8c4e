"""Overlap detection, the warning that survives a refused call, deciding, prevented counts."""

import datetime

import pytest
from django.db import transaction

from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.notifications.models import Notification
from intreccio.responses import actions, queries
from intreccio.responses.exceptions import OverlapFound
from intreccio.responses.models import OverlapAlert, Response

from .factories import DAY, build_responses_setting, give

pytestmark = pytest.mark.django_db
Status = OverlapAlert.Status


def days(n):
    return datetime.timedelta(days=n)


def check(setting, actor, response_type, starts_on, ends_on=None, household=None, person=None):
    return actions.check_overlaps(
        actor=actor,
        person=person or setting.mario,
        type=response_type,
        starts_on=starts_on,
        ends_on=ends_on,
        household=household,
    )


def test_a_food_card_overlaps_a_parcel_of_another_organisation_in_its_30_days(setting):
    network = setting.network
    parcel = give(network.bruno, setting.mario, setting.parcel)
    found = check(setting, network.carla, setting.card, DAY + days(29), DAY + days(60))
    assert found == [parcel]
    assert parcel.covers_until == datetime.date(2026, 3, 31)


def test_adjacent_periods_do_not_overlap(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    assert check(setting, network.carla, setting.card, DAY + days(30), DAY + days(60)) == []
    assert check(setting, network.carla, setting.parcel, DAY - days(30)) == []


def test_a_one_off_response_occupies_its_day_only(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.card, ends_on=None)
    assert check(setting, network.carla, setting.card, DAY + days(1)) == []
    assert len(check(setting, network.carla, setting.card, DAY)) == 1


def test_the_same_organisation_recording_twice_is_no_overlap(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    assert check(setting, network.ana, setting.parcel, DAY + days(3)) == []


def test_canteen_meals_are_not_checked(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.canteen, quantity=5)
    assert check(setting, network.carla, setting.canteen, DAY) == []


def test_a_cancelled_response_is_ignored(setting):
    network = setting.network
    parcel = give(network.bruno, setting.mario, setting.parcel)
    actions.cancel_response(parcel, actor=network.bruno, reason="Registrata per errore")
    assert check(setting, network.carla, setting.parcel, DAY) == []


def test_another_group_is_no_overlap(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    assert check(setting, network.carla, setting.contribution, DAY) == []


def test_a_household_response_overlaps_a_members_response(setting):
    from intreccio.people.actions import add_household_member, create_household, register_person

    network = setting.network
    household = create_household(actor=network.carla, head=setting.mario, name="Famiglia Brambilla")
    lucia = register_person(actor=network.carla, given_names="Lucia", surnames="Brambilla", sharing="network")
    add_household_member(household, lucia, actor=network.carla)
    given = give(network.bruno, setting.mario, setting.parcel, household=household)
    # Lucia's own parcel from Caritas overlaps the parcel the Comune gives her household.
    assert check(setting, network.carla, setting.parcel, DAY + days(5), person=lucia) == [given]


def test_the_refused_call_leaves_an_alert_and_no_response(setting):
    network = setting.network
    existing = give(network.bruno, setting.mario, setting.parcel)
    with pytest.raises(OverlapFound) as raised:
        actions.record_response(actor=network.carla, person=setting.mario, type=setting.card, starts_on=DAY)
    assert raised.value.status == 409
    assert raised.value.details["conflicts"] == [
        {
            "response_id": existing.pk,
            "type": "Pacco alimentare",
            "organisation": "Comune di Lecco",
            "starts_on": "2026-03-02",
            "covers_until": "2026-03-31",
        }
    ]
    assert Response.objects.filter(organisation=network.caritas).count() == 0
    alert = OverlapAlert.objects.get()
    assert (alert.existing_id, alert.new_id, alert.status, alert.raised_before_recording) == (
        existing.pk,
        None,
        Status.OPEN,
        True,
    )
    assert alert.case_id == setting.case.pk


@pytest.mark.django_db(transaction=True)
def test_the_warning_is_committed_even_though_the_call_failed(network):
    setting = build_responses_setting(network)
    give(network.bruno, setting.mario, setting.parcel)
    with pytest.raises(OverlapFound):
        actions.record_response(actor=network.carla, person=setting.mario, type=setting.parcel, starts_on=DAY)
    # No transaction is open here: what the database holds was committed.
    assert not transaction.get_connection().in_atomic_block
    assert OverlapAlert.objects.filter(raised_before_recording=True, new__isnull=True).count() == 1


def test_confirming_records_and_links_the_same_alert_and_notifies(setting):
    network = setting.network
    existing = give(network.bruno, setting.mario, setting.parcel)
    with pytest.raises(OverlapFound):
        actions.record_response(actor=network.carla, person=setting.mario, type=setting.parcel, starts_on=DAY)
    with pytest.raises(OverlapFound):  # a second attempt does not count twice
        actions.record_response(actor=network.carla, person=setting.mario, type=setting.parcel, starts_on=DAY)
    new = actions.record_response(
        actor=network.carla, person=setting.mario, type=setting.parcel, starts_on=DAY, confirm_overlap=True
    )
    alert = OverlapAlert.objects.get()
    assert (alert.new_id, alert.status, alert.raised_before_recording) == (new.pk, Status.OPEN, True)
    recipients = set(Notification.objects.filter(kind="overlap").values_list("recipient__email", flat=True))
    assert recipients == {network.ana.email, network.bruno.email}
    title = Notification.objects.filter(kind="overlap").first().title
    assert title == f"Possibile sovrapposizione di risposte n. {alert.pk} da valutare"
    assert existing.pk != new.pk


def test_an_overlap_the_actor_may_not_see_is_recorded_and_alerted_without_disclosure(setting):
    from intreccio.cases.actions import open_case

    network = setting.network
    # Sofia refused sharing: the Comune's case lead gives her a parcel; Caritas (her door) may not see it.
    open_case(actor=network.ana, person=setting.sofia, lead=network.ana)
    give(network.ana, setting.sofia, setting.parcel)
    assert check(setting, network.carla, setting.parcel, DAY, person=setting.sofia) == []
    new = actions.record_response(
        actor=network.carla, person=setting.sofia, type=setting.parcel, starts_on=DAY
    )
    alert = OverlapAlert.objects.get()
    assert (alert.new_id, alert.raised_before_recording) == (new.pk, False)
    assert Notification.objects.filter(kind="overlap", recipient=network.ana).count() == 1


def test_unconfirmed_warnings_become_prevented_after_a_day(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    with pytest.raises(OverlapFound):
        actions.record_response(actor=network.carla, person=setting.mario, type=setting.card, starts_on=DAY)
    alert = OverlapAlert.objects.get()
    assert actions.mark_prevented(now=alert.created_at + datetime.timedelta(hours=23)) == 0
    assert actions.mark_prevented(now=alert.created_at + datetime.timedelta(hours=25)) == 1
    alert.refresh_from_db()
    assert alert.status == Status.PREVENTED
    today = alert.created_at.date()
    counts = queries.overlap_counts((today, today))
    assert (counts["raised"], counts["prevented"], counts["open"]) == (1, 1, 0)
    assert DomainEvent.objects.filter(kind="OVERLAP_DECIDED", payload__status="prevented").count() == 1


def test_the_lead_marks_an_overlap_complementary(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.parcel)
    alert = OverlapAlert.objects.get()
    decided = actions.decide_overlap(
        alert, actor=network.ana, status=Status.COMPLEMENTARY, note="Famiglia numerosa: servono entrambi"
    )
    assert (decided.status, decided.decided_by) == (Status.COMPLEMENTARY, network.ana)
    with pytest.raises(ApplicationError):
        actions.decide_overlap(alert, actor=network.ana, status=Status.RESOLVED, note="di nuovo")


@pytest.mark.parametrize("who", ["carla", "bruno", "laura"])
def test_only_the_lead_or_an_involved_supervisor_decides(setting, who):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.parcel)
    alert = OverlapAlert.objects.get()
    with pytest.raises(PermissionDenied):
        actions.decide_overlap(alert, actor=getattr(network, who), status=Status.RESOLVED, note="x")
    alert.refresh_from_db()
    assert alert.status == Status.OPEN


def test_the_giving_organisations_supervisor_decides(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.parcel)
    alert = OverlapAlert.objects.get()
    decided = actions.decide_overlap(
        alert, actor=network.diana, status=Status.RESOLVED, note="Sentita Caritas"
    )
    assert decided.status == Status.RESOLVED


def test_cancelling_a_response_resolves_its_open_alerts(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    new = give(network.carla, setting.mario, setting.parcel)
    actions.cancel_response(new, actor=network.carla, reason="Doppione")
    assert OverlapAlert.objects.get().status == Status.RESOLVED
