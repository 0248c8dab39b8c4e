"""Reads of organisations and sites (the network's shared directory of who is who)."""

from django.db.models import Count, Q, QuerySet

from intreccio.core.exceptions import NotFound

from .models import Organisation, Site
from .rules import can_view_organisation


def organisations_visible_to(user) -> QuerySet[Organisation]:
    if not can_view_organisation(user):
        return Organisation.objects.none()
    return Organisation.objects.select_related("district").annotate(
        site_count=Count("sites", filter=Q(sites__active=True), distinct=True)
    )


def get_organisation_for_user(user, organisation_id) -> Organisation:
    try:
        return organisations_visible_to(user).get(pk=organisation_id)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def sites_of(organisation: Organisation) -> QuerySet[Site]:
    return organisation.sites.select_related("municipality", "micro_territory").order_by("-active", "name")


def get_site_for_user(user, organisation: Organisation, site_id) -> Site:
    try:
        return sites_of(organisation).get(pk=site_id)
    except (Site.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_points(micro_territory=None) -> QuerySet[Site]:
    queryset = Site.objects.filter(active=True, organisation__active=True).exclude(access_point_kind="")
    if micro_territory is not None:
        queryset = queryset.filter(micro_territory=micro_territory)
    return queryset.select_related("organisation", "municipality", "micro_territory")


def organisations_for_setup() -> QuerySet[Organisation]:
    """Every organisation, for installation commands run by the system itself."""
    return Organisation.objects.select_related("district")
