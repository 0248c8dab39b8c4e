"""Referral pages and endpoints measured by bench/run.py: the receiving queue and the sent list."""

from intreccio.core.benchmarks import bench_page, demo_user

DEMO_LEAD = "regia@demo.intreccio.it"
DEMO_RECEIVER = "sportello@demo.intreccio.it"


@bench_page("referrals.inbox", description="Invii in arrivo (operatrice Caritas demo)")
def inbox():
    return demo_user(DEMO_RECEIVER), "/invii/in-arrivo/"


@bench_page("referrals.inbox_stalled", description="Invii in arrivo, solo quelli fermi")
def inbox_stalled():
    return demo_user(DEMO_RECEIVER), "/invii/in-arrivo/?fermi=1"


@bench_page("referrals.sent", description="Invii fatti (case manager demo)")
def sent():
    return demo_user(DEMO_LEAD), "/invii/inviati/"


@bench_page("api.referrals.received", description="GET /api/v1/referrals/?box=received")
def api_received():
    return demo_user(DEMO_RECEIVER), "/api/v1/referrals/?box=received"
