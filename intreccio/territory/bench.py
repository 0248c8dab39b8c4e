"""Pages of the territory app measured by bench/run.py."""

from django.contrib.auth import get_user_model

from intreccio.core.benchmarks import bench_page


@bench_page("territory.map", description="Mappa e tabella dell'ambito")
def territory_map():
    return get_user_model().objects.get(email="regia@demo.intreccio.it"), "/territorio/"
