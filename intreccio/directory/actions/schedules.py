"""Opening times, closures and translations of services, places and activities."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError

from .. import events
from ..models import (
    Activity,
    Closure,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Translation,
)
from ..rules import (
    can_manage_services,
)
from ._common import _apply, _check_permission, record_changes, reindex_location, reindex_service

SCHEDULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "dtstart",
    "until",
    "description",
    "attending_type",
    "notes",
    "closed_on_public_holidays",
)


TRANSLATION_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "transportation",
)


def _owner(target):
    """(field name, owning organisation, the service or location whose history records it)."""
    if isinstance(target, Service):
        return "service", target.organisation, target, "service"
    if isinstance(target, Location):
        return "location", target.organisation, target, "location"
    if isinstance(target, ServiceAtLocation):
        return "service_at_location", target.service.organisation, target.service, "service"
    if isinstance(target, Activity):
        return "activity", target.location.organisation, target.location, "location"
    raise TypeError(f"schedules belong to services, locations or activities, not {type(target).__name__}")


def _check_schedule(values: dict) -> None:
    from ..schedules import DAY_CODES, _codes

    unknown = set(values) - set(SCHEDULE_FIELDS)
    assert not unknown, f"unknown schedule fields: {sorted(unknown)}"
    freq = values.get("freq", "")
    if freq and freq not in Schedule.Frequency.values:
        raise ApplicationError(
            _("Frequenza sconosciuta: %(freq)s.") % {"freq": freq}, code="invalid_schedule"
        )
    bad_days = [code for code in _codes(values.get("byday", "")) if code[-2:] not in DAY_CODES]
    if bad_days:
        raise ApplicationError(
            _("Giorni non validi: %(days)s. Usa MO, TU, WE, TH, FR, SA, SU (con 1MO, -1FR per i mensili).")
            % {"days": ", ".join(bad_days)},
            code="invalid_schedule",
        )
    if freq == "WEEKLY" and not values.get("byday") and not values.get("dtstart"):
        raise ApplicationError(_("Indica in quali giorni della settimana è aperto."), code="invalid_schedule")
    if freq == "MONTHLY" and not values.get("byday") and not values.get("bymonthday"):
        raise ApplicationError(
            _("Indica quali giorni del mese (per esempio «1MO» per il primo lunedì)."),
            code="invalid_schedule",
        )
    if not freq and not values.get("dtstart"):
        raise ApplicationError(
            _("Un orario senza ripetizione ha bisogno della data in cui si svolge."), code="invalid_schedule"
        )
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if opens and closes and opens >= closes:
        raise ApplicationError(
            _("L'orario di apertura (%(opens)s) deve precedere quello di chiusura (%(closes)s).")
            % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")},
            code="invalid_schedule",
        )
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and start > end:
        raise ApplicationError(
            _("La data di inizio validità è successiva a quella di fine."), code="invalid_schedule"
        )


def add_schedule(target, *, actor, **values) -> Schedule:
    """Add an opening time to a service, a location, a service at a location or an activity."""
    field, organisation, history_owner, resource_type = _owner(target)
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi gestire gli orari di questo ente.")
    )
    values["byday"] = ",".join(
        part.strip().upper() for part in values.get("byday", "").split(",") if part.strip()
    )
    _check_schedule(values)
    from ..schedules import describe

    with transaction.atomic():
        schedule = Schedule.objects.create(**{field: target}, **values)
        record_changes(
            history_owner,
            resource_type,
            {"schedules": ("", describe(schedule))},
            actor=actor,
            action_type="update",
        )
        record_event(
            events.SCHEDULE_ADDED,
            actor=actor,
            subject=schedule,
            organisation_id=organisation.pk if organisation else None,
            payload={field: str(getattr(target, "uuid", target.pk))},
        )
        type(history_owner).objects.filter(pk=history_owner.pk).update(updated_at=timezone.now())
    return schedule


def remove_schedule(schedule: Schedule, *, actor) -> None:
    target = schedule.service or schedule.location or schedule.service_at_location or schedule.activity
    _field, organisation, history_owner, resource_type = _owner(target)
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi gestire gli orari di questo ente.")
    )
    from ..schedules import describe

    with transaction.atomic():
        text = describe(schedule)
        schedule.delete()
        record_changes(
            history_owner, resource_type, {"schedules": (text, "")}, actor=actor, action_type="update"
        )
        record_event(
            events.SCHEDULE_REMOVED,
            actor=actor,
            subject=("directory.schedule", schedule.uuid),
            organisation_id=organisation.pk if organisation else None,
        )
        type(history_owner).objects.filter(pk=history_owner.pk).update(updated_at=timezone.now())


def add_closure(
    target, *, actor, starts_on: datetime.date, ends_on: datetime.date, reason: str = ""
) -> Closure:
    """Close a service or a place on some days (beyond public holidays)."""
    field, organisation, history_owner, resource_type = _owner(target)
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi gestire gli orari di questo ente.")
    )
    if starts_on > ends_on:
        raise ApplicationError(
            _("La chiusura finisce prima di cominciare: controlla le date."), code="invalid_closure"
        )
    with transaction.atomic():
        closure = Closure.objects.create(
            **{field: target}, starts_on=starts_on, ends_on=ends_on, reason=reason
        )
        record_changes(
            history_owner,
            resource_type,
            {"closures": ("", f"{starts_on:%d/%m/%Y}–{ends_on:%d/%m/%Y} {reason}".strip())},
            actor=actor,
            action_type="update",
        )
        record_event(
            events.CLOSURE_ADDED,
            actor=actor,
            subject=closure,
            organisation_id=organisation.pk if organisation else None,
            payload={"from": starts_on.isoformat(), "to": ends_on.isoformat()},
        )
    return closure


def remove_closure(closure: Closure, *, actor) -> None:
    target = closure.service or closure.location
    _field, organisation, history_owner, resource_type = _owner(target)
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi gestire gli orari di questo ente.")
    )
    with transaction.atomic():
        text = f"{closure.starts_on:%d/%m/%Y}–{closure.ends_on:%d/%m/%Y}"
        closure.delete()
        record_changes(
            history_owner, resource_type, {"closures": (text, "")}, actor=actor, action_type="update"
        )
        record_event(
            events.CLOSURE_REMOVED,
            actor=actor,
            subject=("directory.closure", text),
            organisation_id=organisation.pk if organisation else None,
        )


def save_translation(target, language: str, *, actor, **values) -> Translation:
    """Write a service, place or activity's texts in another language (empty fields fall back to Italian)."""
    field, organisation, history_owner, resource_type = _owner(target)
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi tradurre le schede di questo ente.")
    )
    if language not in dict(settings.PORTAL_LANGUAGES) or language == "it":
        raise ApplicationError(
            _("Lingua non prevista dal portale: %(language)s.") % {"language": language},
            code="unknown_language",
        )
    unknown = set(values) - set(TRANSLATION_FIELDS)
    assert not unknown, f"unknown translation fields: {sorted(unknown)}"
    with transaction.atomic():
        translation, _created = Translation.objects.get_or_create(**{field: target, "language": language})
        changes = _apply(translation, values)
        if changes:
            translation.save()
            record_changes(
                history_owner,
                resource_type,
                {f"{language}:{name}": change for name, change in changes.items()},
                actor=actor,
                action_type="update",
            )
            record_event(
                events.TRANSLATION_SAVED,
                actor=actor,
                subject=translation,
                organisation_id=organisation.pk if organisation else None,
                payload={"language": language, "fields": sorted(changes)},
            )
            if isinstance(target, Service):
                reindex_service(target)
            else:
                reindex_location(history_owner)
    return translation
