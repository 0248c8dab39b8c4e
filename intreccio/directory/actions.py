"""Every change to the needs taxonomy, services, places, schedules and capacity goes through these functions.

Each change to a service or a place also writes its field-level history
(ChangeRecord, HSDS `metadata`) and rebuilds its search index.
"""

import datetime
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.sensitivity import SensitiveCategory

from . import events
from .models import (
    PROPOSAL_TRANSITIONS,
    Activity,
    Capacity,
    CapacityStatus,
    ChangeProposal,
    ChangeRecord,
    Closure,
    Language,
    Location,
    Need,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    Translation,
)
from .queries import organisation_admin_emails
from .rules import (
    can_manage_needs,
    can_manage_services,
    can_propose_change,
    can_review_change,
    can_update_capacity,
)
from .text import index_text

DEFAULT_NEEDS = Path(__file__).resolve().parent / "data" / "needs.toml"
NEEDS_TAXONOMY_CODE = "intreccio-needs"
SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "email",
    "phone",
    "url",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "application_process",
    "fees_description",
    "free_of_charge",
    "wait_time",
    "interpretation_services",
    "accreditations",
    "licenses",
    "alert",
    "program",
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


# --- helpers ----------------------------------------------------------------------------------


def actor_label(actor) -> str:
    if actor is None:
        return "sistema"
    return f"{actor.get_full_name()} <{actor.email}>"


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def record_changes(resource, resource_type: str, changes: dict, *, actor, action_type: str, by: str = ""):
    """Write one ChangeRecord per changed field (HSDS metadata)."""
    now = timezone.now()
    ChangeRecord.objects.bulk_create(
        ChangeRecord(
            resource_id=resource.uuid,
            resource_type=resource_type,
            last_action_date=now,
            last_action_type=action_type,
            field_name=field,
            previous_value=_text(old)[:5000],
            replacement_value=_text(new)[:5000],
            updated_by=by or actor_label(actor),
            actor=actor if getattr(actor, "pk", None) else None,
        )
        for field, (old, new) in changes.items()
    )


def _apply(instance, values: dict) -> dict:
    """Set changed attributes; return {field: (old, new)} for those that changed."""
    changes = {}
    for field, value in values.items():
        old = getattr(instance, field)
        if old != value:
            changes[field] = (old, value)
            setattr(instance, field, value)
    return changes


def _check_permission(predicate, actor, organisation, message):
    if actor is not None and not predicate(actor, organisation):
        raise PermissionDenied(message)


def _check_ages(minimum, maximum):
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ApplicationError(
            _("L'età minima (%(min)s) è maggiore di quella massima (%(max)s): correggi una delle due.")
            % {"min": minimum, "max": maximum},
            code="invalid_age_range",
        )


def _check_status(status):
    if status is not None and status not in Service.Status.values:
        raise ApplicationError(
            _("Stato del servizio sconosciuto: %(status)s. Usa uno di: %(allowed)s.")
            % {"status": status, "allowed": ", ".join(Service.Status.values)},
            code="unknown_service_status",
        )


def _check_languages(codes):
    bad = [code for code in codes if not code.isalpha() or not 2 <= len(code) <= 3]
    if bad:
        raise ApplicationError(
            _("Codici di lingua non validi: %(codes)s. Usa i codici ISO 639 di due lettere (it, ar, uk…).")
            % {"codes": ", ".join(bad)},
            code="invalid_language_code",
        )


def _set_languages(*, service=None, location=None, codes):
    from .languages import language_name

    codes = [code.strip().lower() for code in codes if code.strip()]
    _check_languages(codes)
    owner = {"service": service} if service is not None else {"location": location}
    current = {lang.code: lang for lang in Language.objects.filter(**owner)}
    Language.objects.filter(**owner).exclude(code__in=codes).delete()
    Language.objects.bulk_create(
        Language(code=code, name=language_name(code), **owner)
        for code in dict.fromkeys(codes)
        if code not in current
    )


