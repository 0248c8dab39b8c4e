import json

import pytest
from django.core.management import call_command

from intreccio.directory.hsds import validation
from intreccio.directory.hsds.export import export_directory
from intreccio.directory.models import Activity, Capacity, Location, Service, Translation


@pytest.mark.django_db(transaction=True)
def test_the_demo_seed_builds_a_believable_directory_that_exports_as_valid_hsds(tmp_path):
    call_command("seed_demo", size="tiny", seed=1, stdout=open(tmp_path / "seed.log", "w"))  # noqa: SIM115
    assert Service.objects.count() == 120
    assert Location.objects.exclude(place_kind="").count() == 46
    # 8 activities in the five places of each of 9 micro-territories, 2 at the community house.
    assert Activity.objects.count() == 74
    assert Capacity.objects.count() == 8
    assert sorted(Translation.objects.values_list("language", flat=True).distinct()) == [
        "ar",
        "en",
        "es",
        "fr",
        "ro",
        "sq",
        "uk",
    ]
    assert Service.objects.filter(stale_flagged_at__isnull=False).exists()
    export_directory(tmp_path / "hsds")
    services = json.loads((tmp_path / "hsds" / "services.json").read_text())
    assert len(services) == 120
    for item in services:
        assert validation.errors("service", item) == [], item["name"]
    for item in json.loads((tmp_path / "hsds" / "locations.json").read_text()):
        assert validation.errors("location", item) == [], item["name"]
