"""API fuzzing with schemathesis, per role: no 5xx, no response outside the schema.

Every operation of the OpenAPI schema gets generated requests (valid and
invalid data) as each persona, authenticated with an API token (anonymous:
none). Each response is checked by schemathesis (status code and content
type documented, body conforming to the schema, invalid data rejected) and
must never be a server error.
"""

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from intreccio.accounts.actions import issue_api_token

PERSONAS = ["anonymous", "sara", "laura", "ana", "carla", "paolo"]
# Examples per operation, per persona and per mode (valid / invalid data).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))


@pytest.fixture
def in_process_requests():
    """Keep the test's database connection across WSGI calls (as Django's test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, in_process_requests):
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def fuzz(schema, token: str | None, figures: Counter, failures: list[str]) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_operation(operation, mode, headers, figures, failures)
        figures["operations"] += 1


def fuzz_operation(operation, mode, headers, figures: Counter, failures: list[str]) -> None:
    label = f"{operation.label} ({mode.value})"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        figures["cases"] += 1
        figures[f"status {response.status_code}"] += 1
        if response.status_code >= 500:
            figures["5xx"] += 1
            failures.append(f"{label}: {response.status_code}")
            return
        try:
            case.validate_response(response, headers=headers)
        except BaseExceptionGroup as error:  # schemathesis check failures (a FailureGroup)
            figures["schema_violations"] += 1
            checks = [line.strip() for line in str(error).splitlines() if line.strip().startswith("- ")]
            failures.append(f"{label} {response.status_code}: {checks}")

    run()


def test_api_fuzzing_per_role(api_schema, network, security_figures):
    totals, failures, per_persona = Counter(), [], {}
    for persona in PERSONAS:
        figures = Counter()
        token = None
        if persona != "anonymous":
            _token, token = issue_api_token(actor=getattr(network, persona), name="fuzz")
        fuzz(api_schema, token, figures, failures)
        per_persona[persona] = figures["cases"]
        totals.update(figures)
    operations = totals["operations"] // len(PERSONAS)
    security_figures.record(
        "api_fuzzing",
        {
            "fuzzed_cases": totals["cases"],
            "cases_per_persona": per_persona,
            "operations_covered": operations,
            "operations_total": len(list(api_schema.get_all_operations())),
            "server_errors_5xx": totals["5xx"],
            "schema_violations": totals["schema_violations"],
            "statuses": {k: v for k, v in sorted(totals.items()) if k.startswith("status")},
        },
    )
    assert failures == [], "\n".join(sorted(set(failures))[:40])
    assert totals["cases"] >= 1000
