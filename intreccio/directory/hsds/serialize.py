"""The directory as HSDS 3.0 objects (dicts ready for JSON), with the Italian profile's extensions.

Empty values are left out (HSDS types do not allow null). Objects that the
directory derives rather than stores (a need as an attribute, a served
micro-territory as a service area, a service's own phone) get stable ids
(uuid5 of their owner's id), so repeated exports are identical.
"""

import uuid

from django.db.models import Prefetch, QuerySet

from intreccio.organisations.models import Organisation

from ..models import (
    Attribute,
    ChangeRecord,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

# Ids of organisations without a directory record, and of derived objects.
NAMESPACE = uuid.UUID("3f0c5b1e-6a43-4d2c-9a61-1e1f7b0c9d2a")
# Who signs the published history of a place that belongs to no organisation.
PUBLISHER = "Intreccio"


def derived_id(owner_uuid, key: str) -> str:
    return str(uuid.uuid5(uuid.UUID(str(owner_uuid)), key))


def organisation_uuid(organisation: Organisation) -> str:
    record = getattr(organisation, "directory_record", None)
    try:
        if record is not None:
            return str(record.uuid)
    except Organisation.directory_record.RelatedObjectDoesNotExist:
        pass
    return str(uuid.uuid5(NAMESPACE, f"organisation/{organisation.pk}"))


def _record(organisation):
    try:
        return organisation.directory_record
    except Organisation.directory_record.RelatedObjectDoesNotExist:
        return None


def clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _date(value):
    return value.isoformat() if value else None


def _time(value):
    return value.strftime("%H:%M:%S") if value else None


# --- small objects ---------------------------------------------------------------------------------


def metadata(records, *, publisher: str) -> list[dict]:
    """The history (HSDS `metadata`); a change an operator made here is signed by `publisher`.

    The operator's name and address stay on the operators' pages: they are not
    public (the history of imported data keeps the dataset's own `updated_by`).
    """
    return [
        clean(
            {
                "id": str(record.uuid),
                "resource_id": str(record.resource_id),
                "resource_type": record.resource_type,
                "last_action_date": record.last_action_date.isoformat(),
                "last_action_type": record.last_action_type,
                "field_name": record.field_name,
                "previous_value": record.previous_value or "-",
                "replacement_value": record.replacement_value or "-",
                "updated_by": publisher if record.actor_id else record.updated_by,
            }
        )
        for record in records
    ]


def taxonomy(item: Taxonomy) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            "name": item.name,
            "description": item.description or item.name,
            "uri": item.uri,
            "version": item.version,
        }
    )


def taxonomy_term(term: TaxonomyTerm) -> dict:
    data = {
        "id": str(term.uuid),
        "code": term.code,
        "name": term.name,
        "description": term.description or term.name,
        "parent_id": str(term.parent.uuid) if term.parent_id else None,
        "taxonomy": term.taxonomy.name if term.taxonomy_id else term.taxonomy_label,
        "taxonomy_id": str(term.taxonomy.uuid) if term.taxonomy_id else None,
        "language": term.language,
        "term_uri": term.term_uri,
    }
    if term.taxonomy_id:
        data["taxonomy_detail"] = taxonomy(term.taxonomy)
    return clean(data)


def phone(item, **owner) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            **owner,
            "number": item.number,
            "extension": item.extension,
            "type": item.type,
            "description": item.description,
            "languages": [language(lang, phone_id=str(item.uuid)) for lang in item.languages.all()],
        }
    )


def language(item, **owner) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            **owner,
            "name": item.name,
            "code": item.code,
            "note": item.note,
        }
    )


def contact(item) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            "name": item.name,
            "title": item.title,
            "department": item.department,
            "email": item.email,
            "phones": [phone(p) for p in item.phones.all()],
        }
    )


def schedule(item: Schedule, **owner) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            **owner,
            "valid_from": _date(item.valid_from),
            "valid_to": _date(item.valid_to),
            "dtstart": _date(item.dtstart),
            "timezone": item.timezone,
            "until": _date(item.until),
            "count": item.count,
            "wkst": item.wkst,
            "freq": item.freq,
            "interval": item.interval,
            "byday": item.byday,
            "byweekno": item.byweekno,
            "bymonthday": item.bymonthday,
            "byyearday": item.byyearday,
            "description": item.description,
            "opens_at": _time(item.opens_at),
            "closes_at": _time(item.closes_at),
            "schedule_link": item.schedule_link,
            "attending_type": item.attending_type,
            "notes": item.notes,
            "intreccio_closed_on_public_holidays": item.closed_on_public_holidays,
        }
    )


