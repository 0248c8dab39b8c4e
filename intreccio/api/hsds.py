"""The public, read-only Open Referral HSDS 3.0 API, mounted at /hsds/.

No authentication: the same public directory as the portal. Responses are
HSDS objects (Italian profile extensions prefixed `intreccio_`) and validate
against the official schemas (directory/hsds/schema). Errors use the API's
one error body.
"""

import math

from django.core.paginator import Paginator
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema

from intreccio.directory.hsds import HSDS_VERSION, PROFILE_URL, serialize
from intreccio.directory.hsds import queries as hsds

from .errors import ErrorOut, register_error_handlers

ERRORS = {404: ErrorOut, 422: ErrorOut}

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


@hsds_api.get(
    "/service_at_locations", response={200: dict, **ERRORS}, summary="Servizi nelle sedi (paginati)"
)
def list_service_at_locations(request, filters: Query[ServiceFilters]):
    links = hsds.service_at_locations(full=filters.full, **_service_filters(filters))
    return _page(
        links,
        filters,
        lambda items: [serialize.service_at_location(link, with_location=filters.full) for link in items],
    )


@hsds_api.get(
    "/service_at_locations/{link_id}", response={200: dict, **ERRORS}, summary="Un servizio in una sede"
)
def get_service_at_location(request, link_id: str):
    return serialize.service_at_location(hsds.get_service_at_location(link_id))


@hsds_api.get("/taxonomies", response={200: dict, **ERRORS}, summary="Tassonomie (paginate)")
def list_taxonomies(request, filters: Query[ListParameters]):
    return _page(
        hsds.taxonomies(search=filters.search), filters, lambda items: [serialize.taxonomy(t) for t in items]
    )


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
        search=filters.search,
        taxonomy_id=filters.taxonomy_id,
        top_only=filters.top_only,
        parent_id=filters.parent_id,
    )
    return _page(terms, filters, lambda items: [serialize.taxonomy_term(t) for t in items])


@hsds_api.get("/taxonomy_terms/{term_id}", response={200: dict, **ERRORS}, summary="Una voce di tassonomia")
def get_taxonomy_term(request, term_id: str):
    return serialize.taxonomy_term(hsds.get_taxonomy_term(term_id))
