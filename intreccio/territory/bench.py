"""Pages of the territory app measured by bench/run.py."""

from intreccio.accounts.models import User
from intreccio.core.benchmarks import bench_page


@bench_page("territory.map", description="Mappa e tabella dell'ambito")
def territory_map():
    return User.objects.get(email="regia@demo.intreccio.it"), "/territorio/"
