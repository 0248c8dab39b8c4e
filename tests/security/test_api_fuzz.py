"""API fuzzing with schemathesis, per role: no 5xx, no response outside the schema.

Every operation of the OpenAPI schema gets generated requests (valid and
invalid data) as each persona, authenticated with an API token (anonymous:
none), about random objects and about objects that exist. Each response is
checked by schemathesis (status code and content type documented, body
conforming to the schema, invalid data rejected) and must never be a server
error. A well-formed request may still be refused by a business rule or
because it names data that does not exist (400, with the domain's code: an
unknown municipality, places free without their unit); it must never fail
validation (422: the schema would promise what the API refuses).
"""

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

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

    accepted = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]  # 5xx: counted apart
    config = SchemathesisConfig.from_dict(
        {"checks": {"positive_data_acceptance": {"expected-statuses": accepted}}}
    )
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config)


def fuzz(schema, token: str | None, figures: Counter, failures: list[str], known_ids=None) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_operation(operation, mode, headers, figures, failures, known_ids or {})
        figures["operations"] += 1


def with_known_ids(case, known_ids: dict):
    """The same generated request about an object that exists (random ids almost never do)."""
    for name in case.path_parameters or {}:
        if name in known_ids:
            case.path_parameters[name] = known_ids[name]
    return case


def refused_by_the_database(response) -> bool:
    """A text the database cannot store (a NUL character, longer than its column): 422 invalid_data."""
    if response.status_code != 422:
        return False
    try:
        return response.json()["error"]["code"] == "invalid_data"
    except (ValueError, KeyError, TypeError):
        return False


def unrepresentable_violation(checks: list[str]) -> bool:
    """An "invalid" request that is valid once on the wire, so accepting it is right.

    An object or array for an optional query parameter is sent as separate `key=value` pairs
    (the parameter is then simply absent: django-ninja validated what arrived), and the
    Authorization header is always replaced by the persona's real one (case.call(headers=)).
    Only these, and nothing else, in a negative case that was accepted."""
    violations = [line for line in checks if line.startswith(("- query:", "- header:", "- path:", "- body:"))]
    return (
        any(line.startswith("- ST201") for line in checks)
        and bool(violations)
        and all(
            (
                line.startswith("- query:")
                and ("became object" in line or "became array" in line or "violates `anyOf`" in line)
            )
            or line.startswith("- header: violates `format` at /properties/Authorization")
            for line in violations
        )
    )


def fuzz_operation(operation, mode, headers, figures: Counter, failures: list[str], known_ids: dict) -> None:
    label = f"{operation.label} ({mode.value})"
    strategy = operation.as_strategy(generation_mode=mode)
    about_known = {parameter.name for parameter in operation.path_parameters} & set(known_ids)
    if mode == GenerationMode.POSITIVE and about_known:  # invalid data stays invalid: only valid cases
        strategy = strategy | strategy.map(lambda case: with_known_ids(case, known_ids))

    @given(case=strategy)
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
        excluded = []
        if mode == GenerationMode.POSITIVE and refused_by_the_database(response):
            # JSON schema strings allow both; the API answers the documented 422 (api/errors.py).
            figures["refused_by_the_database"] += 1
            excluded.append(positive_data_acceptance)
        try:
            case.validate_response(response, headers=headers, excluded_checks=excluded)
        except BaseExceptionGroup as error:  # schemathesis check failures (a FailureGroup)
            checks = [line.strip() for line in str(error).splitlines() if line.strip().startswith("- ")]
            if mode == GenerationMode.NEGATIVE and unrepresentable_violation(checks):
                figures["negative_cases_not_sent_as_generated"] += 1
                return
            figures["schema_violations"] += 1
            failures.append(f"{label} {response.status_code}: {checks} {response.text[:300]}")

    try:
        run()
    except Unsatisfiable:
        if mode != GenerationMode.NEGATIVE:
            raise
        figures["operations_without_invalid_input"] += 1  # nothing to make invalid (no parameters)


def test_api_fuzzing_per_role(api_schema, network, directory, security_figures):
    from intreccio.territory.models import MicroTerritory

    known_ids = {
        "service_id": directory.social_service.pk,
        "organisation_id": network.comune.pk,
        "micro_territory_id": MicroTerritory.objects.get(code="lecco-centro").pk,
    }
    totals, failures, per_persona = Counter(), [], {}
    for persona in PERSONAS:
        figures = Counter()
        token = None
        if persona != "anonymous":
            _token, token = issue_api_token(actor=getattr(network, persona), name="fuzz")
        fuzz(api_schema, token, figures, failures, known_ids)
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
            "refused_by_the_database": totals["refused_by_the_database"],
            "statuses": {k: v for k, v in sorted(totals.items()) if k.startswith("status")},
        },
    )
    assert failures == [], "\n".join(sorted(set(failures))[:40])
    assert totals["cases"] >= 1000


@pytest.fixture
def hsds_schema(db, in_process_requests):
    from config.wsgi import application

    # HSDS declares its filters as plain strings; this API answers a malformed id or date, or a
    # proximity without a postcode, with 422 (docs/directory.md): valid-looking data may be refused.
    config = SchemathesisConfig.from_dict({"checks": {"positive_data_acceptance": {"enabled": False}}})
    return schemathesis.openapi.from_wsgi("/hsds/openapi.json", application, config=config)


def test_public_hsds_api_fuzzing(hsds_schema, network, directory, security_figures):
    """The public HSDS API, as anyone: no 5xx, every response documented, invalid data rejected."""
    from intreccio.directory.hsds.serialize import organisation_uuid

    link = directory.social_service.service_at_locations.get()
    term = directory.food.taxonomy_term
    known_ids = {
        "service_id": str(directory.social_service.uuid),
        "organization_id": organisation_uuid(network.comune),
        "link_id": str(link.uuid),
        "taxonomy_id": str(term.taxonomy.uuid),
        "term_id": str(term.uuid),
    }
    figures, failures = Counter(), []
    fuzz(hsds_schema, None, figures, failures, known_ids)
    security_figures.record(
        "hsds_fuzzing",
        {
            "fuzzed_cases": figures["cases"],
            "operations_covered": figures["operations"],
            "operations_total": len(list(hsds_schema.get_all_operations())),
            "server_errors_5xx": figures["5xx"],
            "schema_violations": figures["schema_violations"],
            "statuses": {k: v for k, v in sorted(figures.items()) if k.startswith("status")},
        },
    )
    assert failures == [], "\n".join(sorted(set(failures))[:40])
    assert figures["operations"] == len(list(hsds_schema.get_all_operations()))