def address(item, location_id: str) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            "location_id": location_id,
            "attention": item.attention,
            "address_1": item.address_1,
            "address_2": item.address_2,
            "city": item.city,
            "region": item.region,
            "state_province": item.state_province,
            "postal_code": item.postal_code,
            "country": item.country,
            "address_type": item.address_type,
        }
    )


def stored_attributes(attributes) -> list[dict]:
    return [
        clean(
            {
                "id": str(item.uuid),
                "link_id": str(item.link_id),
                "taxonomy_term_id": str(item.taxonomy_term.uuid) if item.taxonomy_term_id else None,
                "link_type": item.link_type,
                "link_entity": item.link_entity,
                "value": item.value,
                "taxonomy_term": taxonomy_term(item.taxonomy_term) if item.taxonomy_term_id else None,
            }
        )
        for item in attributes
    ]


# --- locations ---------------------------------------------------------------------------------------


def location(item: Location, *, attributes=(), records=()) -> dict:
    accessibility = [
        clean(
            {
                "id": str(a.uuid),
                "location_id": str(item.uuid),
                "description": a.description,
                "details": a.details,
                "url": a.url,
            }
        )
        for a in item.accessibility.all()
    ]
    if item.accessibility_description or item.step_free_access:
        accessibility.append(
            clean(
                {
                    "id": derived_id(item.uuid, "accessibility"),
                    "location_id": str(item.uuid),
                    "description": item.accessibility_description
                    or "Accesso senza gradini / step-free access",
                    "details": "step_free_access" if item.step_free_access else None,
                }
            )
        )
    return clean(
        {
            "id": str(item.uuid),
            "location_type": item.location_type,
            "url": item.url,
            "organization_id": organisation_uuid(item.organisation) if item.organisation_id else None,
            "name": item.name,
            "alternate_name": item.alternate_name,
            "description": item.description,
            "transportation": item.transportation,
            "latitude": item.latitude,
            "longitude": item.longitude,
            "external_identifier": item.external_identifier
            or (item.municipality.istat_code if item.municipality_id else None),
            "external_identifier_type": item.external_identifier_type
            or ("ISTAT comune" if item.municipality_id and not item.external_identifier else None),
            "languages": [language(lang, location_id=str(item.uuid)) for lang in item.languages.all()],
            "addresses": [address(a, str(item.uuid)) for a in item.addresses.all()],
            "contacts": [contact(c) for c in item.contacts.all()],
            "accessibility": accessibility,
            "phones": [phone(p, location_id=str(item.uuid)) for p in item.phones.all()],
            "schedules": [schedule(s, location_id=str(item.uuid)) for s in item.schedules.all()],
            "attributes": stored_attributes(attributes),
            "metadata": metadata(
                records, publisher=item.organisation.name if item.organisation_id else PUBLISHER
            ),
            # Italian profile.
            "intreccio_place_kind": item.place_kind,
            "intreccio_micro_territory": item.micro_territory.code if item.micro_territory_id else None,
            "intreccio_coordinates_precision": item.coordinates_precision,
            "intreccio_step_free_access": item.step_free_access,
            "intreccio_activities": [activity(a) for a in item.activities.all()] if item.place_kind else None,
        }
    )


def activity(item) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            "name": item.name,
            "description": item.description,
            "audience": item.audience,
            "free_of_charge": item.free_of_charge,
            "languages": [code.strip() for code in item.languages.split(",") if code.strip()],
            "schedules": [schedule(s) for s in item.schedules.all()],
        }
    )


# --- organisations, programs ---------------------------------------------------------------------


def program(item) -> dict:
    return clean(
        {
            "id": str(item.uuid),
            "organization_id": organisation_uuid(item.organisation),
            "name": item.name,
            "alternate_name": item.alternate_name,
            "description": item.description or item.name,
        }
    )


