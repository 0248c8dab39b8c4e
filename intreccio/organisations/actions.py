"""Every change to organisations and their sites goes through these functions."""

from django.db import transaction
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied

from . import events
from .models import Organisation, Site
from .rules import (
    can_create_organisation,
    can_deactivate_organisation,
    can_edit_organisation,
    can_manage_sites,
)

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "tax_code",
    "description",
    "email",
    "phone",
    "website",
    "district",
    "data_protection_email",
)
SITE_FIELDS = (
    "name",
    "address",
    "municipality",
    "micro_territory",
    "access_point_kind",
    "phone",
    "latitude",
    "longitude",
    "active",
)


def _changes(instance, values: dict) -> dict:
    return {
        field: [str(getattr(instance, field)), str(value)]
        for field, value in values.items()
        if getattr(instance, field) != value
    }


def _check_kind(values: dict) -> None:
    if "kind" in values and values["kind"] not in Organisation.Kind.values:
        raise ApplicationError(
            _("Tipo di ente sconosciuto: %(kind)s.") % {"kind": values["kind"]},
            code="unknown_organisation_kind",
        )


def _check_unique_name(name: str, exclude_pk=None) -> None:
    if Organisation.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            _("Esiste già un ente chiamato «%(name)s».") % {"name": name}, code="duplicate_organisation"
        )


def create_organisation(*, actor, micro_territories=(), **values) -> Organisation:
    """Register a new organisation of the network (system administrators; actor None: installation set-up)."""
    if actor is not None and not can_create_organisation(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può registrare un nuovo ente."))
    unknown = set(values) - set(ORGANISATION_FIELDS)
    assert not unknown, f"unknown organisation fields: {sorted(unknown)}"
    micro_territories = list(micro_territories)
    _check_kind(values)
    _check_unique_name(values["name"])
    with transaction.atomic():
        organisation = Organisation.objects.create(**values)
        organisation.micro_territories.set(micro_territories)
        record_event(
            events.ORGANISATION_CREATED,
            actor=actor,
            subject=organisation,
            payload={"name": organisation.name, "kind": organisation.kind},
        )
    return organisation


def update_organisation(
    organisation: Organisation, *, actor, micro_territories=None, **values
) -> Organisation:
    """Change an organisation's details (system administrators and its own administrators)."""
    if not can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("Non puoi modificare i dati di questo ente."))
    unknown = set(values) - set(ORGANISATION_FIELDS)
    assert not unknown, f"unknown organisation fields: {sorted(unknown)}"
    _check_kind(values)
    if "name" in values:
        _check_unique_name(values["name"], exclude_pk=organisation.pk)
    if micro_territories is not None:
        micro_territories = list(micro_territories)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changes = _changes(organisation, values)
        for field, value in values.items():
            setattr(organisation, field, value)
        if changes:
            organisation.save(update_fields=list(changes))
        if micro_territories is not None:
            before = set(organisation.micro_territories.values_list("pk", flat=True))
            after = {m.pk for m in micro_territories}
            if before != after:
                organisation.micro_territories.set(micro_territories)
                changes["micro_territories"] = [sorted(before), sorted(after)]
        if changes:
            record_event(
                events.ORGANISATION_UPDATED, actor=actor, subject=organisation, payload={"changes": changes}
            )
    return organisation


def set_organisation_active(organisation: Organisation, *, actor, active: bool) -> Organisation:
    """Deactivate (or reactivate) an organisation; its operators can no longer act for it."""
    if not can_deactivate_organisation(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può disattivare un ente."))
    if organisation.active == active:
        return organisation
    with transaction.atomic():
        organisation.active = active
        organisation.save(update_fields=["active"])
        kind = events.ORGANISATION_REACTIVATED if active else events.ORGANISATION_DEACTIVATED
        record_event(kind, actor=actor, subject=organisation)
    return organisation


def _check_site(organisation: Organisation, values: dict) -> None:
    micro_territory = values.get("micro_territory")
    municipality = values.get("municipality")
    if (
        micro_territory
        and municipality
        and not micro_territory.municipalities.filter(pk=municipality.pk).exists()
    ):
        raise ApplicationError(
            _("Il comune %(municipality)s non fa parte del microterritorio %(micro)s.")
            % {"municipality": municipality, "micro": micro_territory},
            code="municipality_outside_micro_territory",
        )


def create_site(organisation: Organisation, *, actor, **values) -> Site:
    """Add a site (office, access point) to an organisation (actor None: installation set-up)."""
    if actor is not None and not can_manage_sites(actor, organisation):
        raise PermissionDenied(_("Non puoi gestire le sedi di questo ente."))
    unknown = set(values) - set(SITE_FIELDS)
    assert not unknown, f"unknown site fields: {sorted(unknown)}"
    _check_site(organisation, values)
    if Site.objects.filter(organisation=organisation, name__iexact=values["name"]).exists():
        raise ApplicationError(
            _("L'ente ha già una sede chiamata «%(name)s».") % {"name": values["name"]}, code="duplicate_site"
        )
    with transaction.atomic():
        site = Site.objects.create(organisation=organisation, **values)
        record_event(
            events.SITE_CREATED,
            actor=actor,
            subject=site,
            micro_territory_id=site.micro_territory_id,
            organisation_id=organisation.pk,
            payload={"name": site.name, "access_point_kind": site.access_point_kind},
        )
    return site


def update_site(site: Site, *, actor, **values) -> Site:
    """Change a site's details."""
    if not can_manage_sites(actor, site.organisation):
        raise PermissionDenied(_("Non puoi gestire le sedi di questo ente."))
    unknown = set(values) - set(SITE_FIELDS)
    assert not unknown, f"unknown site fields: {sorted(unknown)}"
    merged = {"municipality": site.municipality, "micro_territory": site.micro_territory, **values}
    _check_site(site.organisation, merged)
    with transaction.atomic():
        changes = _changes(site, values)
        for field, value in values.items():
            setattr(site, field, value)
        if changes:
            site.save(update_fields=list(changes))
            record_event(
                events.SITE_UPDATED,
                actor=actor,
                subject=site,
                micro_territory_id=site.micro_territory_id,
                organisation_id=site.organisation_id,
                payload={"changes": changes},
            )
    return site
