"""Pages of the organisations app measured by bench/run.py."""

from django.contrib.auth import get_user_model

from intreccio.core.benchmarks import bench_page


def _demo(email: str):
    return get_user_model().objects.get(email=email)


@bench_page("organisations.list", description="Enti della rete, prima pagina")
def organisation_list():
    return _demo("sportello@demo.intreccio.it"), "/enti/"


@bench_page("api.organisations.list", description="GET /api/v1/organisations/")
def organisation_list_api():
    return _demo("sportello@demo.intreccio.it"), "/api/v1/organisations/"