def organization(item: Organisation, *, services=None, full: bool = False) -> dict:
    record = _record(item)
    oid = organisation_uuid(item)
    data = {
        "id": oid,
        "name": item.name,
        "alternate_name": (record.alternate_name if record else "") or item.short_name,
        "description": item.description or item.get_kind_display(),
        "email": item.email,
        "website": item.website,
        "tax_status": record.tax_status if record else None,
        "tax_id": item.tax_code,
        "year_incorporated": record.year_incorporated if record else None,
        "legal_status": (record.legal_status if record else "") or str(item.get_kind_display()),
        "logo": record.logo if record else None,
        "uri": record.uri if record else None,
        "parent_organization_id": str(record.parent_uuid) if record and record.parent_uuid else None,
        "intreccio_kind": item.kind,
    }
    if full:
        data["phones"] = [phone(p, organization_id=oid) for p in item.directory_phones.all()]
        if item.phone:
            data["phones"].append(
                {"id": derived_id(oid, "phone"), "organization_id": oid, "number": item.phone}
            )
        data["contacts"] = [contact(c) for c in item.directory_contacts.all()]
        data["programs"] = [program(p) for p in item.programs.all()]
        data["funding"] = [
            clean({"id": str(f.uuid), "organization_id": oid, "source": f.source})
            for f in item.directory_funding.all()
        ]
        identifiers = [
            clean(
                {
                    "id": str(i.uuid),
                    "organization_id": oid,
                    "identifier_scheme": i.identifier_scheme,
                    "identifier_type": i.identifier_type,
                    "identifier": i.identifier,
                }
            )
            for i in item.directory_identifiers.all()
        ]
        if item.tax_code and not any(i["identifier"] == item.tax_code for i in identifiers):
            identifiers.append(
                {
                    "id": derived_id(oid, "tax_code"),
                    "organization_id": oid,
                    "identifier_scheme": "IT-CF",
                    "identifier_type": "Codice fiscale / partita IVA",
                    "identifier": item.tax_code,
                }
            )
        data["organization_identifiers"] = identifiers
        data["locations"] = [location(loc) for loc in item.directory_locations.all()]
    if services is not None:
        data["services"] = services
    return clean(data)


def organisations_for_hsds(full: bool = False) -> QuerySet[Organisation]:
    queryset = Organisation.objects.filter(active=True).select_related("directory_record").order_by("name")
    if full:
        queryset = queryset.prefetch_related(
            "directory_phones__languages",
            "directory_contacts__phones",
            "programs__organisation__directory_record",
            "directory_funding",
            "directory_identifiers",
            Prefetch("directory_locations", queryset=locations_for_hsds()),
        )
    return queryset


# --- services ---------------------------------------------------------------------------------------


def locations_for_hsds() -> QuerySet[Location]:
    return (
        Location.objects.select_related("organisation__directory_record", "micro_territory", "municipality")
        .prefetch_related(
            "languages",
            "addresses",
            "contacts__phones__languages",
            "accessibility",
            "phones__languages",
            Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
            "activities__schedules",
        )
        .order_by("name")
    )


def services_for_hsds(full: bool = True) -> QuerySet[Service]:
    queryset = Service.objects.select_related(
        "organisation__directory_record", "program__organisation__directory_record"
    ).order_by("organisation__name", "name")
    if not full:
        return queryset
    return queryset.prefetch_related(
        "phones__languages",
        Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
        "service_areas__municipality",
        "micro_territories",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.prefetch_related(
                Prefetch("location", queryset=locations_for_hsds()),
                "schedules",
                "phones__languages",
                "contacts__phones__languages",
            ),
        ),
        "languages",
        "funding",
        "cost_options",
        "required_documents",
        "contacts__phones__languages",
        "needs__taxonomy_term__taxonomy",
        "capacities",
    )


def attributes_for(uuids) -> dict[str, list[Attribute]]:
    found: dict[str, list[Attribute]] = {}
    for item in Attribute.objects.filter(link_id__in=list(uuids)).select_related(
        "taxonomy_term__taxonomy", "taxonomy_term__parent"
    ):
        found.setdefault(str(item.link_id), []).append(item)
    return found


def records_for(uuids) -> dict[str, list[ChangeRecord]]:
    found: dict[str, list[ChangeRecord]] = {}
    for record in ChangeRecord.objects.filter(resource_id__in=list(uuids)).order_by("last_action_date", "id"):
        found.setdefault(str(record.resource_id), []).append(record)
    return found


def _need_attributes(item: Service) -> list[dict]:
    result = []
    for need in item.needs.all():
        term = getattr(need, "taxonomy_term", None)
        if term is None:
            continue
        result.append(
            {
                "id": derived_id(item.uuid, f"need:{need.code}"),
                "link_id": str(item.uuid),
                "taxonomy_term_id": str(term.uuid),
                "link_type": "need",
                "link_entity": "service",
                "value": need.code,
                "taxonomy_term": taxonomy_term(term),
            }
        )
    return result


def service_at_location(link: ServiceAtLocation, *, with_location: bool = True, attributes=()) -> dict:
    return clean(
        {
            "id": str(link.uuid),
            "service_id": str(link.service.uuid),
            "location_id": str(link.location.uuid),
            "description": link.description,
            "contacts": [contact(c) for c in link.contacts.all()],
            "phones": [phone(p, service_at_location_id=str(link.uuid)) for p in link.phones.all()],
            "schedules": [schedule(s, service_at_location_id=str(link.uuid)) for s in link.schedules.all()],
            "location": location(link.location) if with_location else None,
            "attributes": stored_attributes(attributes),
        }
    )


