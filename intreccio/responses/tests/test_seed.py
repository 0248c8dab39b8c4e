import pytest
from django.core.management import call_command

from intreccio.responses.models import OverlapAlert, Response, ResponseType


@pytest.mark.django_db(transaction=True)
def test_the_seed_gives_responses_and_shows_each_overlap_outcome(tmp_path):
    with open(tmp_path / "seed.log", "w") as log:
        call_command("seed_demo", size="tiny", seed=1, stdout=log)
    assert Response.objects.filter(organisation__name__icontains="Caritas").exists()
    assert Response.objects.exclude(organisation__name__icontains="Caritas").count() >= 10
    statuses = set(OverlapAlert.objects.values_list("status", flat=True))
    assert statuses == {"complementary", "open", "prevented"}
    assert ResponseType.objects.get(code="food-parcel").need.code == "food"
