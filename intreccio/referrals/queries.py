"""Reads of referrals, scoped to the two sides (referrals.rules says the same in Python).

`referrals_visible_to(user)` is the one scope: the sender side (the case's
lead and team, for their organisation) and the receiver side (the receiving
organisation's operators, while the person's sharing choices reach it).
`get_referral_for_user` audits the consultation and raises the same NotFound
whether the referral is missing or hidden.
"""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import NotFound
from intreccio.core.roles import PERSON_FACING_ROLES

from .models import Referral, ReferralAttachment, ReferralMessage, ReferralTransition

Status = Referral.Status
# Work the receiver holds in its hands: "stalled" is measured on these.
ACTIVE_WORK = (Status.ACCEPTED, Status.IN_PROGRESS, Status.ON_HOLD)
OPEN = ~Q(status__in=Referral.CLOSED)
NOTHING = Q(pk__in=[])


def _organisation(user):
    """The organisation the user acts for, when they work with persons there (else None)."""
    if not (user and user.is_authenticated and getattr(user, "is_operator", False)):
        return None
    if not user.has_role(*PERSON_FACING_ROLES):
        return None
    return user.active_organisation


def _consent_reaches(organisation) -> Q:
    from intreccio.people.models import Person
    from intreccio.people.rules import sharing_permits

    return Q(person__in=Person.objects.filter(sharing_permits(organisation)).values("pk"))


def _sender_side(user, organisation) -> Q:
    from intreccio.cases.models import CaseMember

    member = CaseMember.objects.filter(
        case=OuterRef("case"), user=user, organisation=organisation.pk, removed_at__isnull=True
    )
    as_lead = Q(case__lead=user, case__lead_organisation=organisation.pk)
    as_member = Q(Exists(member)) & (
        Q(case__lead_organisation=organisation.pk) | _consent_reaches(organisation)
    )
    return as_lead | as_member


def _receiver_side(organisation) -> Q:
    return Q(to_organisation=organisation.pk) & (
        Q(case__lead_organisation=organisation.pk) | _consent_reaches(organisation)
    )


def _with_list_joins(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "case", "person", "service", "from_organisation", "to_organisation", "from_user", "assigned_to"
    )


def referrals_visible_to(user) -> QuerySet[Referral]:
    organisation = _organisation(user)
    if organisation is None:
        return Referral.objects.none()
    return _with_list_joins(
        Referral.objects.filter(_sender_side(user, organisation) | _receiver_side(organisation))
    )


def _stalled_filter(queryset, stalled: bool | None):
    if stalled is True:
        return queryset.filter(stalled_since__isnull=False)
    if stalled is False:
        return queryset.filter(stalled_since__isnull=True)
    return queryset


def received(user, *, status: str = "", service=None, stalled: bool | None = None) -> QuerySet[Referral]:
    """The receiving organisation's queue: urgent and oldest first, closed ones last."""
    organisation = _organisation(user)
    if organisation is None:
        return Referral.objects.none()
    queryset = _with_list_joins(Referral.objects.filter(_receiver_side(organisation)))
    if status:
        queryset = queryset.filter(status=status)
    if service is not None:
        queryset = queryset.filter(service=service)
    open_first = F("closed_at").asc(nulls_first=True)
    return _stalled_filter(queryset, stalled).order_by(open_first, "-urgent", "sent_at", "pk")


def sent(user, *, status: str = "", stalled: bool | None = None) -> QuerySet[Referral]:
    """Referrals of the cases the user sends for: stalled first, then newest."""
    organisation = _organisation(user)
    if organisation is None:
        return Referral.objects.none()
    queryset = _with_list_joins(Referral.objects.filter(_sender_side(user, organisation)))
    if status:
        queryset = queryset.filter(status=status)
    queryset = _stalled_filter(queryset, stalled)
    return queryset.order_by(F("stalled_since").asc(nulls_last=True), "-sent_at", "-pk")


def of_case(user, case) -> list[Referral]:
    return list(referrals_visible_to(user).filter(case=case).order_by("-sent_at", "-pk"))


def of_person(user, person) -> list[Referral]:
    return list(referrals_visible_to(user).filter(person=person).order_by("-sent_at", "-pk"))


def services_received_by(user) -> QuerySet:
    """The services of the user's organisation (the queue's service filter)."""
    from intreccio.directory.models import Service

    organisation = _organisation(user)
    if organisation is None:
        return Service.objects.none()
    return Service.objects.filter(organisation=organisation).order_by("name")


def queue_counts(user) -> dict[str, int]:
    """The receiving queue in numbers (one query): to acknowledge, in hand, stalled."""
    organisation = _organisation(user)
    if organisation is None:
        return {"to_acknowledge": 0, "in_hand": 0, "stalled": 0}
    return Referral.objects.filter(_receiver_side(organisation)).aggregate(
        to_acknowledge=Count("pk", filter=Q(status=Status.REQUESTED)),
        in_hand=Count("pk", filter=Q(status__in=(Status.RECEIVED, *ACTIVE_WORK))),
        stalled=Count("pk", filter=Q(stalled_since__isnull=False) & OPEN),
    )


