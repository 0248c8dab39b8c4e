"""The authorisation matrix: every route and API operation × every persona, from policy.py.

For each (entry, persona) the request is made inside a savepoint (rolled
back afterwards, so every request sees the same world) and checked:
- the outcome (allowed / denied) is the one policy.decide() gives;
- a denied request changed nothing (fingerprint of every non-volatile table);
  a GET never changes anything;
- no response carried a secret of the target to a persona that may not receive
  it (denied, or allowed on a route whose secret is narrower: `secret_for`);
- audited entries wrote exactly one audit row per request that reached the data.
"""

import copy

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from intreccio.api.main import api
from intreccio.audit.models import AuditEntry

from .policy import POLICY, decide, may_receive_secret
from .world import PERSONAS, build_world, state_fingerprint

GATE_REDIRECTS = ("/accesso/?next=", "/accesso/verifica/", "/accesso/autenticazione-a-due-fattori/")


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_names(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}"


def routes_in_code() -> set[str]:
    pages = {name for name in url_names() if not name.startswith("api-v1:")}
    pages |= {"api-v1:api-root", "api-v1:openapi-json", "api-v1:openapi-view"}
    operations = {
        f"api:{operation['operationId']}"
        for methods in api.get_openapi_schema()["paths"].values()
        for operation in methods.values()
    }
    return pages | operations


def test_every_route_and_api_operation_is_in_the_policy(security_figures):
    in_policy = {entry.route for entry in POLICY}
    missing = sorted(routes_in_code() - in_policy)
    stale = sorted(in_policy - routes_in_code())
    security_figures.record("routes", {"routes": len(routes_in_code()), "missing_from_policy": len(missing)})
    assert missing == [], f"add these routes to tests/security/policy.py (docs/security.md): {missing}"
    assert stale == [], f"the policy names routes that no longer exist: {stale}"


def test_each_route_and_method_is_listed_once():
    keys = [entry.key for entry in POLICY]
    assert len(keys) == len(set(keys))


def outcome(response) -> str:
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    if status in (401, 403, 404, 405):
        return "deny"
    if status in (301, 302, 303):
        return "deny" if response["Location"].startswith(GATE_REDIRECTS) else "allow"
    return "allow"  # 200, 201, 204 and 400/422 (the request reached the operation)


def audit_rows_about(target) -> int:
    return AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).count()


def test_the_matrix(network, dpo, security_figures):
    world = build_world(network, dpo)
    # Every request starts from this same world (each is rolled back): its fingerprint is taken once.
    world_state = state_fingerprint()
    mismatches, leaks, changed, reached, audited = [], [], [], 0, 0
    combinations = 0
    for entry in POLICY:
        for persona in PERSONAS:
            combinations += 1
            expected = decide(entry, world.held(persona, entry))
            secret = world.secret(entry)
            target = world.target(entry.target)
            savepoint = transaction.savepoint()
            cookies = copy.deepcopy(world.clients[persona].cookies)
            try:
                check_state = entry.method == "GET" or not expected.allow
                before = world_state if check_state else None
                audit_before = audit_rows_about(target) if entry.audit else 0
                response = world.call(persona, entry)
                got = outcome(response)
                if got != ("allow" if expected.allow else "deny"):
                    mismatches.append(
                        f"{entry.method} {entry.route} as {persona}: expected "
                        f"{'allow' if expected.allow else 'deny'}, got {got} "
                        f"({response.status_code} {response.get('Location', '')})"
                    )
                body = response.content.decode("utf-8", "ignore")
                if secret and secret in body and not may_receive_secret(entry, world.held(persona, entry)):
                    leaks.append(f"{entry.method} {entry.route} as {persona}: returned {entry.secret}")
                if before is not None and state_fingerprint() != before:
                    changed.append(f"{entry.method} {entry.route} as {persona} changed the database")
                if entry.audit and "authenticated" in world.held(persona, entry):
                    reached += 1
                    audited += audit_rows_about(target) - audit_before == 1
            finally:
                transaction.savepoint_rollback(savepoint)
                world.clients[persona].cookies = cookies  # a log-out cleared them
    security_figures.record(
        "matrix",
        {
            "entries": len(POLICY),
            "personas": len(PERSONAS),
            "combinations_checked": combinations,
            "mismatches": len(mismatches),
            "leaks_found": len(leaks),
            "denied_or_get_requests_that_changed_state": len(changed),
            "audited_requests": audited,
            "data_touching_requests": reached,
            "audit_completeness_percent": round(100 * audited / reached, 1) if reached else None,
            "canary_leak_probes": 0,
        },
    )
    assert mismatches == [], "\n".join(mismatches)
    assert leaks == [], "\n".join(leaks)
    assert changed == [], "\n".join(changed)
    assert audited == reached > 0
