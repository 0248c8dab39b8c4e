"""Pages of the territory app measured by bench/run.py."""

from intreccio.core.benchmarks import bench_page, demo_user


@bench_page("territory.map", description="Mappa e tabella dell'ambito")
def territory_map():
    return demo_user("regia@demo.intreccio.it"), "/territorio/"
