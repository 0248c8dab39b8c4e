from django.core.management import call_command

from intreccio.intake.models import Intake, RoutingRule


def test_the_demo_seed_has_intakes_from_every_door_overdue_and_taken(db, tmp_path):
    call_command("seed_demo", size="tiny", seed=1, stdout=open(tmp_path / "seed.log", "w"))  # noqa: SIM115
    assert RoutingRule.objects.filter(active=True, micro_territory=None, need=None).count() == 1
    kinds = set(Intake.objects.exclude(access_point_kind="").values_list("access_point_kind", flat=True))
    assert len(kinds) >= 5
    assert Intake.objects.filter(source="sentinel").exists()
    assert Intake.objects.filter(status="taken").exists()
    assert Intake.objects.filter(reminded_at__isnull=False).exists()
    assert Intake.objects.filter(escalated_at__isnull=False).exists()
    assert Intake.objects.filter(shared=False).exists()
