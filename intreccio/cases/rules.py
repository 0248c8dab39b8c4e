"""Who may see a case and who may change it.

A case is seen by its lead, by the operators on its team and by the team
responsible for it (its supervisor and members). Operators of an
organisation other than the lead's see it only while the person's sharing
choices reach their organisation (consent is an input here, not a
checkbox in the views). Changes belong to the lead and to the supervisor of
the responsible team; a hand-over is accepted or declined by the operator
it is addressed to.

Predicates read what get_case_for_user prefetched (active members, team
members) and fall back to one query each when given a bare case.
"""

import rules

from intreccio.core.roles import Role
from intreccio.core.rules import has_role, is_operator

# Who may take a person in charge (open a case): a case lead, or a supervisor assigning one.
TAKING_IN_CHARGE_ROLES = (Role.CASE_LEAD, Role.SUPERVISOR)


def active_member_organisations(case) -> dict[int, int]:
    """user id → organisation id of the case's active team members (cached on the case)."""
    cached = getattr(case, "_active_member_organisations", None)
    if cached is None:
        members = getattr(case, "active_members", None)
        if members is None:
            members = case.members.filter(removed_at__isnull=True)
        cached = {member.user_id: member.organisation_id for member in members}
        case._active_member_organisations = cached
    return cached


def responsible_team_member_ids(case) -> set[int]:
    """Ids of the members of the team responsible for the case (cached on the case)."""
    if case.team_id is None:
        return set()
    cached = getattr(case, "_team_member_ids", None)
    if cached is None:
        cached = {user.pk for user in case.team.members.all()}
        case._team_member_ids = cached
    return cached


def person_shares_with(person, organisation_id: int | None) -> bool:
    """Whether the person's sharing choices reach `organisation_id` (mirrors people.rules)."""
    from intreccio.people.models import Person

    if organisation_id is None:
        return False
    if person.sharing == Person.Sharing.NETWORK:
        return True
    if person.sharing == Person.Sharing.REFUSED:
        return False
    cached = getattr(person, "_shared_with", None)
    if cached is None:
        cached = _selected_organisations(person)
        person._shared_with = cached
    return organisation_id in cached


def _selected_organisations(person) -> set[int]:
    from intreccio.organisations.models import Organisation

    consent = person.consents.filter(withdrawn_at__isnull=True).first()
    if consent is None:
        return set()
    named = set(consent.organisations.values_list("pk", flat=True))
    kinds = [kind for kind in consent.organisation_kinds if isinstance(kind, str)]
    by_kind = (
        set(Organisation.objects.filter(kind__in=kinds).values_list("pk", flat=True)) if kinds else set()
    )
    return named | by_kind


@rules.predicate
def is_case_lead(user, case) -> bool:
    return bool(is_operator(user) and case is not None and case.lead_id == user.pk)


@rules.predicate
def is_active_case_member(user, case) -> bool:
    return bool(is_operator(user) and case is not None and user.pk in active_member_organisations(case))


def _organisation_may_see(user, case, organisation_id) -> bool:
    """The lead's organisation always; another one the user works for, if the person's choices reach it."""
    if organisation_id == case.lead_organisation_id:
        return True
    works_there = organisation_id in {organisation.pk for organisation in user.organisations}
    return works_there and person_shares_with(case.person, organisation_id)


@rules.predicate
def member_organisation_may_see(user, case) -> bool:
    return _organisation_may_see(user, case, active_member_organisations(case).get(user.pk))


@rules.predicate
def supervises_responsible_team(user, case) -> bool:
    return bool(
        is_operator(user) and case is not None and case.team_id and case.team.supervisor_id == user.pk
    )


@rules.predicate
def is_on_responsible_team(user, case) -> bool:
    return bool(is_operator(user) and case is not None and user.pk in responsible_team_member_ids(case))


@rules.predicate
def team_organisation_may_see(user, case) -> bool:
    return _organisation_may_see(user, case, case.team.organisation_id)


@rules.predicate
def is_handover_recipient(user, handover) -> bool:
    return bool(is_operator(user) and handover is not None and handover.to_user_id == user.pk)


@rules.predicate
def proposed_the_handover(user, handover) -> bool:
    return bool(is_operator(user) and handover is not None and handover.from_user_id == user.pk)


@rules.predicate
def manages_the_handover_case(user, handover) -> bool:
    return bool(handover is not None and can_handover(user, handover.case))


@rules.predicate
def leads_cases_somewhere(user) -> bool:
    return bool(is_operator(user) and any(m.role == Role.CASE_LEAD for m in user.active_memberships))


can_open_case = has_role(*TAKING_IN_CHARGE_ROLES)
can_view_case = (
    is_case_lead
    | (is_active_case_member & member_organisation_may_see)
    | (supervises_responsible_team & team_organisation_may_see)
    | (is_on_responsible_team & team_organisation_may_see)
)
can_change_status = is_case_lead | supervises_responsible_team
can_handover = is_case_lead | supervises_responsible_team
can_manage_team = is_case_lead | supervises_responsible_team
can_accept_handover = is_handover_recipient
can_decline_handover = is_handover_recipient
can_cancel_handover = proposed_the_handover | manages_the_handover_case
# Who may be proposed as the new lead, or be given cases: holds the case-lead role somewhere.
can_lead_cases = leads_cases_somewhere

rules.add_perm("cases.open_case", can_open_case)
rules.add_perm("cases.view_case", can_view_case)
rules.add_perm("cases.change_status", can_change_status)
rules.add_perm("cases.handover", can_handover)
rules.add_perm("cases.manage_team", can_manage_team)


# --- the case diary ----------------------------------------------------------------------------


@rules.predicate
def note_visibility_permits(user, note) -> bool:
    """The note's own level: the whole team; the author's organisation; the lead and the author."""
    from .models import CaseNote

    if note is None:
        return False
    if note.visibility == CaseNote.Visibility.TEAM:
        return True
    if note.visibility == CaseNote.Visibility.ORGANISATION:
        return note.organisation_id == user.active_organisation_id
    return note.case.lead_id == user.pk or note.author_id == user.pk


@rules.predicate
def note_categories_permit(user, note) -> bool:
    """A note tagged with a protected category stays within the organisation that wrote it."""
    from intreccio.core.sensitivity import PROTECTED_BY_DEFAULT

    if not set(note.categories) & PROTECTED_BY_DEFAULT:
        return True
    return note.organisation_id == user.active_organisation_id


@rules.predicate
def may_view_note_case(user, note) -> bool:
    return bool(note is not None and can_view_case(user, note.case))


# The lead and the active team members write in the diary (the responsible team reads it).
can_write_note = is_case_lead | (is_active_case_member & member_organisation_may_see)
can_read_note = may_view_note_case & note_visibility_permits & note_categories_permit

rules.add_perm("cases.write_note", can_write_note)
rules.add_perm("cases.read_note", can_read_note)
