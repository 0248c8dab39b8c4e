"""Services: create, change, verify, capacity."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError

from .. import events
from ..models import (
    Capacity,
    CapacityStatus,
    Service,
)
from ..rules import (
    can_manage_services,
    can_update_capacity,
)
from ._common import (
    _apply,
    _check_ages,
    _check_permission,
    _check_status,
    _set_languages,
    record_changes,
    reindex_service,
)

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
    """Confirm that a service's entry is right today (freshness); clears a stale flag.

    The HSDS `assurer_email` (public) is the organisation's address; who verified it
    (`last_verified_by`) is shown to operators only.
    """
    _check_permission(
        can_manage_services,
        actor,
        service.organisation,
        _("Solo gli amministratori dell'ente possono confermare i dati del servizio."),
    )
    now = timezone.now()
    assurer_email = Service.objects.filter(pk=service.pk).values_list("organisation__email", flat=True).get()
    with transaction.atomic():
        previous = service.last_verified_at
        Service.objects.filter(pk=service.pk).update(
            last_verified_at=now,
            last_verified_by=actor,
            assurer_email=assurer_email,
            stale_flagged_at=None,
        )
        service.last_verified_at, service.last_verified_by, service.stale_flagged_at = now, actor, None
        service.assurer_email = assurer_email
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
