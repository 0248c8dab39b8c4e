"""Pages of the organisations app measured by bench/run.py."""

from intreccio.core.benchmarks import bench_page, demo_user


@bench_page("organisations.list", description="Enti della rete, prima pagina")
def organisation_list():
    return demo_user("sportello@demo.intreccio.it"), "/enti/"


@bench_page("api.organisations.list", description="GET /api/v1/organisations/")
def organisation_list_api():
    return demo_user("sportello@demo.intreccio.it"), "/api/v1/organisations/"
