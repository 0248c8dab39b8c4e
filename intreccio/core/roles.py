"""The operator roles, known to every app (accounts stores who holds them).

Memberships give a user roles inside an organisation; permission rules ask
`user.has_role(...)` for the organisation the user is acting for.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ACCESS_POINT_OPERATOR = "access_point_operator", _("Operatore di sportello")
    CASE_LEAD = "case_lead", _("Case manager (assistente sociale)")
    SERVICE_OPERATOR = "service_operator", _("Operatore di servizio")
    SUPERVISOR = "supervisor", _("Coordinatore di servizio")
    ORGANISATION_ADMIN = "organisation_admin", _("Amministratore dell'ente")
    HOUSING_OFFICER = "housing_officer", _("Operatore dell'agenzia per l'abitare")
    EMPLOYMENT_OFFICER = "employment_officer", _("Operatore per l'inserimento lavorativo")
    FUND_COMMITTEE_MEMBER = "fund_committee_member", _("Membro del comitato del fondo")
    PLANNING_ANALYST = "planning_analyst", _("Analista dell'Ufficio di Piano")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Referente privacy dell'ente")
    SENTINEL = "sentinel", _("Sentinella (portiere sociale, vicino di casa)")
    SYSTEM_ADMIN = "system_admin", _("Amministratore di sistema")


# Roles that work with individual persons (and so may see personal data
# through a relationship); a planning analyst never sees a person.
PERSON_FACING_ROLES = frozenset(
    {
        Role.ACCESS_POINT_OPERATOR,
        Role.CASE_LEAD,
        Role.SERVICE_OPERATOR,
        Role.SUPERVISOR,
        Role.HOUSING_OFFICER,
        Role.EMPLOYMENT_OFFICER,
    }
)
