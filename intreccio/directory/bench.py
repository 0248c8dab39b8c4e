"""Directory pages and endpoints measured by bench/run.py (search: operators, citizens, HSDS)."""

from intreccio.core.benchmarks import bench_page, demo_user
from intreccio.directory.models import Service


@bench_page("directory.search", description="Ricerca operatori: bisogno, vicino a, con posti")
def operator_search():
    return demo_user("sportello@demo.intreccio.it"), "/servizi/?bisogno=food&vicino=Germanedo&posti=on"


@bench_page("directory.search_text", description="Ricerca operatori: testo libero, aperto martedì alle 10:30")
def operator_text_search():
    return demo_user("sportello@demo.intreccio.it"), "/servizi/?q=centro+ascolto&quando=2026-12-01T10%3A30"


@bench_page("directory.service", description="Scheda di un servizio (operatori)")
def service_detail():
    return demo_user("admin.ente@demo.intreccio.it"), f"/servizi/{Service.objects.order_by('pk').first().pk}/"


@bench_page("api.directory.search", description="GET /api/v1/directory/services?need=housing&near=Lecco")
def api_search():
    return demo_user("sportello@demo.intreccio.it"), "/api/v1/directory/services?need=housing&near=Lecco"


@bench_page("hsds.services", description="GET /hsds/services (pagina da 50)")
def hsds_services():
    return None, "/hsds/services"


@bench_page("hsds.services_full", description="GET /hsds/services?full=true&per_page=20")
def hsds_services_full():
    return None, "/hsds/services?full=true&per_page=20"
