"""Reads of intakes, scoped to who may see them; routing configuration.

Who sees an intake: the organisation that recorded it (its person-facing
operators), whoever it was routed to (the team's members and supervisor, or
the operator), the lead of the case it belongs to, and the sentinel who
reported it. Lists write one SEARCH audit entry naming the persons shown;
a single intake one READ entry (DENIED when missing or hidden).
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.accounts.models import Team
from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import NotFound
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.core.rules import is_operator

from .models import DeadlinePolicy, Intake, RoutingRule, Urgency

# How far back the inbox looks for intakes about the lead's persons from other doors.
INBOX_DAYS = 90


def person_label(subject, *, visible: bool) -> str:
    """How an intake's subject (an Intake, or the Person an intake is being recorded about) is named.

    `visible`: whether the viewer may see the person now (people's rules,
    consent included; see visible_person_ids). Otherwise the page says only
    that the network knows the person (minimal disclosure).
    """
    if isinstance(subject, Intake):
        if subject.person_id is None:
            return subject.subject_description
        if not visible:
            return _("Persona nota alla rete (n. %(number)s)") % {"number": subject.person_id}
        subject = subject.person
    elif not visible:
        return _("Persona nota alla rete (n. %(number)s)") % {"number": subject.pk}
    return subject.full_name


def rows_by_section(sections: dict, user, now=None) -> dict[str, list[dict]]:
    """rows() for each section of a page, asking once which persons the user may see."""
    sections = {name: list(items) for name, items in sections.items()}
    person_ids = (intake.person_id for items in sections.values() for intake in items)
    visible = visible_person_ids(user, person_ids)
    return {name: rows(items, user, now, visible) for name, items in sections.items()}


def visible_person_ids(user, person_ids) -> set[int]:
    """Which of these persons the user may see now (one query; people's rules, consent included)."""
    from intreccio.people.queries import persons_visible_to

    person_ids = {pk for pk in person_ids if pk is not None}
    if not person_ids:
        return set()
    return set(persons_visible_to(user).filter(pk__in=person_ids).values_list("pk", flat=True))


def is_overdue(intake: Intake, now=None) -> bool:
    now = now or timezone.now()
    return intake.status == Intake.Status.ROUTED and intake.due_at is not None and intake.due_at < now


def rows(intakes, user, now=None, visible: set[int] | None = None) -> list[dict]:
    """What a list shows of each intake: the intake, its subject's label, whether it is overdue."""
    now = now or timezone.now()
    intakes = list(intakes)
    if visible is None:
        visible = visible_person_ids(user, (intake.person_id for intake in intakes))
    return [
        {
            "intake": intake,
            "person_name": person_label(intake, visible=intake.person_id in visible),
            "overdue": is_overdue(intake, now),
        }
        for intake in intakes
    ]


def my_team_ids(user) -> QuerySet:
    """The teams the user belongs to or supervises (a subquery)."""
    return Team.objects.filter(Q(members=user) | Q(supervisor=user), active=True).values("pk")


def _recipient_q(user) -> Q:
    return Q(routed_to_user=user) | Q(routed_to_team__in=my_team_ids(user)) | Q(case__lead=user)


def _with_joins(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "person",
        "organisation",
        "access_point",
        "micro_territory",
        "routed_to_team__organisation",
        "routed_to_user",
        "recorded_by",
        "case__lead",
    ).prefetch_related("needs")


def intakes_visible_to(user) -> QuerySet[Intake]:
    if not is_operator(user):
        return Intake.objects.none()
    visible = _recipient_q(user) | Q(recorded_by=user)
    if user.has_role(*PERSON_FACING_ROLES):
        visible |= Q(organisation_id=user.active_organisation_id)
    return _with_joins(Intake.objects.filter(pk__in=Intake.objects.filter(visible).values("pk")))


def get_intake_for_user(user, intake_id, *, purpose: str = "") -> Intake:
    """One intake, audited as a read of the person's data; NotFound whether missing or hidden."""
    try:
        intake = intakes_visible_to(user).get(pk=intake_id)
    except (Intake.DoesNotExist, ValueError, TypeError):
        record_audit(
            user,
            AuditEntry.Action.READ,
            ("intake.intake", str(intake_id)[:64]),
            outcome=AuditEntry.Outcome.DENIED,
        )
        raise NotFound() from None
    record_audit(
        user,
        AuditEntry.Action.READ,
        intake,
        person_id=intake.person_id,
        categories=intake.categories,
        purpose=purpose or "gestione dell'accesso",
    )
    return intake


def audit_list_read(user, intakes, *, list_name: str) -> None:
    """One SEARCH entry for a list that showed intakes (and the persons named in it)."""
    intakes = list(intakes)
    if intakes:
        record_audit(
            user,
            AuditEntry.Action.SEARCH,
            ("intake.intake", list_name),
            details={
                "ids": [intake.pk for intake in intakes],
                "person_ids": sorted({intake.person_id for intake in intakes if intake.person_id}),
            },
        )


def team_queue(user) -> list[Intake]:
    """Intakes waiting in the queues of the user's teams, the earliest deadline (so the overdue) first."""
    if not is_operator(user):
        return []
    queryset = Intake.objects.filter(status=Intake.Status.ROUTED, routed_to_team__in=my_team_ids(user))
    return list(_with_joins(queryset).order_by("due_at", "pk"))


def inbox(user, *, now=None) -> dict[str, list[Intake]]:
    """The case lead's inbox: intakes routed to me, about my persons from other doors, my overdue ones."""
    if not is_operator(user):
        return {"routed_to_me": [], "other_doors": [], "overdue": []}
    now = now or timezone.now()
    since = now - datetime.timedelta(days=INBOX_DAYS)
    routed_to_me = Q(status=Intake.Status.ROUTED, routed_to_user=user)
    other_doors = Q(case__lead=user, occurred_at__gte=since) & ~Q(organisation_id=user.active_organisation_id)
    overdue = Q(status=Intake.Status.ROUTED, due_at__lt=now) & (
        Q(routed_to_user=user) | Q(routed_to_team__in=my_team_ids(user))
    )
    rows = list(
        _with_joins(Intake.objects.filter(routed_to_me | other_doors | overdue)).order_by("due_at", "pk")
    )
    return {
        "routed_to_me": [
            i for i in rows if i.status == Intake.Status.ROUTED and i.routed_to_user_id == user.pk
        ],
        "other_doors": sorted(
            (
                i
                for i in rows
                if i.case_id
                and i.case.lead_id == user.pk
                and i.organisation_id != user.active_organisation_id
                and i.occurred_at >= since
            ),
            key=lambda i: i.occurred_at,
            reverse=True,
        ),
        "overdue": [i for i in rows if i.status == Intake.Status.ROUTED and i.due_at and i.due_at < now],
    }


def waiting_counts(user, *, now=None) -> dict[str, int]:
    """How many intakes wait for the user (queue and inbox) and how many of them are overdue."""
    if not is_operator(user):
        return {"waiting": 0, "overdue": 0}
    now = now or timezone.now()
    mine = Intake.objects.filter(
        Q(routed_to_user=user) | Q(routed_to_team__in=my_team_ids(user)), status=Intake.Status.ROUTED
    )
    return mine.aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))


