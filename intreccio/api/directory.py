"""Directory endpoints for operators (/api/v1/directory/): search with capacity, a service, capacity updates.

The public HSDS 3.0 API is api/hsds.py (mounted at /hsds/).
"""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from intreccio.directory import actions, queries
from intreccio.directory.geo import geocode
from intreccio.directory.models import CapacityStatus
from intreccio.directory.schedules import local_now
from intreccio.directory.search import SearchCriteria, describe_services, search_services
from intreccio.territory import queries as territory_queries

from .main import ERRORS
from .pagination import Pagination

router = Router(tags=["directory"])


class JourneyOut(Schema):
    distance_km: float
    walking_minutes: int
    cycling_minutes: int
    precision_km: float


class CapacityOut(Schema):
    status: str
    label: str
    fresh: bool
    updated_at: datetime.datetime | None = None
    units: list[dict]


class ServiceResultOut(Schema):
    id: int
    hsds_id: str
    name: str
    organisation: str
    status: str
    needs: list[str]
    location: str | None = None
    municipality: str | None = None
    open_now: bool
    journey: JourneyOut | None = None
    capacity: CapacityOut


def _capacity(info) -> dict:
    return {
        "status": info.status,
        "label": info.label,
        "fresh": info.fresh,
        "updated_at": info.updated_at,
        "units": [
            {"unit": unit, "available": available, "maximum": maximum, "updated_at": updated.isoformat()}
            for unit, available, maximum, updated in info.units
        ],
    }


def _result(result) -> dict:
    location = result.location
    return {
        "id": result.service.pk,
        "hsds_id": str(result.service.uuid),
        "name": result.service.name,
        "organisation": result.service.organisation.name,
        "status": result.service.status,
        "needs": [need.code for need in result.service.needs.all()],
        "location": location.name if location else None,
        "municipality": location.municipality.name if location and location.municipality_id else None,
        "open_now": result.open_now,
        "journey": result.journey.__dict__ if result.journey else None,
        "capacity": _capacity(result.capacity),
    }


class SearchIn(Schema):
    q: str = ""
    need: str | None = None
    municipality: str | None = None
    micro_territory: str | None = None
    near: str = ""
    open_now: bool = False
    language: str = ""
    age: int | None = Field(None, ge=0, le=120)
    free: bool = False
    accessible: bool = False
    with_capacity: bool = False


class ServicePagination(Pagination):
    """Search results are described (distance, opening, capacity) after paging, one page at a time."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        criteria = request._directory_criteria
        page["items"] = [_result(result) for result in describe_services(page["items"], criteria)]
        return page


@router.get("/services", response=list[ServiceResultOut], operation_id="search_directory_services")
@paginate(ServicePagination, page_size=20)
def search_directory_services(request, filters: Query[SearchIn]):
    """Search services by need, text, place, opening, language, age, cost, access and free places."""
    criteria = SearchCriteria(
        text=filters.q,
        need=queries.active_needs().filter(code=filters.need).first() if filters.need else None,
        municipality=territory_queries.municipalities().filter(istat_code=filters.municipality).first()
        if filters.municipality
        else None,
        micro_territory=territory_queries.micro_territories().filter(code=filters.micro_territory).first()
        if filters.micro_territory
        else None,
        open_at=local_now() if filters.open_now else None,
        spoken_language=filters.language,
        age=filters.age,
        free=filters.free,
        accessible=filters.accessible,
        with_capacity=filters.with_capacity,
        origin=geocode(filters.near) if filters.near else None,
        ui_language="it",
        include_closed=True,
    )
    request._directory_criteria = criteria
    return search_services(criteria)


class ServiceOut(Schema):
    id: int
    hsds_id: str
    name: str
    organisation: str
    status: str
    description: str
    eligibility_description: str
    application_process: str
    minimum_age: int | None = None
    maximum_age: int | None = None
    free_of_charge: bool
    languages: list[str]
    needs: list[str]
    last_verified_at: datetime.datetime | None = None
    capacity: CapacityOut


def _service_out(service) -> dict:
    return {
        "id": service.pk,
        "hsds_id": str(service.uuid),
        "name": service.name,
        "organisation": service.organisation.name,
        "status": service.status,
        "description": service.description,
        "eligibility_description": service.eligibility_description,
        "application_process": service.application_process,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "free_of_charge": service.free_of_charge,
        "languages": [language.code for language in service.languages.all()],
        "needs": [need.code for need in service.needs.all()],
        "last_verified_at": service.last_verified_at,
        "capacity": _capacity(queries.capacity_status(service)),
    }


@router.get(
    "/services/{service_id}", response={200: ServiceOut, **ERRORS}, operation_id="get_directory_service"
)
def get_directory_service(request, service_id: int):
    return _service_out(queries.service_detail(service_id))


# Places are counted in the database's integers.
MAX_PLACES = 2_147_483_647


class CapacityIn(Schema):
    """The status, or how many places of a unit are free (the status then follows the counts)."""

    status: CapacityStatus | None = None
    unit: str = Field("", max_length=100)
    available: int | None = Field(None, ge=0, le=MAX_PLACES)
    maximum: int | None = Field(None, ge=0, le=MAX_PLACES)
    description: str = Field("", max_length=300)


@router.post(
    "/services/{service_id}/capacity",
    response={200: ServiceOut, **ERRORS},
    operation_id="update_service_capacity",
)
def update_service_capacity(request, service_id: int, payload: CapacityIn):
    """Say how many places a service has now (its organisation's administrators and service staff)."""
    service = queries.get_service(service_id)
    actions.update_capacity(service, actor=request.user, **payload.dict())
    return _service_out(queries.service_detail(service_id))


class NeedOut(Schema):
    code: str
    label: str
    label_en: str
    sensitive_category: str


@router.get("/needs", response=list[NeedOut], operation_id="list_needs")
def list_needs(request):
    return list(queries.active_needs())
