"""Recording responses, catching overlaps before they happen twice, deciding them; the catalogue.

An overlap: two responses of the same `overlap_group` (types with
overlap_checked) for the same person, or the same household, whose covered
periods share at least one day, given by different organisations (the same
organisation recording twice is its own business, not the network's). A
response covers starts_on..ends_on; without an end it covers the type's
`coverage_days` from its day (a food parcel: 30 days; 0 or 1: its own day).

record_response refuses, with ApplicationError code "overlap" and the
conflicts in `details`, when the actor may see one of the overlapping
responses and has not confirmed: before refusing it writes an OverlapAlert
per conflict (raised_before_recording, new=None) in its own transaction, so
the warning is counted even though the call failed. Calling it again with
confirm_overlap=True records the response, sets `new` on those alerts (they
stay OPEN for the lead to decide) and notifies the lead and the operators
who recorded the other responses. An alert nobody confirmed within a day
becomes PREVENTED (mark_prevented, hourly): the overlap the network avoided.
Overlaps with responses the actor may not see (the person's consent does
not reach them) are never disclosed to the actor: the response is recorded
and the alert goes to the lead and the organisations involved.

Callers must not wrap record_response in a transaction of their own when
the refused call's alerts must survive (views and the API do not).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, Conflict, InvalidTransition, PermissionDenied
from intreccio.notifications.actions import notify
from intreccio.notifications.models import Notification

from . import events
from .exceptions import OverlapFound
from .models import OverlapAlert, Response, ResponseType
from .rules import (
    can_cancel_response,
    can_decide_overlap,
    can_manage_response_types,
    can_record_response,
    visible_responses,
)

Status = OverlapAlert.Status
# How long an operator has to confirm a response after the overlap warning.
PREVENTED_AFTER = datetime.timedelta(hours=24)
DECISIONS = (Status.COMPLEMENTARY, Status.RESOLVED)


# --- overlaps ----------------------------------------------------------------------------------


def covers_until(response_type: ResponseType, starts_on: datetime.date, ends_on=None) -> datetime.date:
    """The last day a response covers: its end, or its day plus the type's coverage."""
    if ends_on is not None:
        return ends_on
    return starts_on + datetime.timedelta(days=max(response_type.coverage_days, 1) - 1)


def _household_ids(person, household) -> set[int]:
    from intreccio.people.models import HouseholdMember

    today = timezone.localdate()
    ids = set(
        HouseholdMember.objects.filter(person=person)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .values_list("household_id", flat=True)
    )
    if household is not None:
        ids.add(household.pk)
    return ids


def _conflicting(person, response_type, starts_on, until, household, organisation_id):
    """Every existing response that overlaps the one described (unscoped: the alert needs them all)."""
    from intreccio.people.models import HouseholdMember

    if not response_type.overlap_checked:
        return Response.objects.none()
    who = Q(person=person.pk)
    households = _household_ids(person, household)
    if households:
        who |= Q(household__in=households)
    if household is not None:
        who |= Q(
            person__in=HouseholdMember.objects.filter(household=household.pk, until__isnull=True).values(
                "person_id"
            )
        )
    return (
        Response.objects.filter(
            who,
            type__overlap_group=response_type.overlap_group,
            type__overlap_checked=True,
            cancelled_at__isnull=True,
            starts_on__lte=until,
            covers_until__gte=starts_on,
        )
        .exclude(organisation=organisation_id)
        .select_related("type", "organisation", "recorded_by")
        .order_by("starts_on", "pk")
    )


def check_overlaps(*, actor, person, type, starts_on, ends_on=None, household=None) -> list[Response]:
    """The existing responses the actor may know about that the described response would overlap.

    Refused (PermissionDenied) when the actor may not record a response for
    the person. Reads only: no alert is written here.
    """
    if not can_record_response(actor, person):
        raise PermissionDenied(_("Non puoi registrare risposte per questa persona."))
    until = covers_until(type, starts_on, ends_on)
    conflicts = _conflicting(person, type, starts_on, until, household, actor.active_organisation_id)
    return list(conflicts.filter(visible_responses(actor)))


