"""Case pages and endpoints measured by bench/run.py: the case lead's own lists."""

from intreccio.core.benchmarks import bench_page, demo_user

DEMO_LEAD = "regia@demo.intreccio.it"


@bench_page("cases.my_cases", description="Le mie prese in carico (case manager demo)")
def my_cases():
    return demo_user(DEMO_LEAD), "/prese-in-carico/"


@bench_page("cases.my_cases_active", description="Le mie prese in carico, solo attive")
def my_active_cases():
    return demo_user(DEMO_LEAD), "/prese-in-carico/?stato=active"


@bench_page("api.cases.my_cases", description="GET /api/v1/cases/")
def api_my_cases():
    return demo_user(DEMO_LEAD), "/api/v1/cases/"
