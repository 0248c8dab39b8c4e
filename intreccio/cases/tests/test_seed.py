import pytest
from django.core.management import call_command

from intreccio.cases.models import Case, LeadHandover
from intreccio.cases.seed import seed_cases
from intreccio.core.seeding import SeedContext

from .factories import PersonFactory


@pytest.mark.django_db(transaction=True)
def test_the_seed_takes_a_share_of_the_persons_in_charge_in_every_status(tmp_path):
    with open(tmp_path / "seed.log", "w") as log:
        call_command("seed_demo", size="tiny", seed=1, stdout=log)
    if not Case.objects.exists():  # no people seeder in this branch yet: add persons and run again
        import random

        for _ in range(60):
            PersonFactory()
        with open(tmp_path / "cases.log", "w") as log:
            seed_cases(SeedContext(size="tiny", seed=1, rng=random.Random(1), faker=None, stdout=log))
    assert Case.objects.count() == 18
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert (
        Case.objects.filter(status="closed").exclude(outcome="").count()
        == Case.objects.filter(status="closed").count()
    )
    assert set(LeadHandover.objects.values_list("status", flat=True)) == {"accepted", "proposed"}
    demo = Case.objects.filter(lead__email="regia@demo.intreccio.it")
    assert demo.count() >= 3
