"""District (Ambito) → municipalities (ISTAT) → micro-territories.

Everything that has a place has a micro-territory, so that the network is
local and the observatory can plan locally (DESIGN §3.7).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("nome"), max_length=200)
    lead_municipality = models.ForeignKey(
        "Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune capofila"),
    )
    description = models.TextField(_("descrizione"), blank=True)
    illustrative = models.BooleanField(
        _("illustrativo"), default=False, help_text=_("La composizione è un esempio, non quella ufficiale.")
    )

    class Meta:
        verbose_name = _("ambito territoriale")
        verbose_name_plural = _("ambiti territoriali")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    istat_code = models.CharField(_("codice ISTAT"), max_length=6, unique=True)
    name = models.CharField(_("nome"), max_length=200)
    province_code = models.CharField(_("sigla provincia"), max_length=2)
    cadastral_code = models.CharField(_("codice catastale"), max_length=4, unique=True)
    postcodes = models.JSONField(_("CAP"), default=list)
    population = models.PositiveIntegerField(_("popolazione"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # GeoJSON geometry (WGS84), simplified: enough to draw, not to survey.
    boundary = models.JSONField(null=True, blank=True)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="municipalities"
    )

    class Meta:
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MicroTerritory(models.Model):
    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("Quartiere o rione")
        MUNICIPALITY = "municipality", _("Comune")
        MUNICIPALITY_GROUP = "municipality_group", _("Gruppo di comuni")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="micro_territories")
    code = models.SlugField(max_length=80)
    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    municipalities = models.ManyToManyField(
        Municipality, related_name="micro_territories", verbose_name=_("comuni")
    )
    description = models.TextField(_("descrizione"), blank=True)
    # A representative point for neighbourhoods, which have no boundary data.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    illustrative = models.BooleanField(_("illustrativo"), default=False)

    class Meta:
        verbose_name = _("microterritorio")
        verbose_name_plural = _("microterritori")
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="micro_territory_code_unique")
        ]

    def __str__(self) -> str:
        return self.name