def describe_conflict(response: Response) -> dict:
    """What the warning says about a conflict the actor may see (no note, no amount)."""
    return {
        "response_id": response.pk,
        "type": response.type.name,
        "organisation": response.organisation.name,
        "starts_on": response.starts_on.isoformat(),
        "covers_until": response.last_day.isoformat(),
    }


# --- recording ---------------------------------------------------------------------------------


@dataclass
class _Input:
    person: object
    type: ResponseType
    starts_on: datetime.date
    ends_on: datetime.date | None
    quantity: Decimal | None
    amount: Decimal | None
    case: object
    need: object
    action: object
    referral: object
    household: object


MAX_DECIMAL = Decimal(100_000_000)


def _invalid(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code)


def _validate(data: _Input) -> None:
    kind = data.type
    if not kind.active:
        raise _invalid(
            _("Il tipo di risposta «%(type)s» non è più in uso: scegline un altro.") % {"type": kind.name},
            "type_inactive",
        )
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise _invalid(_("La data di fine viene prima di quella di inizio: correggi il periodo."), "period")
    if data.quantity is not None and data.quantity <= 0:
        raise _invalid(_("La quantità deve essere maggiore di zero (o lasciala vuota)."), "quantity")
    for raw, field in ((data.quantity, "quantity"), (data.amount, "amount")):
        value = raw if raw is None or isinstance(raw, Decimal) else Decimal(str(raw))
        # The columns hold up to 99,999,999.99 with two decimals (DecimalField(10, 2)).
        if value is not None and (
            not value.is_finite() or value.as_tuple().exponent < -2 or abs(value) >= MAX_DECIMAL
        ):
            raise _invalid(
                _("Scrivi un numero con al massimo due decimali e inferiore a 100 milioni."), field
            )
    if kind.monetary and (data.amount is None or data.amount <= 0):
        raise _invalid(
            _("«%(type)s» è un aiuto economico: indica l'importo in euro, maggiore di zero.")
            % {"type": kind.name},
            "amount_required",
        )
    if not kind.monetary and data.amount is not None:
        raise _invalid(
            _("«%(type)s» non ha un importo in euro: lascia vuoto il campo importo.") % {"type": kind.name},
            "amount_not_allowed",
        )
    person_id = data.person.pk
    if data.case is not None and data.case.person_id != person_id:
        raise _invalid(_("La presa in carico indicata è di un'altra persona."), "case_mismatch")
    if data.action is not None and data.action.plan.case.person_id != person_id:
        raise _invalid(_("L'azione del progetto indicata è di un'altra persona."), "action_mismatch")
    if data.referral is not None and data.referral.person_id != person_id:
        raise _invalid(_("L'invio indicato è di un'altra persona."), "referral_mismatch")
    if data.household is not None and data.household.pk not in _household_ids(data.person, None):
        raise _invalid(
            _("La persona non fa parte del nucleo familiare indicato: scegli il suo nucleo o nessuno."),
            "household_mismatch",
        )


def _alert_url(alert: OverlapAlert) -> str:
    if alert.case_id:
        return reverse("cases:detail", args=[alert.case_id])
    return reverse("responses:alerts")


def _record_alert_event(alert: OverlapAlert, kind: str, *, actor, person, payload: dict) -> None:
    categories = sorted({c for c in alert.categories if c})
    record_event(
        kind,
        actor=actor,
        subject=alert,
        person_id=alert.person_id,
        micro_territory_id=person.micro_territory_id if person is not None else None,
        categories=categories,
        payload={
            "alert": alert.pk,
            "case_id": alert.case_id,
            "overlap_group": alert.overlap_group,
            **payload,
        },
        organisation_id=alert.new_organisation_id,
    )
    record_audit(
        actor,
        AuditEntry.Action.CREATE if kind == events.OVERLAP_RAISED else AuditEntry.Action.UPDATE,
        alert,
        person_id=alert.person_id,
        categories=categories,
        details={"event": kind, **payload},
    )


def _categories(*types) -> list[str]:
    return sorted({kind.sensitive_category for kind in types if kind.sensitive_category})


