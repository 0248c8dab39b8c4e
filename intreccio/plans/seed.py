"""Demo seed: personal plans for most open cases, through plans.actions.

Each plan starts with its case's needs (its intakes', else the case's
categories), gets one or two goals with actions (one often by a service of
another organisation, one by the person), and then, in turn: stays a draft
with gaps (a need without a goal, an action without an owner), is agreed
(version 1), is agreed with a review due within the week, or was reviewed
(version 2) with an overdue action. The demo case manager's cases come first.
"""

import datetime

from django.utils import timezone

from intreccio.cases.models import Case
from intreccio.core.seeding import SeedContext, seeder
from intreccio.directory.models import Need, Service

from . import actions

SHARE = 0.8  # of the open cases that get a plan
SHAPES = ["draft_with_gaps", "agreed", "review_due", "reviewed"]
GOALS = {
    "housing": ("Trovare una soluzione abitativa stabile", "Contratto d'affitto firmato"),
    "work": ("Trovare un lavoro", "Contratto di almeno sei mesi"),
    "income": ("Avere un reddito sufficiente", "Domanda di sostegno accolta"),
    "food": ("Avere cibo a sufficienza ogni settimana", "Nessuna settimana senza spesa"),
    "loneliness": ("Uscire dall'isolamento", "Partecipa a un'attività ogni settimana"),
    "health": ("Curarsi con continuità", "Visite di controllo fatte"),
    "debt": ("Rientrare dei debiti", "Piano di rientro concordato"),
}
WORDS = [
    "Voglio che mia figlia possa restare nella sua scuola.",
    "Non chiedo soldi, chiedo un lavoro.",
    "Ho bisogno di tempo per rimettermi in piedi.",
    "Mi vergogno a chiedere, ma da solo non ce la faccio.",
]


def _needs_of(case: Case) -> list:
    codes = [category for category in case.categories if isinstance(category, str)]
    return list(Need.objects.filter(code__in=codes, active=True))


@seeder("plans", after=("cases", "intake", "directory"))
def seed_plans(context: SeedContext) -> None:
    rng = context.rng
    today = timezone.localdate()
    cases = list(
        Case.objects.exclude(status=Case.Status.CLOSED)
        .filter(plan__isnull=True)
        .select_related("lead", "lead_organisation", "person")
        .order_by("pk")
    )
    services = list(Service.objects.filter(status=Service.Status.ACTIVE).select_related("organisation"))
    if not cases:
        context.stdout.write("  no open cases: no plans\n")
        return
    chosen = [case for index, case in enumerate(cases) if index < 12 or rng.random() < SHARE]
    for index, case in enumerate(chosen, start=1):
        lead = case.lead.act_for(case.lead_organisation)
        plan = actions.create_plan(case, actor=lead)
        needs = list(plan.needs.all()) or _needs_of(case)
        plan = actions.update_plan(
            plan,
            actor=lead,
            needs=needs,
            summary=context.faker.paragraph(nb_sentences=2),
            person_words=rng.choice(WORDS),
            person_language=rng.choice(["", "", "ar", "uk", "fr", "sq"]),
        )
        shape = SHAPES[index % len(SHAPES)]
        _goals_and_actions(plan, lead, needs, services, shape, rng, today)
        _agree(plan, lead, shape, today)
        context.progress("plans", index, len(chosen))
    context.stdout.write(f"  {len(chosen)} plans\n")


def _goals_and_actions(plan, lead, needs, services, shape, rng, today) -> None:
    # A draft keeps one need without a goal (a gap), when it has two.
    covered = needs[:-1] if shape == "draft_with_gaps" and len(needs) > 1 else needs[:2]
    others = [service for service in services if service.organisation_id != plan.case.lead_organisation_id]
    for need in covered or [None]:
        description, indicator = GOALS.get(getattr(need, "code", ""), ("Stare meglio", ""))
        goal = actions.add_goal(
            plan,
            actor=lead,
            description=description,
            need=need,
            indicator=indicator,
            target_date=today + datetime.timedelta(days=rng.randint(60, 240)),
        )
        if others:
            service = rng.choice(others)
            actions.add_action(
                plan,
                actor=lead,
                description=f"Accompagnamento a «{service.name}»",
                goal=goal,
                service=service,
                start_on=today - datetime.timedelta(days=rng.randint(5, 40)),
                due_on=today + datetime.timedelta(days=rng.randint(10, 90)),
            )
        actions.add_action(
            plan,
            actor=lead,
            description="Portare i documenti richiesti al colloquio",
            goal=goal,
            owner_is_person=True,
            due_on=today + datetime.timedelta(days=rng.randint(7, 30)),
        )
    if shape == "draft_with_gaps":
        actions.add_action(plan, actor=lead, description="Trovare chi può aiutare con le bollette")


def _agree(plan, lead, shape, today) -> None:
    if shape == "draft_with_gaps":
        return
    actions.agree_plan(plan, actor=lead, agreed_on=today - datetime.timedelta(days=30))
    if shape == "agreed":
        return
    if shape == "review_due":
        actions.schedule_review(plan, actor=lead, scheduled_on=today + datetime.timedelta(days=5))
        return
    # reviewed: a review held two weeks ago, the next in three months, one action overdue
    review = actions.schedule_review(plan, actor=lead, scheduled_on=today - datetime.timedelta(days=14))
    goals = list(plan.goals.all())
    actions.hold_review(
        review,
        actor=lead,
        outcomes={goal.pk: ("partial", "Primi passi fatti") for goal in goals[:1]},
        summary="La persona ha seguito gli impegni presi; si prosegue.",
        held_on=today - datetime.timedelta(days=14),
        next_review_on=today + datetime.timedelta(days=90),
    )
    late = plan.actions.filter(owner_is_person=True).first()
    if late is not None:
        actions.update_action(late, actor=lead, due_on=today - datetime.timedelta(days=3))
