"""Recording and cancelling responses, the catalogue; every refusal changes nothing."""

import datetime
from decimal import Decimal

import pytest

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.core.exceptions import ApplicationError, Conflict, PermissionDenied
from intreccio.responses import actions
from intreccio.responses.catalogue import link_needs
from intreccio.responses.models import OverlapAlert, Response, ResponseType

from .factories import DAY, give

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Response.objects.count(),
        OverlapAlert.objects.count(),
        DomainEvent.objects.filter(kind__startswith="RESPONSE").count(),
        AuditEntry.objects.filter(target_type="responses.response").count(),
    )


def test_recording_a_response_writes_its_event_with_the_sensitive_category(setting):
    network = setting.network
    response = give(network.carla, setting.mario, setting.addiction, quantity=Decimal("4"))
    event = DomainEvent.objects.get(kind="RESPONSE_RECORDED")
    assert event.categories == ["addiction"]
    assert event.organisation_id == network.caritas.pk
    assert event.payload["type"] == "addiction-service"
    assert response.case_id == setting.case.pk
    assert AuditEntry.objects.filter(target_type="responses.response", action="create").count() == 1


def test_the_catalogue_is_seeded_and_links_needs():
    assert ResponseType.objects.filter(overlap_group="food").count() == 2
    assert ResponseType.objects.get(code="canteen-meals").overlap_checked is False
    link_needs()
    assert ResponseType.objects.get(code="food-parcel").need.code == "food"
    assert ResponseType.objects.get(code="mental-health-care").sensitive_category == "mental_health"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"type": "contribution"}, "amount_required"),
        ({"type": "contribution", "amount": Decimal("0")}, "amount_required"),
        ({"type": "parcel", "amount": Decimal("20")}, "amount_not_allowed"),
        ({"type": "parcel", "quantity": Decimal("0")}, "quantity"),
        ({"type": "parcel", "ends_on": DAY - datetime.timedelta(days=1)}, "period"),
    ],
)
def test_invalid_input_is_refused_with_a_clear_error_and_changes_nothing(setting, kwargs, code):
    kwargs = dict(kwargs)
    response_type = getattr(setting, kwargs.pop("type"))
    before = snapshot()
    with pytest.raises(ApplicationError) as raised:
        actions.record_response(
            actor=setting.network.carla, person=setting.mario, type=response_type, starts_on=DAY, **kwargs
        )
    assert raised.value.code == code
    assert snapshot() == before


def test_a_retired_type_is_refused(setting):
    actions.set_response_type_active(setting.parcel, actor=setting.network.sara, active=False)
    with pytest.raises(ApplicationError) as raised:
        give(setting.network.carla, setting.mario, setting.parcel)
    assert raised.value.code == "type_inactive"


def test_a_case_of_another_person_is_refused(setting):
    from intreccio.cases.actions import open_case

    network = setting.network
    other = open_case(actor=network.ana, person=setting.sofia, lead=network.ana)
    with pytest.raises(ApplicationError) as raised:
        give(network.ana, setting.mario, setting.parcel, case=other)
    assert raised.value.code == "case_mismatch"


@pytest.mark.parametrize("who", ["paolo", "laura", "sara"])
def test_only_person_facing_operators_record(setting, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        give(getattr(setting.network, who), setting.mario, setting.parcel)
    assert snapshot() == before


def test_an_operator_who_may_not_see_the_person_may_not_record(setting):
    # Sofia refused sharing and was registered by Caritas: the Comune's access point does not see her.
    before = snapshot()
    with pytest.raises(PermissionDenied):
        give(setting.network.bruno, setting.sofia, setting.parcel)
    assert snapshot() == before


def test_only_the_giving_organisation_cancels(setting):
    network = setting.network
    response = give(network.bruno, setting.mario, setting.parcel)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        actions.cancel_response(response, actor=network.carla, reason="Non serve")
    assert snapshot() == before
    with pytest.raises(ApplicationError):
        actions.cancel_response(response, actor=network.ana, reason="  ")
    assert snapshot() == before
    cancelled = actions.cancel_response(response, actor=network.ana, reason="Registrata due volte")
    assert cancelled.cancelled_reason == "Registrata due volte"
    assert DomainEvent.objects.filter(kind="RESPONSE_CANCELLED").count() == 1


def test_administrators_keep_the_catalogue(network):
    created = actions.create_response_type(
        actor=network.laura,
        code="school-kit",
        name="Kit scolastico",
        overlap_group="school",
        unit="item",
        coverage_days=0,
    )
    assert DomainEvent.objects.filter(kind="RESPONSE_TYPE_CREATED", subject_id=str(created.pk)).count() == 1
    with pytest.raises(Conflict):
        actions.create_response_type(actor=network.sara, code="school-kit", name="Altro", overlap_group="x")
    updated = actions.update_response_type(
        created, actor=network.sara, name="Kit per la scuola", coverage_days=365
    )
    assert (updated.name, updated.coverage_days) == ("Kit per la scuola", 365)
    with pytest.raises(PermissionDenied):
        actions.create_response_type(actor=network.ana, code="x", name="X", overlap_group="x")
