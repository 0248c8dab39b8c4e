"""People endpoints (/api/v1/people/): find-or-register, a person, sharing choices, documents.

The same actions, queries and rules as the pages: a person is returned only
to operators the rules let see them (otherwise 404, audited); a search
discloses unrelated persons only as "known to the network" with the lead's
contact; a registration that matches known persons answers 409 with their
ids unless `confirm_duplicate` is true.
"""

import datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from intreccio.organisations.models import Organisation
from intreccio.people import actions, queries
from intreccio.people.models import ConsentRecord, IdentityDocument, Person

from .main import ERRORS

router = Router(tags=["people"])

# Choices as literals: enums of different models share class names ("Kind") in the OpenAPI schema.
DocumentKind = Literal[tuple(IdentityDocument.Kind.values)]
OrganisationKind = Literal[tuple(Organisation.Kind.values)]
Sex = Literal[tuple(Person.Sex.values)]
Precision = Literal[tuple(Person.BirthDatePrecision.values)]
LivingSituation = Literal[tuple(Person.LivingSituation.values)]
ResidenceStatus = Literal[tuple(Person.ResidenceStatus.values)]
Sharing = Literal[tuple(Person.Sharing.values)]
Purpose = Literal[tuple(ConsentRecord.Purpose.values)]
# Database ids (positive, within a signed 64-bit integer).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class LeadContactOut(Schema):
    lead_name: str
    lead_email: str
    organisation_name: str
    organisation_phone: str


class SearchResultOut(Schema):
    person_id: int
    disclosure: str = Field(
        description='"full": the user may see the person; "known": only that the network knows them'
    )
    score: float
    full_name: str | None = None
    birth: str | None = None
    birthplace: str | None = None
    registered_by: str | None = None
    possible_duplicate: bool | None = None
    contact: LeadContactOut | None = None


def _result(result) -> dict:
    contact = result.contact.__dict__ if result.contact else None
    if not result.full:
        return {
            "person_id": result.person_id,
            "disclosure": result.disclosure,
            "score": result.score,
            "contact": contact,
        }
    return {
        "person_id": result.person_id,
        "disclosure": result.disclosure,
        "score": result.score,
        "full_name": result.full_name,
        "birth": result.birth,
        "birthplace": result.birthplace,
        "registered_by": result.registered_by,
        "possible_duplicate": result.possible_duplicate,
        "contact": contact,
    }


class PersonSearchIn(Schema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=200,
        description="Nomi in qualsiasi ordine, data o anno di nascita, codice, telefono",
    )
    limit: int = Field(10, ge=1, le=25)


@router.get("/search", response={200: list[SearchResultOut], **ERRORS}, operation_id="find_persons")
def find_persons(request, filters: Query[PersonSearchIn]):
    """Find a person before registering them (minimal disclosure; the search is audited)."""
    from intreccio.core.exceptions import PermissionDenied
    from intreccio.people.rules import can_search_persons

    if not can_search_persons(request.user):
        raise PermissionDenied("La ricerca delle persone è riservata a chi lavora con le persone in un ente.")
    return [_result(result) for result in queries.find_persons(request.user, filters.q, limit=filters.limit)]


class DocumentIn(Schema):
    kind: DocumentKind
    number: str = Field(..., max_length=40)
    issued_by: str = Field("", max_length=120)
    valid_until: datetime.date | None = None


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    issued_by: str
    valid_until: datetime.date | None = None
    warnings: list[dict]


class PersonIn(Schema):
    given_names: str = Field("", max_length=150)
    surnames: str = Field("", max_length=150)
    sex: Sex = ""
    birth_date: datetime.date | None = None
    birth_date_precision: Precision = "unknown"
    declared_age: int | None = Field(None, ge=0, le=120)
    birthplace_municipality_code: str = Field("", max_length=4)
    birthplace_name: str = Field("", max_length=120)
    birth_country: str = Field("", max_length=2)
    citizenships: list[str] = []
    languages: list[str] = []
    preferred_language: str = Field("", max_length=10)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=250)
    living_situation: LivingSituation = "unknown"
    residence_status: ResidenceStatus = "unknown"


class RegistrationIn(PersonIn):
    documents: list[DocumentIn] = []
    confirm_duplicate: bool = Field(
        False,
        description="Registra anche se la rete conosce persone simili (segnalata come possibile doppione)",
    )


