"""Reads behind the public HSDS API: the HSDS filters, as querysets (public data, no personal data)."""

import datetime
import math
import uuid as uuid_module

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from intreccio.core.exceptions import ApplicationError, NotFound
from intreccio.organisations.models import Organisation

from ..geo import geocode
from ..models import Attribute, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from ..text import query_terms
from . import serialize


class InvalidFilter(ApplicationError):
    code = "invalid_filter"
    status = 422


def as_uuid(value: str, name: str) -> uuid_module.UUID:
    try:
        return uuid_module.UUID(str(value))
    except ValueError:
        raise InvalidFilter(f"{name}: '{value}' is not a UUID", details={"parameter": name}) from None


def _modified_after(value: str):
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        moment = datetime.datetime.combine(day, datetime.time.min) if day else None
    if moment is None:
        raise InvalidFilter(
            f"modified_after: '{value}' is not an ISO 8601 date or datetime",
            details={"parameter": "modified_after"},
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _text_q(search: str, prefix: str = "") -> Q:
    condition = Q()
    for variants in query_terms(search, "en"):
        alternative = Q()
        for variant in variants:
            alternative |= Q(**{f"{prefix}search_title__contains": f" {variant}"})
            alternative |= Q(**{f"{prefix}search_body__contains": f" {variant}"})
        condition &= alternative
    return condition


def _organisation_filter(organization_id: str, field: str) -> Q:
    """Organisations are identified by their HSDS id (a record's uuid or the derived one)."""
    wanted = str(as_uuid(organization_id, "organization_id"))
    matching = [
        org.pk
        for org in Organisation.objects.select_related("directory_record").only(
            "pk", "directory_record__uuid"
        )
        if serialize.organisation_uuid(org) == wanted
    ]
    return Q(**{f"{field}__in": matching})


def _taxonomy_filter(taxonomy_term_id: str | None, taxonomy_id: str | None, service_ref: str = "pk") -> Q:
    """Services with a need or an attribute in the term (or the taxonomy).

    `service_ref` is how the filtered rows point at their service.
    """
    needs = Service.needs.through.objects.filter(service=OuterRef(service_ref))
    attributes = Attribute.objects.filter(
        link_id=OuterRef("uuid" if service_ref == "pk" else "service__uuid")
    )
    condition = Q()
    if taxonomy_term_id:
        term = as_uuid(taxonomy_term_id, "taxonomy_term_id")
        condition &= Q(Exists(needs.filter(need__taxonomy_term__uuid=term))) | Q(
            Exists(attributes.filter(taxonomy_term__uuid=term))
        )
    if taxonomy_id:
        taxonomy = as_uuid(taxonomy_id, "taxonomy_id")
        condition &= Q(Exists(needs.filter(need__taxonomy_term__taxonomy__uuid=taxonomy))) | Q(
            Exists(attributes.filter(taxonomy_term__taxonomy__uuid=taxonomy))
        )
    return condition


def _proximity(postcode: str | None, proximity: str | None, field: str) -> Q:
    """Within `proximity` metres of the postcode's centre (its municipality), or serving it."""
    if not postcode:
        if proximity:
            raise InvalidFilter("proximity needs a postcode", details={"parameter": "proximity"})
        return Q()
    origin = geocode(postcode)
    if origin is None or origin.municipality_id is None:
        return Q(pk__in=[])
    if not proximity:
        return Q(**{f"{field}municipality_id": origin.municipality_id})
    try:
        metres = float(proximity)
    except ValueError:
        raise InvalidFilter(
            "proximity must be a number of metres", details={"parameter": "proximity"}
        ) from None
    dlat = metres / 111_320
    dlon = dlat / max(math.cos(math.radians(origin.latitude)), 0.01)
    return Q(
        **{
            f"{field}latitude__gte": origin.latitude - dlat,
            f"{field}latitude__lte": origin.latitude + dlat,
            f"{field}longitude__gte": origin.longitude - dlon,
            f"{field}longitude__lte": origin.longitude + dlon,
        }
    )


def services(
    *,
    full: bool,
    search: str = "",
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    postcode: str | None = None,
    proximity: str | None = None,
) -> QuerySet[Service]:
    queryset = serialize.services_for_hsds(full=full).filter(organisation__active=True)
    if search:
        queryset = queryset.filter(_text_q(search))
    if taxonomy_term_id or taxonomy_id:
        queryset = queryset.filter(_taxonomy_filter(taxonomy_term_id, taxonomy_id))
    if organization_id:
        queryset = queryset.filter(_organisation_filter(organization_id, "organisation"))
    if modified_after:
        queryset = queryset.filter(updated_at__gte=_modified_after(modified_after))
    if postcode or proximity:
        located = ServiceAtLocation.objects.filter(service=OuterRef("pk")).filter(
            _proximity(postcode, proximity, "location__")
        )
        queryset = queryset.filter(Exists(located))
    return queryset


def get_service(service_id: str) -> Service:
    try:
        return serialize.services_for_hsds(full=True).get(
            uuid=as_uuid(service_id, "id"), organisation__active=True
        )
    except (Service.DoesNotExist, InvalidFilter):
        raise NotFound() from None


def service_at_locations(
    *,
    full: bool,
    search: str = "",
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    postcode: str | None = None,
    proximity: str | None = None,
) -> QuerySet[ServiceAtLocation]:
    from django.db.models import Prefetch

    queryset = ServiceAtLocation.objects.filter(service__organisation__active=True).select_related("service")
    if full:
        queryset = queryset.prefetch_related(
            "schedules",
            "contacts__phones__languages",
            "phones__languages",
            Prefetch("location", queryset=serialize.locations_for_hsds()),
        )
    else:
        queryset = queryset.select_related("location")
    if search:
        queryset = queryset.filter(_text_q(search, "service__"))
    if taxonomy_term_id or taxonomy_id:
        queryset = queryset.filter(_taxonomy_filter(taxonomy_term_id, taxonomy_id, "service_id"))
    if organization_id:
        queryset = queryset.filter(_organisation_filter(organization_id, "service__organisation"))
    if modified_after:
        moment = _modified_after(modified_after)
        queryset = queryset.filter(Q(updated_at__gte=moment) | Q(service__updated_at__gte=moment))
    if postcode or proximity:
        queryset = queryset.filter(_proximity(postcode, proximity, "location__"))
    return queryset.order_by("pk")


def get_service_at_location(link_id: str) -> ServiceAtLocation:
    try:
        return service_at_locations(full=True).get(uuid=as_uuid(link_id, "id"))
    except (ServiceAtLocation.DoesNotExist, InvalidFilter):
        raise NotFound() from None


def organisations(*, full: bool, search: str = "") -> QuerySet[Organisation]:
    queryset = serialize.organisations_for_hsds(full=full)
    for variants in query_terms(search, "it"):
        alternative = Q()
        for variant in variants:
            alternative |= Q(name__icontains=variant)
        queryset = queryset.filter(alternative)
    return queryset


def get_organisation(organization_id: str) -> Organisation:
    try:
        wanted = str(as_uuid(organization_id, "id"))
    except InvalidFilter:
        raise NotFound() from None
    for organisation in serialize.organisations_for_hsds(full=False).only("pk", "directory_record__uuid"):
        if serialize.organisation_uuid(organisation) == wanted:
            return serialize.organisations_for_hsds(full=True).get(pk=organisation.pk)
    raise NotFound()


def taxonomies(*, search: str = "") -> QuerySet[Taxonomy]:
    queryset = Taxonomy.objects.order_by("name")
    return queryset.filter(name__icontains=search) if search else queryset


def get_taxonomy(taxonomy_id: str) -> Taxonomy:
    try:
        return Taxonomy.objects.get(uuid=as_uuid(taxonomy_id, "id"))
    except (Taxonomy.DoesNotExist, InvalidFilter):
        raise NotFound() from None


def taxonomy_terms(
    *, search: str = "", taxonomy_id: str | None = None, top_only: bool = False, parent_id: str | None = None
) -> QuerySet[TaxonomyTerm]:
    queryset = TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by(
        "taxonomy_id", "code", "name"
    )
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if taxonomy_id:
        queryset = queryset.filter(taxonomy__uuid=as_uuid(taxonomy_id, "taxonomy_id"))
    if top_only:
        queryset = queryset.filter(parent__isnull=True)
    if parent_id:
        queryset = queryset.filter(parent__uuid=as_uuid(parent_id, "parent_id"))
    return queryset


def get_taxonomy_term(term_id: str) -> TaxonomyTerm:
    try:
        return TaxonomyTerm.objects.select_related("taxonomy", "parent").get(uuid=as_uuid(term_id, "id"))
    except (TaxonomyTerm.DoesNotExist, InvalidFilter):
        raise NotFound() from None
