"""Pages of the audit app measured by bench/run.py."""

from django.contrib.auth import get_user_model

from intreccio.core.benchmarks import bench_page


@bench_page("audit.alerts.list", description="Allerte privacy del Comune di Lecco")
def alert_list():
    return get_user_model().objects.get(email="privacy@demo.intreccio.it"), "/privacy/allerte/"
