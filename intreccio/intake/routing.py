"""Where an intake goes, and by when it must be handled.

route(intake) decides, in this order:

1. The person refused sharing: the intake stays inside the organisation that
   recorded it (its own routing rule, else one of its teams covering the
   micro-territory, else the recording operator); `shared` is False.
2. The person has an open case (and may be shared with its lead): the case
   lead's inbox; the intake is linked to the case and waits for the lead to
   acknowledge it (acknowledge_intake → JOINED).
3. Otherwise the most specific active RoutingRule: micro-territory × need,
   then the need anywhere, then the micro-territory for any need, then the
   district default.

Several needs: at each level of specificity the needs are tried in taxonomy
order (Need.position, the order of directory/data/needs.toml, which lists
the most pressing needs first), so a rule for the place and the second need
beats a rule for the first need anywhere — the most specific rule wins, and
among equally specific ones the first need in the taxonomy.

Deadlines: the urgency's DeadlinePolicy, in working days of the Italian
calendar (core.calendar), due at the end of the working day (18:00, Rome).
A routing after 18:00 counts from the next day.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.accounts.models import Team
from intreccio.cases.queries import open_case_of
from intreccio.core.calendar import add_working_days

from .models import DeadlinePolicy, Intake, RoutingRule, Urgency

END_OF_WORKING_DAY = datetime.time(18, 0)
# Used when a policy row is missing (e.g. a flushed test database).
DEFAULT_POLICIES = {
    Urgency.IMMEDIATE: (0, 1),
    Urgency.URGENT: (2, 1),
    Urgency.ORDINARY: (10, 1),
}


@dataclass
class Decision:
    team: Team | None = None
    user: object = None
    rule: RoutingRule | None = None
    case: object = None
    reason: str = ""
    shared: bool = True


def policy_for(urgency: str) -> tuple[int, int]:
    """(working days to handle, working days of delay before escalating) for an urgency."""
    policy = DeadlinePolicy.objects.filter(urgency=urgency).first()
    if policy is None:
        return DEFAULT_POLICIES[urgency]
    return policy.working_days, policy.escalate_after_working_days


def end_of_working_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, END_OF_WORKING_DAY))


def due_at(urgency: str, start: datetime.datetime) -> datetime.datetime:
    """The deadline of an intake of `urgency` routed at `start`."""
    working_days, _escalate = policy_for(urgency)
    local = timezone.localtime(start)
    day = local.date()
    if local.time() >= END_OF_WORKING_DAY:
        day += datetime.timedelta(days=1)
    return end_of_working_day(add_working_days(day, working_days))


def escalation_at(urgency: str, due: datetime.datetime) -> datetime.datetime:
    """When an intake still waiting after its deadline goes to the team's supervisor."""
    _working_days, escalate_after = policy_for(urgency)
    return end_of_working_day(add_working_days(timezone.localtime(due).date(), escalate_after))


def _ordered_needs(intake: Intake) -> list:
    return sorted(intake.needs.all(), key=lambda need: (need.position, need.code))


def _matching_rule(intake: Intake, needs: list, organisation_id: int | None = None):
    """The most specific active rule for the intake (restricted to one organisation's teams if given)."""
    candidates = RoutingRule.objects.filter(active=True, team__active=True).select_related(
        "team__organisation", "need", "micro_territory"
    )
    if organisation_id is not None:
        candidates = candidates.filter(team__organisation_id=organisation_id)
    need_ids = [need.pk for need in needs]
    micro_id = intake.micro_territory_id
    candidates = list(
        candidates.filter(
            (Q(micro_territory__isnull=True) | Q(micro_territory_id=micro_id))
            & (Q(need__isnull=True) | Q(need_id__in=need_ids))
        )
    )
    levels = []
    if micro_id:
        levels.append(lambda rule, need: rule.micro_territory_id == micro_id and rule.need_id == need.pk)
    levels.append(lambda rule, need: rule.micro_territory_id is None and rule.need_id == need.pk)
    for level in levels:
        for need in needs:
            for rule in candidates:
                if level(rule, need):
                    return rule
    for rule in candidates:
        if micro_id and rule.micro_territory_id == micro_id and rule.need_id is None:
            return rule
    for rule in candidates:
        if rule.micro_territory_id is None and rule.need_id is None:
            return rule
    return None


def _describe_rule(rule: RoutingRule) -> str:
    if rule.micro_territory_id and rule.need_id:
        return _("regola per «%(need)s» nel microterritorio %(place)s") % {
            "need": rule.need.label,
            "place": rule.micro_territory.name,
        }
    if rule.need_id:
        return _("regola per «%(need)s» in tutto l'ambito") % {"need": rule.need.label}
    if rule.micro_territory_id:
        return _("regola per ogni bisogno nel microterritorio %(place)s") % {
            "place": rule.micro_territory.name
        }
    return _("regola predefinita dell'ambito")


def _inside_organisation(intake: Intake, needs: list, *, prefix: str, shared: bool) -> Decision:
    """Its own rule, else its team covering the place, else the recording operator, else any team."""
    organisation = intake.organisation
    rule = _matching_rule(intake, needs, organisation_id=organisation.pk)
    if rule is not None:
        return Decision(
            team=rule.team, rule=rule, shared=shared, reason=f"{prefix} ({_describe_rule(rule)})."
        )
    teams = Team.objects.filter(organisation=organisation, active=True).order_by("name", "pk")
    team = (
        teams.filter(micro_territories=intake.micro_territory_id).first()
        if intake.micro_territory_id
        else None
    )
    if team is not None:
        where = _("équipe dell'ente che copre %(place)s") % {"place": intake.micro_territory.name}
        return Decision(team=team, shared=shared, reason=f"{prefix} ({where}).")
    if intake.recorded_by is not None:
        who = _("all'operatore che ha registrato l'accesso")
        return Decision(user=intake.recorded_by, shared=shared, reason=f"{prefix} ({who}).")
    team = teams.first()
    if team is not None:
        return Decision(team=team, shared=shared, reason=f"{prefix} ({team.name}).")
    return Decision(shared=shared, reason="")


def route(intake: Intake, *, needs=None) -> Decision:
    """Decide who receives the intake (see the module docstring); changes nothing.

    `needs`: the intake's needs when it is not saved yet (else read from it).
    """
    person = intake.person
    needs = (
        sorted(needs, key=lambda need: (need.position, need.code))
        if needs is not None
        else _ordered_needs(intake)
    )
    refused = person is not None and person.sharing == "refused"
    case = open_case_of(person.pk) if person is not None else None
    if case is not None and (not refused or case.lead_organisation_id == intake.organisation_id):
        return Decision(
            user=case.lead,
            case=case,
            shared=not refused,
            reason=_("La persona è già in carico: va al suo case manager, %(lead)s (%(organisation)s).")
            % {"lead": case.lead.get_full_name(), "organisation": case.lead_organisation.name},
        )
    if refused:
        prefix = _("La persona non ha acconsentito alla condivisione: resta in %(organisation)s") % {
            "organisation": intake.organisation.name
        }
        return _inside_organisation(intake, needs, prefix=prefix, shared=False)
    rule = _matching_rule(intake, needs)
    if rule is not None:
        return Decision(
            team=rule.team,
            rule=rule,
            reason=_("Assegnata a %(team)s secondo la %(rule)s.")
            % {"team": rule.team.name, "rule": _describe_rule(rule)},
        )
    prefix = _(
        "Nessuna regola di smistamento attiva, nemmeno quella predefinita: resta in %(organisation)s"
    ) % {"organisation": intake.organisation.name}
    return _inside_organisation(intake, needs, prefix=prefix, shared=True)