# --- search index -------------------------------------------------------------------------------


def reindex_service(service: Service) -> None:
    """Rebuild the service's search words (name, texts, needs, places, translations)."""
    title = [(service.name, "it"), (service.alternate_name, "it")]
    body = [
        (service.description, "it"),
        (service.eligibility_description, "it"),
        (service.application_process, "it"),
        (service.organisation.name, "it"),
    ]
    for need in service.needs.all():
        body.append((need.label, "it"))
        if need.label_en:
            body.append((need.label_en, "en"))
        body += [(label, language) for language, label in need.translations.items()]
    for translation in Translation.objects.filter(service=service):
        title.append((translation.name, translation.language))
        body += [
            (translation.description, translation.language),
            (translation.eligibility_description, translation.language),
        ]
    for link in ServiceAtLocation.objects.filter(service=service).select_related(
        "location__municipality", "location__micro_territory"
    ):
        location = link.location
        body.append((location.name, "it"))
        if location.municipality:
            body.append((location.municipality.name, "it"))
        if location.micro_territory:
            body.append((location.micro_territory.name, "it"))
    Service.objects.filter(pk=service.pk).update(search_title=index_text(title), search_body=index_text(body))


def reindex_location(location: Location) -> None:
    title = [
        (location.name, "it"),
        (location.alternate_name, "it"),
        (location.get_place_kind_display(), "it"),
    ]
    body = [(location.description, "it")]
    if location.municipality_id:
        body.append((location.municipality.name, "it"))
    if location.micro_territory_id:
        body.append((location.micro_territory.name, "it"))
    if location.organisation_id:
        body.append((location.organisation.name, "it"))
    for activity in location.activities.filter(active=True):
        body += [(activity.name, "it"), (activity.description, "it")]
    for translation in Translation.objects.filter(Q(location=location) | Q(activity__location=location)):
        title.append((translation.name, translation.language))
        body.append((translation.description, translation.language))
    Location.objects.filter(pk=location.pk).update(
        search_title=index_text(title), search_body=index_text(body)
    )


# --- needs taxonomy ----------------------------------------------------------------------------------


def needs_taxonomy() -> Taxonomy:
    taxonomy, _created = Taxonomy.objects.get_or_create(
        code=NEEDS_TAXONOMY_CODE,
        defaults={
            "name": "Bisogni (Intreccio)",
            "description": "I bisogni che la rete intercetta e a cui i servizi rispondono.",
            "version": "1",
        },
    )
    return taxonomy


def _sync_need_term(need: Need) -> None:
    """Keep the HSDS taxonomy_term of a need in step with it."""
    TaxonomyTerm.objects.update_or_create(
        need=need,
        defaults={
            "taxonomy": needs_taxonomy(),
            "code": need.code,
            "name": need.label,
            "description": need.description or need.label,
            "language": "it",
        },
    )


