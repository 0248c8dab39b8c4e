"""Alerts stay inside their organisation: another organisation's data-protection contact sees nothing."""

import datetime

import pytest
from django.urls import reverse

from intreccio.audit.actions import close_alert
from intreccio.audit.anomalies import detect
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import PermissionDenied


@pytest.fixture
def alert(network):
    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(minutes=40)
    for person in range(30):
        AuditEntry.objects.create(
            occurred_at=start + datetime.timedelta(minutes=person),
            actor=network.ana,
            actor_label=str(network.ana),
            organisation=network.comune,
            action="read",
            target_type="people.person",
            target_id=str(person),
            person_id=1000 + person,
            channel="web",
        )
    return next(a for a in detect() if a.kind == "many_persons")


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
