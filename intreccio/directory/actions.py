"""Every change to the needs taxonomy and to services goes through these functions."""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.sensitivity import SensitiveCategory

from . import events
from .models import Need, Service
from .rules import can_manage_needs, can_manage_services

DEFAULT_NEEDS = Path(__file__).resolve().parent / "data" / "needs.toml"
SERVICE_FIELDS = ("name", "description", "status", "email", "phone")


def load_needs_taxonomy(path: Path = DEFAULT_NEEDS, *, actor=None) -> int:
    """Create or update the needs from a taxonomy file; needs missing from it are retired, not deleted."""
    if actor is not None and not can_manage_needs(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può modificare i bisogni."))
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))["needs"]
        for entry in entries:
            for key in ("code", "label"):
                if not isinstance(entry.get(key), str) or not entry[key].strip():
                    raise ValueError(f"{entry.get('code', '?')!r}: {key!r} must be a non-empty text")
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, AttributeError, OSError) as error:
        raise ApplicationError(
            _("Il file dei bisogni non è leggibile o è incompleto (%(error)s): correggilo e riprova.")
            % {"error": f"{type(error).__name__}: {error}"},
            code="needs_config_invalid",
        ) from error
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
            Need.objects.update_or_create(
                code=entry["code"],
                defaults={
                    "label": entry["label"],
                    "label_en": entry.get("label_en", ""),
                    "description": entry.get("description", ""),
                    "sensitive_category": entry.get("sensitive_category", ""),
                    "position": position * 10,
                    "active": True,
                },
            )
        Need.objects.exclude(code__in=codes).update(active=False)
        record_event(
            events.NEEDS_TAXONOMY_LOADED,
            actor=actor,
            subject=("directory.need", "taxonomy"),
            payload={"codes": codes},
        )
    return len(entries)


def create_service(organisation, *, actor, needs=(), micro_territories=(), **values) -> Service:
    """Add a service to an organisation (its administrators; actor None: set-up and demo)."""
    if actor is not None and not can_manage_services(actor, organisation):
        raise PermissionDenied(_("Non puoi gestire i servizi di questo ente."))
    unknown = set(values) - set(SERVICE_FIELDS)
    assert not unknown, f"unknown service fields: {sorted(unknown)}"
    if Service.objects.filter(organisation=organisation, name__iexact=values["name"]).exists():
        raise ApplicationError(
            _("L'ente ha già un servizio chiamato «%(name)s».") % {"name": values["name"]},
            code="duplicate_service",
        )
    with transaction.atomic():
        service = Service.objects.create(organisation=organisation, **values)
        service.needs.set(needs)
        service.micro_territories.set(micro_territories)
        record_event(
            events.SERVICE_CREATED,
            actor=actor,
            subject=service,
            organisation_id=organisation.pk,
            payload={"name": service.name, "needs": sorted(n.code for n in needs)},
        )
    return service


def update_service(service: Service, *, actor, needs=None, micro_territories=None, **values) -> Service:
    """Change a service's details, needs or micro-territories."""
    if not can_manage_services(actor, service.organisation):
        raise PermissionDenied(_("Non puoi gestire i servizi di questo ente."))
    unknown = set(values) - set(SERVICE_FIELDS)
    assert not unknown, f"unknown service fields: {sorted(unknown)}"
    with transaction.atomic():
        changed = [field for field, value in values.items() if getattr(service, field) != value]
        for field in changed:
            setattr(service, field, values[field])
        if changed:
            service.save(update_fields=[*changed, "updated_at"])
        if needs is not None:
            service.needs.set(needs)
            changed.append("needs")
        if micro_territories is not None:
            service.micro_territories.set(micro_territories)
            changed.append("micro_territories")
        if changed:
            record_event(
                events.SERVICE_UPDATED,
                actor=actor,
                subject=service,
                organisation_id=service.organisation_id,
                payload={"fields": sorted(changed)},
            )
    return service