def _raise_alerts(conflicts, *, actor, person, case, new=None, before: bool, now) -> list[OverlapAlert]:
    """One OPEN alert per conflict; a pending warning already raised for the same pair is reused."""
    organisation_id = actor.active_organisation_id
    pending = {
        alert.existing_id: alert
        for alert in OverlapAlert.objects.filter(
            person=person,
            new__isnull=True,
            status=Status.OPEN,
            new_organisation=organisation_id,
            existing__in=[response.pk for response in conflicts],
        )
    }
    alerts = []
    for response in conflicts:
        alert = pending.get(response.pk)
        if alert is not None:
            if new is not None:
                alert.new = new
                alert.save(update_fields=["new"])
            alert.categories = _categories(response.type)
            alerts.append(alert)
            continue
        alert = OverlapAlert.objects.create(
            person=person,
            case=case,
            overlap_group=response.type.overlap_group,
            existing=response,
            new=new,
            new_organisation_id=organisation_id,
            raised_by=actor,
            raised_before_recording=before,
            created_at=now,
        )
        alert.categories = _categories(response.type)
        _record_alert_event(
            alert,
            events.OVERLAP_RAISED,
            actor=actor,
            person=person,
            payload={
                "before_recording": before,
                "existing": response.pk,
                "existing_organisation": response.organisation_id,
                "new_organisation": organisation_id,
            },
        )
        alerts.append(alert)
    return alerts


def _notify_overlap(alerts, *, actor, case) -> None:
    """The case lead and the operators who recorded the other responses (titles: numbers only)."""
    for alert in alerts:
        recipients = [alert.existing.recorded_by]
        if case is not None:
            recipients.append(case.lead)
        notify(
            recipients,
            kind=Notification.Kind.OVERLAP,
            title=_("Possibile sovrapposizione di risposte n. %(alert)s da valutare") % {"alert": alert.pk},
            url=_alert_url(alert),
            actor=actor,
        )


def record_response(
    *,
    actor,
    person,
    type,
    starts_on,
    ends_on=None,
    quantity=None,
    amount=None,
    note: str = "",
    case=None,
    need=None,
    action=None,
    referral=None,
    household=None,
    confirm_overlap: bool = False,
    now=None,
) -> Response:
    """Record a response the actor's organisation gives the person (see the module for overlaps).

    Raises ApplicationError code "overlap" (status 409, details["conflicts"])
    when it would overlap a response the actor may see and confirm_overlap is
    false; the warning's alerts are committed before the error is raised.
    """
    from intreccio.cases.queries import open_case_of
    from intreccio.people.models import Person

    if not can_record_response(actor, person):
        raise PermissionDenied(_("Non puoi registrare risposte per questa persona."))
    data = _Input(person, type, starts_on, ends_on, quantity, amount, case, need, action, referral, household)
    _validate(data)
    now = now or timezone.now()
    organisation = actor.active_organisation
    until = covers_until(type, starts_on, ends_on)
    refused = None
    with transaction.atomic():
        # One recording per person at a time: two operators cannot both miss each other's response.
        Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()
        case = case or open_case_of(person.pk)
        conflicts = list(_conflicting(person, type, starts_on, until, household, organisation.pk))
        visible = set(
            Response.objects.filter(visible_responses(actor), pk__in=[c.pk for c in conflicts]).values_list(
                "pk", flat=True
            )
        )
        disclosed = [response for response in conflicts if response.pk in visible]
        if disclosed and not confirm_overlap:
            _raise_alerts(disclosed, actor=actor, person=person, case=case, before=True, now=now)
            refused = OverlapFound(
                _(
                    "La persona riceve già una risposta dello stesso tipo da un altro ente nello stesso "
                    "periodo. Verifica con chi la dà; se serve davvero, conferma per registrarla comunque."
                ),
                details={"conflicts": [describe_conflict(response) for response in disclosed]},
            )
        else:
            response = Response.objects.create(
                person=person,
                household=household,
                type=type,
                organisation=organisation,
                recorded_by=actor,
                starts_on=starts_on,
                ends_on=ends_on,
                covers_until=until,
                quantity=quantity,
                amount=amount,
                note=(note or "").strip(),
                case=case,
                need=need or type.need,
                action=action,
                referral=referral,
                categories=_categories(type),
                recorded_at=now,
            )
            _record_response_event(
                events.RESPONSE_RECORDED, response, actor=actor, action=AuditEntry.Action.CREATE
            )
            if conflicts:
                alerts = _raise_alerts(
                    conflicts, actor=actor, person=person, case=case, new=response, before=False, now=now
                )
                _notify_overlap(alerts, actor=actor, case=case)
    if refused is not None:
        raise refused
    return response


