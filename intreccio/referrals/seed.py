"""Demo seed: referrals in every state from open cases to other organisations' services, some stalled.

Everything goes through referrals.actions (transitions, events, audit and
notifications as in real use). Each referral goes to an active service of
another organisation that has operators working with persons; the person's
sharing choices decide whether it can be sent (the consent gate refuses the
others, as it would in real use). The demo case lead's first referrals go to
Caritas, where the demo access-point operator receives them. A few are
backdated and then flagged by flag_stalled, as the hourly job would. When the
plans seeder has run first, a referral carries out a matching plan action.
"""

import datetime

from django.utils import timezone

from intreccio.accounts.models import Membership
from intreccio.cases.models import Case
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.core.seeding import SeedContext, seeder
from intreccio.directory.models import Service

from . import actions
from .exceptions import ConsentMissing
from .models import Referral

S = Referral.Status
DEMO_LEAD = "regia@demo.intreccio.it"
DEMO_RECEIVER = "sportello@demo.intreccio.it"
SHARE = 0.5  # of the open cases with referrals
# Where each seeded referral ends up (cycled, so that every state appears).
TARGETS = [
    S.REQUESTED,
    S.RECEIVED,
    S.ACCEPTED,
    S.REJECTED,
    S.IN_PROGRESS,
    S.ON_HOLD,
    S.COMPLETED,
    S.FAILED,
    S.CANCELLED,
    S.IN_PROGRESS,
    S.COMPLETED,
    S.REQUESTED,
]
PATHS = {
    S.REQUESTED: [],
    S.RECEIVED: [S.RECEIVED],
    S.ACCEPTED: [S.RECEIVED, S.ACCEPTED],
    S.REJECTED: [S.RECEIVED, S.REJECTED],
    S.IN_PROGRESS: [S.ACCEPTED, S.IN_PROGRESS],
    S.ON_HOLD: [S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD],
    S.COMPLETED: [S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED],
    S.FAILED: [S.ACCEPTED, S.IN_PROGRESS, S.FAILED],
    S.CANCELLED: [S.CANCELLED],
}
REASONS = {
    S.REJECTED: ["no_capacity", "not_eligible", "out_of_area", "wrong_service"],
    S.ON_HOLD: ["waiting_documents", "waiting_person"],
    S.FAILED: ["person_unreachable", "person_declined"],
    S.CANCELLED: ["need_resolved", "duplicate"],
}
REQUESTS = [
    "Chiediamo un colloquio per valutare l'accesso al servizio.",
    "La persona ha bisogno di un sostegno nelle prossime settimane: vi mandiamo i riferimenti.",
    "Vi chiediamo di prendere contatto con la persona, che è informata e d'accordo.",
    "Serve un aiuto concreto e rapido: la situazione è peggiorata nell'ultimo mese.",
]
OUTCOME_NOTES = [
    "Percorso avviato e concluso.",
    "Sostegno erogato per tre mesi.",
    "La persona non si è presentata.",
]


def _receivers() -> dict[int, object]:
    """One operator working with persons per organisation (the demo receiver for Caritas), acting there."""
    chosen: dict[int, object] = {}
    memberships = (
        Membership.objects.filter(
            role__in=list(PERSON_FACING_ROLES), active=True, organisation__active=True, user__is_active=True
        )
        .select_related("user", "organisation")
        .order_by("user__email")
    )
    for membership in memberships:
        current = chosen.get(membership.organisation_id)
        if current is None or membership.user.email == DEMO_RECEIVER:
            chosen[membership.organisation_id] = membership.user.act_for(membership.organisation)
    return chosen


def _lead(case):
    return case.lead.act_for(case.lead_organisation)


def _plan_action(case, service):
    from intreccio.plans.models import PlanAction

    return (
        PlanAction.objects.filter(
            plan__case=case, organisation=service.organisation_id, referrals__isnull=True
        )
        .order_by("pk")
        .first()
    )


@seeder("referrals", after=("cases", "directory", "accounts", "plans"))
def seed_referrals(context: SeedContext) -> None:
    rng = context.rng
    receivers = _receivers()
    services = list(
        Service.objects.filter(status=Service.Status.ACTIVE, organisation__active=True)
        .filter(organisation__in=list(receivers))
        .select_related("organisation")
        .order_by("pk")
    )
    cases = list(
        Case.objects.exclude(status=Case.Status.CLOSED)
        .select_related("lead", "lead_organisation", "person")
        .order_by("pk")
    )
    if not services or not cases:
        context.stdout.write("  no services or no open cases: no referrals\n")
        return
    chosen = [case for case in cases if case.lead.email == DEMO_LEAD][:6]
    chosen += [case for case in cases if case not in chosen and rng.random() < SHARE]
    sent: list[Referral] = []
    refused = 0
    for index, case in enumerate(chosen):
        lead = _lead(case)
        demo = case.lead.email == DEMO_LEAD and index < 6
        candidates = [s for s in services if s.organisation_id != case.lead_organisation_id]
        if demo:
            candidates = [
                s for s in candidates if receivers[s.organisation_id].email == DEMO_RECEIVER
            ] or candidates
        if not candidates:
            continue
        service = rng.choice(candidates)
        try:
            referral = actions.send_referral(
                case,
                service,
                rng.choice(REQUESTS),
                actor=lead,
                action=_plan_action(case, service),
                urgent=rng.random() < 0.2,
            )
        except ConsentMissing:
            refused += 1
            continue
        target = TARGETS[len(sent) % len(TARGETS)]
        _walk(referral, target, lead=lead, receiver=receivers[service.organisation_id], rng=rng)
        if rng.random() < 0.4:
            actions.post_message(
                referral, actor=lead, body="Vi ho mandato i documenti per e-mail: fateci sapere."
            )
        sent.append(referral)
        context.progress("referrals", index + 1, len(chosen))
    stalled = _stall(sent, rng)
    context.stdout.write(
        f"  {len(sent)} referrals ({refused} refused for missing consent), {stalled} stalled\n"
    )


def _walk(referral, target, *, lead, receiver, rng) -> None:
    for step in PATHS[target]:
        actor = lead if Referral.SIDE[step] == Referral.SENDER else receiver
        reason = rng.choice(REASONS[step]) if step in REASONS else ""
        outcome = (
            rng.choice(["need_met", "need_partly_met", "service_provided"]) if step == S.COMPLETED else ""
        )
        actions.transition(
            referral,
            actor=actor,
            to=step,
            reason=reason,
            outcome=outcome,
            outcome_note=rng.choice(OUTCOME_NOTES) if outcome else "",
        )


def _stall(referrals: list[Referral], rng) -> int:
    """Backdate some waiting or in-hand referrals and flag them as the hourly job would."""
    now = timezone.now()
    waiting = [r.pk for r in referrals if Referral.objects.get(pk=r.pk).status == S.REQUESTED]
    in_hand = [r.pk for r in referrals if Referral.objects.get(pk=r.pk).status in (S.IN_PROGRESS, S.ON_HOLD)]
    late = waiting[: max(1, len(waiting) // 2)] if waiting else []
    quiet = in_hand[: max(1, len(in_hand) // 2)] if in_hand else []
    Referral.objects.filter(pk__in=late).update(
        sent_at=now - datetime.timedelta(days=6), acknowledge_by=now - datetime.timedelta(days=2)
    )
    Referral.objects.filter(pk__in=quiet).update(last_activity_at=now - datetime.timedelta(days=20))
    return actions.flag_stalled(now=now)["flagged"]
