"""The organisations of the network and their sites (access points among them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Comune")
        PLANNING_OFFICE = "planning_office", _("Ufficio di Piano")
        HEALTH_SERVICE = "health_service", _("Servizio sanitario (ASST/ATS)")
        PUBLIC_HOUSING = "public_housing", _("Azienda per la casa (ALER)")
        ASSOCIATION = "association", _("Associazione del terzo settore")
        COOPERATIVE = "cooperative", _("Cooperativa sociale")
        CHARITY = "charity", _("Parrocchia o ente caritativo")
        FOUNDATION = "foundation", _("Fondazione")
        SCHOOL = "school", _("Scuola")
        EMPLOYER = "employer", _("Datore di lavoro")
        EMPLOYMENT_SERVICE = "employment_service", _("Servizio per l'impiego")
        OTHER = "other", _("Altro")

    # Kinds that act as public bodies (legal basis: law, not consent).
    PUBLIC_KINDS = frozenset(
        {
            Kind.MUNICIPALITY,
            Kind.PLANNING_OFFICE,
            Kind.HEALTH_SERVICE,
            Kind.PUBLIC_HOUSING,
            Kind.SCHOOL,
            Kind.EMPLOYMENT_SERVICE,
        }
    )

    name = models.CharField(_("nome"), max_length=200, unique=True)
    short_name = models.CharField(_("nome breve"), max_length=60, blank=True)
    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices)
    tax_code = models.CharField(_("codice fiscale o partita IVA"), max_length=16, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, related_name="organisations", verbose_name=_("ambito")
    )
    micro_territories = models.ManyToManyField(
        "territory.MicroTerritory",
        blank=True,
        related_name="organisations",
        verbose_name=_("microterritori serviti"),
    )
    data_protection_email = models.EmailField(
        _("e-mail del referente privacy"),
        blank=True,
        help_text=_("Riceve gli avvisi su accessi anomali e accessi in emergenza."),
    )
    active = models.BooleanField(_("attivo"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ente")
        verbose_name_plural = _("enti")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_public_body(self) -> bool:
        return self.kind in self.PUBLIC_KINDS


class Site(models.Model):
    """A place where an organisation works; an access point where people are met."""

    class AccessPointKind(models.TextChoices):
        NONE = "", _("Non è un punto di accesso")
        SOCIAL_SECRETARIAT = "social_secretariat", _("Segretariato sociale comunale")
        LISTENING_CENTRE = "listening_centre", _("Centro di ascolto")
        COMMUNITY_HOUSE = "community_house", _("Casa di comunità")
        SOCIAL_CONCIERGE = "social_concierge", _("Portineria sociale")
        NEIGHBOURHOOD_NURSE = "neighbourhood_nurse", _("Infermiere di quartiere")
        SCHOOL = "school", _("Scuola")
        HEALTH_DESK = "health_desk", _("Sportello sanitario")
        HOUSING_DESK = "housing_desk", _("Sportello casa")
        WORK_DESK = "work_desk", _("Sportello lavoro")
        OUTREACH = "outreach", _("Unità di strada")
        OTHER = "other", _("Altro punto di accesso")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("nome"), max_length=200)
    address = models.CharField(_("indirizzo"), max_length=200)
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("comune")
    )
    micro_territory = models.ForeignKey(
        "territory.MicroTerritory",
        on_delete=models.PROTECT,
        related_name="sites",
        verbose_name=_("microterritorio"),
    )
    access_point_kind = models.CharField(
        _("punto di accesso"), max_length=30, choices=AccessPointKind.choices, blank=True, default=""
    )
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    active = models.BooleanField(_("attiva"), default=True)

    class Meta:
        verbose_name = _("sede")
        verbose_name_plural = _("sedi")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="site_name_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"

    @property
    def is_access_point(self) -> bool:
        return bool(self.access_point_kind)
