"""Demo intakes: routing rules for the demo teams, intakes from every kind of access point, sentinel reports.

Everything goes through intake.actions. One shortcut: to show overdue and
escalated intakes without waiting for days, the seeder moves the deadline of
some intakes into the past (as if they had been recorded earlier) and then
runs the real reminder job (remind_overdue_intakes) with a later clock.
"""

import datetime

from django.utils import timezone

from intreccio.accounts.models import Membership, Team
from intreccio.core.exceptions import ApplicationError
from intreccio.core.roles import PERSON_FACING_ROLES, Role
from intreccio.core.seeding import SeedContext, seeder
from intreccio.directory.models import Need
from intreccio.organisations.models import Organisation, Site

from . import actions
from .models import Intake, RoutingRule, Urgency

# Which kind of organisation takes which need anywhere in the district (when it has a team).
NEED_OWNERS = {
    "food": Organisation.Kind.CHARITY,
    "homelessness": Organisation.Kind.CHARITY,
    "housing": Organisation.Kind.PUBLIC_HOUSING,
    "work": Organisation.Kind.EMPLOYMENT_SERVICE,
    "health": Organisation.Kind.HEALTH_SERVICE,
    "mental_health": Organisation.Kind.HEALTH_SERVICE,
}
SUBJECTS = [
    "Signora anziana sola, non esce da giorni",
    "Uomo che dorme in auto nel parcheggio",
    "Ragazzo che non va più a scuola",
    "Famiglia con bambini senza riscaldamento",
]


def _staff(organisation_id: int, *roles) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id, role__in=roles, active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]


def _seed_rules(context: SeedContext, system_admin) -> None:
    teams = list(
        Team.objects.filter(active=True).select_related("organisation").prefetch_related("micro_territories")
    )
    municipal = [t for t in teams if t.organisation.kind == Organisation.Kind.MUNICIPALITY]
    if not municipal:
        return
    default = next((t for t in municipal if "Lecco" in t.organisation.name), municipal[0])
    if not RoutingRule.objects.filter(active=True, micro_territory=None, need=None).exists():
        actions.create_routing_rule(actor=system_admin, team=default)
    covered = set(
        RoutingRule.objects.filter(active=True, need=None).values_list("micro_territory_id", flat=True)
    )
    for team in municipal:
        for micro in team.micro_territories.all():
            if micro.pk not in covered:
                actions.create_routing_rule(actor=system_admin, team=team, micro_territory=micro)
                covered.add(micro.pk)
    needs = {need.code: need for need in Need.objects.filter(active=True)}
    for code, kind in NEED_OWNERS.items():
        owner = next((t for t in teams if t.organisation.kind == kind), None)
        if (
            owner is not None
            and code in needs
            and not RoutingRule.objects.filter(active=True, need=needs[code], micro_territory=None).exists()
        ):
            actions.create_routing_rule(actor=system_admin, team=owner, need=needs[code])


def _persons(context: SeedContext, operator, count: int) -> list:
    from intreccio.people.models import Person

    persons = list(Person.objects.order_by("pk")[:count])
    if persons:
        return persons
    from intreccio.people.actions import register_person

    faker = context.faker
    for index in range(min(count, 40)):
        persons.append(
            register_person(
                actor=operator,
                confirm_duplicate=True,
                given_names=faker.first_name(),
                surnames=faker.last_name(),
                sharing="refused" if index % 10 == 0 else "network",
            )
        )
    return persons


@seeder("intake", after=("accounts", "directory", "people", "cases"))
def seed_intake(context: SeedContext) -> None:
    system_admin = context.shared.get("system_admin")
    _seed_rules(context, system_admin)
    rng = context.rng
    points = list(
        Site.objects.filter(active=True)
        .exclude(access_point_kind="")
        .select_related("organisation", "micro_territory")
    )
    by_kind: dict[str, list[Site]] = {}
    for site in points:
        by_kind.setdefault(site.access_point_kind, []).append(site)
    doors = []
    for _kind, sites in sorted(by_kind.items()):
        for site in sites[:3]:
            operators = _staff(site.organisation_id, *PERSON_FACING_ROLES)
            if operators:
                doors.append((site, operators[0]))
    if not doors:
        return
    persons = _persons(context, doors[0][1].act_for(doors[0][0].organisation), max(20, context.persons // 20))
    needs = list(Need.objects.filter(active=True).order_by("position"))
    total = min(1000, max(30, context.persons // 20))
    recorded = []
    for index in range(total):
        site, operator = doors[index % len(doors)]
        operator.act_for(site.organisation)
        try:
            recorded.append(
                actions.record_intake(
                    actor=operator,
                    person=persons[index % len(persons)],
                    needs=rng.sample(needs, rng.choice((1, 1, 2, 3))),
                    urgency=rng.choices(Urgency.values, weights=(1, 3, 8))[0],
                    narrative=context.faker.sentence(nb_words=12),
                    access_point=site,
                    micro_territory=site.micro_territory,
                    occurred_at=timezone.now() - datetime.timedelta(hours=rng.randint(0, 24 * 20)),
                )
            )
        except ApplicationError:
            continue
        context.progress("accessi", index + 1, total)
    for index, subject in enumerate(SUBJECTS * max(1, context.scale)):
        site, operator = doors[index % len(doors)]
        operator.act_for(site.organisation)
        try:
            actions.report_concern(
                actor=operator,
                subject_description=subject,
                needs=[needs[(index * 7) % len(needs)]],
                urgency=Urgency.URGENT,
                micro_territory=site.micro_territory,
            )
        except ApplicationError:
            continue
    # Some taken in charge by a case lead of the receiving team.
    for intake in recorded[: len(recorded) // 4]:
        intake.refresh_from_db()
        team = intake.routed_to_team
        if intake.status != Intake.Status.ROUTED or team is None:
            continue
        leads = [u for u in team.members.all() if u.act_for(team.organisation).has_role(Role.CASE_LEAD)]
        if leads:
            try:
                actions.take_in_charge(intake, actor=leads[0])
            except ApplicationError:
                continue
    # Time passes for a tenth of those still waiting: overdue, reminded, some escalated.
    waiting = Intake.objects.filter(status=Intake.Status.ROUTED).order_by("pk")
    late = list(waiting.values_list("pk", flat=True)[::10])
    now = timezone.now()
    for position, intake_id in enumerate(late):
        days = 5 if position % 2 else 0.2
        Intake.objects.filter(pk=intake_id).update(due_at=now - datetime.timedelta(days=days))
    actions.remind_overdue_intakes(now=now)
