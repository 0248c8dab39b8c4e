"""Reads of the anomaly alerts, scoped to who may see them."""

from django.db.models import Q, QuerySet

from intreccio.core.exceptions import NotFound
from intreccio.core.roles import Role

from .models import Alert


def alerts_visible_to(user) -> QuerySet[Alert]:
    """The data-protection contact sees their organisation's alerts; a system
    administrator those tied to no organisation (failed log-ins of unknown accounts)."""
    condition = Q(pk__in=[])
    if user.has_role(Role.DATA_PROTECTION_OFFICER) and user.active_organisation_id:
        condition |= Q(organisation_id=user.active_organisation_id)
    if user.is_system_admin:
        condition |= Q(organisation__isnull=True)
    return Alert.objects.filter(condition).select_related("organisation", "closed_by")


def get_alert_for_user(user, alert_id) -> Alert:
    try:
        return alerts_visible_to(user).get(pk=alert_id)
    except (Alert.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
