"""Context of the accounts panels on the operator home."""

from intreccio.organisations.models import Organisation

from .queries import operators_visible_to, teams_visible_to


def organisation_admin(request):
    organisation = request.user.active_organisation
    return {
        "organisation": organisation,
        "operator_count": operators_visible_to(request.user, organisation).filter(is_active=True).count(),
        "team_count": teams_visible_to(request.user, organisation).count(),
    }


def system_admin(request):
    return {
        "organisation_count": Organisation.objects.filter(active=True).count(),
        "operator_count": operators_visible_to(request.user).filter(is_active=True).count(),
    }


def my_organisation(request):
    user = request.user
    organisation = user.active_organisation
    if organisation is None:
        return None
    return {
        "organisation": organisation,
        "roles": sorted(
            m.get_role_display() for m in user.active_memberships if m.organisation_id == organisation.pk
        ),
    }
