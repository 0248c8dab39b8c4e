import pytest
from django.core.management import call_command

from intreccio.plans.gaps import plan_gaps
from intreccio.plans.models import CarePlan, PlanReview, PlanVersion
from intreccio.plans.queries import plan_detail


@pytest.mark.django_db(transaction=True)
def test_the_seed_gives_most_open_cases_a_plan_in_every_shape(tmp_path):
    with open(tmp_path / "seed.log", "w") as log:
        call_command("seed_demo", size="tiny", seed=1, stdout=log)
    plans = list(plan_detail().select_related("case"))
    assert len(plans) >= 12
    assert {plan.status for plan in plans} == {"draft", "agreed"}
    assert PlanVersion.objects.filter(reason="review").exists()
    assert PlanReview.objects.filter(status="scheduled").exists()
    assert any(plan_gaps(plan).needs_without_goal or plan_gaps(plan).actions_without_owner for plan in plans)
    assert any(plan_gaps(plan).overdue_actions for plan in plans)
    assert CarePlan.objects.filter(case__lead__email="regia@demo.intreccio.it").count() >= 3
