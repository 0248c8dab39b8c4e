"""Organisation endpoints: the network's organisations and their sites."""

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from intreccio.organisations import actions, queries
from intreccio.territory import queries as territory_queries

from .main import ERRORS
from .pagination import Pagination

router = Router(tags=["organisations"])


class SiteOut(Schema):
    id: int
    name: str
    address: str
    municipality: str
    micro_territory: str
    access_point_kind: str
    phone: str
    active: bool

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.istat_code

    @staticmethod
    def resolve_micro_territory(obj):
        return obj.micro_territory.code


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    tax_code: str
    description: str
    email: str
    phone: str
    website: str
    district: str
    active: bool

    @staticmethod
    def resolve_district(obj):
        return obj.district.code


class OrganisationDetailOut(OrganisationOut):
    sites: list[SiteOut]
    micro_territories: list[str]

    @staticmethod
    def resolve_sites(obj):
        return list(queries.sites_of(obj))

    @staticmethod
    def resolve_micro_territories(obj):
        return [m.code for m in obj.micro_territories.all()]


class OrganisationIn(Schema):
    name: str
    kind: str
    district: str
    short_name: str = ""
    tax_code: str = ""
    description: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    data_protection_email: str = ""


@router.get("/", response=list[OrganisationOut], operation_id="list_organisations")
@paginate(Pagination, page_size=50)
def list_organisations(request, kind: str | None = None):
    organisations = queries.organisations_visible_to(request.user).order_by("name")
    return organisations.filter(kind=kind) if kind else organisations


@router.get(
    "/{organisation_id}", response={200: OrganisationDetailOut, **ERRORS}, operation_id="get_organisation"
)
def get_organisation(request, organisation_id: int):
    return queries.get_organisation_for_user(request.user, organisation_id)


@router.post("/", response={201: OrganisationDetailOut, **ERRORS}, operation_id="create_organisation")
def create_organisation(request, payload: OrganisationIn):
    data = payload.dict()
    data["district"] = territory_queries.get_district(data["district"])
    organisation = actions.create_organisation(actor=request.user, **data)
    return Status(201, queries.get_organisation_for_user(request.user, organisation.pk))
