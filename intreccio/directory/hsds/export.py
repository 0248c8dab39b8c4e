"""Write the whole directory as HSDS 3.0 JSON: one file per object list."""

import json
from pathlib import Path

from django.db.models import Prefetch

from ..models import Location, ServiceAtLocation, Taxonomy, TaxonomyTerm
from . import HSDS_VERSION, PROFILE_URL, serialize

FILES = (
    "organizations.json",
    "services.json",
    "locations.json",
    "service_at_locations.json",
    "taxonomies.json",
    "taxonomy_terms.json",
)
CHUNK = 200


def _services():
    queryset = serialize.services_for_hsds(full=True)
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield from serialize.services_page(queryset.filter(pk__in=ids[start : start + CHUNK]), full=True)


def _write(path: Path, items) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for item in items:
            out.write(",\n" if count else "\n")
            out.write(json.dumps(item, ensure_ascii=False, sort_keys=True))
            count += 1
        out.write("\n]\n")
    return count


def export_directory(out_dir: Path, progress=None) -> dict[str, int]:
    """Write the HSDS files into `out_dir` (created if missing); return the count per file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    location_records = serialize.records_for(Location.objects.values_list("uuid", flat=True))
    location_attributes = serialize.attributes_for(Location.objects.values_list("uuid", flat=True))
    writers = {
        "organizations.json": lambda: (
            serialize.organization(org, full=True) for org in serialize.organisations_for_hsds(full=True)
        ),
        "services.json": _services,
        "locations.json": lambda: (
            serialize.location(
                loc,
                attributes=location_attributes.get(str(loc.uuid), ()),
                records=location_records.get(str(loc.uuid), ()),
            )
            for loc in serialize.locations_for_hsds()
        ),
        "service_at_locations.json": lambda: (
            serialize.service_at_location(link)
            for link in ServiceAtLocation.objects.select_related("service")
            .prefetch_related(
                "schedules",
                "contacts__phones__languages",
                "phones__languages",
                Prefetch("location", queryset=serialize.locations_for_hsds()),
            )
            .order_by("pk")
        ),
        "taxonomies.json": lambda: (serialize.taxonomy(t) for t in Taxonomy.objects.order_by("name")),
        "taxonomy_terms.json": lambda: (
            serialize.taxonomy_term(term)
            for term in TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by(
                "taxonomy_id", "code"
            )
        ),
    }
    for name in FILES:
        counts[name] = _write(out_dir / name, writers[name]())
        if progress:
            progress(name, counts[name])
    (out_dir / "index.json").write_text(
        json.dumps(
            {"version": HSDS_VERSION, "profile": PROFILE_URL, "files": counts}, ensure_ascii=False, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    return counts
