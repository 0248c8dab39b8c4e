"""Public portal pages measured by bench/run.py (anonymous visitors)."""

from intreccio.core.benchmarks import bench_page
from intreccio.directory.models import Service


@bench_page(
    "portal.search", description="Portale: bisogno vicino a un indirizzo, aperto martedì alle 10:30 (it)"
)
def search():
    return None, "/portale/it/cerca/?bisogno=food&vicino=via+Belfiore+3+Germanedo&quando=2026-12-01T10%3A30"


@bench_page("portal.search_ar", description="Portale: testo libero in arabo vicino a Lecco")
def search_arabic():
    return None, "/portale/ar/cerca/?q=%D8%A7%D9%84%D8%BA%D8%B0%D8%A7%D8%A1&vicino=Lecco"


@bench_page("portal.service", description="Portale: scheda di un servizio (ar)")
def service():
    return None, f"/portale/ar/servizi/{Service.objects.order_by('pk').first().pk}/"


@bench_page("portal.this_week", description="Portale: questa settimana nei luoghi di incontro")
def this_week():
    return None, "/portale/it/questa-settimana/"


@bench_page("portal.map_points", description="Portale: punti della mappa (JSON)")
def map_points():
    return None, "/portale/it/mappa/punti.json"
