import pytest
from django.conf import settings

from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import PermissionDenied
from intreccio.territory.actions import (
    TerritoryConfigInvalid,
    create_micro_territory,
    load_territory,
    update_micro_territory,
)
from intreccio.territory.models import District, MicroTerritory, Municipality


def test_the_province_of_lecco_is_loaded_from_packaged_data(territory):
    assert Municipality.objects.count() == 84
    assert sum(Municipality.objects.values_list("population", flat=True)) == 332_043
    lecco = Municipality.objects.get(istat_code="097042")
    assert (lecco.name, lecco.cadastral_code, lecco.postcodes, lecco.population) == (
        "Lecco",
        "E507",
        ["23900"],
        46_871,
    )
    assert lecco.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert round(lecco.latitude, 1) == 45.9
    assert District.objects.get(code="lecco").municipalities.count() == 32
    assert {d.code: d.municipalities.count() for d in District.objects.all()} == {
        "lecco": 32,
        "bellano": 25,
        "merate": 27,
    }


def test_loading_again_changes_nothing(territory):
    before = (Municipality.objects.count(), MicroTerritory.objects.count(), District.objects.count())
    summary = load_territory(settings.INTRECCIO_TERRITORY_CONFIG, actor=None)
    assert (summary.municipalities, summary.micro_territories, summary.districts) == (84, 13, 3)
    assert (Municipality.objects.count(), MicroTerritory.objects.count(), District.objects.count()) == before


def test_a_config_with_errors_is_rejected_as_a_whole_and_writes_nothing(territory, tmp_path):
    source = settings.INTRECCIO_TERRITORY_CONFIG
    (tmp_path / "lecco_comuni.geojson").write_text((source.parent / "lecco_comuni.geojson").read_text())
    broken = (
        source.read_text()
        .replace('"Lecco", "Abbadia Lariana"', '"Lecco", "Atlantide"', 1)
        .replace('name = "Ambito distrettuale di Lecco"', 'name = "Ambito renamed"')
    )
    (tmp_path / "ambiti.toml").write_text(broken)
    events_before = DomainEvent.objects.count()
    with pytest.raises(TerritoryConfigInvalid) as raised:
        load_territory(tmp_path / "ambiti.toml", actor=None)
    assert "lecco: unknown municipality 'Atlantide'" in raised.value.details["problems"]
    assert "lario-orientale: 'Abbadia Lariana' is not in district 'lecco'" in raised.value.details["problems"]
    assert District.objects.get(code="lecco").name == "Ambito distrettuale di Lecco"
    assert DomainEvent.objects.count() == events_before


def test_only_a_system_admin_shapes_micro_territories(network):
    district = network.district
    olginate, garlate = Municipality.objects.filter(name__in=["Olginate", "Garlate"]).order_by("name")
    for outsider in (network.laura, network.ana, network.paolo):
        with pytest.raises(PermissionDenied):
            create_micro_territory(
                actor=outsider,
                district=district,
                code="adda-nord",
                name="Adda nord",
                kind="municipality_group",
                municipalities=[olginate],
            )
    assert not MicroTerritory.objects.filter(code="adda-nord").exists()
    micro = create_micro_territory(
        actor=network.sara,
        district=district,
        code="adda-nord",
        name="Adda nord",
        kind="municipality_group",
        municipalities=[olginate, garlate],
    )
    assert sorted(micro.municipalities.values_list("name", flat=True)) == ["Garlate", "Olginate"]
    event = DomainEvent.objects.get(kind="MICRO_TERRITORY_CREATED", subject_id=str(micro.pk))
    assert event.payload["municipalities"] == ["097038", "097059"]


def test_a_micro_territory_keeps_to_its_district(network):
    merate = Municipality.objects.get(name="Merate")
    with pytest.raises(
        Exception, match="Questi comuni non fanno parte di Ambito distrettuale di Lecco: Merate"
    ):
        create_micro_territory(
            actor=network.sara,
            district=network.district,
            code="x",
            name="X",
            kind="municipality_group",
            municipalities=[merate],
        )
    micro = MicroTerritory.objects.get(code="oggionese")
    with pytest.raises(Exception, match="Indica almeno un comune"):
        update_micro_territory(
            micro, actor=network.sara, name="Oggionese", kind="municipality_group", municipalities=[]
        )
    assert micro.municipalities.count() == 11
