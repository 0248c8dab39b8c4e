"""The needs taxonomy and the services that answer needs.

The directory issue extends Service towards Open Referral HSDS 3.0
(locations, schedules, eligibility, languages, capacity) and adds places;
intakes, plans and referrals already point at these rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intreccio.core.sensitivity import SensitiveCategory


class Need(models.Model):
    """A kind of need an operator can intercept (housing, work, food…), configurable per installation."""

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(_("nome"), max_length=120)
    label_en = models.CharField(_("nome in inglese"), max_length=120, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    # Needs in a sensitive category (addiction, violence…) carry it to every
    # intake, goal and referral that mentions them.
    sensitive_category = models.CharField(
        _("categoria sensibile"), max_length=30, choices=SensitiveCategory.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(_("in uso"), default=True)

    class Meta:
        verbose_name = _("bisogno")
        verbose_name_plural = _("bisogni")
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Service(models.Model):
    """Something an organisation does for people (HSDS "service")."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Attivo")
        INACTIVE = "inactive", _("Non attivo")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporaneamente chiuso")
        DEFUNCT = "defunct", _("Cessato")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("ente"),
    )
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    needs = models.ManyToManyField(
        Need, blank=True, related_name="services", verbose_name=_("bisogni a cui risponde")
    )
    micro_territories = models.ManyToManyField(
        "territory.MicroTerritory",
        blank=True,
        related_name="services",
        verbose_name=_("microterritori serviti"),
    )
    status = models.CharField(_("stato"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("servizio")
        verbose_name_plural = _("servizi")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="service_name_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
