"""Alerts stay inside their organisation: another organisation's data-protection contact sees nothing."""

import pytest
from django.urls import reverse

from conftest import many_reads_alert
from intreccio.audit.actions import close_alert
from intreccio.core.exceptions import PermissionDenied


@pytest.fixture
def alert(network):
    return many_reads_alert(network.ana, network.comune)


def test_another_organisations_contact_cannot_see_the_alert(client_for, network, alert):
    from intreccio.accounts.actions import add_operator
    from intreccio.core.roles import Role

    caritas_dpo = add_operator(
        actor=network.sara,
        organisation=network.caritas,
        email="privacy@caritas.test.intreccio.it",
        given_name="Rita",
        family_name="Bassi",
        roles=[Role.DATA_PROTECTION_OFFICER],
    )
    client = client_for(caritas_dpo)
    assert list(client.get(reverse("audit:alert_list")).context["page"].object_list) == []
    assert client.get(reverse("audit:alert_detail", args=[alert.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        close_alert(alert, actor=caritas_dpo, note="visto")
