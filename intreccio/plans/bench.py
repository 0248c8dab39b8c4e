"""The plan page and endpoint measured by bench/run.py: the demo case manager's richest plan."""

from django.db.models import Count

from intreccio.core.benchmarks import bench_page, demo_user

DEMO_LEAD = "regia@demo.intreccio.it"


def _richest_plan_case_id(user) -> int:
    from intreccio.plans.models import CarePlan

    plan = (
        CarePlan.objects.filter(case__lead=user)
        .annotate(size=Count("actions", distinct=True) + Count("versions", distinct=True))
        .order_by("-size", "pk")
        .first()
    )
    return plan.case_id


@bench_page("plans.plan_page", description="Progetto personalizzato (case manager demo)")
def plan_page():
    user = demo_user(DEMO_LEAD)
    return user, f"/prese-in-carico/{_richest_plan_case_id(user)}/progetto/"


@bench_page("api.plans.plan", description="GET /api/v1/plans/cases/{id}")
def api_plan():
    user = demo_user(DEMO_LEAD)
    return user, f"/api/v1/plans/cases/{_richest_plan_case_id(user)}"
