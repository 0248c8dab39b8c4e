"""Who may do what with the territory: everyone reads it, system admins shape it."""

import rules

from intreccio.core.rules import is_operator, is_system_admin

can_view_territory = is_operator
can_manage_territory = is_system_admin

rules.add_perm("territory.view", can_view_territory)
rules.add_perm("territory.manage", can_manage_territory)