def load_needs_taxonomy(path: Path = DEFAULT_NEEDS, *, actor=None) -> int:
    """Create or update the needs from a taxonomy file; needs missing from it are retired, not deleted."""
    if actor is not None and not can_manage_needs(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può modificare i bisogni."))
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["needs"]
    problems = [
        f"{entry.get('code')!r}: unknown sensitive category {entry['sensitive_category']!r}"
        for entry in entries
        if entry.get("sensitive_category", "") not in {"", *SensitiveCategory.values}
    ]
    codes = [entry["code"] for entry in entries]
    problems += [f"duplicate code {code!r}" for code in sorted({c for c in codes if codes.count(c) > 1})]
    if problems:
        raise ApplicationError(
            _("Il file dei bisogni contiene errori: %(problems)s") % {"problems": "; ".join(problems)},
            code="needs_config_invalid",
        )
    with transaction.atomic():
        for position, entry in enumerate(entries, start=1):
            need, _created = Need.objects.update_or_create(
                code=entry["code"],
                defaults={
                    "label": entry["label"],
                    "label_en": entry.get("label_en", ""),
                    "translations": entry.get("translations", {}),
                    "description": entry.get("description", ""),
                    "sensitive_category": entry.get("sensitive_category", ""),
                    "position": position * 10,
                    "active": True,
                },
            )
            _sync_need_term(need)
        Need.objects.exclude(code__in=codes).update(active=False)
        record_event(
            events.NEEDS_TAXONOMY_LOADED,
            actor=actor,
            subject=("directory.need", "taxonomy"),
            payload={"codes": codes},
        )
    return len(entries)


NEED_FIELDS = ("label", "label_en", "translations", "description", "sensitive_category", "position", "active")


def create_need(*, actor, code: str, **values) -> Need:
    """Add a need to the taxonomy (system administrator)."""
    if not can_manage_needs(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può modificare i bisogni."))
    if Need.objects.filter(code=code).exists():
        raise ApplicationError(
            _("Esiste già un bisogno con il codice «%(code)s»: scegli un altro codice.") % {"code": code},
            code="duplicate_need",
        )
    with transaction.atomic():
        need = Need.objects.create(code=code, **{k: v for k, v in values.items() if k in NEED_FIELDS})
        _sync_need_term(need)
        record_event(events.NEED_CREATED, actor=actor, subject=need, payload={"code": code})
    return need


def update_need(need: Need, *, actor, **values) -> Need:
    """Change a need's labels, translations, sensitivity or position (its code never changes)."""
    if not can_manage_needs(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può modificare i bisogni."))
    with transaction.atomic():
        changes = _apply(need, {k: v for k, v in values.items() if k in NEED_FIELDS})
        if changes:
            need.save(update_fields=list(changes))
            _sync_need_term(need)
            record_event(
                events.NEED_UPDATED,
                actor=actor,
                subject=need,
                payload={"fields": sorted(changes)},
            )
            for service in need.services.select_related("organisation"):
                reindex_service(service)
    return need


# --- services --------------------------------------------------------------------------------------


def _check_service_values(values: dict) -> None:
    unknown = set(values) - set(SERVICE_FIELDS)
    assert not unknown, f"unknown service fields: {sorted(unknown)}"
    _check_status(values.get("status"))


def create_service(organisation, *, actor, needs=(), micro_territories=(), languages=(), **values) -> Service:
    """Add a service to an organisation (its administrators; actor None: set-up, demo and imports)."""
    _check_permission(
        can_manage_services, actor, organisation, _("Non puoi gestire i servizi di questo ente.")
    )
    _check_service_values(values)
    _check_ages(values.get("minimum_age"), values.get("maximum_age"))
    if Service.objects.filter(organisation=organisation, name__iexact=values["name"]).exists():
        raise ApplicationError(
            _("L'ente ha già un servizio chiamato «%(name)s».") % {"name": values["name"]},
            code="duplicate_service",
        )
    with transaction.atomic():
        service = Service.objects.create(organisation=organisation, **values)
        service.needs.set(needs)
        service.micro_territories.set(micro_territories)
        if languages:
            _set_languages(service=service, codes=languages)
        record_changes(service, "service", {"*": ("", service.name)}, actor=actor, action_type="create")
        record_event(
            events.SERVICE_CREATED,
            actor=actor,
            subject=service,
            organisation_id=organisation.pk,
            payload={"name": service.name, "needs": sorted(n.code for n in needs)},
        )
        reindex_service(service)
    return service


def update_service(
    service: Service, *, actor, needs=None, micro_territories=None, languages=None, **values
) -> Service:
    """Change a service's details, needs, micro-territories or languages."""
    _check_permission(
        can_manage_services, actor, service.organisation, _("Non puoi gestire i servizi di questo ente.")
    )
    return _update_service(
        service,
        actor=actor,
        needs=needs,
        micro_territories=micro_territories,
        languages=languages,
        values=values,
    )


def _update_service(service, *, actor, needs, micro_territories, languages, values, by=""):
    _check_service_values(values)
    _check_ages(
        values.get("minimum_age", service.minimum_age), values.get("maximum_age", service.maximum_age)
    )
    if "name" in values and (
        Service.objects.filter(organisation=service.organisation_id, name__iexact=values["name"])
        .exclude(pk=service.pk)
        .exists()
    ):
        raise ApplicationError(
            _("L'ente ha già un servizio chiamato «%(name)s».") % {"name": values["name"]},
            code="duplicate_service",
        )
    with transaction.atomic():
        service = Service.objects.select_for_update().select_related("organisation").get(pk=service.pk)
        changes = _apply(service, values)
        if changes:
            service.save(update_fields=[*changes, "updated_at"])
        if needs is not None:
            old = sorted(n.code for n in service.needs.all())
            new = sorted(n.code for n in needs)
            if old != new:
                service.needs.set(needs)
                changes["needs"] = (", ".join(old), ", ".join(new))
        if micro_territories is not None:
            old = sorted(m.code for m in service.micro_territories.all())
            new = sorted(m.code for m in micro_territories)
            if old != new:
                service.micro_territories.set(micro_territories)
                changes["micro_territories"] = (", ".join(old), ", ".join(new))
        if languages is not None:
            old = sorted(lang.code for lang in service.languages.all())
            new = sorted({code.strip().lower() for code in languages if code.strip()})
            if old != new:
                _set_languages(service=service, codes=new)
                changes["languages"] = (", ".join(old), ", ".join(new))
        if changes:
            if not values.keys() & changes.keys():
                Service.objects.filter(pk=service.pk).update(updated_at=timezone.now())
            record_changes(service, "service", changes, actor=actor, action_type="update", by=by)
            record_event(
                events.SERVICE_UPDATED,
                actor=actor,
                subject=service,
                organisation_id=service.organisation_id,
                payload={"fields": sorted(changes)},
            )
            reindex_service(service)
    return service


def verify_service(service: Service, *, actor) -> Service:
    """Confirm that a service's entry is right today (freshness); clears a stale flag."""
    _check_permission(
        can_manage_services,
        actor,
        service.organisation,
        _("Solo gli amministratori dell'ente possono confermare i dati del servizio."),
    )
    now = timezone.now()
    with transaction.atomic():
        previous = service.last_verified_at
        Service.objects.filter(pk=service.pk).update(
            last_verified_at=now,
            last_verified_by=actor,
            assurer_email=actor.email if actor else "",
            stale_flagged_at=None,
        )
        service.last_verified_at, service.last_verified_by, service.stale_flagged_at = now, actor, None
        service.assurer_email = actor.email if actor else ""
        record_changes(
            service, "service", {"assured_date": (previous, now.date())}, actor=actor, action_type="verify"
        )
        record_event(
            events.SERVICE_VERIFIED, actor=actor, subject=service, organisation_id=service.organisation_id
        )
    return service


def update_capacity(
    service: Service,
    *,
    actor,
    status: str | None = None,
    unit: str = "",
    available: int | None = None,
    maximum: int | None = None,
    description: str = "",
) -> Service:
    """Say how many places a service has now; with counts and no status, the status follows the counts."""
    _check_permission(
        can_update_capacity,
        actor,
        service.organisation,
        _("Non puoi aggiornare la disponibilità dei servizi di questo ente."),
    )
    if status is not None and status not in CapacityStatus.values:
        raise ApplicationError(
            _("Disponibilità sconosciuta: %(status)s.") % {"status": status}, code="unknown_capacity_status"
        )
    if available is not None:
        if not unit.strip():
            raise ApplicationError(
                _("Indica l'unità dei posti (per esempio «posti letto» o «colloqui a settimana»)."),
                code="capacity_unit_missing",
            )
        if available < 0 or (maximum is not None and maximum < 0):
            raise ApplicationError(_("I posti non possono essere negativi."), code="negative_capacity")
        if maximum is not None and available > maximum:
            raise ApplicationError(
                _(
                    "I posti disponibili (%(available)s) superano il massimo (%(maximum)s): "
                    "correggi uno dei due."
                )
                % {"available": available, "maximum": maximum},
                code="capacity_above_maximum",
            )
        if status is None:
            status = CapacityStatus.HAS_CAPACITY if available > 0 else CapacityStatus.NO_CAPACITY
    if status is None:
        raise ApplicationError(
            _("Indica la disponibilità o il numero di posti liberi."), code="capacity_missing"
        )
    now = timezone.now()
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        changes = {}
        if available is not None:
            capacity = Capacity.objects.filter(service=service, unit=unit.strip()).first()
            before = f"{capacity.available}/{capacity.maximum or '-'}" if capacity else ""
            Capacity.objects.update_or_create(
                service=service,
                unit=unit.strip(),
                defaults={
                    "available": available,
                    "maximum": maximum,
                    "description": description,
                    "updated_at": now,
                    "updated_by": actor,
                },
            )
            changes[f"capacity:{unit.strip()}"] = (
                before,
                f"{available}/{maximum if maximum is not None else '-'}",
            )
        if service.capacity_status != status:
            changes["capacity_status"] = (service.capacity_status, status)
        Service.objects.filter(pk=service.pk).update(capacity_status=status, capacity_updated_at=now)
        service.capacity_status, service.capacity_updated_at = status, now
        record_changes(
            service,
            "service",
            changes or {"capacity_status": (status, status)},
            actor=actor,
            action_type="update",
        )
        record_event(
            events.SERVICE_CAPACITY_UPDATED,
            actor=actor,
            subject=service,
            organisation_id=service.organisation_id,
            payload={"status": status, "unit": unit.strip(), "available": available, "maximum": maximum},
        )
    return service


# --- locations and places ------------------------------------------------------------------------


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


# --- schedules and closures -----------------------------------------------------------------------


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
    from .schedules import DAY_CODES, _codes

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
    from .schedules import describe

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
    from .schedules import describe

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


# --- activities ----------------------------------------------------------------------------------


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


# --- translations ----------------------------------------------------------------------------------


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


# --- proposals by others ------------------------------------------------------------------------


def _target_of(proposal: ChangeProposal):
    return proposal.service or proposal.location


def propose_change(target, *, actor, changes: dict, note: str = "") -> ChangeProposal:
    """Propose a change to another organisation's service or place; its administrator reviews it."""
    organisation = target.organisation
    if not can_propose_change(actor, organisation):
        raise PermissionDenied(
            _("Puoi modificare direttamente questa scheda: non serve una proposta.")
            if can_manage_services(actor, organisation)
            else _("Solo gli operatori della rete possono proporre modifiche.")
        )
    allowed = SERVICE_FIELDS if isinstance(target, Service) else LOCATION_FIELDS
    current = {field: getattr(target, field) for field in changes if field in allowed}
    proposed = {
        field: value for field, value in changes.items() if field in allowed and current[field] != value
    }
    if not proposed:
        raise ApplicationError(
            _("La proposta non cambia nulla: modifica almeno un campo."), code="empty_proposal"
        )
    if any(hasattr(value, "pk") for value in proposed.values()):
        raise ApplicationError(
            _("Si possono proporre solo modifiche ai testi e ai dati semplici."), code="invalid_proposal"
        )
    with transaction.atomic():
        proposal = ChangeProposal.objects.create(
            service=target if isinstance(target, Service) else None,
            location=target if isinstance(target, Location) else None,
            changes=dict(proposed),
            note=note,
            proposed_by=actor,
        )
        record_event(
            events.CHANGE_PROPOSED,
            actor=actor,
            subject=proposal,
            organisation_id=organisation.pk if organisation else None,
            payload={"fields": sorted(proposed), "target": str(target.uuid)},
        )
    return proposal


def _review(proposal: ChangeProposal, *, actor, status: str):
    target = _target_of(proposal)
    if not can_review_change(actor, target.organisation):
        raise PermissionDenied(
            _("Solo gli amministratori dell'ente possono valutare le proposte sulle sue schede.")
        )
    PROPOSAL_TRANSITIONS.check(proposal.status, status, labels=dict(ChangeProposal.Status.choices))
    return target


def accept_proposal(proposal: ChangeProposal, *, actor, note: str = "") -> ChangeProposal:
    """Apply a proposed change (the history names who proposed and who accepted it)."""
    target = _review(proposal, actor=actor, status=ChangeProposal.Status.ACCEPTED)
    by = _("%(proposer)s, accettata da %(reviewer)s") % {
        "proposer": actor_label(proposal.proposed_by),
        "reviewer": actor_label(actor),
    }
    with transaction.atomic():
        proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
        PROPOSAL_TRANSITIONS.check(proposal.status, ChangeProposal.Status.ACCEPTED)
        values = dict(proposal.changes)
        if isinstance(target, Service):
            _update_service(
                target, actor=actor, needs=None, micro_territories=None, languages=None, values=values, by=by
            )
        else:
            _update_location(target, actor=actor, languages=None, address=None, values=values, by=by)
        proposal.status = ChangeProposal.Status.ACCEPTED
        proposal.reviewed_by, proposal.reviewed_at, proposal.review_note = actor, timezone.now(), note
        proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        record_event(
            events.CHANGE_ACCEPTED,
            actor=actor,
            subject=proposal,
            organisation_id=target.organisation_id,
            payload={"fields": sorted(values)},
        )
    return proposal


def reject_proposal(proposal: ChangeProposal, *, actor, note: str) -> ChangeProposal:
    target = _review(proposal, actor=actor, status=ChangeProposal.Status.REJECTED)
    if not note.strip():
        raise ApplicationError(
            _("Scrivi il motivo: chi ha proposto la modifica lo leggerà."), code="rejection_reason_missing"
        )
    with transaction.atomic():
        proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
        PROPOSAL_TRANSITIONS.check(proposal.status, ChangeProposal.Status.REJECTED)
        proposal.status = ChangeProposal.Status.REJECTED
        proposal.reviewed_by, proposal.reviewed_at, proposal.review_note = actor, timezone.now(), note
        proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        record_event(
            events.CHANGE_REJECTED,
            actor=actor,
            subject=proposal,
            organisation_id=target.organisation_id,
        )
    return proposal


# --- freshness ------------------------------------------------------------------------------------


def stale_before(now=None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=30 * settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS)


def flag_stale_entries(*, now=None) -> dict[int, int]:
    """Flag services and places not verified for N months; e-mail each organisation's admins once.

    Returns {organisation id: newly flagged entries}. An entry is flagged once
    until it is verified again.
    """
    now = now or timezone.now()
    limit = stale_before(now)
    old = Q(last_verified_at__lt=limit) | Q(last_verified_at__isnull=True, created_at__lt=limit)
    with transaction.atomic():
        services = list(
            Service.objects.filter(old, stale_flagged_at__isnull=True)
            .exclude(status=Service.Status.DEFUNCT)
            .values_list("pk", "organisation_id", "name")
        )
        locations = list(
            Location.objects.filter(
                old, stale_flagged_at__isnull=True, active=True, organisation__isnull=False
            ).values_list("pk", "organisation_id", "name")
        )
        Service.objects.filter(pk__in=[s[0] for s in services]).update(stale_flagged_at=now)
        Location.objects.filter(pk__in=[loc[0] for loc in locations]).update(stale_flagged_at=now)
        per_organisation: dict[int, list[str]] = {}
        for _pk, organisation_id, name in services + locations:
            per_organisation.setdefault(organisation_id, []).append(name)
        for organisation_id, names in per_organisation.items():
            record_event(
                events.ENTRIES_FLAGGED_STALE,
                actor=None,
                subject=("organisations.organisation", organisation_id),
                organisation_id=organisation_id,
                payload={"count": len(names), "months": settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS},
            )
            recipients = organisation_admin_emails(organisation_id)
            if recipients:
                transaction.on_commit(
                    lambda names=names, recipients=recipients: _send_stale_notice(names, recipients)
                )
    return {organisation_id: len(names) for organisation_id, names in per_organisation.items()}


def _send_stale_notice(names: list[str], recipients: list[str]) -> None:
    from django.core.mail import send_mail

    months = settings.INTRECCIO_DIRECTORY_VERIFY_MONTHS
    body = _(
        "Queste schede della mappa dei servizi non sono state verificate negli ultimi %(months)s mesi:\n\n"
        "%(names)s\n\nAprile da «Servizi e luoghi → Da verificare» e conferma i dati o correggili."
    ) % {"months": months, "names": "\n".join(f"- {name}" for name in sorted(names))}
    send_mail(
        _("Intreccio: %(count)s schede da verificare") % {"count": len(names)},
        body,
        None,
        recipients,
        fail_silently=True,
    )


# --- HSDS import -----------------------------------------------------------------------------------


class DatasetInvalid(ApplicationError):
    """An HSDS dataset with errors: nothing was written; `details["problems"]` lists them."""

    code = "hsds_dataset_invalid"
    status = 422


def import_hsds(path, *, actor=None, district=None):
    """Import an HSDS 3.0 dataset (file or folder) in one transaction; all or nothing.

    Objects are matched by their HSDS id: importing the same data twice
    creates nothing new. Raises DatasetInvalid with every problem (file,
    line, field) when any object is malformed.
    """
    from intreccio.organisations.actions import create_organisation
    from intreccio.territory.models import District

    from .hsds.importer import read_dataset
    from .hsds.loader import DatasetRejected, Loader

    if actor is not None and not can_manage_needs(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può importare dati HSDS."))
    dataset = read_dataset(path)
    if dataset.problems:
        raise _rejected(dataset.problems)
    district = district or District.objects.order_by("pk").first()
    if district is None:
        raise ApplicationError(
            _(
                "Carica prima il territorio (load_territory): "
                "gli enti importati devono appartenere a un ambito."
            ),
            code="no_district",
        )
    try:
        with transaction.atomic():
            loader = Loader(
                dataset,
                actor=actor,
                district=district,
                create_organisation=lambda **values: create_organisation(actor=actor, **values),
            )
            summary = loader.run()
            for service in summary.services:
                record_changes(service, "service", {"*": ("", "HSDS")}, actor=actor, action_type="import")
                reindex_service(Service.objects.select_related("organisation").get(pk=service.pk))
            for location in summary.locations:
                reindex_location(
                    Location.objects.select_related("municipality", "micro_territory", "organisation").get(
                        pk=location.pk
                    )
                )
            record_event(
                events.DIRECTORY_IMPORTED,
                actor=actor,
                subject=("directory.import", str(path)[-200:]),
                payload={
                    "created": dict(summary.created),
                    "updated": dict(summary.updated),
                    "warnings": len(summary.warnings),
                },
            )
    except DatasetRejected as rejected:
        raise _rejected(rejected.problems) from None
    return summary


def _rejected(problems) -> DatasetInvalid:
    shown = [str(problem) for problem in problems]
    return DatasetInvalid(
        _("Il file HSDS contiene %(count)s errori e non è stato importato nulla. Il primo: %(first)s")
        % {"count": len(shown), "first": shown[0]},
        details={"problems": shown},
    )
