"""The person's timeline measured by bench/run.py: persons with 100, 1,000 and 5,000 events.

The bench persons are made on first use in the seeded database: registered
by the demo lead's organisation and taken in charge by her, with events of
every audience (a tenth of them diary notes, some in a protected category).
The query count must be the same for the three persons (it does not grow
with the number of events); `measure()` gives p95 and queries without the
harness (python -c "…bench.measure()" in a configured shell, or a test).
"""

import datetime
import statistics
import time

from intreccio.core.benchmarks import bench_page, demo_user

DEMO_LEAD = "regia@demo.intreccio.it"
SIZES = (100, 1_000, 5_000)
SURNAME = "Storia-Bench"


def bench_person(lead, count: int):
    """The bench person with `count` events (made once, through the actions, then in bulk)."""
    from intreccio.audit.models import DomainEvent
    from intreccio.cases import actions as cases
    from intreccio.cases import events as case_events
    from intreccio.cases.models import Case
    from intreccio.core.context import acting_as
    from intreccio.people import actions as people
    from intreccio.people.models import Person

    given = f"Eventi{count}"
    person = Person.objects.filter(given_names=given, surnames=SURNAME).first()
    if person is not None:
        return person
    organisation = lead.active_organisation
    with acting_as("bench", organisation_id=organisation.pk):
        person = people.register_person(
            actor=lead, given_names=given, surnames=SURNAME, confirm_duplicate=True
        )
        case = Case.objects.filter(person=person).first() or cases.open_case(
            actor=lead, person=person, lead=lead
        )
        note = cases.write_note(case, actor=lead, body="Colloquio di verifica", visibility="team")
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    existing = DomainEvent.objects.filter(person_id=person.pk).count()
    kinds = [
        (case_events.CASE_ACTIVATED, {"from": "to_assess", "to": "active"}, []),
        (case_events.CASE_MEMBER_ADDED, {"user": lead.pk}, []),
        ("PERSON_UPDATED", {}, []),
        (case_events.CASE_SUSPENDED, {"from": "active", "to": "suspended"}, ["addiction"]),
    ]
    rows = []
    for index in range(max(0, count - existing)):
        if index % 10 == 0:
            kind, payload = (
                case_events.CASE_NOTE_WRITTEN,
                {
                    "case_id": case.pk,
                    "note_id": note.pk,
                    "audience": "case",
                    "author_id": lead.pk,
                },
            )
            categories = []
        else:
            kind, payload, categories = kinds[index % len(kinds)]
        rows.append(
            DomainEvent(
                kind=kind,
                occurred_at=start + datetime.timedelta(hours=index),
                actor=lead,
                organisation=organisation,
                subject_type="cases.case",
                subject_id=str(case.pk),
                person_id=person.pk,
                categories=categories,
                payload=payload,
            )
        )
    DomainEvent.objects.bulk_create(rows, batch_size=1_000)
    return person


def _lead():
    user = demo_user(DEMO_LEAD)
    return user


def _page(count: int):
    def build():
        lead = _lead()
        return lead, f"/persone/{bench_person(lead, count).pk}/storia/"

    return build


def _api(count: int):
    def build():
        lead = _lead()
        return lead, f"/api/v1/timeline/persons/{bench_person(lead, count).pk}"

    return build


for _count in SIZES:
    bench_page(f"timeline.person_{_count}", description=f"Storia di una persona con {_count} eventi")(
        _page(_count)
    )
    bench_page(
        f"api.timeline.person_{_count}", description=f"GET /api/v1/timeline/persons/ ({_count} eventi)"
    )(_api(_count))


def measure(lead=None, *, sizes=SIZES, repeat: int = 30) -> dict:
    """p50/p95 (ms) and query count of the timeline page for a person with each number of events."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    lead = lead or _lead()
    client = Client()
    client.force_login(lead)
    device = TOTPDevice.objects.filter(user=lead, confirmed=True).first() or TOTPDevice.objects.create(
        user=lead, name="bench", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    results = {}
    for count in sizes:
        url = f"/persone/{bench_person(lead, count).pk}/storia/"
        client.get(url)
        timings, queries = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            queries.append(len(captured.captured_queries))
        timings.sort()
        results[count] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
            "queries": sorted(set(queries)),
        }
    return results
