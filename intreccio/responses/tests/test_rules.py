"""Who sees which response: the giver, the case, others as far as consent and categories allow."""

import pytest

from intreccio.responses import queries
from intreccio.responses.rules import can_cancel_response, can_record_response, can_view_response

from .factories import give

pytestmark = pytest.mark.django_db


def seen_by(user, setting, person=None):
    return {r.type.code for r in queries.responses_of_person(user, person or setting.mario)}


def test_the_giver_and_the_case_see_everything_but_protected_categories(setting):
    network = setting.network
    give(network.bruno, setting.mario, setting.parcel)
    give(network.carla, setting.mario, setting.addiction)
    give(network.carla, setting.mario, setting.contribution)
    mental = queries.get_response_type_by_code("mental-health-care")
    give(network.carla, setting.mario, mental)
    # Caritas gave three of them; the Comune's parcel is shared with the network.
    assert seen_by(network.carla, setting) == {
        "food-parcel",
        "addiction-service",
        "economic-contribution",
        "mental-health-care",
    }
    # The lead and the team see the case's responses, not the protected addiction service.
    expected_case = {"food-parcel", "economic-contribution", "mental-health-care"}
    assert seen_by(network.ana, setting) == expected_case
    assert seen_by(network.diana, setting) == expected_case
    # Outside the case nobody sees anything; the planning analyst never sees a person's responses.
    assert seen_by(network.paolo, setting) == set()
    assert seen_by(network.laura, setting) == set()


def test_an_agreed_protected_category_reaches_the_case(setting):
    from intreccio.people.actions import record_sharing_choice

    network = setting.network
    give(network.carla, setting.mario, setting.addiction)
    record_sharing_choice(
        setting.mario, actor=network.carla, scope="network", protected_categories_agreed=["addiction"]
    )
    assert seen_by(network.ana, setting) == {"addiction-service"}


def test_other_organisations_see_only_what_consent_reaches(setting):
    network = setting.network
    from intreccio.cases.actions import open_case

    # Sofia refused sharing: Caritas (her door) sees her, but not what the Comune gives her.
    open_case(actor=network.ana, person=setting.sofia, lead=network.ana)
    comune = give(network.ana, setting.sofia, setting.parcel)
    assert seen_by(network.carla, setting, setting.sofia) == set()
    assert can_view_response(network.ana, comune)
    assert not can_view_response(network.carla, comune)


def test_a_consent_exempt_door_sees_non_sensitive_responses_when_sharing_reaches_it(setting):
    network = setting.network
    parcel = give(network.bruno, setting.mario, setting.parcel)
    mental = give(network.bruno, setting.mario, queries.get_response_type_by_code("mental-health-care"))
    # Carla is not on Mario's case: she sees the parcel (network sharing), not the mental-health care.
    assert can_view_response(network.carla, parcel)
    assert not can_view_response(network.carla, mental)


def test_recording_and_cancelling_predicates(setting):
    network = setting.network
    parcel = give(network.bruno, setting.mario, setting.parcel)
    assert can_record_response(network.carla, setting.mario)
    assert not can_record_response(network.paolo, setting.mario)
    assert not can_record_response(network.bruno, setting.sofia)
    assert can_cancel_response(network.ana, parcel)
    assert not can_cancel_response(network.carla, parcel)
