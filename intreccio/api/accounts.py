"""Account endpoints: who am I, and the operators an administrator manages."""

from ninja import Router, Schema
from ninja.pagination import paginate

from intreccio.accounts import queries

from .pagination import Pagination

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    role: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name


class MeOut(Schema):
    id: int
    email: str
    given_name: str
    family_name: str
    active_organisation_id: int | None
    active_roles: list[str]
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_active_roles(obj):
        return sorted(obj.active_roles)

    @staticmethod
    def resolve_memberships(obj):
        return obj.active_memberships


class OperatorOut(Schema):
    id: int
    email: str
    given_name: str
    family_name: str
    is_active: bool
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(obj):
        return obj.shown_memberships


@router.get("/me", response=MeOut, operation_id="get_me")
def me(request):
    return request.user


@router.get("/operators", response=list[OperatorOut], operation_id="list_operators")
@paginate(Pagination, page_size=50)
def list_operators(request):
    organisation = request.user.active_organisation
    return queries.operators_visible_to(request.user, organisation).order_by("family_name", "given_name")
