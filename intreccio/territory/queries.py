"""Reads of the territory (public information: no personal data)."""

from django.db.models import Count, Prefetch, QuerySet

from intreccio.core.exceptions import NotFound

from .models import District, MicroTerritory, Municipality


def districts() -> QuerySet[District]:
    return District.objects.select_related("lead_municipality").annotate(
        municipality_count=Count("municipalities")
    )


def municipalities(district: District | None = None) -> QuerySet[Municipality]:
    queryset = Municipality.objects.select_related("district").defer("boundary")
    return queryset.filter(district=district) if district else queryset


def micro_territories(district: District | None = None) -> QuerySet[MicroTerritory]:
    queryset = MicroTerritory.objects.select_related("district").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.defer("boundary").order_by("name"))
    )
    return queryset.filter(district=district) if district else queryset


def get_micro_territory(micro_territory_id: int) -> MicroTerritory:
    try:
        return micro_territories().get(pk=micro_territory_id)
    except (MicroTerritory.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def get_district(code: str) -> District:
    try:
        return districts().get(code=code)
    except District.DoesNotExist:
        raise NotFound() from None


def boundaries_geojson(district: District | None = None) -> dict:
    """The municipalities as a GeoJSON FeatureCollection, with their micro-territories."""
    rows = Municipality.objects.select_related("district").prefetch_related("micro_territories")
    if district:
        rows = rows.filter(district=district)
    features = [
        {
            "type": "Feature",
            "geometry": municipality.boundary,
            "properties": {
                "istat_code": municipality.istat_code,
                "name": municipality.name,
                "population": municipality.population,
                "district": municipality.district.name if municipality.district else None,
                "micro_territories": [m.name for m in municipality.micro_territories.all()],
            },
        }
        for municipality in rows
        if municipality.boundary
    ]
    return {"type": "FeatureCollection", "features": features}