class PersonOut(Schema):
    id: int
    given_names: str
    surnames: str
    sex: str
    birth_date: datetime.date | None = None
    birth_date_precision: str
    declared_age: int | None = None
    birthplace_name: str
    birth_country: str
    citizenships: list[str]
    languages: list[str]
    preferred_language: str
    phone: str
    email: str
    address: str
    living_situation: str
    residence_status: str
    sharing: str
    possible_duplicate: bool
    registered_by: str | None = None
    documents: list[DocumentOut]


def _person_out(person: Person) -> dict:
    return {
        **{
            field: getattr(person, field)
            for field in PersonOut.model_fields
            if hasattr(person, field) and field not in ("documents", "id")
        },
        "id": person.pk,
        "registered_by": person.registered_by_organisation.name
        if person.registered_by_organisation_id
        else None,
        "documents": queries.documents_of(person),
    }


@router.post("/", response={201: PersonOut, **ERRORS}, operation_id="register_person")
def register_person(request, payload: RegistrationIn):
    """Register a person (409 `probable_duplicate` with the candidates' ids unless confirm_duplicate)."""
    data = payload.dict()
    documents = data.pop("documents")
    person = actions.register_person(actor=request.user, documents=documents, **data)
    return Status(
        201, _person_out(queries.get_person_for_user(request.user, person.pk, purpose="registrazione"))
    )


@router.get("/{person_id}", response={200: PersonOut, **ERRORS}, operation_id="get_person")
def get_person(request, person_id: int):
    """A person the user may see (audited; 404 whether missing or hidden)."""
    return _person_out(queries.get_person_for_user(request.user, person_id, purpose="API"))


class SharingIn(Schema):
    scope: Sharing
    organisations: list[Id] = Field([], description="Per la scelta «selected»: gli enti autorizzati")
    organisation_kinds: list[OrganisationKind] = []
    purposes: list[Purpose] = []


class SharingOut(Schema):
    person_id: int
    sharing: str
    recorded_at: datetime.datetime | None = None
    organisations: list[int]
    organisation_kinds: list[str]
    purposes: list[str]


def _sharing_out(person) -> dict:
    record = queries.consent_in_force(person)
    return {
        "person_id": person.pk,
        "sharing": person.sharing,
        "recorded_at": record.recorded_at if record else None,
        "organisations": sorted(organisation.pk for organisation in record.organisations.all())
        if record
        else [],
        "organisation_kinds": record.organisation_kinds if record else [],
        "purposes": record.purposes if record else [],
    }


@router.post(
    "/{person_id}/sharing", response={200: SharingOut, **ERRORS}, operation_id="record_sharing_choice"
)
def record_sharing_choice(request, person_id: int, payload: SharingIn):
    """Record the person's sharing choice; it replaces the one in force at once."""
    person = queries.get_person_for_user(request.user, person_id, purpose="scelte di condivisione")
    organisations = list(Organisation.objects.filter(pk__in=payload.organisations, active=True))
    if len(organisations) != len(set(payload.organisations)):
        from intreccio.core.exceptions import ApplicationError

        raise ApplicationError(
            "Alcuni enti indicati non esistono o non sono attivi.", code="unknown_organisation"
        )
    actions.record_sharing_choice(
        person,
        actor=request.user,
        scope=payload.scope,
        organisations=organisations,
        organisation_kinds=payload.organisation_kinds,
        purposes=payload.purposes,
    )
    return _sharing_out(person)


@router.post(
    "/{person_id}/sharing/withdraw", response={200: SharingOut, **ERRORS}, operation_id="withdraw_sharing"
)
def withdraw_sharing(request, person_id: int):
    """Withdraw sharing with immediate effect (other organisations lose sight at their next request)."""
    person = queries.get_person_for_user(request.user, person_id, purpose="revoca della condivisione")
    actions.withdraw_sharing(person, actor=request.user)
    return _sharing_out(person)


@router.get(
    "/{person_id}/documents",
    response={200: list[DocumentOut], **ERRORS},
    operation_id="list_person_documents",
)
def list_person_documents(request, person_id: int):
    """The person's documents and codes, with the warnings found when decoding them."""
    return queries.documents_of(queries.get_person_for_user(request.user, person_id, purpose="documenti"))


@router.post(
    "/{person_id}/documents", response={201: DocumentOut, **ERRORS}, operation_id="add_person_document"
)
def add_person_document(request, person_id: int, payload: DocumentIn):
    """Add a document or code (a tax code is validated and decoded; disagreements become warnings)."""
    person = queries.get_person_for_user(request.user, person_id, purpose="documenti")
    return Status(201, actions.add_document(person, actor=request.user, **payload.dict()))
