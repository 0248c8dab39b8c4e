"""Offline geocoding and travel-time estimates ("Tutti ci muoveremo in bicicletta").

There is no street geocoder offline: an address is located at the point of
the micro-territory (neighbourhood) or municipality it names, or whose
postcode it carries, and every distance says how precise it is. Travel
times are straight-line distance × a detour factor at an average speed.
"""

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from intreccio.territory.models import MicroTerritory, Municipality

from .text import fold

EARTH_RADIUS_KM = 6371.0
# Streets are not straight lines: 1.3 is the usual urban detour index.
DETOUR_FACTOR = 1.3
WALKING_KMH = 4.5
CYCLING_KMH = 15.0
# How far the real door may be from the point we use, by kind of origin.
PRECISION_KM = {"micro_territory": 1.5, "municipality": 3.0, "point": 0.0}


@dataclass(frozen=True)
class Origin:
    latitude: float
    longitude: float
    label: str
    kind: str  # "micro_territory", "municipality", "point"
    municipality_id: int | None = None
    micro_territory_id: int | None = None

    @property
    def precision_km(self) -> float:
        return PRECISION_KM[self.kind]


@dataclass(frozen=True)
class Journey:
    distance_km: float
    walking_minutes: int
    cycling_minutes: int
    precision_km: float

    @property
    def precision_note(self):
        if not self.precision_km:
            return ""
        return _("stima, ± %(km)s km") % {"km": f"{self.precision_km:g}".replace(".", ",")}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _minutes(km: float, speed_kmh: float) -> int:
    """Minutes rounded up to 5 (at least 5): an estimate should not look precise."""
    minutes = km * DETOUR_FACTOR / speed_kmh * 60
    return max(5, math.ceil(minutes / 5.0) * 5)


def journey(origin: Origin, latitude: float | None, longitude: float | None, *, precision_km=0.0):
    """Distance and walking/cycling times from `origin` to a point (None without coordinates)."""
    if latitude is None or longitude is None:
        return None
    km = distance_km(origin.latitude, origin.longitude, latitude, longitude)
    return Journey(
        distance_km=round(km, 1),
        walking_minutes=_minutes(km, WALKING_KMH),
        cycling_minutes=_minutes(km, CYCLING_KMH),
        precision_km=origin.precision_km + precision_km,
    )


def neighbourhood_names(micro_territory: MicroTerritory) -> list[str]:
    """The place names in a micro-territory's name ("Lecco – Rancio, Laorca e San Giovanni")."""
    tail = micro_territory.name.split("–")[-1]
    return [part.strip() for part in re.split(r",| e ", tail) if part.strip()]


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(^|\W){re.escape(needle)}(\W|$)", haystack) is not None


def geocode(text: str) -> Origin | None:
    """Locate an address or place name at its neighbourhood or municipality (two queries)."""
    folded = fold(text or "").strip()
    if not folded:
        return None
    municipalities = list(
        Municipality.objects.filter(latitude__isnull=False).only(
            "id", "name", "postcodes", "latitude", "longitude"
        )
    )
    found = None
    for municipality in sorted(municipalities, key=lambda m: -len(m.name)):
        if _contains(folded, fold(municipality.name)):
            found = municipality
            break
    if found is None:
        postcode = re.search(r"\b(\d{5})\b", folded)
        if postcode:
            found = next((m for m in municipalities if postcode.group(1) in (m.postcodes or [])), None)
    micros = MicroTerritory.objects.filter(
        kind=MicroTerritory.Kind.NEIGHBOURHOOD, latitude__isnull=False
    ).prefetch_related("municipalities")
    for micro in micros:
        names = neighbourhood_names(micro)
        if any(_contains(folded, fold(name)) for name in names):
            members = list(micro.municipalities.all())
            if found is None or found in members:
                return Origin(
                    micro.latitude,
                    micro.longitude,
                    micro.name,
                    "micro_territory",
                    municipality_id=members[0].pk if members else None,
                    micro_territory_id=micro.pk,
                )
    if found is None:
        return None
    return Origin(found.latitude, found.longitude, found.name, "municipality", municipality_id=found.pk)


def origin_of_municipality(municipality: Municipality) -> Origin | None:
    if municipality.latitude is None:
        return None
    return Origin(
        municipality.latitude,
        municipality.longitude,
        municipality.name,
        "municipality",
        municipality_id=municipality.pk,
    )


def origin_of_micro_territory(micro_territory: MicroTerritory) -> Origin | None:
    if micro_territory.latitude is None:
        return None
    return Origin(
        micro_territory.latitude,
        micro_territory.longitude,
        micro_territory.name,
        "micro_territory",
        micro_territory_id=micro_territory.pk,
    )
