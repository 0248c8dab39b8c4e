"""Pages of the audit app measured by bench/run.py."""

from intreccio.core.benchmarks import bench_page, demo_user


@bench_page("audit.alerts.list", description="Allerte privacy del Comune di Lecco")
def alert_list():
    return demo_user("privacy@demo.intreccio.it"), "/privacy/allerte/"