def _record_response_event(kind: str, response: Response, *, actor, action, extra=None) -> None:
    payload = {
        "type": response.type.code,
        "type_name": response.type.name,
        "overlap_group": response.type.overlap_group,
        "organisation": response.organisation_id,
        "organisation_name": response.organisation.name,
        "starts_on": response.starts_on.isoformat(),
        "ends_on": response.ends_on.isoformat() if response.ends_on else None,
        "case_id": response.case_id,
        **(extra or {}),
    }
    record_event(
        kind,
        actor=actor,
        subject=response,
        person_id=response.person_id,
        micro_territory_id=response.person.micro_territory_id,
        categories=list(response.categories),
        payload=payload,
        organisation_id=response.organisation_id,
    )
    record_audit(
        actor,
        action,
        response,
        person_id=response.person_id,
        categories=list(response.categories),
        details={"event": kind, "type": response.type.code},
    )


def cancel_response(response: Response, *, actor, reason: str, now=None) -> Response:
    """Cancel a response recorded by mistake (kept, with who and why); its open alerts are resolved."""
    if not can_cancel_response(actor, response):
        raise PermissionDenied(_("Solo l'ente che ha dato la risposta può annullarla."))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Scrivi perché annulli la risposta: resta nella sua storia."), code="reason_required"
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Response.objects.select_for_update()
            .select_related("type", "organisation", "person")
            .get(pk=response.pk)
        )
        if locked.cancelled_at is not None:
            return locked
        locked.cancelled_at, locked.cancelled_reason = now, reason
        locked.save(update_fields=["cancelled_at", "cancelled_reason"])
        _record_response_event(
            events.RESPONSE_CANCELLED, locked, actor=actor, action=AuditEntry.Action.UPDATE
        )
        open_alerts = OverlapAlert.objects.select_for_update().filter(
            Q(existing=locked) | Q(new=locked), status=Status.OPEN
        )
        for alert in open_alerts:
            _decide(
                alert,
                actor=actor,
                status=Status.RESOLVED,
                note=_("Una delle due risposte è stata annullata."),
                now=now,
                person=locked.person,
                categories=list(locked.categories),
            )
    return locked


# --- deciding overlaps -------------------------------------------------------------------------


def _decide(alert, *, actor, status, note, now, person, categories) -> OverlapAlert:
    alert.status, alert.note, alert.decided_by, alert.decided_at = status, note, actor, now
    alert.save(update_fields=["status", "note", "decided_by", "decided_at"])
    alert.categories = categories
    _record_alert_event(alert, events.OVERLAP_DECIDED, actor=actor, person=person, payload={"status": status})
    return alert


def decide_overlap(alert: OverlapAlert, *, actor, status: str, note: str, now=None) -> OverlapAlert:
    """Mark an overlap as intended (complementary) or resolved, with a note (the lead, or a supervisor)."""
    if not can_decide_overlap(actor, alert):
        raise PermissionDenied(
            _("Decide il case manager della persona, o il coordinatore di uno degli enti coinvolti.")
        )
    if status not in DECISIONS:
        raise ApplicationError(
            _("Scegli se le risposte sono complementari (volute) o se la sovrapposizione è risolta."),
            code="status_invalid",
        )
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            _("Scrivi una nota: perché le risposte sono complementari, o come è stata risolta."),
            code="note_required",
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            OverlapAlert.objects.select_for_update()
            .select_related("existing__type", "person")
            .get(pk=alert.pk)
        )
        if locked.new_id is None:
            raise Conflict(
                _("La seconda risposta non è ancora stata registrata: non c'è nulla da decidere."),
                code="not_recorded",
            )
        if locked.status != Status.OPEN:
            raise InvalidTransition(
                _("Questa sovrapposizione è già stata valutata (%(status)s).")
                % {"status": locked.get_status_display()},
                details={"status": locked.status},
            )
        return _decide(
            locked,
            actor=actor,
            status=status,
            note=note,
            now=now,
            person=locked.person,
            categories=_categories(locked.existing.type),
        )


