"""Territory endpoints: districts, municipalities, micro-territories (no personal data)."""

from ninja import Router, Schema, Status

from intreccio.territory import actions, queries

from .main import ERRORS

router = Router(tags=["territory"])


class DistrictOut(Schema):
    code: str
    name: str
    lead_municipality: str | None
    illustrative: bool
    municipality_count: int

    @staticmethod
    def resolve_lead_municipality(obj):
        return obj.lead_municipality.name if obj.lead_municipality else None


class MunicipalityOut(Schema):
    istat_code: str
    name: str
    province_code: str
    cadastral_code: str
    postcodes: list[str]
    population: int | None
    latitude: float | None
    longitude: float | None
    district: str | None

    @staticmethod
    def resolve_district(obj):
        return obj.district.code if obj.district else None


class MicroTerritoryOut(Schema):
    id: int
    district: str
    code: str
    name: str
    kind: str
    description: str
    municipalities: list[str]
    latitude: float | None
    longitude: float | None
    illustrative: bool

    @staticmethod
    def resolve_district(obj):
        return obj.district.code

    @staticmethod
    def resolve_municipalities(obj):
        return [m.istat_code for m in obj.municipalities.all()]


class MicroTerritoryIn(Schema):
    district: str
    code: str
    name: str
    kind: str
    municipalities: list[str]
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None


class MicroTerritoryUpdateIn(Schema):
    name: str
    kind: str
    municipalities: list[str]
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None


@router.get("/districts", response=list[DistrictOut], operation_id="list_districts")
def list_districts(request):
    return queries.districts().order_by("name")


@router.get("/municipalities", response=list[MunicipalityOut], operation_id="list_municipalities")
def list_municipalities(request, district: str | None = None):
    return queries.municipalities(queries.get_district(district) if district else None).order_by("name")


@router.get("/micro-territories", response=list[MicroTerritoryOut], operation_id="list_micro_territories")
def list_micro_territories(request, district: str | None = None):
    return queries.micro_territories(queries.get_district(district) if district else None)


@router.get(
    "/micro-territories/{micro_territory_id}",
    response={200: MicroTerritoryOut, **ERRORS},
    operation_id="get_micro_territory",
)
def get_micro_territory(request, micro_territory_id: int):
    return queries.get_micro_territory(micro_territory_id)


def _municipalities(codes: list[str]):
    found = list(queries.municipalities().filter(istat_code__in=codes))
    missing = sorted(set(codes) - {m.istat_code for m in found})
    if missing:
        from intreccio.core.exceptions import ApplicationError

        raise ApplicationError(f"Unknown ISTAT codes: {', '.join(missing)}", code="unknown_municipality")
    return found


@router.post(
    "/micro-territories", response={201: MicroTerritoryOut, **ERRORS}, operation_id="create_micro_territory"
)
def create_micro_territory(request, payload: MicroTerritoryIn):
    data = payload.dict()
    district = queries.get_district(data.pop("district"))
    municipalities = _municipalities(data.pop("municipalities"))
    created = actions.create_micro_territory(
        actor=request.user, district=district, municipalities=municipalities, **data
    )
    return Status(201, queries.get_micro_territory(created.pk))


@router.put(
    "/micro-territories/{micro_territory_id}",
    response={200: MicroTerritoryOut, **ERRORS},
    operation_id="update_micro_territory",
)
def update_micro_territory(request, micro_territory_id: int, payload: MicroTerritoryUpdateIn):
    micro_territory = queries.get_micro_territory(micro_territory_id)
    data = payload.dict()
    municipalities = _municipalities(data.pop("municipalities"))
    actions.update_micro_territory(micro_territory, actor=request.user, municipalities=municipalities, **data)
    return queries.get_micro_territory(micro_territory_id)
