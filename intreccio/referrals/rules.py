"""Who may see a referral and who may move it.

A referral has two sides, each acting for the organisation they work for now
(their active organisation) and holding a role that works with persons:

- the sender side: the case's lead (acting for the lead organisation) and the
  operators on the case's team (acting for the organisation they joined it
  for). Another organisation's team member needs the person's sharing choices
  to reach their organisation, as for the case itself;
- the receiver side: the operators of the receiving organisation (`to_user` and
  `assigned_to` are among them), while the person's sharing choices reach it
  (a referral inside the lead organisation needs no consent).

Each move into a state is made by the side Referral.SIDE names; moves into a
state of REASON_REQUIRED, and moves out of a closed state (reopening), need a
coded reason. Predicates read the case's cached team (cases.rules) and fall
back to one query each.
"""

import rules

from intreccio.cases.rules import active_member_organisations, can_view_case, person_shares_with
from intreccio.core.roles import PERSON_FACING_ROLES
from intreccio.core.rules import is_operator

from .models import Referral


def _acting_organisation_id(user) -> int | None:
    """The organisation the user acts for, when they work with persons there."""
    if not (is_operator(user) and user.has_role(*PERSON_FACING_ROLES)):
        return None
    return user.active_organisation_id


def sends_for_case(user, case) -> bool:
    """The user is on the sending side of `case`: its lead or a team member, for that organisation."""
    organisation_id = _acting_organisation_id(user)
    if organisation_id is None or case is None:
        return False
    if case.lead_id == user.pk and case.lead_organisation_id == organisation_id:
        return True
    member_of = active_member_organisations(case).get(user.pk)
    return member_of == organisation_id and bool(can_view_case(user, case))


def receives_for(user, referral) -> bool:
    """The user works with persons for the receiving organisation, and the person's sharing reaches it."""
    organisation_id = _acting_organisation_id(user)
    if organisation_id is None or referral is None or referral.to_organisation_id != organisation_id:
        return False
    if referral.case.lead_organisation_id == organisation_id:
        return True
    return person_shares_with(referral.person, organisation_id)


def sides(user, referral) -> set[str]:
    """The sides (Referral.SENDER, Referral.RECEIVER) the user acts on for this referral."""
    held = set()
    if referral is None:
        return held
    if sends_for_case(user, referral.case):
        held.add(Referral.SENDER)
    if receives_for(user, referral):
        held.add(Referral.RECEIVER)
    return held


def side_of_move(source: str, target: str) -> str:
    """Which side moves a referral from `source` into `target` (Referral.SIDE by the target)."""
    return Referral.SIDE[target]


def reason_required(source: str, target: str) -> bool:
    """A coded reason is required into REASON_REQUIRED states and out of closed ones (reopening)."""
    return target in Referral.REASON_REQUIRED or source in Referral.CLOSED


@rules.predicate
def is_sender(user, referral) -> bool:
    return Referral.SENDER in sides(user, referral)


@rules.predicate
def is_receiver(user, referral) -> bool:
    return Referral.RECEIVER in sides(user, referral)


@rules.predicate
def may_send_for_case(user, case) -> bool:
    return sends_for_case(user, case)


def can_move(user, referral, target: str) -> bool:
    """Whether the user's side makes the move into `target` (the table itself is checked by the action)."""
    return target in Referral.SIDE and Referral.SIDE[target] in sides(user, referral)


can_send_referral = may_send_for_case
can_view_referral = is_sender | is_receiver
can_post_message = is_sender | is_receiver
can_assign_referral = is_receiver

rules.add_perm("referrals.send", can_send_referral)
rules.add_perm("referrals.view_referral", can_view_referral)
rules.add_perm("referrals.assign", can_assign_referral)