def record_disclosure(user, referrals) -> None:
    """One SEARCH entry naming the persons a list showed (nothing when it showed none)."""
    person_ids = sorted({referral.person_id for referral in referrals})
    if person_ids:
        record_audit(
            user,
            AuditEntry.Action.SEARCH,
            ("referrals.referral", "list"),
            details={"person_ids": person_ids, "referrals": sorted(r.pk for r in referrals)},
        )


def _detail_queryset(user) -> QuerySet[Referral]:
    from intreccio.cases.models import CaseMember

    return (
        referrals_visible_to(user)
        .select_related("case__lead", "to_user", "action", "need")
        .prefetch_related(
            Prefetch(
                "case__members",
                queryset=CaseMember.objects.filter(removed_at__isnull=True),
                to_attr="active_members",
            )
        )
    )


def get_referral_for_user(user, referral_id, *, purpose: str = "") -> Referral:
    """A referral the user may see, its consultation audited; NotFound (audited as refused) otherwise."""
    try:
        referral = _detail_queryset(user).get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        record_audit(
            user,
            AuditEntry.Action.READ,
            ("referrals.referral", str(referral_id)[:64]),
            outcome=AuditEntry.Outcome.DENIED,
            purpose=purpose,
        )
        raise NotFound() from None
    record_audit(
        user,
        AuditEntry.Action.READ,
        referral,
        person_id=referral.person_id,
        categories=list(referral.categories),
        purpose=purpose,
    )
    return referral


def get_referral_for_action(user, referral_id) -> Referral:
    """A referral the user may see, for an action that audits its own change (no read entry)."""
    try:
        return _detail_queryset(user).get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def history(referral) -> list[ReferralTransition]:
    return list(referral.transitions.select_related("by", "by_organisation").order_by("at", "pk"))


def thread(referral) -> list[ReferralMessage]:
    return list(
        referral.messages.select_related("author", "organisation")
        .prefetch_related(Prefetch("attachments", queryset=ReferralAttachment.objects.order_by("pk")))
        .order_by("created_at", "pk")
    )


def get_attachment_for_user(user, attachment_id) -> ReferralAttachment:
    """An attachment of a referral the user may see, its download audited; NotFound otherwise."""
    visible = referrals_visible_to(user).values("pk")
    try:
        attachment = ReferralAttachment.objects.select_related("referral").get(
            pk=attachment_id, referral__in=visible
        )
    except (ReferralAttachment.DoesNotExist, ValueError, TypeError):
        record_audit(
            user,
            AuditEntry.Action.READ,
            ("referrals.referralattachment", str(attachment_id)[:64]),
            outcome=AuditEntry.Outcome.DENIED,
        )
        raise NotFound() from None
    record_audit(
        user,
        AuditEntry.Action.READ,
        attachment,
        person_id=attachment.referral.person_id,
        categories=list(attachment.referral.categories),
        purpose="allegato",
    )
    return attachment


def receiving_operators(organisation_id: int) -> list:
    """Active operators working with persons for `organisation_id` (who a referral's queue notifies)."""
    from intreccio.accounts.models import User

    return list(
        User.objects.filter(
            kind=User.Kind.OPERATOR,
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__active=True,
            memberships__role__in=list(PERSON_FACING_ROLES),
        ).distinct()
    )


def operator_choices(organisation_id: int) -> list[tuple[int, str]]:
    """(user id, name) of the receiving organisation's operators, for assigning a referral."""
    return [(user.pk, user.get_full_name()) for user in sorted(receiving_operators(organisation_id), key=str)]


def get_receiving_operator(organisation_id: int, user_id):
    """An operator of the receiving organisation who works with persons; NotFound otherwise."""
    for user in receiving_operators(organisation_id):
        if str(user.pk) == str(user_id):
            return user
    raise NotFound()


# --- what people learns from referrals (people.relationships) ---------------------------------------


def person_ids_received_by(user, organisation_id: int) -> QuerySet:
    """Persons with a referral (not cancelled) to `organisation_id`: the receiver may see them (consent)."""
    return (
        Referral.objects.filter(to_organisation_id=organisation_id)
        .exclude(status=Status.CANCELLED)
        .values_list("person_id", flat=True)
    )


def plan_action_of_case(case, action_id):
    """The plan action `action_id` of the case's plan (a referral pre-filled from it); NotFound otherwise."""
    from intreccio.plans.models import PlanAction

    try:
        return PlanAction.objects.select_related("goal", "service", "organisation").get(
            pk=action_id, plan__case=case
        )
    except (PlanAction.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def services_to_choose(*, need=None) -> list:
    """Active services of active organisations (answering `need`), with their organisation, by name."""
    from intreccio.directory.queries import services

    return list(services(need=need).order_by("organisation__name", "name"))
