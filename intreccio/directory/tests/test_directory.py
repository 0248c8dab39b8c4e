import pytest

from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.directory.actions import create_service, load_needs_taxonomy, update_service
from intreccio.directory.models import Need, Service
from intreccio.directory.queries import services


def test_the_default_taxonomy_has_italian_labels_and_sensitive_categories(territory):
    assert Need.objects.filter(active=True).count() == 20
    assert Need.objects.get(code="addiction").sensitive_category == "addiction"
    assert Need.objects.get(code="violence").sensitive_category == "sexual_violence"
    assert Need.objects.get(code="food").label == "Alimentazione"
    assert list(Need.objects.values_list("code", flat=True)[:3]) == ["housing", "homelessness", "work"]


def test_a_need_missing_from_a_new_file_is_retired_not_deleted(territory, tmp_path):
    path = tmp_path / "needs.toml"
    path.write_text('[[needs]]\ncode = "housing"\nlabel = "Abitare"\n')
    assert load_needs_taxonomy(path, actor=None) == 1
    assert Need.objects.get(code="housing").label == "Abitare"
    assert Need.objects.get(code="food").active is False
    assert Need.objects.count() == 20


def test_a_taxonomy_with_errors_writes_nothing(territory, tmp_path):
    path = tmp_path / "needs.toml"
    path.write_text(
        '[[needs]]\ncode = "x"\nlabel = "X"\nsensitive_category = "gossip"\n'
        '[[needs]]\ncode = "x"\nlabel = "Y"\n'
    )
    with pytest.raises(ApplicationError) as raised:
        load_needs_taxonomy(path, actor=None)
    assert raised.value.message == (
        "Il file dei bisogni contiene errori: 'x': unknown sensitive category 'gossip'; duplicate code 'x'"
    )
    assert not Need.objects.filter(code="x").exists()


def test_organisation_admins_manage_their_own_services(network):
    housing = Need.objects.get(code="housing")
    service = create_service(network.comune, actor=network.laura, name="Sportello casa", needs=[housing])
    assert DomainEvent.objects.get(kind="SERVICE_CREATED").payload == {
        "name": "Sportello casa",
        "needs": ["housing"],
    }
    with pytest.raises(PermissionDenied):
        create_service(network.caritas, actor=network.laura, name="Intruso")
    with pytest.raises(PermissionDenied):
        update_service(service, actor=network.carla, name="Rinominato")
    service.refresh_from_db()
    assert service.name == "Sportello casa"
    assert list(services(need=housing)) == [service]
    update_service(service, actor=network.laura, status=Service.Status.TEMPORARILY_CLOSED)
    assert list(services(need=housing)) == []
