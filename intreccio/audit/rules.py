"""Who reads the anomaly alerts. One condition per line."""

import rules

from intreccio.core.roles import Role
from intreccio.core.rules import has_role, is_system_admin

is_data_protection_officer = has_role(Role.DATA_PROTECTION_OFFICER)


@rules.predicate
def alert_of_my_organisation(user, alert) -> bool:
    return bool(alert is not None and alert.organisation_id == user.active_organisation_id)


@rules.predicate
def alert_of_no_organisation(user, alert) -> bool:
    return bool(alert is not None and alert.organisation_id is None)


can_view_alerts = is_data_protection_officer | is_system_admin
can_close_alert = (is_data_protection_officer & alert_of_my_organisation) | (
    is_system_admin & alert_of_no_organisation
)
rules.add_perm("audit.view_alerts", can_view_alerts)
rules.add_perm("audit.close_alert", can_close_alert)
