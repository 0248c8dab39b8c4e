"""The response types every installation starts with (seeded by migration 0003).

Each entry: code, Italian name, overlap group (equivalent types share one),
whether overlaps are checked, unit, whether it carries an amount, the days a
one-off response covers, the sensitive category it reveals, and the code of
the directory need it answers (linked when the needs taxonomy is loaded:
`link_needs`). Administrators add, change and retire types at /risposte/tipi/.
"""

from django.db import transaction

# (code, name, overlap_group, overlap_checked, unit, monetary, coverage_days, sensitive_category, need)
CATALOGUE = [
    ("food-parcel", "Pacco alimentare", "food", True, "parcel", False, 30, "", "food"),
    ("food-card", "Tessera dell'emporio solidale", "food", True, "month", False, 0, "", "food"),
    ("canteen-meals", "Pasti alla mensa", "canteen", False, "meal", False, 0, "", "food"),
    ("economic-contribution", "Contributo economico", "income_support", True, "euro", True, 30, "", "income"),
    ("rent-contribution", "Contributo per l'affitto", "housing_costs", True, "euro", True, 30, "", "housing"),
    ("utility-bills", "Sostegno per le bollette", "utilities", True, "euro", True, 60, "", "debt"),
    (
        "emergency-bed",
        "Posto letto in emergenza",
        "accommodation",
        True,
        "night",
        False,
        0,
        "",
        "homelessness",
    ),
    (
        "shelter-place",
        "Posto in struttura di accoglienza",
        "accommodation",
        True,
        "month",
        False,
        0,
        "",
        "homelessness",
    ),
    (
        "psychological-support",
        "Sostegno psicologico",
        "psychological",
        True,
        "session",
        False,
        0,
        "",
        "mental_health",
    ),
    (
        "mental-health-care",
        "Presa in cura per la salute mentale",
        "mental_health_care",
        True,
        "session",
        False,
        0,
        "mental_health",
        "mental_health",
    ),
    (
        "addiction-service",
        "Servizio per le dipendenze",
        "addiction_care",
        True,
        "session",
        False,
        0,
        "addiction",
        "addiction",
    ),
    ("legal-advice", "Consulenza legale", "legal", False, "session", False, 0, "", "legal_advice"),
    ("language-course", "Corso di italiano", "language", True, "hour", False, 0, "", "language"),
    ("job-orientation", "Orientamento al lavoro", "job_orientation", False, "session", False, 0, "", "work"),
    ("traineeship", "Tirocinio di inclusione", "work", True, "month", False, 0, "", "work"),
    ("home-care", "Assistenza domiciliare", "home_care", True, "hour", False, 0, "", "old_age"),
    ("day-centre", "Centro diurno", "day_centre", True, "month", False, 0, "", "disability"),
]

FIELDS = (
    "code",
    "name",
    "overlap_group",
    "overlap_checked",
    "unit",
    "monetary",
    "coverage_days",
    "sensitive_category",
    "need",
)


def entries() -> list[dict]:
    return [dict(zip(FIELDS, row, strict=True)) for row in CATALOGUE]


def seed_catalogue(response_type_model, need_model) -> int:
    """Create the catalogue's types that do not exist yet (by code); return how many were created."""
    needs = {need.code: need for need in need_model.objects.all()}
    created = 0
    for position, entry in enumerate(entries(), start=1):
        need_code = entry.pop("need")
        _row, was_created = response_type_model.objects.get_or_create(
            code=entry["code"],
            defaults={**entry, "position": position * 10, "need": needs.get(need_code)},
        )
        created += was_created
    return created


def ensure_catalogue() -> int:
    """Create the catalogue's missing types with the current models (after a database flush), linked."""
    from intreccio.directory.models import Need

    from .models import ResponseType

    return seed_catalogue(ResponseType, Need)


def link_needs() -> int:
    """Link the catalogue's types that have no need yet to their directory need (after load_needs)."""
    from intreccio.directory.models import Need

    from .models import ResponseType

    needs = {need.code: need for need in Need.objects.all()}
    linked = 0
    with transaction.atomic():
        for entry in entries():
            need = needs.get(entry["need"])
            if need is not None:
                linked += ResponseType.objects.filter(code=entry["code"], need__isnull=True).update(need=need)
    return linked
