"""Locations and places of the community, their services and activities."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied

from .. import events
from ..models import (
    Activity,
    Location,
    Service,
    ServiceAtLocation,
)
from ..rules import (
    can_manage_services,
)
from ._common import (
    _apply,
    _check_languages,
    _check_permission,
    _set_languages,
    record_changes,
    reindex_location,
    reindex_service,
)

LOCATION_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "transportation",
    "url",
    "location_type",
    "place_kind",
    "site",
    "municipality",
    "micro_territory",
    "latitude",
    "longitude",
    "coordinates_precision",
    "step_free_access",
    "accessibility_description",
    "active",
)


ACTIVITY_FIELDS = ("name", "description", "audience", "free_of_charge", "languages", "active", "organisation")


def _check_location_values(values: dict) -> None:
    unknown = set(values) - set(LOCATION_FIELDS)
    assert not unknown, f"unknown location fields: {sorted(unknown)}"
    micro, municipality = values.get("micro_territory"), values.get("municipality")
    if micro is not None and municipality is not None:
        if not micro.municipalities.filter(pk=municipality.pk).exists():
            raise ApplicationError(
                _(
                    "Il comune %(municipality)s non fa parte del microterritorio %(micro)s: "
                    "scegli il microterritorio giusto."
                )
                % {"municipality": municipality, "micro": micro},
                code="micro_territory_mismatch",
            )
    for field, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = values.get(field)
        if value is not None and not low <= value <= high:
            raise ApplicationError(
                _("Coordinata %(field)s fuori scala (%(value)s): deve stare tra %(low)s e %(high)s.")
                % {"field": field, "value": value, "low": low, "high": high},
                code="invalid_coordinates",
            )


def create_location(*, actor, organisation=None, languages=(), address=None, **values) -> Location:
    """Add a location or a place (an organisation's administrators; places of nobody's: system admin)."""
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi gestire i luoghi di questo ente.")
    )
    _check_location_values(values)
    with transaction.atomic():
        location = Location.objects.create(organisation=organisation, **values)
        if address:
            location.addresses.create(**address)
        if languages:
            _set_languages(location=location, codes=languages)
        record_changes(location, "location", {"*": ("", location.name)}, actor=actor, action_type="create")
        record_event(
            events.LOCATION_CREATED,
            actor=actor,
            subject=location,
            organisation_id=organisation.pk if organisation else None,
            micro_territory_id=location.micro_territory_id,
            payload={"name": location.name, "place_kind": location.place_kind},
        )
        reindex_location(location)
    return location


def update_location(location: Location, *, actor, languages=None, address=None, **values) -> Location:
    _check_permission(
        can_manage_services, actor, location.organisation, _("Non puoi gestire i luoghi di questo ente.")
    )
    return _update_location(location, actor=actor, languages=languages, address=address, values=values)


def _update_location(location, *, actor, languages, address, values, by=""):
    _check_location_values(
        {
            "micro_territory": values.get("micro_territory", location.micro_territory),
            "municipality": values.get("municipality", location.municipality),
            **{k: v for k, v in values.items() if k not in {"micro_territory", "municipality"}},
        }
    )
    with transaction.atomic():
        location = Location.objects.select_for_update().get(pk=location.pk)
        changes = _apply(location, values)
        if changes:
            location.save(update_fields=[*changes, "updated_at"])
        if address is not None:
            current = location.addresses.filter(address_type="physical").first()
            if current is None:
                location.addresses.create(**address)
                changes["address"] = ("", str(location.addresses.first()))
            else:
                before = str(current)
                address_changes = _apply(current, address)
                if address_changes:
                    current.save(update_fields=list(address_changes))
                    changes["address"] = (before, str(current))
        if languages is not None:
            old = sorted(lang.code for lang in location.languages.all())
            new = sorted({code.strip().lower() for code in languages if code.strip()})
            if old != new:
                _set_languages(location=location, codes=new)
                changes["languages"] = (", ".join(old), ", ".join(new))
        if changes:
            record_changes(location, "location", changes, actor=actor, action_type="update", by=by)
            record_event(
                events.LOCATION_UPDATED,
                actor=actor,
                subject=location,
                organisation_id=location.organisation_id,
                micro_territory_id=location.micro_territory_id,
                payload={"fields": sorted(changes)},
            )
            reindex_location(location)
            for link in location.service_at_locations.select_related("service__organisation"):
                reindex_service(link.service)
    return location


def verify_location(location: Location, *, actor) -> Location:
    if not can_manage_services(actor, location.organisation):
        raise PermissionDenied(_("Solo gli amministratori dell'ente possono confermare i dati del luogo."))
    now = timezone.now()
    with transaction.atomic():
        previous = location.last_verified_at
        Location.objects.filter(pk=location.pk).update(
            last_verified_at=now, last_verified_by=actor, stale_flagged_at=None
        )
        location.last_verified_at, location.last_verified_by, location.stale_flagged_at = now, actor, None
        record_changes(
            location, "location", {"assured_date": (previous, now.date())}, actor=actor, action_type="verify"
        )
        record_event(
            events.LOCATION_VERIFIED, actor=actor, subject=location, organisation_id=location.organisation_id
        )
    return location


def link_service_to_location(service: Service, location: Location, *, actor, description: str = ""):
    """Offer a service at a location (HSDS service_at_location)."""
    _check_permission(
        can_manage_services, actor, service.organisation, _("Non puoi gestire i servizi di questo ente.")
    )
    if location.organisation_id not in (None, service.organisation_id) and not location.is_place:
        raise ApplicationError(
            _(
                "La sede «%(location)s» appartiene a un altro ente: "
                "scegli una sede del tuo ente o un luogo della comunità."
            )
            % {"location": location},
            code="location_of_another_organisation",
        )
    with transaction.atomic():
        link, created = ServiceAtLocation.objects.get_or_create(
            service=service, location=location, defaults={"description": description}
        )
        if created:
            record_changes(
                service, "service", {"locations": ("", location.name)}, actor=actor, action_type="update"
            )
            record_event(
                events.SERVICE_LOCATION_LINKED,
                actor=actor,
                subject=service,
                organisation_id=service.organisation_id,
                micro_territory_id=location.micro_territory_id,
                payload={"location": str(location.uuid)},
            )
            reindex_service(service)
    return link


def unlink_service_from_location(link: ServiceAtLocation, *, actor) -> None:
    service = link.service
    if not can_manage_services(actor, service.organisation):
        raise PermissionDenied(_("Non puoi gestire i servizi di questo ente."))
    with transaction.atomic():
        name = link.location.name
        link.delete()
        record_changes(service, "service", {"locations": (name, "")}, actor=actor, action_type="update")
        record_event(
            events.SERVICE_LOCATION_UNLINKED,
            actor=actor,
            subject=service,
            organisation_id=service.organisation_id,
            payload={"location": name},
        )
        reindex_service(service)


def create_activity(location: Location, *, actor, **values) -> Activity:
    """Add something that happens in a place (a group, a course, an open afternoon)."""
    _check_permission(
        can_manage_services, actor, location.organisation, _("Non puoi gestire le attività di questo luogo.")
    )
    unknown = set(values) - set(ACTIVITY_FIELDS)
    assert not unknown, f"unknown activity fields: {sorted(unknown)}"
    _check_languages([c.strip() for c in values.get("languages", "").split(",") if c.strip()])
    with transaction.atomic():
        activity = Activity.objects.create(location=location, **values)
        record_changes(
            location, "location", {"activities": ("", activity.name)}, actor=actor, action_type="update"
        )
        record_event(
            events.ACTIVITY_CREATED,
            actor=actor,
            subject=activity,
            organisation_id=location.organisation_id,
            micro_territory_id=location.micro_territory_id,
            payload={"name": activity.name},
        )
        reindex_location(location)
    return activity


def update_activity(activity: Activity, *, actor, **values) -> Activity:
    location = activity.location
    if not can_manage_services(actor, location.organisation):
        raise PermissionDenied(_("Non puoi gestire le attività di questo luogo."))
    unknown = set(values) - set(ACTIVITY_FIELDS)
    assert not unknown, f"unknown activity fields: {sorted(unknown)}"
    with transaction.atomic():
        changes = _apply(activity, values)
        if changes:
            activity.save(update_fields=[*changes, "updated_at"])
            record_changes(
                location,
                "location",
                {f"activity:{activity.name}:{field}": change for field, change in changes.items()},
                actor=actor,
                action_type="update",
            )
            record_event(
                events.ACTIVITY_UPDATED,
                actor=actor,
                subject=activity,
                organisation_id=location.organisation_id,
                payload={"fields": sorted(changes)},
            )
            reindex_location(location)
    return activity
