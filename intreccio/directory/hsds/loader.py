"""Write a validated HSDS dataset into the directory (called by actions.import_hsds)."""

import datetime
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from intreccio.organisations.models import Organisation
from intreccio.territory.models import MicroTerritory, Municipality

from ..models import (
    Accessibility,
    Address,
    Attribute,
    ChangeRecord,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    OrganisationIdentifier,
    OrganisationRecord,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .importer import Dataset, Problem, hsds_uuid
from .serialize import NAMESPACE as EXPORT_NAMESPACE
from .serialize import derived_id


class DatasetRejected(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    services: list = field(default_factory=list)
    locations: list = field(default_factory=list)


def _text(row: dict, key: str, limit: int | None = None) -> str:
    value = row.get(key)
    value = "" if value is None else str(value)
    return value[:limit] if limit else value


def _int(row: dict, key: str):
    value = row.get(key)
    if value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


class Loader:
    def __init__(self, dataset: Dataset, *, actor, district, create_organisation):
        self.dataset = dataset
        self.actor = actor
        self.district = district
        self.create_organisation = create_organisation
        self.summary = ImportSummary(warnings=list(dataset.warnings))
        self.problems: list[Problem] = []
        self.objects: dict[str, dict[str, object]] = {}  # kind → HSDS id → model instance
        self.derived: set[str] = set()

    # --- helpers ------------------------------------------------------------------------------

    def rows(self, kind: str) -> list[dict]:
        return list(self.dataset.tables.get(kind, {}).values())

    def warn(self, message: str) -> None:
        self.summary.warnings.append(message)

    def error(self, kind: str, row: dict, field_name: str, message: str) -> None:
        self.problems.append(Problem(f"{kind} {row.get('id')}", None, field_name, message))

    def find(self, kind: str, model, hsds_id):
        if not hsds_id:
            return None
        found = self.objects.get(kind, {}).get(str(hsds_id))
        if found is not None:
            return found
        return model.objects.filter(uuid=hsds_uuid(hsds_id)).first()

    def upsert(self, kind: str, model, row: dict, values: dict):
        """Create or update by HSDS id; remember the object, and whether it changed."""
        key = hsds_uuid(row["id"])
        instance = model.objects.filter(uuid=key).first()
        changed = True
        if instance is None:
            instance = model.objects.create(uuid=key, **values)
            self.summary.created[kind] += 1
        else:
            fields = [name for name, value in values.items() if getattr(instance, name) != value]
            for name in fields:
                setattr(instance, name, values[name])
            if fields:
                instance.save(update_fields=fields)
                self.summary.updated[kind] += 1
            changed = bool(fields)
        self.objects.setdefault(kind, {})[str(row["id"])] = instance
        instance.changed_by_import = changed
        return instance

    def reference(self, kind: str, model, row: dict, key: str, *, required_by: str = ""):
        value = row.get(key)
        if not value:
            return None
        found = self.find(kind, model, value)
        if found is None:
            self.warn(
                f"{required_by or kind} {row.get('id')}: {key} {value} non trovato, riferimento ignorato"
            )
        return found

    # --- objects ------------------------------------------------------------------------------

    def taxonomies(self):
        for row in self.rows("taxonomy"):
            self.upsert(
                "taxonomy",
                Taxonomy,
                row,
                {
                    "name": _text(row, "name", 200),
                    "description": _text(row, "description"),
                    "uri": _text(row, "uri", 500),
                    "version": _text(row, "version", 50),
                },
            )
        terms = self.rows("taxonomy_term")
        for row in terms:
            self.upsert(
                "taxonomy_term",
                TaxonomyTerm,
                row,
                {
                    "taxonomy": self.reference("taxonomy", Taxonomy, row, "taxonomy_id"),
                    "taxonomy_label": _text(row, "taxonomy", 200),
                    "code": _text(row, "code", 100),
                    "name": _text(row, "name", 200),
                    "description": _text(row, "description"),
                    "language": _text(row, "language", 10),
                    "term_uri": _text(row, "term_uri", 500),
                },
            )
        for row in terms:
            parent = self.reference("taxonomy_term", TaxonomyTerm, row, "parent_id")
            term = self.objects["taxonomy_term"][str(row["id"])]
            if parent is not None and term.parent_id != parent.pk:
                term.parent = parent
                term.save(update_fields=["parent"])

    def organisation_by_id(self, hsds_id):
        if not hsds_id:
            return None
        found = self.objects.get("organization", {}).get(str(hsds_id))
        if found is not None:
            return found
        record = (
            OrganisationRecord.objects.filter(uuid=hsds_uuid(hsds_id)).select_related("organisation").first()
        )
        if record is not None:
            return record.organisation
        for organisation in Organisation.objects.all().only("pk"):
            if str(uuid.uuid5(EXPORT_NAMESPACE, f"organisation/{organisation.pk}")) == str(hsds_id):
                return organisation
        return None

    def organisations(self):
        for row in self.rows("organization"):
            organisation = self.organisation_by_id(row["id"])
            if organisation is None:
                organisation = Organisation.objects.filter(name__iexact=_text(row, "name")).first()
            if organisation is None:
                kind = row.get("intreccio_kind")
                tax_id = _text(row, "tax_id")
                organisation = self.create_organisation(
                    name=_text(row, "name", 200),
                    kind=kind if kind in Organisation.Kind.values else Organisation.Kind.OTHER,
                    district=self.district,
                    description=_text(row, "description"),
                    email=_text(row, "email", 254),
                    website=_text(row, "website", 200),
                    tax_code=tax_id if len(tax_id) <= 16 else "",
                )
                self.summary.created["organization"] += 1
            year = _int(row, "year_incorporated")
            values = {
                "alternate_name": _text(row, "alternate_name", 200),
                "tax_status": _text(row, "tax_status", 100),
                "year_incorporated": year if year and 1000 <= year <= 2200 else None,
                "legal_status": _text(row, "legal_status", 200),
                "logo": _text(row, "logo", 500),
                "uri": _text(row, "uri", 500),
                "parent_uuid": hsds_uuid(row["parent_organization_id"])
                if row.get("parent_organization_id")
                else None,
            }
            record = OrganisationRecord.objects.filter(organisation=organisation).first()
            if record is None:
                OrganisationRecord.objects.create(
                    organisation=organisation, uuid=hsds_uuid(row["id"]), **values
                )
            else:
                changed = [name for name, value in values.items() if getattr(record, name) != value]
                for name in changed:
                    setattr(record, name, values[name])
                if changed:
                    record.save(update_fields=changed)
                    self.summary.updated["organization"] += 1
            self.objects.setdefault("organization", {})[str(row["id"])] = organisation
        for row in self.rows("organization_identifier"):
            organisation = self.organisation_by_id(row.get("organization_id"))
            if organisation is None:
                self.warn(f"organization_identifier {row['id']}: ente non trovato, ignorato")
                continue
            if row["id"] == derived_id(self._org_uuid(organisation), "tax_code"):
                continue
            self.upsert(
                "organization_identifier",
                OrganisationIdentifier,
                row,
                {
                    "organisation": organisation,
                    "identifier_scheme": _text(row, "identifier_scheme", 100),
                    "identifier_type": _text(row, "identifier_type", 100),
                    "identifier": _text(row, "identifier", 200),
                },
            )

    @staticmethod
    def _org_uuid(organisation):
        from .serialize import organisation_uuid

        return organisation_uuid(organisation)

    def programs(self):
        owner_of_program = {
            row["program_id"]: row.get("organization_id")
            for row in self.rows("service")
            if row.get("program_id")
        }
        for row in self.rows("program"):
            organisation = self.organisation_by_id(
                row.get("organization_id") or owner_of_program.get(row["id"])
            )
            if organisation is None:
                self.warn(f"program {row['id']}: nessun ente, ignorato")
                continue
            self.upsert(
                "program",
                Program,
                row,
                {
                    "organisation": organisation,
                    "name": _text(row, "name", 200),
                    "alternate_name": _text(row, "alternate_name", 200),
                    "description": _text(row, "description"),
                },
            )

    def _municipality_for(self, row: dict, addresses: list[dict]):
        if row.get("external_identifier_type") == "ISTAT comune" and row.get("external_identifier"):
            found = Municipality.objects.filter(istat_code=row["external_identifier"]).first()
            if found:
                return found
        for address in addresses:
            found = Municipality.objects.filter(name__iexact=_text(address, "city")).first()
            if found:
                return found
        return None

    def locations(self):
        addresses_of: dict[str, list[dict]] = {}
        for address in self.rows("address"):
            addresses_of.setdefault(address.get("location_id"), []).append(address)
        for row in self.rows("location"):
            latitude, longitude = row.get("latitude"), row.get("longitude")
            if (latitude is not None and not -90 <= latitude <= 90) or (
                longitude is not None and not -180 <= longitude <= 180
            ):
                self.warn(f"location {row['id']}: coordinate fuori scala ({latitude}, {longitude}), ignorate")
                latitude = longitude = None
            micro = None
            if row.get("intreccio_micro_territory"):
                micro = MicroTerritory.objects.filter(code=row["intreccio_micro_territory"]).first()
            municipality = self._municipality_for(row, addresses_of.get(row["id"], []))
            if (
                micro is not None
                and municipality is not None
                and not micro.municipalities.filter(pk=municipality.pk).exists()
            ):
                micro = None
            place_kind = row.get("intreccio_place_kind", "")
            precision = row.get("intreccio_coordinates_precision", "exact")
            name = (
                _text(row, "name", 200)
                or next((_text(a, "address_1", 200) for a in addresses_of.get(row["id"], [])), "")
                or f"Sede {str(row['id'])[:8]}"
            )
            location = self.upsert(
                "location",
                Location,
                row,
                {
                    "organisation": self._location_organisation(row),
                    "location_type": row.get("location_type", "physical"),
                    "name": name,
                    "alternate_name": _text(row, "alternate_name", 200),
                    "description": _text(row, "description"),
                    "transportation": _text(row, "transportation"),
                    "url": _text(row, "url", 500),
                    "latitude": latitude,
                    "longitude": longitude,
                    "external_identifier": _text(row, "external_identifier", 200),
                    "external_identifier_type": _text(row, "external_identifier_type", 100),
                    "municipality": municipality,
                    "micro_territory": micro,
                    "place_kind": place_kind if place_kind in Location.PlaceKind.values else "",
                    "coordinates_precision": precision,
                    "step_free_access": bool(row.get("intreccio_step_free_access", False)),
                },
            )
            if location.changed_by_import:
                self.summary.locations.append(location)
        for row in self.rows("address"):
            location = self.reference("location", Location, row, "location_id", required_by="address")
            if location is None:
                continue
            self.upsert(
                "address",
                Address,
                row,
                {
                    "location": location,
                    "attention": _text(row, "attention", 200),
                    "address_1": _text(row, "address_1", 200),
                    "address_2": _text(row, "address_2", 200),
                    "city": _text(row, "city", 200),
                    "region": _text(row, "region", 200),
                    "state_province": _text(row, "state_province", 100),
                    "postal_code": _text(row, "postal_code", 20),
                    "country": _text(row, "country", 2).upper(),
                    "address_type": row.get("address_type", "physical"),
                },
            )
        for row in self.rows("accessibility"):
            location = self.reference("location", Location, row, "location_id", required_by="accessibility")
            if location is None:
                continue
            if row["id"] == derived_id(location.uuid, "accessibility"):
                if row.get("details") == "step_free_access":
                    location.step_free_access = True
                location.accessibility_description = _text(row, "description")
                location.save(update_fields=["step_free_access", "accessibility_description"])
                continue
            self.upsert(
                "accessibility",
                Accessibility,
                row,
                {
                    "location": location,
                    "description": _text(row, "description"),
                    "details": _text(row, "details"),
                    "url": _text(row, "url", 500),
                },
            )

    def _location_organisation(self, row):
        organisation_id = row.get("organization_id")
        if not organisation_id:
            return None
        organisation = self.organisation_by_id(organisation_id)
        if organisation is None:
            self.warn(f"location {row['id']}: ente {organisation_id} non trovato, riferimento ignorato")
        return organisation

    def services(self):
        for row in self.rows("service"):
            organisation = self.organisation_by_id(row.get("organization_id"))
            if organisation is None:
                self.error(
                    "service",
                    row,
                    "/organization_id",
                    "ogni servizio deve appartenere a un ente presente nel file o già registrato",
                )
                continue
            key = hsds_uuid(row["id"])
            clash = (
                Service.objects.filter(organisation=organisation, name__iexact=_text(row, "name"))
                .exclude(uuid=key)
                .first()
            )
            if clash is not None:
                self.error(
                    "service",
                    row,
                    "/name",
                    f"l'ente ha già un servizio «{clash.name}» con un altro id ({clash.uuid})",
                )
                continue
            minimum, maximum = _int(row, "minimum_age"), _int(row, "maximum_age")
            if minimum is not None and maximum is not None and minimum > maximum:
                self.warn(f"service {row['id']}: età minima maggiore della massima, età ignorate")
                minimum = maximum = None
            assured = parse_date(str(row.get("assured_date", ""))[:10]) if row.get("assured_date") else None
            program = self.reference("program", Program, row, "program_id", required_by="service")
            service = self.upsert(
                "service",
                Service,
                row,
                {
                    "organisation": organisation,
                    "program": program,
                    "name": _text(row, "name", 200),
                    "alternate_name": _text(row, "alternate_name", 200),
                    "description": _text(row, "description"),
                    "url": _text(row, "url", 500),
                    "email": _text(row, "email", 254),
                    "status": row["status"],
                    "interpretation_services": _text(row, "interpretation_services", 300),
                    "application_process": _text(row, "application_process"),
                    "fees_description": _text(row, "fees_description") or _text(row, "fees"),
                    "wait_time": _text(row, "wait_time", 200),
                    "accreditations": _text(row, "accreditations"),
                    "eligibility_description": _text(row, "eligibility_description"),
                    "minimum_age": minimum,
                    "maximum_age": maximum,
                    "licenses": _text(row, "licenses"),
                    "alert": _text(row, "alert"),
                    "free_of_charge": bool(row.get("intreccio_free_of_charge", False)),
                    "last_verified_at": timezone.make_aware(
                        datetime.datetime.combine(assured, datetime.time(12))
                    )
                    if assured
                    else None,
                    "assurer_email": _text(row, "assurer_email", 254),
                },
            )
            if service.changed_by_import:
                self.summary.services.append(service)

    def links(self):
        for row in self.rows("service_at_location"):
            service = self.reference("service", Service, row, "service_id", required_by="service_at_location")
            location = self.reference(
                "location", Location, row, "location_id", required_by="service_at_location"
            )
            if service is None or location is None:
                self.warn(f"service_at_location {row['id']}: servizio o sede mancante, ignorato")
                continue
            existing = ServiceAtLocation.objects.filter(service=service, location=location).exclude(
                uuid=hsds_uuid(row["id"])
            )
            if existing.exists():
                self.objects.setdefault("service_at_location", {})[str(row["id"])] = existing.first()
                continue
            self.upsert(
                "service_at_location",
                ServiceAtLocation,
                row,
                {"service": service, "location": location, "description": _text(row, "description")},
            )

    def owners(self, row: dict, kinds) -> dict:
        models = {
            "organization": ("organisation", None),
            "service": ("service", Service),
            "location": ("location", Location),
            "service_at_location": ("service_at_location", ServiceAtLocation),
            "contact": ("contact", Contact),
            "phone": ("phone", Phone),
        }
        values = {}
        for kind in kinds:
            attribute, model = models[kind]
            if kind == "organization":
                values[attribute] = self.organisation_by_id(row.get("organization_id"))
            else:
                values[attribute] = self.find(kind, model, row.get(f"{kind}_id"))
        return values

    def contacts_and_phones(self):
        for row in self.rows("contact"):
            owners = self.owners(row, ("organization", "service", "location", "service_at_location"))
            if not any(owners.values()):
                self.warn(f"contact {row['id']}: non collegato a nulla di importato, ignorato")
                continue
            self.upsert(
                "contact",
                Contact,
                row,
                {
                    **owners,
                    "name": _text(row, "name", 200),
                    "title": _text(row, "title", 200),
                    "department": _text(row, "department", 200),
                    "email": _text(row, "email", 254),
                },
            )
        for row in self.rows("phone"):
            owners = self.owners(
                row, ("organization", "service", "location", "service_at_location", "contact")
            )
            service = owners.get("service")
            if service is not None and row["id"] == derived_id(service.uuid, "phone"):
                if service.phone != _text(row, "number", 30):
                    service.phone = _text(row, "number", 30)
                    service.save(update_fields=["phone"])
                continue
            organisation = owners.get("organisation")
            if organisation is not None and row["id"] == derived_id(self._org_uuid(organisation), "phone"):
                continue
            if not any(owners.values()):
                self.warn(f"phone {row['id']}: non collegato a nulla di importato, ignorato")
                continue
            self.upsert(
                "phone",
                Phone,
                row,
                {
                    **owners,
                    "number": _text(row, "number", 50),
                    "extension": _int(row, "extension"),
                    "type": _text(row, "type", 20),
                    "description": _text(row, "description"),
                },
            )
        for row in self.rows("language"):
            owners = self.owners(row, ("service", "location", "phone"))
            if not any(owners.values()):
                self.warn(f"language {row['id']}: non collegato a nulla di importato, ignorato")
                continue
            self.upsert(
                "language",
                Language,
                row,
                {
                    **owners,
                    "code": _text(row, "code", 10).lower(),
                    "name": _text(row, "name", 100),
                    "note": _text(row, "note", 300),
                },
            )

    def schedules(self):
        for row in self.rows("schedule"):
            owners = self.owners(row, ("service", "location", "service_at_location"))
            if not any(owners.values()):
                self.warn(f"schedule {row['id']}: non collegato a nulla di importato, ignorato")
                continue
            values = {**owners}
            for name in ("valid_from", "valid_to", "dtstart", "until"):
                raw = row.get(name)
                parsed = parse_date(str(raw)[:10]) if raw else None
                if raw and parsed is None:
                    self.error("schedule", row, f"/{name}", f"data non valida: {raw} (usa AAAA-MM-GG)")
                values[name] = parsed
            for name in ("opens_at", "closes_at"):
                raw = row.get(name)
                parsed = None
                if raw:
                    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", str(raw).strip())
                    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
                        parsed = datetime.time(
                            int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
                        )
                    else:
                        self.error("schedule", row, f"/{name}", f"orario non valido: {raw} (usa HH:MM)")
                values[name] = parsed
            if values["opens_at"] and values["closes_at"] and values["opens_at"] >= values["closes_at"]:
                self.error("schedule", row, "/closes_at", "l'orario di chiusura precede quello di apertura")
                continue
            values.update(
                {
                    "freq": row.get("freq", ""),
                    "interval": _int(row, "interval"),
                    "byday": _text(row, "byday", 100),
                    "bymonthday": _text(row, "bymonthday", 100),
                    "byweekno": _text(row, "byweekno", 100),
                    "byyearday": _text(row, "byyearday", 100),
                    "wkst": _text(row, "wkst", 2),
                    "count": _int(row, "count"),
                    "timezone": row.get("timezone"),
                    "description": _text(row, "description"),
                    "schedule_link": _text(row, "schedule_link", 500),
                    "attending_type": _text(row, "attending_type", 200),
                    "notes": _text(row, "notes"),
                    "closed_on_public_holidays": bool(row.get("intreccio_closed_on_public_holidays", True)),
                }
            )
            self.upsert("schedule", Schedule, row, values)

    def service_details(self):
        for row in self.rows("service_area"):
            service = self.reference("service", Service, row, "service_id", required_by="service_area")
            if service is None:
                continue
            if row.get("extent_type") == "intreccio_micro_territory":
                micro = MicroTerritory.objects.filter(code=row.get("extent", "")).first()
                if micro is not None:
                    service.micro_territories.add(micro)
                    continue
            self.upsert(
                "service_area",
                ServiceArea,
                row,
                {
                    "service": service,
                    "name": _text(row, "name", 200),
                    "description": _text(row, "description"),
                    "extent": _text(row, "extent"),
                    "extent_type": _text(row, "extent_type", 50),
                    "uri": _text(row, "uri", 500),
                },
            )
        for row in self.rows("required_document"):
            service = self.reference("service", Service, row, "service_id", required_by="required_document")
            if service is not None:
                self.upsert(
                    "required_document",
                    RequiredDocument,
                    row,
                    {
                        "service": service,
                        "document": _text(row, "document", 300),
                        "uri": _text(row, "uri", 500),
                    },
                )
        for row in self.rows("cost_option"):
            service = self.reference("service", Service, row, "service_id", required_by="cost_option")
            if service is None:
                continue
            try:
                amount = (
                    Decimal(str(row["amount"])).quantize(Decimal("0.01"))
                    if row.get("amount") is not None
                    else None
                )
            except InvalidOperation:
                amount = None
            self.upsert(
                "cost_option",
                CostOption,
                row,
                {
                    "service": service,
                    "valid_from": parse_date(str(row.get("valid_from", ""))[:10])
                    if row.get("valid_from")
                    else None,
                    "valid_to": parse_date(str(row.get("valid_to", ""))[:10])
                    if row.get("valid_to")
                    else None,
                    "option": _text(row, "option", 300),
                    "currency": _text(row, "currency", 3),
                    "amount": amount,
                    "amount_description": _text(row, "amount_description", 300),
                },
            )
        for row in self.rows("funding"):
            owners = self.owners(row, ("organization", "service"))
            if any(owners.values()):
                self.upsert("funding", Funding, row, {**owners, "source": _text(row, "source")})

    def attributes(self):
        for row in self.rows("attribute"):
            term = self.reference(
                "taxonomy_term", TaxonomyTerm, row, "taxonomy_term_id", required_by="attribute"
            )
            link = hsds_uuid(row["link_id"]) if row.get("link_id") else None
            if link is None:
                self.warn(f"attribute {row['id']}: manca link_id, ignorato")
                continue
            if term is not None and term.need_id and row.get("link_entity") == "service":
                service = Service.objects.filter(uuid=link).first()
                if service is not None:
                    service.needs.add(term.need_id)
                    continue
            self.upsert(
                "attribute",
                Attribute,
                row,
                {
                    "taxonomy_term": term,
                    "link_id": link,
                    "link_type": _text(row, "link_type", 100),
                    "link_entity": _text(row, "link_entity", 50) or "unknown",
                    "value": _text(row, "value"),
                },
            )

    def metadata(self):
        for row in self.rows("metadata"):
            key = hsds_uuid(row["id"])
            if ChangeRecord.objects.filter(uuid=key).exists():
                continue
            raw = str(row.get("last_action_date", ""))
            moment = parse_datetime(raw)
            if moment is None:
                day = parse_date(raw[:10])
                if day is None:
                    self.error("metadata", row, "/last_action_date", f"data non valida: {raw}")
                    continue
                moment = datetime.datetime.combine(day, datetime.time(12))
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            ChangeRecord.objects.create(
                uuid=key,
                resource_id=hsds_uuid(row.get("resource_id") or row["id"]),
                resource_type=_text(row, "resource_type", 50) or "unknown",
                last_action_date=moment,
                last_action_type=_text(row, "last_action_type", 20),
                field_name=_text(row, "field_name", 100),
                previous_value=_text(row, "previous_value"),
                replacement_value=_text(row, "replacement_value"),
                updated_by=_text(row, "updated_by", 300),
            )
            self.summary.created["metadata"] += 1

    def run(self) -> ImportSummary:
        self.taxonomies()
        self.organisations()
        self.programs()
        self.locations()
        self.services()
        self.links()
        self.contacts_and_phones()
        self.schedules()
        self.service_details()
        self.attributes()
        self.metadata()
        if self.problems:
            raise DatasetRejected(self.problems)
        return self.summary
