"""Reads of the needs taxonomy and of services (network information, no personal data)."""

from django.db.models import QuerySet

from intreccio.core.exceptions import NotFound

from .models import Need, Service


def active_needs() -> QuerySet[Need]:
    return Need.objects.filter(active=True)


def services(*, need: Need | None = None, micro_territory=None, organisation=None) -> QuerySet[Service]:
    """Active services, optionally those answering `need` in `micro_territory`."""
    queryset = Service.objects.filter(status=Service.Status.ACTIVE, organisation__active=True)
    if need is not None:
        queryset = queryset.filter(needs=need)
    if micro_territory is not None:
        queryset = queryset.filter(micro_territories=micro_territory)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset.select_related("organisation").distinct()


def get_service(service_id) -> Service:
    try:
        return Service.objects.select_related("organisation").get(pk=service_id)
    except (Service.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