def mark_prevented(now=None) -> int:
    """Alerts warned about and never confirmed within a day become PREVENTED; return how many."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        stale = (
            OverlapAlert.objects.select_for_update()
            .filter(status=Status.OPEN, new__isnull=True, created_at__lt=now - PREVENTED_AFTER)
            .select_related("existing__type", "person")
        )
        for alert in stale:
            _decide(
                alert,
                actor=None,
                status=Status.PREVENTED,
                note="",
                now=now,
                person=alert.person,
                categories=_categories(alert.existing.type),
            )
            count += 1
    return count


# --- the catalogue -----------------------------------------------------------------------------

TYPE_FIELDS = (
    "code",
    "name",
    "description",
    "overlap_group",
    "overlap_checked",
    "unit",
    "monetary",
    "default_value",
    "coverage_days",
    "need",
    "sensitive_category",
    "position",
)


def _check_catalogue(actor) -> None:
    if not can_manage_response_types(actor):
        raise PermissionDenied(_("Il catalogo delle risposte lo curano gli amministratori."))


def _check_unique(values: dict, exclude=None) -> None:
    others = ResponseType.objects.exclude(pk=getattr(exclude, "pk", None))
    if others.filter(code=values["code"]).exists():
        raise Conflict(
            _("Esiste già un tipo con il codice «%(code)s».") % {"code": values["code"]}, code="code_taken"
        )
    if others.filter(name__iexact=values["name"]).exists():
        raise Conflict(
            _("Esiste già un tipo chiamato «%(name)s».") % {"name": values["name"]}, code="name_taken"
        )


def _type_payload(response_type: ResponseType) -> dict:
    return {
        "code": response_type.code,
        "overlap_group": response_type.overlap_group,
        "overlap_checked": response_type.overlap_checked,
        "coverage_days": response_type.coverage_days,
        "active": response_type.active,
    }


def create_response_type(*, actor, **values) -> ResponseType:
    """Add a type to the catalogue (administrators)."""
    _check_catalogue(actor)
    values = {key: values[key] for key in TYPE_FIELDS if key in values}
    _check_unique(values)
    with transaction.atomic():
        response_type = ResponseType.objects.create(**values)
        record_event(
            events.RESPONSE_TYPE_CREATED,
            actor=actor,
            subject=response_type,
            payload=_type_payload(response_type),
        )
    return response_type


def update_response_type(response_type: ResponseType, *, actor, **values) -> ResponseType:
    """Change a type; responses already recorded keep their covered period."""
    _check_catalogue(actor)
    values = {key: values[key] for key in TYPE_FIELDS if key in values}
    _check_unique(
        {"code": values.get("code", response_type.code), "name": values.get("name", response_type.name)},
        exclude=response_type,
    )
    with transaction.atomic():
        before = _type_payload(response_type)
        for key, value in values.items():
            setattr(response_type, key, value)
        response_type.save(update_fields=list(values))
        record_event(
            events.RESPONSE_TYPE_UPDATED,
            actor=actor,
            subject=response_type,
            payload={"before": before, "after": _type_payload(response_type)},
        )
    return response_type


def set_response_type_active(response_type: ResponseType, *, actor, active: bool) -> ResponseType:
    """Retire a type (no new responses of it) or bring it back; recorded responses stay."""
    _check_catalogue(actor)
    if response_type.active == active:
        return response_type
    with transaction.atomic():
        response_type.active = active
        response_type.save(update_fields=["active"])
        record_event(
            events.RESPONSE_TYPE_UPDATED,
            actor=actor,
            subject=response_type,
            payload={"active": active, "code": response_type.code},
        )
    return response_type
