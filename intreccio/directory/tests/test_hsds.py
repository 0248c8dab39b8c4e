"""HSDS 3.0: export, import and the public API, validated against the official schemas (offline)."""

import json
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from intreccio.audit.models import DomainEvent
from intreccio.directory.actions import DatasetInvalid, import_hsds
from intreccio.directory.hsds import validation
from intreccio.directory.hsds.export import export_directory
from intreccio.directory.hsds.importer import json_lines
from intreccio.directory.models import Service, ServiceAtLocation, TaxonomyTerm
from intreccio.organisations.models import Organisation

EXAMPLES = Path(__file__).resolve().parent / "hsds_examples"
FILE_SCHEMAS = {
    "organizations.json": "organization",
    "services.json": "service",
    "locations.json": "location",
    "service_at_locations.json": "service_at_location",
    "taxonomies.json": "taxonomy",
    "taxonomy_terms.json": "taxonomy_term",
}


def directory_counts() -> dict[str, int]:
    models = list(apps.get_app_config("directory").get_models())
    return {model.__name__: model.objects.count() for model in models} | {
        "Organisation": Organisation.objects.count()
    }


def test_the_validator_rejects_what_the_schema_forbids():
    assert validation.errors("service", {"id": "x", "name": "Senza stato"}) == [
        ("/", "'status' is a required property"),
        ("/id", "'x' is not a 'uuid'"),
    ]


def test_the_export_validates_against_the_official_schemas(directory, tmp_path):
    counts = export_directory(tmp_path)
    assert counts == {
        "organizations.json": 3,
        "services.json": 3,
        "locations.json": 4,
        "service_at_locations.json": 3,
        "taxonomies.json": 1,
        "taxonomy_terms.json": 20,
    }
    for name, schema in FILE_SCHEMAS.items():
        for item in json.loads((tmp_path / name).read_text()):
            assert validation.errors(schema, item) == [], (name, item["id"])
    services = {s["name"]: s for s in json.loads((tmp_path / "services.json").read_text())}
    food_bank = services["Emporio solidale"]
    assert [a["taxonomy_term"]["code"] for a in food_bank["attributes"]] == ["food"]
    assert food_bank["intreccio_capacity"]["units"][0] | {"updated": "-"} == {
        "unit": "tessere",
        "available": 5,
        "maximum": 20,
        "updated": "-",
    }
    schedule = food_bank["service_at_locations"][0]["schedules"][0]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "WEEKLY",
        "TU,SA",
        "09:00:00",
        "12:00:00",
    )
    assert json.loads((tmp_path / "index.json").read_text())["version"] == "3.0"


def test_the_export_imports_back_into_an_empty_directory_without_duplicates(directory, tmp_path, network):
    export_directory(tmp_path)
    before = directory_counts()
    summary = import_hsds(tmp_path, actor=network.sara)
    assert dict(summary.created) == {}
    assert directory_counts()["Service"] == before["Service"]
    Service.objects.all().delete()
    ServiceAtLocation.objects.all().delete()
    import_hsds(tmp_path, actor=None)
    restored = Service.objects.get(name="Emporio solidale")
    assert restored.uuid == directory.food_bank.uuid
    assert sorted(n.code for n in restored.needs.all()) == ["food"]
    assert restored.capacity_status == ""  # capacity is today's state, not part of a dataset
    assert restored.service_at_locations.get().schedules.count() == 1


def test_the_official_examples_import_and_a_second_import_creates_nothing(territory):
    summary = import_hsds(EXAMPLES, actor=None)
    assert dict(summary.created) == {
        "accessibility": 1,
        "address": 1,
        "attribute": 1,
        "contact": 1,
        "cost_option": 1,
        "funding": 1,
        "language": 1,
        "location": 1,
        "metadata": 1,
        "organization": 1,
        "organization_identifier": 1,
        "phone": 1,
        "program": 1,
        "required_document": 1,
        "schedule": 1,
        "service": 1,
        "service_area": 1,
        "service_at_location": 1,
        "taxonomy": 1,
        "taxonomy_term": 1,
    }
    assert "location 3a19ff88-4620-4d17-9830-ac1d859eb5d5: coordinate fuori scala (100, 101), ignorate" in (
        summary.warnings
    )
    service = Service.objects.get(uuid="ac148810-d857-441c-9679-408f346de14b")
    assert (service.name, service.organisation.name, service.minimum_age, service.program.name) == (
        "Community Counselling",
        "Example Organization Inc.",
        12,
        "Community Mental Health Support",
    )
    counts = directory_counts()
    again = import_hsds(EXAMPLES, actor=None)
    assert dict(again.created) == {}
    assert directory_counts() == counts
    tabular = import_hsds(EXAMPLES / "csv", actor=None)
    assert dict(tabular.created) == {}
    assert directory_counts() == counts
    assert DomainEvent.objects.filter(kind="DIRECTORY_IMPORTED").count() == 3


def test_a_corrupted_file_is_rejected_with_lines_and_fields_and_nothing_written(territory, tmp_path):
    shutil.copy(EXAMPLES / "organization_full.json", tmp_path / "organization_full.json")
    broken = json.loads((EXAMPLES / "service_full.json").read_text())
    del broken["status"]
    broken["phones"][0]["id"] = "not-a-uuid"
    (tmp_path / "service_full.json").write_text(json.dumps(broken, indent=2))
    before = directory_counts()
    with pytest.raises(DatasetInvalid) as raised:
        import_hsds(tmp_path, actor=None)
    assert raised.value.details["problems"] == [
        "service_full.json, riga 1, campo /: 'status' is a required property",
        "service_full.json, riga 24, campo /phones/0/id: 'not-a-uuid' is not a 'uuid'",
    ]
    assert directory_counts() == before
    assert not DomainEvent.objects.filter(kind="DIRECTORY_IMPORTED").exists()


def test_malformed_json_and_csv_report_their_line(territory, tmp_path):
    (tmp_path / "services.json").write_text('[\n  {"id": "a",\n   "name": }\n]')
    (tmp_path / "phones.csv").write_text("id,number\n1554f2e2-a373-45db-a3fa-9fc48a61c15e,\nnot-uuid,0341\n")
    with pytest.raises(DatasetInvalid) as raised:
        import_hsds(tmp_path, actor=None)
    assert raised.value.details["problems"] == [
        "phones.csv, riga 2, campo /: 'number' is a required property",
        "phones.csv, riga 3, campo /id: 'not-uuid' is not a 'uuid'",
        "services.json, riga 3, campo /: JSON non valido: Expecting value",
    ]


def test_the_import_command_reports_problems_and_fails(territory, tmp_path, capsys):
    (tmp_path / "services.json").write_text("[{}]")
    with pytest.raises(CommandError, match="non è stato importato nulla"):
        call_command("import_hsds", str(tmp_path))
    assert "services.json, riga 1, campo /0: 'id' is a required property" in capsys.readouterr().err


def test_the_export_command_writes_the_files(directory, tmp_path, capsys):
    call_command("export_hsds", str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*FILE_SCHEMAS, "index.json"])
    assert "HSDS 3.0 export written" in capsys.readouterr().out


def test_json_lines_maps_pointers_to_lines():
    text = '{\n "a": 1,\n "b": [\n  {"c": 2},\n  {"c": 3}\n ]\n}'
    lines = json_lines(text)
    assert (lines["/a"], lines["/b"], lines["/b/1"], lines["/b/1/c"]) == (2, 3, 5, 5)


def test_need_terms_are_a_taxonomy(territory):
    assert TaxonomyTerm.objects.filter(taxonomy__code="intreccio-needs").count() == 20
