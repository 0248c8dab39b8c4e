"""The needs taxonomy and its HSDS terms."""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.sensitivity import SensitiveCategory

from .. import events
from ..models import (
    Need,
    Taxonomy,
    TaxonomyTerm,
)
from ..rules import (
    can_manage_needs,
)
from ._common import _apply, reindex_service

DEFAULT_NEEDS = Path(__file__).resolve().parent.parent / "data" / "needs.toml"


NEEDS_TAXONOMY_CODE = "intreccio-needs"


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
