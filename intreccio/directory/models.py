"""The network's map: needs taxonomy, services, locations and places (Open Referral HSDS 3.0).

Every HSDS object has a `uuid` (its HSDS `id`, stable across exports and
imports). Italian extensions (capacity, freshness, places and their
activities, translations, closures) are documented in docs/directory.md as
the Italian HSDS profile. Nothing here is personal data: the directory is
public information about organisations.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intreccio.core.sensitivity import SensitiveCategory
from intreccio.core.workflow import TransitionTable


def _uuid_field():
    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False)


class Need(models.Model):
    """A kind of need an operator can intercept (housing, work, food…), configurable per installation."""

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(_("nome"), max_length=120)
    label_en = models.CharField(_("nome in inglese"), max_length=120, blank=True)
    # Labels in the portal's other languages: {"fr": "Logement", "ar": "السكن", …}.
    translations = models.JSONField(_("traduzioni"), default=dict, blank=True)
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

    def label_for(self, language: str) -> str:
        """The label in `language`, falling back to Italian."""
        if language == "en" and self.label_en:
            return self.label_en
        return self.translations.get(language) or self.label


class CapacityStatus(models.TextChoices):
    UNKNOWN = "", _("Non indicata")
    HAS_CAPACITY = "has_capacity", _("Posti disponibili")
    WAITLIST = "waitlist", _("Lista d'attesa")
    NO_CAPACITY = "no_capacity", _("Nessun posto disponibile")
    ASSESSMENT_NEEDED = "assessment_needed", _("Disponibilità da valutare caso per caso")


class CoordinatesPrecision(models.TextChoices):
    """How far the stored point may be from the real door (distances say so)."""

    EXACT = "exact", _("Indirizzo esatto")
    STREET = "street", _("Via")
    MICRO_TERRITORY = "micro_territory", _("Centro del quartiere")
    MUNICIPALITY = "municipality", _("Centro del comune")


class Taxonomy(models.Model):
    """An HSDS taxonomy (the needs taxonomy, the kinds of place, or one imported)."""

    uuid = _uuid_field()
    code = models.SlugField(max_length=80, unique=True, null=True, blank=True)
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    uri = models.URLField(blank=True, max_length=500)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("tassonomia")
        verbose_name_plural = _("tassonomie")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """An HSDS taxonomy_term; terms of the needs taxonomy point at their Need."""

    uuid = _uuid_field()
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms", null=True)
    taxonomy_label = models.CharField(max_length=200, blank=True)  # HSDS `taxonomy` free text
    code = models.CharField(max_length=100, blank=True)
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    language = models.CharField(max_length=10, blank=True)
    term_uri = models.URLField(blank=True, max_length=500)
    need = models.OneToOneField(
        Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="taxonomy_term"
    )

    class Meta:
        verbose_name = _("voce di tassonomia")
        verbose_name_plural = _("voci di tassonomia")
        ordering = ["taxonomy_id", "code", "name"]
        indexes = [models.Index(fields=["taxonomy", "code"], name="term_taxonomy_code")]

    def __str__(self) -> str:
        return self.name


class OrganisationRecord(models.Model):
    """HSDS fields of an organisation that the organisations app does not hold (one per organisation)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="directory_record"
    )
    uuid = _uuid_field()
    alternate_name = models.CharField(max_length=200, blank=True)
    tax_status = models.CharField(max_length=100, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(null=True, blank=True)
    legal_status = models.CharField(max_length=200, blank=True)
    logo = models.CharField(max_length=500, blank=True)
    uri = models.URLField(blank=True, max_length=500)
    parent_uuid = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("dati HSDS dell'ente")
        verbose_name_plural = _("dati HSDS degli enti")

    def __str__(self) -> str:
        return f"HSDS {self.uuid}"


class OrganisationIdentifier(models.Model):
    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="directory_identifiers"
    )
    identifier_scheme = models.CharField(max_length=100, blank=True)
    identifier_type = models.CharField(max_length=100)
    identifier = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class Program(models.Model):
    """An HSDS program: a group of services of one organisation."""

    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="programs",
        verbose_name=_("ente"),
    )
    name = models.CharField(_("nome"), max_length=200)
    alternate_name = models.CharField(_("nome alternativo"), max_length=200, blank=True)
    description = models.TextField(_("descrizione"), blank=True)

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programmi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """Something an organisation does for people (HSDS "service")."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Attivo")
        INACTIVE = "inactive", _("Non attivo")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporaneamente chiuso")
        DEFUNCT = "defunct", _("Cessato")

    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("ente"),
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    name = models.CharField(_("nome"), max_length=200)
    alternate_name = models.CharField(_("nome alternativo"), max_length=200, blank=True)
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
    url = models.URLField(_("pagina web"), blank=True, max_length=500)
    eligibility_description = models.TextField(_("a chi si rivolge"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("età minima"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("età massima"), null=True, blank=True)
    application_process = models.TextField(_("come si accede"), blank=True)
    fees_description = models.TextField(_("costi"), blank=True)
    free_of_charge = models.BooleanField(_("gratuito"), default=False)
    wait_time = models.CharField(_("tempi di attesa"), max_length=200, blank=True)
    interpretation_services = models.CharField(_("interpretariato"), max_length=300, blank=True)
    accreditations = models.TextField(_("accreditamenti"), blank=True)
    licenses = models.TextField(_("autorizzazioni"), blank=True)
    alert = models.TextField(_("avviso temporaneo"), blank=True)
    # Capacity (Italian profile; HSDS 3.1 service_capacity): the overall
    # state, and the counts per unit in Capacity rows.
    capacity_status = models.CharField(
        _("disponibilità"), max_length=20, choices=CapacityStatus.choices, blank=True, default=""
    )
    capacity_updated_at = models.DateTimeField(null=True, blank=True)
    # Freshness: who confirmed the entry is right, and when (HSDS assured_date / assurer_email).
    last_verified_at = models.DateTimeField(_("ultima verifica"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assurer_email = models.EmailField(blank=True)
    stale_flagged_at = models.DateTimeField(null=True, blank=True)
    # Search index: normalised, stemmed words (directory/search.py), rebuilt by every action.
    search_title = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("servizio")
        verbose_name_plural = _("servizi")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_name_unique"),
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "organisation"], name="service_status_org"),
            models.Index(fields=["updated_at"], name="service_updated"),
            models.Index(fields=["last_verified_at"], name="service_verified"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Location(models.Model):
    """Where something happens (HSDS location); with a place kind it is also a place of the community."""

    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("Fisica")
        POSTAL = "postal", _("Recapito postale")
        VIRTUAL = "virtual", _("Online")

    class PlaceKind(models.TextChoices):
        NONE = "", _("Sede di servizi")
        COMMUNITY_HOUSE = "community_house", _("Casa di comunità")
        MEETING_PLACE = "meeting_place", _("Luogo di incontro")
        SHARED_SPACE = "shared_space", _("Spazio condiviso")
        LIBRARY = "library", _("Biblioteca")
        ORATORY = "oratory", _("Oratorio")
        SPORTS_FACILITY = "sports_facility", _("Impianto sportivo")
        PARK = "park", _("Parco o giardino")
        UNUSUAL_PLACE = "unusual_place", _("Luogo insolito")

    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_locations",
        verbose_name=_("ente"),
    )
    site = models.ForeignKey(
        "organisations.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_locations",
        verbose_name=_("sede dell'ente"),
    )
    location_type = models.CharField(
        _("tipo"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    place_kind = models.CharField(
        _("tipo di luogo"), max_length=30, choices=PlaceKind.choices, blank=True, default=""
    )
    name = models.CharField(_("nome"), max_length=200)
    alternate_name = models.CharField(_("nome alternativo"), max_length=200, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    transportation = models.TextField(_("come arrivare"), blank=True)
    url = models.URLField(_("pagina web"), blank=True, max_length=500)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    coordinates_precision = models.CharField(
        _("precisione della posizione"),
        max_length=20,
        choices=CoordinatesPrecision.choices,
        default=CoordinatesPrecision.EXACT,
    )
    external_identifier = models.CharField(max_length=200, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    micro_territory = models.ForeignKey(
        "territory.MicroTerritory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_locations",
        verbose_name=_("microterritorio"),
    )
    step_free_access = models.BooleanField(_("accessibile senza gradini"), default=False)
    accessibility_description = models.TextField(_("accessibilità"), blank=True)
    last_verified_at = models.DateTimeField(_("ultima verifica"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stale_flagged_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(_("attivo"), default=True)
    search_title = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("luogo")
        verbose_name_plural = _("luoghi")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["place_kind", "active"], name="location_place_kind"),
            models.Index(fields=["micro_territory", "active"], name="location_micro"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_place(self) -> bool:
        return bool(self.place_kind)


class Address(models.Model):
    class AddressType(models.TextChoices):
        PHYSICAL = "physical", _("Indirizzo")
        POSTAL = "postal", _("Recapito postale")
        VIRTUAL = "virtual", _("Indirizzo virtuale")

    uuid = _uuid_field()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("indirizzo"), max_length=200)
    address_2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(_("comune"), max_length=200)
    region = models.CharField(max_length=200, blank=True)
    state_province = models.CharField(_("provincia"), max_length=100)
    postal_code = models.CharField(_("CAP"), max_length=20)
    country = models.CharField(max_length=2, default="IT")
    address_type = models.CharField(max_length=10, choices=AddressType.choices, default=AddressType.PHYSICAL)

    class Meta:
        ordering = ["address_type", "id"]

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Accessibility(models.Model):
    uuid = _uuid_field()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)

    def __str__(self) -> str:
        return self.description or str(self.uuid)


class ServiceAtLocation(models.Model):
    uuid = _uuid_field()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("servizio in sede")
        verbose_name_plural = _("servizi in sede")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Activity(models.Model):
    """Something that happens in a place (Italian profile): a group, a course, an open afternoon."""

    uuid = _uuid_field()
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="activities", verbose_name=_("luogo")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_activities",
        verbose_name=_("ente organizzatore"),
    )
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    audience = models.CharField(_("per chi"), max_length=200, blank=True)
    free_of_charge = models.BooleanField(_("gratuita"), default=True)
    languages = models.CharField(_("lingue (codici ISO separati da virgola)"), max_length=100, blank=True)
    active = models.BooleanField(_("attiva"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attività")
        verbose_name_plural = _("attività")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Schedule(models.Model):
    """When something is open (HSDS schedule: an iCalendar-like weekly or monthly recurrence)."""

    class Frequency(models.TextChoices):
        WEEKLY = "WEEKLY", _("Ogni settimana")
        MONTHLY = "MONTHLY", _("Ogni mese")

    uuid = _uuid_field()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(_("frequenza"), max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    # "MO,WE" (weekly) or "1MO,-1FR" (monthly: first Monday, last Friday).
    byday = models.CharField(_("giorni"), max_length=100, blank=True)
    bymonthday = models.CharField(_("giorni del mese"), max_length=100, blank=True)
    byweekno = models.CharField(max_length=100, blank=True)
    byyearday = models.CharField(max_length=100, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    opens_at = models.TimeField(_("apre alle"), null=True, blank=True)
    closes_at = models.TimeField(_("chiude alle"), null=True, blank=True)
    valid_from = models.DateField(_("valido dal"), null=True, blank=True)
    valid_to = models.DateField(_("valido fino al"), null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    schedule_link = models.URLField(blank=True, max_length=500)
    attending_type = models.CharField(_("modalità"), max_length=200, blank=True)
    notes = models.TextField(_("note"), blank=True)
    # Italian profile: closed on national and local public holidays unless told otherwise.
    closed_on_public_holidays = models.BooleanField(_("chiuso nei giorni festivi"), default=True)

    class Meta:
        verbose_name = _("orario")
        verbose_name_plural = _("orari")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(opens_at__lt=models.F("closes_at")),
                name="schedule_opens_before_closing",
            ),
        ]

    def __str__(self) -> str:
        from .schedules import describe

        return describe(self)


class Closure(models.Model):
    """Days a service or a place is closed beyond public holidays (summer break, strike…)."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="closures"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="closures"
    )
    starts_on = models.DateField(_("dal"))
    ends_on = models.DateField(_("al"))
    reason = models.CharField(_("motivo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("chiusura")
        verbose_name_plural = _("chiusure")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")), name="closure_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} {self.reason}".strip()


class Contact(models.Model):
    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directory_contacts",
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nome"), max_length=200, blank=True)
    title = models.CharField(_("ruolo"), max_length=200, blank=True)
    department = models.CharField(_("ufficio"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    def __str__(self) -> str:
        return self.name or self.email or str(self.uuid)


class Phone(models.Model):
    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directory_phones",
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("numero"), max_length=50)
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.number


class Language(models.Model):
    """A language spoken at a service, a location or on a phone line (ISO 639-1 code)."""

    uuid = _uuid_field()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("codice"), max_length=10, blank=True)
    name = models.CharField(_("lingua"), max_length=100, blank=True)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        ordering = ["code", "name"]
        indexes = [models.Index(fields=["code"], name="language_code")]

    def __str__(self) -> str:
        return self.name or self.code


class ServiceArea(models.Model):
    """An area a service covers beyond its micro-territories (imported extents, free descriptions)."""

    uuid = _uuid_field()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=50, blank=True)
    uri = models.CharField(max_length=500, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return self.name or self.extent or str(self.uuid)


class RequiredDocument(models.Model):
    uuid = _uuid_field()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="required_documents")
    document = models.CharField(_("documento"), max_length=300)
    uri = models.URLField(blank=True, max_length=500)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.document


