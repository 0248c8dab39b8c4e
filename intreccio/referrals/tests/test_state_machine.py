"""Property-based (stateful) test of the referral state machine.

Hypothesis drives one referral through random calls by three actors — the
sender (Ana, the case lead), the receiver (Carla, Caritas) and a third party
(Diana, the Comune's supervisor, not on the case) — asking for any state with
or without a reason and an outcome. After every call:

- the outcome is the one the table predicts (moved, unchanged, or refused
  with nothing written);
- no sequence reaches a state the table forbids: the referral's history is a
  chain of allowed pairs, each made by the side Referral.SIDE names;
- every rejected/cancelled/on-hold/failed transition row, and every reopening,
  carries a reason.

Each example runs inside a savepoint rolled back at its end (the fixture's
world stays as it was), so the examples are independent and fast.
"""

import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from intreccio.core.exceptions import ApplicationError, InvalidTransition, PermissionDenied
from intreccio.referrals import actions
from intreccio.referrals.models import Referral, ReferralTransition

from .factories import send

S = Referral.Status
pytestmark = pytest.mark.django_db

MACHINE_SETTINGS = settings(
    max_examples=30,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def expected(status: str, side: str | None, target: str, reason: str, outcome: str) -> str:
    """What the action must do: "moved", "unchanged", or the refusal it must raise."""
    if side is None or Referral.SIDE[target] != side:
        return "permission"
    if target == S.COMPLETED and outcome not in Referral.Outcome.values:
        return "invalid"
    if target == status:
        return "unchanged"
    if not Referral.TRANSITIONS.allows(status, target):
        return "transition"
    if (target in Referral.REASON_REQUIRED or status in Referral.CLOSED) and not reason:
        return "invalid"
    return "moved"


def test_no_sequence_of_calls_breaks_the_referral_state_machine(setting):
    network = setting.network
    actors = {"sender": network.ana, "receiver": network.carla, "third": network.diana}
    sides = {"sender": Referral.SENDER, "receiver": Referral.RECEIVER, "third": None}
    figures = {"moves": 0, "refusals": 0}
    reached = set()

    class ReferralMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.savepoint = transaction.savepoint()
            self.referral = send(setting)
            self.status = S.REQUESTED

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        @rule(
            who=st.sampled_from(sorted(actors)),
            into=st.sampled_from(S.values),
            reason=st.sampled_from(["", "no_capacity", "person_declined", "new_need"]),
            outcome=st.sampled_from(["", "need_met", "not_provided"]),
        )
        def call(self, who, into, reason, outcome):
            prediction = expected(self.status, sides[who], into, reason, outcome)
            rows = ReferralTransition.objects.filter(referral=self.referral).count()
            try:
                moved = actions.transition(
                    self.referral, actor=actors[who], to=into, reason=reason, outcome=outcome
                )
            except PermissionDenied:
                observed = "permission"
            except InvalidTransition:
                observed = "transition"
            except ApplicationError:
                observed = "invalid"
            else:
                observed = "moved" if moved.status != self.status else "unchanged"
                self.status = moved.status
                reached.add(moved.status)
            assert observed == prediction, (self.status, who, into, reason, outcome)
            written = ReferralTransition.objects.filter(referral=self.referral).count() - rows
            assert written == (1 if observed == "moved" else 0)
            figures["moves" if observed == "moved" else "refusals"] += 1

        @rule(data=st.data())
        def follow_the_table(self, data):
            """Pick a move the table allows from here, by any actor: the walk goes deep."""
            into = data.draw(st.sampled_from(sorted(Referral.TRANSITIONS.targets(self.status))))
            who = data.draw(st.sampled_from(sorted(actors)))
            reason = data.draw(st.sampled_from(["", "waiting_person"]))
            self.call(
                who=who,
                into=into,
                reason=reason,
                outcome=data.draw(st.sampled_from(["need_met", "not_provided"])),
            )

        @rule(who=st.sampled_from(sorted(actors)), reason=st.sampled_from(["", "new_need"]))
        def reopen(self, who, reason):
            before = self.status
            try:
                moved = actions.reopen_referral(self.referral, actor=actors[who], reason=reason)
            except ApplicationError:
                return
            assert before in Referral.CLOSED
            assert reason
            self.status = moved.status

        @invariant()
        def the_history_follows_the_table(self):
            referral = Referral.objects.get(pk=self.referral.pk)
            assert referral.status == self.status
            steps = list(
                ReferralTransition.objects.filter(referral=referral).select_related("by").order_by("at", "pk")
            )
            assert (steps[0].from_status, steps[0].to_status) == ("", S.REQUESTED)
            for previous, step in itertools.pairwise(steps):
                assert step.from_status == previous.to_status
                assert Referral.TRANSITIONS.allows(step.from_status, step.to_status)
                side = Referral.SIDE[step.to_status]
                assert step.by == (network.ana if side == Referral.SENDER else network.carla)
                if step.to_status in Referral.REASON_REQUIRED or step.from_status in Referral.CLOSED:
                    assert step.reason in Referral.Reason.values
            assert steps[-1].to_status == referral.status
            if referral.status in Referral.REASON_REQUIRED:
                assert referral.status_reason
            if referral.status == S.COMPLETED:
                assert referral.outcome

    run_state_machine_as_test(ReferralMachine, settings=MACHINE_SETTINGS)
    assert figures["moves"] > 0
    assert figures["refusals"] > 0
    # The random walks go deep: most states of the table were reached.
    assert len(reached) >= 6, reached