def overdue_by_team(district_id, *, now=None) -> list[dict]:
    """Per team of the district: intakes waiting, overdue, escalated (counts only, never a person)."""
    now = now or timezone.now()
    waiting = Q(intakes__status=Intake.Status.ROUTED)
    return list(
        Team.objects.filter(organisation__district_id=district_id, active=True)
        .annotate(
            waiting=Count("intakes", filter=waiting),
            overdue=Count("intakes", filter=waiting & Q(intakes__due_at__lt=now)),
            escalated=Count("intakes", filter=waiting & Q(intakes__escalated_at__isnull=False)),
        )
        .filter(waiting__gt=0)
        .order_by("-overdue", "-escalated", "name")
        .values("pk", "name", "organisation__name", "waiting", "overdue", "escalated")
    )


# --- configuration ------------------------------------------------------------------------------


def routing_rules() -> QuerySet[RoutingRule]:
    return RoutingRule.objects.select_related("team__organisation", "micro_territory", "need").order_by(
        "-active", "micro_territory__name", "need__position", "pk"
    )


def get_routing_rule(rule_id) -> RoutingRule:
    try:
        return routing_rules().get(pk=rule_id)
    except (RoutingRule.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def deadline_policies() -> list[DeadlinePolicy]:
    order = {urgency: position for position, urgency in enumerate(Urgency.values)}
    return sorted(DeadlinePolicy.objects.all(), key=lambda policy: order.get(policy.urgency, 99))


def routable_teams(intake: Intake | None = None) -> QuerySet[Team]:
    """Active teams an intake may go to (its organisation's only, when the person refused sharing)."""
    teams = (
        Team.objects.filter(active=True).select_related("organisation").order_by("organisation__name", "name")
    )
    if intake is not None and not intake.shared:
        teams = teams.filter(organisation_id=intake.organisation_id)
    return teams


def person_ids_recorded_by(organisation_id) -> QuerySet:
    """Relationship source "intake_recorder": persons the organisation met at its doors."""
    return Intake.objects.filter(organisation_id=organisation_id, person__isnull=False).values_list(
        "person_id", flat=True
    )


def person_ids_routed_to(user) -> QuerySet:
    """Relationship source "intake_recipient": persons whose intakes reached the user or their teams."""
    return Intake.objects.filter(
        Q(routed_to_user=user) | Q(routed_to_team__in=my_team_ids(user)), person__isnull=False
    ).values_list("person_id", flat=True)


def person_for_intake(user, person_id):
    """The person an operator is recording an intake about, as the search showed them.

    Any operator who may record an intake may record one about a person the
    search can show them: one they may see, or one the network knows and
    whose sharing choice lets their organisation know it (people's rules).
    A person who refused sharing with them is not found (NotFound, as for a
    missing id). Audited as a read.
    """
    from intreccio.people.models import Person
    from intreccio.people.rules import sharing_permits, visible_persons

    try:
        pk = int(person_id)
    except (ValueError, TypeError):
        raise NotFound() from None
    organisation = user.active_organisation
    person = Person.objects.filter(visible_persons(user) | sharing_permits(organisation), pk=pk).first()
    if person is None:
        raise NotFound()
    record_audit(
        user, AuditEntry.Action.READ, person, person_id=person.pk, purpose="registrazione di un accesso"
    )
    return person
