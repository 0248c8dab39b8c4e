"""Only one may win: concurrent check-then-act actions on PostgreSQL.

A small framework: `race(action, arguments)` starts one thread per argument
(own database connection), releases them together with a barrier and
returns each outcome ("ok", a domain error code, or the unexpected
exception). Each scenario repeats REPETITIONS times and checks that exactly
one wins and the data are consistent; a mutation check removes the lock and
shows the test can see the race. Later issues add hand-over, offers of a
unit and code redemption to this module.
"""

import threading

import pytest
from django.db import connection, connections

from intreccio.accounts.models import Membership, User
from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import ApplicationError
from intreccio.core.roles import Role

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

THREADS = 8
REPETITIONS = 10
FIGURES = {"attempts": 0, "double_wins": 0, "unhandled_errors": 0, "repetitions": 0}


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL")


def race(action, arguments: list) -> list:
    barrier = threading.Barrier(len(arguments))
    outcomes: list = [None] * len(arguments)

    def worker(index, argument):
        try:
            barrier.wait(timeout=10)
            action(argument)
            outcomes[index] = "ok"
        except ApplicationError as error:
            outcomes[index] = error.code
        except Exception as error:  # what the test must never see
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    FIGURES["attempts"] += len(arguments)
    FIGURES["repetitions"] += 1
    FIGURES["unhandled_errors"] += sum(1 for o in outcomes if isinstance(o, Exception))
    return outcomes


def bootstrap_race(network, repetition):
    from intreccio.accounts.actions import bootstrap_system_admin

    Membership.objects.filter(role=Role.SYSTEM_ADMIN).update(active=False)
    return race(
        lambda i: bootstrap_system_admin(
            organisation=network.planning,
            email=f"admin{repetition}-{i}@test.intreccio.it",
            given_name="Admin",
            family_name=str(i),
        ),
        list(range(THREADS)),
    )


def test_one_first_system_administrator_of_many(network):
    for repetition in range(REPETITIONS):
        outcomes = bootstrap_race(network, repetition)
        winners = outcomes.count("ok")
        FIGURES["double_wins"] += winners > 1
        assert winners == 1, outcomes
        assert outcomes.count("already_bootstrapped") == THREADS - 1, outcomes
        assert Membership.objects.filter(role=Role.SYSTEM_ADMIN, active=True).count() == 1


def test_the_same_person_added_by_two_admins_at_once_is_one_account(network):
    from intreccio.accounts.actions import add_operator

    for repetition in range(REPETITIONS):
        email = f"contesa{repetition}@test.intreccio.it"
        outcomes = race(
            lambda admin, email=email: add_operator(
                actor=admin,
                organisation=network.comune,
                email=email,
                given_name="Contesa",
                family_name="Persona",
                roles=[Role.CASE_LEAD],
            ),
            [network.laura, network.sara] * (THREADS // 2),
        )
        assert outcomes == ["ok"] * THREADS, outcomes
        user = User.objects.get(email=email)
        FIGURES["double_wins"] += (
            DomainEvent.objects.filter(kind="OPERATOR_CREATED", subject_id=str(user.pk)).count() > 1
        )
        assert DomainEvent.objects.filter(kind="OPERATOR_CREATED", subject_id=str(user.pk)).count() == 1
        assert Membership.objects.filter(user=user, active=True).count() == 1


def test_concurrent_role_changes_leave_one_consistent_answer(network):
    from intreccio.accounts.actions import set_operator_roles

    choices = [[Role.CASE_LEAD], [Role.ACCESS_POINT_OPERATOR], [Role.SUPERVISOR], [Role.SERVICE_OPERATOR]]
    for _repetition in range(REPETITIONS):
        outcomes = race(
            lambda roles: set_operator_roles(
                User.objects.get(pk=network.bruno.pk),
                actor=network.laura,
                organisation=network.comune,
                roles=roles,
            ),
            (choices * THREADS)[:THREADS],
        )
        assert all(o == "ok" for o in outcomes), outcomes
        final = sorted(
            Membership.objects.filter(user=network.bruno, active=True).values_list("role", flat=True)
        )
        assert final in [sorted(c) for c in choices]
        last = DomainEvent.objects.filter(
            kind="OPERATOR_ROLES_CHANGED", subject_id=str(network.bruno.pk)
        ).latest("pk")
        assert last.payload["after"] == final  # the log tells the same story as the data
        FIGURES["double_wins"] += len(final) != 1


def test_without_the_lock_the_race_is_seen(network, monkeypatch, security_figures):
    """Mutation check: with the advisory lock removed, some repetition lets two win."""
    import intreccio.accounts.actions as accounts_actions

    seen = False
    with monkeypatch.context() as patch:
        patch.setattr(accounts_actions, "advisory_lock", lambda name: None)
        for repetition in range(REPETITIONS):
            outcomes = bootstrap_race(network, 100 + repetition)
            FIGURES["attempts"] -= THREADS  # mutated runs are not counted as races survived
            FIGURES["repetitions"] -= 1
            if outcomes.count("ok") > 1:
                seen = True
                break
    security_figures.record(
        "concurrency",
        {
            "threads": THREADS,
            "repetitions": FIGURES["repetitions"],
            "races_attempted": FIGURES["attempts"],
            "double_wins": FIGURES["double_wins"],
            "unhandled_errors": FIGURES["unhandled_errors"],
            "mutation_detected": seen,
        },
    )
    assert seen, "removing the lock should let two first administrators in"
