"""Pages of the intake app measured by bench/run.py: the team queue and the case lead's inbox."""

from intreccio.core.benchmarks import bench_page, demo_user


@bench_page(
    "intake.queue", description="Coda degli accessi delle équipe dell'assistente sociale del Comune di Lecco"
)
def intake_queue():
    return demo_user("regia@demo.intreccio.it"), "/accessi/coda/"


@bench_page("intake.inbox", description="Posta in arrivo del case manager del Comune di Lecco")
def intake_inbox():
    return demo_user("regia@demo.intreccio.it"), "/accessi/in-arrivo/"
