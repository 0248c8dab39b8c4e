"""Reads of cases, scoped to who may see them (cases.rules says the same in Python).

`cases_visible_to(user)` is the one scope; `get_case_for_user` audits the
consultation (allowed or refused) and raises the same NotFound whether the
case is missing or hidden.
"""

from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import NotFound
from intreccio.core.roles import Role
from intreccio.people.relationships import LeadContact

from .models import Case, CaseMember, CaseNote, CaseStatusChange, LeadHandover

OPEN = ~Q(status=Case.Status.CLOSED)


def _consent_reaches(organisation) -> Q:
    """Cases whose person's sharing choices reach `organisation` (people's rule, as a subquery)."""
    from intreccio.people.models import Person
    from intreccio.people.rules import sharing_permits

    return Q(person__in=Person.objects.filter(sharing_permits(organisation)).values("pk"))


def _visibility(user) -> Q:
    from intreccio.accounts.models import Team

    memberships = CaseMember.objects.filter(case=OuterRef("pk"), user=user, removed_at__isnull=True)
    as_member = Q(Exists(memberships.filter(organisation=OuterRef("lead_organisation"))))
    team_may_see = Q(team__organisation=F("lead_organisation"))
    for organisation in user.organisations:
        reached = _consent_reaches(organisation)
        as_member |= Q(Exists(memberships.filter(organisation=organisation.pk))) & reached
        team_may_see |= Q(team__organisation=organisation.pk) & reached
    team_members = Team.members.through.objects.filter(team=OuterRef("team"), user=user)
    on_team = Q(team__supervisor=user) | Q(Exists(team_members))
    return Q(lead=user) | as_member | (on_team & team_may_see)


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases the user may see, with what the lists show (person, lead, organisations, team)."""
    if not (user and user.is_authenticated and getattr(user, "is_operator", False)):
        return Case.objects.none()
    return Case.objects.filter(_visibility(user)).select_related(
        "person", "lead", "lead_organisation", "team", "team__organisation"
    )


def my_cases(user, *, as_role: str = "lead", status: str = "") -> QuerySet[Case]:
    """The user's cases as lead ("lead") or as a team member who is not the lead ("member")."""
    queryset = cases_visible_to(user)
    if as_role == "member":
        queryset = queryset.filter(
            Exists(CaseMember.objects.filter(case=OuterRef("pk"), user=user, removed_at__isnull=True))
        ).exclude(lead=user)
    else:
        queryset = queryset.filter(lead=user)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-status_changed_at", "-pk")


def _detail_queryset(user) -> QuerySet[Case]:
    return cases_visible_to(user).prefetch_related(
        Prefetch(
            "members",
            queryset=CaseMember.objects.filter(removed_at__isnull=True)
            .select_related("user", "organisation")
            .order_by("added_at", "pk"),
            to_attr="active_members",
        ),
    )


def get_case_for_user(user, case_id, *, purpose: str = "") -> Case:
    """A case the user may see, its consultation audited; NotFound (audited as refused) otherwise."""
    try:
        case = _detail_queryset(user).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        record_audit(
            user,
            AuditEntry.Action.READ,
            ("cases.case", str(case_id)[:64]),
            outcome=AuditEntry.Outcome.DENIED,
            purpose=purpose,
        )
        raise NotFound() from None
    record_audit(
        user,
        AuditEntry.Action.READ,
        case,
        person_id=case.person_id,
        categories=case.categories,
        purpose=purpose,
    )
    return case


def get_case_for_action(user, case_id) -> Case:
    """A case the user may see, for an action that audits its own change (no read entry)."""
    try:
        return _detail_queryset(user).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def record_disclosure(user, cases) -> None:
    """One SEARCH entry naming the persons a list showed (nothing when it showed none)."""
    person_ids = sorted({case.person_id for case in cases})
    if person_ids:
        record_audit(
            user,
            AuditEntry.Action.SEARCH,
            ("cases.case", "list"),
            details={"person_ids": person_ids, "cases": sorted(case.pk for case in cases)},
        )


def person_of(case):
    """The person shown on the case page: whoever may see the case may see its person
    (cases_visible_to applies people's sharing rule to every organisation but the lead's)."""
    return case.person


def status_history(case) -> list[CaseStatusChange]:
    return list(case.status_changes.select_related("changed_by").order_by("-changed_at", "-pk"))


def handovers_of(case) -> list[LeadHandover]:
    return list(
        case.handovers.select_related("from_user", "to_user", "to_organisation").order_by(
            "-proposed_at", "-pk"
        )
    )


def pending_handover_of(case) -> LeadHandover | None:
    return (
        case.handovers.filter(status=LeadHandover.Status.PROPOSED)
        .select_related("from_user", "to_user", "to_organisation")
        .first()
    )


def handovers_addressed_to(user) -> QuerySet[LeadHandover]:
    """Hand-overs waiting for the user's answer, oldest first."""
    return (
        LeadHandover.objects.filter(to_user=user, status=LeadHandover.Status.PROPOSED)
        .select_related("case", "case__person", "case__lead_organisation", "from_user", "to_organisation")
        .order_by("proposed_at", "pk")
    )


def handovers_proposed_by(user) -> QuerySet[LeadHandover]:
    return (
        LeadHandover.objects.filter(from_user=user, status=LeadHandover.Status.PROPOSED)
        .select_related("case", "case__person", "to_user", "to_organisation")
        .order_by("proposed_at", "pk")
    )


