"""Sensitive categories that can mark any piece of case data.

The visibility policy (who may read/write each category, in which
relationship) belongs to the trust layer; every app tags its rows with these
values so that the policy has something to apply to.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SensitiveCategory(models.TextChoices):
    HEALTH = "health", _("Salute")
    MENTAL_HEALTH = "mental_health", _("Salute mentale")
    ADDICTION = "addiction", _("Dipendenze")
    HIV = "hiv", _("HIV")
    SEXUAL_VIOLENCE = "sexual_violence", _("Violenza sessuale o di genere")
    LEGAL_STATUS = "legal_status", _("Condizione giuridica (permesso di soggiorno)")
    MINORS_PROTECTION = "minors_protection", _("Tutela dei minori")
    CRIMINAL_JUSTICE = "criminal_justice", _("Giustizia penale")


# "Dati a maggiore tutela dell'anonimato" (DM 7 settembre 2023, art. 6):
# visible only to the organisation that recorded them unless the person
# explicitly agrees.
PROTECTED_BY_DEFAULT = frozenset(
    {SensitiveCategory.ADDICTION, SensitiveCategory.HIV, SensitiveCategory.SEXUAL_VIOLENCE}
)


def tagged_protected(field: str = "categories"):
    """The condition "the row's JSON list `field` holds a category protected by default".

    A text match on the JSON list (works on SQLite and PostgreSQL alike); the
    quotes make it match whole values only.
    """
    from django.db.models import Q

    condition = Q(pk__in=[])
    for category in sorted(PROTECTED_BY_DEFAULT):
        condition |= Q(**{f"{field}__icontains": f'"{category}"'})
    return condition
