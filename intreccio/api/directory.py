"""The directory in two APIs.

- `hsds_api`, mounted at /hsds/: the public, read-only Open Referral HSDS 3.0
  API (no authentication; the same data as the public portal). Responses are
  HSDS objects and validate against the official schemas.
- `router`, under /api/v1/directory/: the operators' endpoints (search with
  capacity, a service's details, capacity updates), with the API's usual
  authentication and error body.
"""

import datetime
import math

from django.core.paginator import Paginator
from django.urls import reverse
from ninja import NinjaAPI, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from intreccio.directory import actions, queries
from intreccio.directory.geo import geocode
from intreccio.directory.hsds import HSDS_VERSION, PROFILE_URL, serialize
from intreccio.directory.hsds import queries as hsds
from intreccio.directory.schedules import local_now
from intreccio.directory.search import SearchCriteria, describe_services, search_services
from intreccio.territory import queries as territory_queries

from .errors import register_error_handlers
from .main import ERRORS

# --- HSDS 3.0 (public) -----------------------------------------------------------------------------

hsds_api = NinjaAPI(
    title="Intreccio – Open Referral HSDS 3.0",
    version="3.0",
    description=(
        "La mappa dei servizi e dei luoghi della rete, in formato Open Referral HSDS 3.0 (profilo italiano: "
        "docs/directory.md). Pubblica, in sola lettura, senza autenticazione."
    ),
    urls_namespace="hsds",
    auth=None,
    openapi_url="/openapi.json",
    docs_url="/docs",
)
register_error_handlers(hsds_api)

MAX_PER_PAGE = 200


class ListParameters(Schema):
    page: int = 1
    per_page: int = 50
    search: str = ""


def _page(queryset, parameters: ListParameters, serialize_items) -> dict:
    per_page = max(1, min(parameters.per_page, MAX_PER_PAGE))
    paginator = Paginator(queryset, per_page)
    number = max(1, parameters.page)
    total = paginator.count
    items = list(paginator.page(number).object_list) if number <= paginator.num_pages and total else []
    total_pages = max(1, math.ceil(total / per_page)) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not items,
        "contents": serialize_items(items),
    }


@hsds_api.get("/", response=dict, summary="Informazioni sull'API (versione HSDS, profilo)")
def api_information(request):
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
    }


class ServiceFilters(ListParameters):
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: str | None = None
    minimal: bool = False
    full: bool = False
    postcode: str | None = None
    proximity: str | None = None


def _service_filters(filters: ServiceFilters) -> dict:
    return {
        "search": filters.search,
        "taxonomy_term_id": filters.taxonomy_term_id,
        "taxonomy_id": filters.taxonomy_id,
        "organization_id": filters.organization_id,
        "modified_after": filters.modified_after,
        "postcode": filters.postcode,
        "proximity": filters.proximity,
    }


@hsds_api.get("/services", response={200: dict, **ERRORS}, summary="Servizi (paginati)")
def list_services(request, filters: Query[ServiceFilters]):
    services = hsds.services(full=filters.full, **_service_filters(filters))
    if filters.minimal:
        return _page(
            services,
            filters,
            lambda items: [{"id": str(s.uuid), "last_modified": s.updated_at.isoformat()} for s in items],
        )
    return _page(services, filters, lambda items: serialize.services_page(items, full=filters.full))


@hsds_api.get("/services/{service_id}", response={200: dict, **ERRORS}, summary="Un servizio, completo")
def get_service(request, service_id: str):
    return serialize.services_page([hsds.get_service(service_id)], full=True)[0]


class OrganisationFilters(ListParameters):
    full: bool = False
    full_service: bool = False


def _organisation(organisation, *, full: bool, full_service: bool) -> dict:
    services = hsds.services(full=full_service).filter(organisation=organisation)
    listed = (
        serialize.services_page(services, full=True)
        if full_service
        else [{"id": str(s.uuid), "name": s.name, "status": s.status} for s in services]
    )
    return serialize.organization(organisation, services=listed, full=full)


@hsds_api.get("/organizations", response={200: dict, **ERRORS}, summary="Enti (paginati)")
def list_organizations(request, filters: Query[OrganisationFilters]):
    organisations = hsds.organisations(full=filters.full, search=filters.search)
    if filters.full_service:
        return _page(
            organisations,
            filters,
            lambda items: [_organisation(o, full=filters.full, full_service=True) for o in items],
        )
    return _page(
        organisations, filters, lambda items: [serialize.organization(o, full=filters.full) for o in items]
    )


@hsds_api.get("/organizations/{organization_id}", response={200: dict, **ERRORS}, summary="Un ente")
def get_organization(request, organization_id: str, full_service: bool = False):
    return _organisation(hsds.get_organisation(organization_id), full=True, full_service=full_service)


@hsds_api.get("/service_at_locations", response={200: dict, **ERRORS}, summary="Servizi nelle sedi (paginati)")
def list_service_at_locations(request, filters: Query[ServiceFilters]):
    links = hsds.service_at_locations(full=filters.full, **_service_filters(filters))
    return _page(
        links,
        filters,
        lambda items: [serialize.service_at_location(link, with_location=filters.full) for link in items],
    )


@hsds_api.get("/service_at_locations/{link_id}", response={200: dict, **ERRORS}, summary="Un servizio in una sede")
def get_service_at_location(request, link_id: str):
    return serialize.service_at_location(hsds.get_service_at_location(link_id))


@hsds_api.get("/taxonomies", response={200: dict, **ERRORS}, summary="Tassonomie (paginate)")
def list_taxonomies(request, filters: Query[ListParameters]):
    return _page(hsds.taxonomies(search=filters.search), filters, lambda items: [serialize.taxonomy(t) for t in items])


@hsds_api.get("/taxonomies/{taxonomy_id}", response={200: dict, **ERRORS}, summary="Una tassonomia")
def get_taxonomy(request, taxonomy_id: str):
    return serialize.taxonomy(hsds.get_taxonomy(taxonomy_id))


class TermFilters(ListParameters):
    taxonomy_id: str | None = None
    top_only: bool = False
    parent_id: str | None = None


@hsds_api.get("/taxonomy_terms", response={200: dict, **ERRORS}, summary="Voci di tassonomia (paginate)")
def list_taxonomy_terms(request, filters: Query[TermFilters]):
    terms = hsds.taxonomy_terms(
        search=filters.search, taxonomy_id=filters.taxonomy_id, top_only=filters.top_only, parent_id=filters.parent_id
    )
    return _page(terms, filters, lambda items: [serialize.taxonomy_term(t) for t in items])


@hsds_api.get("/taxonomy_terms/{term_id}", response={200: dict, **ERRORS}, summary="Una voce di tassonomia")
def get_taxonomy_term(request, term_id: str):
    return serialize.taxonomy_term(hsds.get_taxonomy_term(term_id))


# --- /api/v1/directory/ (operators) -----------------------------------------------------------------

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
    age: int | None = None
    free: bool = False
    accessible: bool = False
    with_capacity: bool = False


class ServicePagination(PageNumberPagination):
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


@router.get("/services/{service_id}", response={200: ServiceOut, **ERRORS}, operation_id="get_directory_service")
def get_directory_service(request, service_id: int):
    return _service_out(queries.service_detail(service_id))


class CapacityIn(Schema):
    status: str | None = None
    unit: str = ""
    available: int | None = None
    maximum: int | None = None
    description: str = ""


@router.post(
    "/services/{service_id}/capacity", response={200: ServiceOut, **ERRORS}, operation_id="update_service_capacity"
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