def service(item: Service, *, full: bool = True, attributes=None, records=None) -> dict:
    """An HSDS service; `full` nests every related object (else only one-to-one fields)."""
    sid = str(item.uuid)
    data = {
        "id": sid,
        "organization_id": organisation_uuid(item.organisation),
        "program_id": str(item.program.uuid) if item.program_id else None,
        "name": item.name,
        "alternate_name": item.alternate_name,
        "description": item.description,
        "url": item.url,
        "email": item.email,
        "status": item.status,
        "interpretation_services": item.interpretation_services,
        "application_process": item.application_process,
        "fees_description": item.fees_description,
        "wait_time": item.wait_time,
        "accreditations": item.accreditations,
        "eligibility_description": item.eligibility_description,
        "minimum_age": item.minimum_age,
        "maximum_age": item.maximum_age,
        "assured_date": _date(item.last_verified_at.date()) if item.last_verified_at else None,
        "assurer_email": item.assurer_email,
        "licenses": item.licenses,
        "alert": item.alert,
        "last_modified": item.updated_at.isoformat(),
        "intreccio_free_of_charge": item.free_of_charge,
        "intreccio_capacity_status": item.capacity_status,
    }
    if not full:
        return clean(data)
    phones = [phone(p, service_id=sid) for p in item.phones.all()]
    if item.phone:
        phones.append({"id": derived_id(sid, "phone"), "service_id": sid, "number": item.phone})
    areas = [
        clean(
            {
                "id": str(area.uuid),
                "service_id": sid,
                "name": area.name or (area.municipality.name if area.municipality_id else None),
                "description": area.description,
                "extent": area.extent,
                "extent_type": area.extent_type,
                "uri": area.uri,
            }
        )
        for area in item.service_areas.all()
    ] + [
        {
            "id": derived_id(sid, f"micro:{micro.code}"),
            "service_id": sid,
            "name": micro.name,
            "extent": micro.code,
            "extent_type": "intreccio_micro_territory",
        }
        for micro in item.micro_territories.all()
    ]
    attributes = attributes or {}
    data.update(
        {
            "phones": phones,
            "schedules": [schedule(s, service_id=sid) for s in item.schedules.all()],
            "service_areas": areas,
            "service_at_locations": [
                service_at_location(link, attributes=attributes.get(str(link.uuid), ()))
                for link in item.service_at_locations.all()
            ],
            "languages": [language(lang, service_id=sid) for lang in item.languages.all()],
            "organization": organization(item.organisation),
            "funding": [
                clean({"id": str(f.uuid), "service_id": sid, "source": f.source}) for f in item.funding.all()
            ],
            "cost_options": [
                clean(
                    {
                        "id": str(c.uuid),
                        "service_id": sid,
                        "valid_from": _date(c.valid_from),
                        "valid_to": _date(c.valid_to),
                        "option": c.option,
                        "currency": c.currency,
                        "amount": float(c.amount) if c.amount is not None else None,
                        "amount_description": c.amount_description,
                    }
                )
                for c in item.cost_options.all()
            ],
            "program": program(item.program) if item.program_id else None,
            "required_documents": [
                clean({"id": str(d.uuid), "service_id": sid, "document": d.document, "uri": d.uri})
                for d in item.required_documents.all()
            ],
            "contacts": [contact(c) for c in item.contacts.all()],
            "attributes": _need_attributes(item) + stored_attributes(attributes.get(sid, ())),
            "metadata": metadata((records or {}).get(sid, ()), publisher=item.organisation.name),
            "intreccio_capacity": clean(
                {
                    "status": item.capacity_status,
                    "updated": item.capacity_updated_at.isoformat() if item.capacity_updated_at else None,
                    "units": [
                        clean(
                            {
                                "unit": c.unit,
                                "available": c.available,
                                "maximum": c.maximum,
                                "updated": c.updated_at.isoformat(),
                            }
                        )
                        for c in item.capacities.all()
                    ],
                }
            ),
        }
    )
    return clean(data)


def services_page(items, *, full: bool) -> list[dict]:
    """Serialize a page of services (two extra queries for attributes and history when full)."""
    items = list(items)
    if not full:
        return [service(item, full=False) for item in items]
    uuids = [item.uuid for item in items] + [
        link.uuid for item in items for link in item.service_at_locations.all()
    ]
    attributes = attributes_for(uuids)
    records = records_for([item.uuid for item in items])
    return [service(item, attributes=attributes, records=records) for item in items]
