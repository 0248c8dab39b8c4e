"""The portal's hand-off: a citizen's request becomes an intake routed like any other."""

import pytest

from intreccio.intake.models import Intake
from intreccio.intake.tests.factories import build_intake_setting
from intreccio.portal import actions as portal


@pytest.fixture
def setting(network):
    return build_intake_setting(network)


def test_the_portal_hand_off_creates_a_routed_intake(setting, directory):
    from intreccio.territory.models import Municipality

    request = portal.submit_help_request(
        need=setting.needs["housing"],
        municipality=Municipality.objects.get(name="Lecco"),
        language="uk",
        name="Olena",
        contact_method="phone",
        contact="+39 333 000 1111",
        consent_to_contact=True,
    )
    handed = portal.hand_off_help_request(request.pk)
    intake = Intake.objects.get(source="portal")
    assert (intake.routed_to_team, intake.person, intake.contact, intake.recorded_by) == (
        setting.team,  # the district default (Lecco spans several micro-territories)
        None,
        "Telefono: +39 333 000 1111",
        None,
    )
    assert intake.subject_description == f"Olena (richiesta dal portale {request.receipt_code}, Lecco)"
    assert handed.routed_organisation == setting.comune
