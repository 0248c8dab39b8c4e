"""Reads of responses and overlap alerts, scoped by responses.rules, and the observatory's counts.

Lists that name persons write one SEARCH audit entry (`record_disclosure`);
one response or alert is read through get_*_for_user (NotFound whether
missing or hidden). Alerts are shown with each side's details only when the
viewer may see that response (`AlertView`).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, NotFound

from .models import OverlapAlert, Response, ResponseType
from .rules import visible_alerts, visible_responses, works_with_persons


def response_types(*, active_only: bool = True) -> QuerySet[ResponseType]:
    queryset = ResponseType.objects.select_related("need")
    return queryset.filter(active=True) if active_only else queryset


def get_response_type(type_id) -> ResponseType:
    try:
        return ResponseType.objects.get(pk=type_id)
    except (ResponseType.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def get_response_type_by_code(code: str) -> ResponseType:
    try:
        return ResponseType.objects.get(code=code)
    except ResponseType.DoesNotExist:
        raise NotFound() from None


def responses_visible_to(user) -> QuerySet[Response]:
    return Response.objects.filter(visible_responses(user)).select_related(
        "type", "organisation", "recorded_by", "person"
    )


def responses_of_person(user, person, *, limit: int = 100) -> list[Response]:
    """The person's responses the user may see, newest first (one query)."""
    return list(responses_visible_to(user).filter(person=person.pk)[:limit])


def person_ids_given_to(user, organisation_id) -> QuerySet:
    """Persons the organisation gives (or gave) a response to: a relationship source for people."""
    return Response.objects.filter(organisation=organisation_id).values_list("person_id", flat=True)


def responses_given(user, *, starts_on=None, ends_on=None, type=None) -> QuerySet[Response]:
    """What the user's organisation gave, in a period (overlapping it) and of a type.

    The giving organisation always sees its own responses (rules.visible_responses), so the
    scope here is the organisation alone: one indexed condition instead of the whole rule.
    """
    if not works_with_persons(user):
        return Response.objects.none()
    queryset = Response.objects.filter(organisation=user.active_organisation_id).select_related(
        "type", "organisation", "recorded_by", "person"
    )
    if starts_on:
        queryset = queryset.filter(covers_until__gte=starts_on)
    if ends_on:
        queryset = queryset.filter(starts_on__lte=ends_on)
    if type is not None:
        queryset = queryset.filter(type=type)
    return queryset.order_by("-starts_on", "-pk")


def households_of(person) -> dict:
    """The households the person (already read by the caller) belongs to now, by id (one query)."""
    from intreccio.people.models import HouseholdMember

    today = datetime.date.today()
    memberships = (
        HouseholdMember.objects.filter(person=person.pk)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("household")
        .order_by("household_id")
    )
    return {membership.household_id: membership.household for membership in memberships}


def linked_action(action_id):
    """A plan action to link a response to (record_response checks it is the person's); None if blank."""
    from intreccio.plans.models import PlanAction

    return _linked(PlanAction, action_id, "plan")


def linked_referral(referral_id):
    """A referral to link a response to (record_response checks it is the person's); None if blank."""
    from intreccio.referrals.models import Referral

    return _linked(Referral, referral_id, "person")


def _linked(model, pk, related: str):
    if pk in (None, ""):
        return None
    try:
        return model.objects.select_related(related).get(pk=int(pk))
    except (model.DoesNotExist, ValueError, TypeError):
        raise ApplicationError(
            _("Il collegamento indicato (azione del progetto o invio) non esiste."), code="link_not_found"
        ) from None


def get_response_for_user(user, response_id) -> Response:
    try:
        return responses_visible_to(user).get(pk=response_id)
    except (Response.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def record_disclosure(user, rows, *, target: str) -> None:
    """One SEARCH entry naming the persons a list showed (nothing when it showed none)."""
    person_ids = sorted({row.person_id for row in rows})
    if person_ids:
        record_audit(
            user,
            AuditEntry.Action.SEARCH,
            (target, "list"),
            details={"person_ids": person_ids, "ids": sorted(row.pk for row in rows)},
        )


# --- alerts ----------------------------------------------------------------------------------------


@dataclass
class AlertView:
    """An alert as one viewer may see it: each side's response only when visible to them."""

    alert: OverlapAlert
    existing: Response | None
    new: Response | None
    person_visible: bool

    @property
    def pk(self):
        return self.alert.pk

    @property
    def person_id(self):
        return self.alert.person_id


def alerts_visible_to(user) -> QuerySet[OverlapAlert]:
    from intreccio.people.models import Person
    from intreccio.people.rules import visible_persons

    return (
        OverlapAlert.objects.filter(visible_alerts(user))
        .select_related(
            "person",
            "new_organisation",
            "existing__type",
            "existing__organisation",
            "new__type",
            "new__organisation",
            "case",
            "decided_by",
        )
        .annotate(
            person_visible=Exists(Person.objects.filter(visible_persons(user), pk=OuterRef("person_id")))
        )
        .order_by("-created_at", "-pk")
    )


def alert_views(user, alerts) -> list[AlertView]:
    """Each alert with the sides the user may see (one query for the visible response ids)."""
    alerts = list(alerts)
    ids = {alert.existing_id for alert in alerts} | {alert.new_id for alert in alerts if alert.new_id}
    visible = (
        set(Response.objects.filter(visible_responses(user), pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    return [
        AlertView(
            alert=alert,
            existing=alert.existing if alert.existing_id in visible else None,
            new=alert.new if alert.new_id in visible else None,
            person_visible=bool(getattr(alert, "person_visible", False)),
        )
        for alert in alerts
    ]


def alerts_of_person(user, person, *, open_only: bool = False) -> list[AlertView]:
    queryset = alerts_visible_to(user).filter(person=person.pk)
    if open_only:
        queryset = queryset.filter(status=OverlapAlert.Status.OPEN, new__isnull=False)
    return alert_views(user, queryset[:50])


def get_alert_for_user(user, alert_id) -> OverlapAlert:
    try:
        return alerts_visible_to(user).get(pk=alert_id)
    except (OverlapAlert.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# --- the observatory ---------------------------------------------------------------------------------


def overlap_counts(period: tuple[datetime.date, datetime.date]) -> dict[str, int]:
    """Alerts raised in the period (dates inclusive) by outcome; "prevented" is the observatory's figure.

    Aggregated, no person: for the planning office. One query.
    """
    start, end = period
    Status = OverlapAlert.Status
    return OverlapAlert.objects.filter(created_at__date__gte=start, created_at__date__lte=end).aggregate(
        raised=Count("pk"),
        raised_before_recording=Count("pk", filter=Q(raised_before_recording=True)),
        prevented=Count("pk", filter=Q(status=Status.PREVENTED)),
        complementary=Count("pk", filter=Q(status=Status.COMPLEMENTARY)),
        resolved=Count("pk", filter=Q(status=Status.RESOLVED)),
        open=Count("pk", filter=Q(status=Status.OPEN)),
    )
