"""Response pages and endpoints measured by bench/run.py, and the recording itself.

The overlap check is measured through its htmx page (a GET, like the other
pages): the Caritas demo access point checks a food card for a person it
sees. `measure_recording()` times record_response (overlap check, alerts,
event, audit) directly: run it in `manage.py shell` on a seeded database.
"""

import statistics
import time

from intreccio.core.benchmarks import bench_page, demo_user

DEMO_LEAD = "regia@demo.intreccio.it"
DEMO_DOOR = "sportello@demo.intreccio.it"


def _door_person_query() -> str:
    from intreccio.people.queries import persons_visible_to
    from intreccio.responses.models import ResponseType

    door = demo_user(DEMO_DOOR)
    person = persons_visible_to(door).order_by("pk").first()
    card = ResponseType.objects.get(code="food-card")
    return f"?persona={person.pk}&type={card.pk}&starts_on=2026-01-15"


@bench_page("responses.given", description="Risposte date dal Comune (case manager demo)")
def given():
    return demo_user(DEMO_LEAD), "/risposte/"


@bench_page("responses.alerts", description="Sovrapposizioni (case manager demo)")
def alerts():
    return demo_user(DEMO_LEAD), "/risposte/sovrapposizioni/"


@bench_page("responses.check", description="Verifica delle sovrapposizioni (sportello Caritas)")
def check():
    return demo_user(DEMO_DOOR), "/risposte/verifica/" + _door_person_query()


@bench_page("api.responses.given", description="GET /api/v1/responses/")
def api_given():
    return demo_user(DEMO_LEAD), "/api/v1/responses/"


def measure_recording(repeat: int = 30) -> dict:
    """p50/p95 (ms) of record_response for the demo lead's persons, rolled back each time."""
    import datetime

    from django.db import transaction

    from intreccio.cases.models import Case
    from intreccio.responses.actions import record_response
    from intreccio.responses.models import Response, ResponseType

    lead = demo_user(DEMO_LEAD)
    lead.act_for(lead.active_organisation)
    cases = list(Case.objects.filter(lead=lead).exclude(status="closed").select_related("person")[:repeat])
    parcel = ResponseType.objects.get(code="food-parcel")
    timings = []
    for index in range(repeat):
        case = cases[index % len(cases)]
        with transaction.atomic():
            started = time.perf_counter()
            record_response(
                actor=lead,
                person=case.person,
                type=parcel,
                starts_on=datetime.date(2026, 1, 15),
                confirm_overlap=True,
            )
            timings.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    timings.sort()
    return {
        "responses_in_database": Response.objects.count(),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
    }
