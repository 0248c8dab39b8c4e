"""Who is on which side of a referral (each condition of referrals.rules)."""

import pytest

from intreccio.referrals.models import Referral
from intreccio.referrals.queries import referrals_visible_to
from intreccio.referrals.rules import can_move, reason_required, sides

from .factories import build_referral_setting, send

pytestmark = pytest.mark.django_db
SENDER, RECEIVER = Referral.SENDER, Referral.RECEIVER


def visible(user, referral) -> bool:
    return referrals_visible_to(user).filter(pk=referral.pk).exists()


def test_the_sides_of_a_referral(setting):
    network = setting.network
    referral = send(setting)
    expected = {
        "ana": {SENDER},  # the case lead, for the lead organisation
        "bruno": {SENDER},  # on the case team, for the Comune
        "carla": {RECEIVER},  # works with persons at Caritas, the receiving organisation
        "diana": set(),  # the Comune's supervisor, not on the case
        "laura": set(),  # organisation admin: no person-facing role
        "paolo": set(),
    }
    for name, held in expected.items():
        user = getattr(network, name)
        assert sides(user, referral) == held, name
        assert visible(user, referral) == bool(held), name  # the SQL scope says the same


def test_a_team_member_of_another_organisation_sends_only_while_consent_reaches_it(network):
    from intreccio.cases.actions import add_team_member
    from intreccio.people.actions import record_sharing_choice

    setting = build_referral_setting(network, sharing="refused")
    add_team_member(setting.case, actor=network.ana, user=network.carla, role="Centro di ascolto")
    referral = send(setting, service=setting.own_service)  # inside the Comune: no consent needed
    assert sides(network.carla, referral) == set()
    assert not visible(network.carla, referral)
    record_sharing_choice(setting.person, actor=network.ana, scope="network")
    setting.person.refresh_from_db()
    referral = Referral.objects.get(pk=referral.pk)
    assert sides(network.carla, referral) == {SENDER}
    assert visible(network.carla, referral)


def test_inside_the_lead_organisation_the_receiver_needs_no_consent(network):
    setting = build_referral_setting(network, sharing="refused")
    referral = send(setting, service=setting.own_service)
    assert sides(network.diana, referral) == {RECEIVER}  # the Comune's person-facing supervisor
    assert sides(network.ana, referral) == {SENDER, RECEIVER}


def test_each_move_belongs_to_one_side(setting):
    referral = send(setting)
    assert can_move(setting.network.carla, referral, Referral.Status.ACCEPTED)
    assert not can_move(setting.network.carla, referral, Referral.Status.CANCELLED)
    assert can_move(setting.network.ana, referral, Referral.Status.CANCELLED)
    assert not can_move(setting.network.ana, referral, Referral.Status.ACCEPTED)
    assert not can_move(setting.network.diana, referral, Referral.Status.CANCELLED)


def test_reasons_are_required_into_some_states_and_out_of_closed_ones():
    S = Referral.Status
    assert reason_required(S.RECEIVED, S.REJECTED)
    assert reason_required(S.ACCEPTED, S.ON_HOLD)
    assert reason_required(S.COMPLETED, S.IN_PROGRESS)
    assert reason_required(S.CANCELLED, S.REQUESTED)
    assert not reason_required(S.ON_HOLD, S.IN_PROGRESS)
    assert not reason_required(S.REQUESTED, S.ACCEPTED)