class CostOption(models.Model):
    uuid = _uuid_field()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=300, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.option or str(self.amount or "")


class Funding(models.Model):
    uuid = _uuid_field()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directory_funding",
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    source = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.source[:80]


class Attribute(models.Model):
    """A taxonomy term attached to any directory object (HSDS attribute)."""

    uuid = _uuid_field()
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    link_id = models.UUIDField()
    link_type = models.CharField(max_length=100, blank=True)
    link_entity = models.CharField(max_length=50)
    value = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["link_entity", "link_id"], name="attribute_link")]

    def __str__(self) -> str:
        return f"{self.link_entity} {self.link_id}: {self.value}"


class Capacity(models.Model):
    """How many places a service has now, per unit (beds, appointments this week…)."""

    uuid = _uuid_field()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="capacities")
    unit = models.CharField(_("unità"), max_length=100)
    available = models.PositiveIntegerField(_("disponibili"))
    maximum = models.PositiveIntegerField(_("massimo"), null=True, blank=True)
    description = models.CharField(_("nota"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("aggiornato il"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("disponibilità")
        verbose_name_plural = _("disponibilità")
        ordering = ["unit"]
        constraints = [
            models.UniqueConstraint(fields=["service", "unit"], name="capacity_unit_unique"),
            models.CheckConstraint(
                condition=models.Q(maximum__isnull=True) | models.Q(available__lte=models.F("maximum")),
                name="capacity_available_within_maximum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.available}/{self.maximum or '-'}"


class ChangeRecord(models.Model):
    """One changed field of a directory object (HSDS `metadata`): the full history, append-only."""

    uuid = _uuid_field()
    resource_id = models.UUIDField()
    resource_type = models.CharField(max_length=50)
    last_action_date = models.DateTimeField()
    last_action_type = models.CharField(max_length=20)  # create, update, verify, import
    field_name = models.CharField(max_length=100)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("modifica")
        verbose_name_plural = _("storico delle modifiche")
        ordering = ["-last_action_date", "-id"]
        indexes = [models.Index(fields=["resource_type", "resource_id"], name="change_resource")]

    def __str__(self) -> str:
        return f"{self.resource_type} {self.field_name} ({self.last_action_type})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("change records are append-only")
        super().save(*args, **kwargs)


class ChangeProposal(models.Model):
    """A change to another organisation's entry, waiting for its administrator's review."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Da valutare")
        ACCEPTED = "accepted", _("Accettata")
        REJECTED = "rejected", _("Respinta")

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="change_proposals"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="change_proposals"
    )
    changes = models.JSONField(_("modifiche proposte"))
    note = models.TextField(_("nota per chi valuta"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("motivazione"), blank=True)

    class Meta:
        verbose_name = _("proposta di modifica")
        verbose_name_plural = _("proposte di modifica")
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["status", "proposed_at"], name="proposal_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(location__isnull=False),
                name="proposal_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.proposed_at:%d/%m/%Y})"


# A proposal is reviewed once: accepted (applied) or rejected (with a reason).
PROPOSAL_TRANSITIONS = TransitionTable(
    {
        ChangeProposal.Status.PENDING: {ChangeProposal.Status.ACCEPTED, ChangeProposal.Status.REJECTED},
    }
)


class Translation(models.Model):
    """A service, place or activity text in another language (fallback: the Italian original)."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("lingua"), max_length=10)
    name = models.CharField(_("nome"), max_length=200, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    eligibility_description = models.TextField(_("a chi si rivolge"), blank=True)
    application_process = models.TextField(_("come si accede"), blank=True)
    fees_description = models.TextField(_("costi"), blank=True)
    transportation = models.TextField(_("come arrivare"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("traduzione")
        verbose_name_plural = _("traduzioni")
        constraints = [
            models.UniqueConstraint(fields=["service", "language"], name="translation_service_language"),
            models.UniqueConstraint(fields=["location", "language"], name="translation_location_language"),
            models.UniqueConstraint(fields=["activity", "language"], name="translation_activity_language"),
        ]
        indexes = [models.Index(fields=["language"], name="translation_language")]

    def __str__(self) -> str:
        return f"{self.language}: {self.name}"
