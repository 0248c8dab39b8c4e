"""Pages of the accounts app measured by bench/run.py."""

from intreccio.core.benchmarks import bench_page, demo_user


@bench_page("accounts.home.organisation_admin", description="Home dell'amministratore di ente")
def home_admin():
    return demo_user("admin.ente@demo.intreccio.it"), "/"


@bench_page("accounts.operators.list", description="Operatori del Comune di Lecco")
def operator_list():
    return demo_user("admin.ente@demo.intreccio.it"), "/operatori/"


@bench_page("accounts.sessions.list", description="Sessioni aperte degli operatori del Comune di Lecco")
def session_list():
    return demo_user("admin.ente@demo.intreccio.it"), "/operatori/sessioni/"