def get_handover_for_user(user, handover_id) -> LeadHandover:
    """A hand-over addressed to the user or about a case they may see; NotFound otherwise."""
    visible = Q(to_user=user) | Q(case__in=cases_visible_to(user).values("pk"))
    try:
        return LeadHandover.objects.select_related("case", "case__team", "case__person").get(
            visible, pk=handover_id
        )
    except (LeadHandover.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def case_counts(user) -> dict[str, int]:
    """How many cases the user leads per status, as member, and hand-overs waiting (one query each)."""
    led = Case.objects.filter(lead=user).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Case.Status.values}
    )
    led["member"] = my_cases(user, as_role="member").filter(OPEN).count()
    led["handovers"] = LeadHandover.objects.filter(to_user=user, status=LeadHandover.Status.PROPOSED).count()
    return led


def open_case_of(person_id) -> Case | None:
    """The person's case that is not closed (unscoped: for routing, never rendered as such)."""
    return Case.objects.filter(OPEN, person_id=person_id).select_related("lead", "lead_organisation").first()


# --- operators one may choose (operators' records are personal data: read here, not in views) -------


def lead_candidates(*, exclude=()) -> list[tuple[int, str]]:
    """(user id, "Name – Organisation") of active operators holding the case-lead role, by name."""
    from intreccio.accounts.models import Membership

    rows = (
        Membership.objects.filter(
            role=Role.CASE_LEAD, active=True, organisation__active=True, user__is_active=True
        )
        .exclude(user__in=list(exclude))
        .order_by("user__family_name", "user__given_name", "organisation__name")
        .values_list("user_id", "user__given_name", "user__family_name", "organisation__name")
    )
    return _labelled(rows)


def operator_candidates(*, exclude=()) -> list[tuple[int, str]]:
    """(user id, "Name – Organisation") of every active operator of any organisation, by name."""
    from intreccio.accounts.models import Membership, User

    rows = (
        Membership.objects.filter(
            active=True, organisation__active=True, user__is_active=True, user__kind=User.Kind.OPERATOR
        )
        .exclude(user__in=list(exclude))
        .order_by("user__family_name", "user__given_name", "organisation__name")
        .values_list("user_id", "user__given_name", "user__family_name", "organisation__name")
    )
    return _labelled(rows)


def _labelled(rows) -> list[tuple[int, str]]:
    labels: dict[int, str] = {}
    for user_id, given, family, organisation in rows:
        labels[user_id] = (
            f"{labels[user_id]}, {organisation}"
            if user_id in labels
            else f"{given} {family} – {organisation}"
        )
    return list(labels.items())


def get_operator(user_id):
    """An active operator account by id (for actions given an id by a form or the API)."""
    from intreccio.accounts.models import User

    try:
        return User.objects.get(pk=user_id, kind=User.Kind.OPERATOR, is_active=True)
    except (User.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# --- what people learns from cases (people.relationships) ------------------------------------------


def person_ids_of_lead_organisation(user, organisation_id: int) -> QuerySet:
    """Persons with a case led for `organisation_id` (the lead's organisation helps them: no consent)."""
    return Case.objects.filter(lead_organisation_id=organisation_id).values_list("person_id", flat=True)


def person_ids_of_case_teams(user, organisation_id: int) -> QuerySet:
    """Persons whose case has the user on its team, or on its responsible team, for `organisation_id`."""
    from intreccio.accounts.models import Team

    teams = Team.objects.filter(organisation_id=organisation_id).filter(Q(supervisor=user) | Q(members=user))
    member = CaseMember.objects.filter(
        case=OuterRef("pk"), user=user, organisation_id=organisation_id, removed_at__isnull=True
    )
    return Case.objects.filter(Q(Exists(member)) | Q(team__in=teams.values("pk"))).values_list(
        "person_id", flat=True
    )


def lead_contacts(person_ids: Iterable[int]) -> dict[int, LeadContact]:
    """Who to contact about each person with an open case: its lead and the lead's organisation."""
    rows = Case.objects.filter(OPEN, person_id__in=list(person_ids)).values_list(
        "person_id",
        "lead__given_name",
        "lead__family_name",
        "lead__email",
        "lead_organisation__name",
        "lead_organisation__phone",
    )
    return {
        person_id: LeadContact(
            person_id=person_id,
            lead_name=f"{given} {family}".strip(),
            lead_email=email,
            organisation_name=organisation,
            organisation_phone=phone,
        )
        for person_id, given, family, email, organisation, phone in rows
    }


# --- the diary (cases.rules.can_read_note, as SQL) ---------------------------------------------------


def notes_visible_to(user) -> QuerySet[CaseNote]:
    """Diary notes the user may read: of a case they may see, at the note's level and categories."""
    from intreccio.core.sensitivity import tagged_protected

    if not (user and user.is_authenticated and getattr(user, "is_operator", False)):
        return CaseNote.objects.none()
    own = Q(organisation_id=user.active_organisation_id)
    level = (
        Q(visibility=CaseNote.Visibility.TEAM)
        | Q(visibility=CaseNote.Visibility.ORGANISATION) & own
        | Q(visibility=CaseNote.Visibility.LEAD) & (Q(case__lead=user) | Q(author=user))
    )
    return CaseNote.objects.filter(
        level & (~tagged_protected() | own), case__in=cases_visible_to(user).values("pk")
    )


def notes_of_case(user, case, *, limit: int = 50) -> list[CaseNote]:
    """The case's notes the user may read, newest first, with author and organisation (one query)."""
    return list(
        notes_visible_to(user)
        .filter(case=case)
        .select_related("author", "organisation")
        .order_by("-written_at", "-pk")[:limit]
    )


def note_bodies_for(user, note_ids) -> dict[int, str]:
    """note id → text, for the notes among `note_ids` the user may read (one query)."""
    return dict(notes_visible_to(user).filter(pk__in=list(note_ids)).values_list("pk", "body"))
