"""Persons, their identity documents, households and informal network, and their sharing choices.

A person may have no document at all: nothing here requires a tax code.
Reads go through people.queries (scoped by relationship and consent);
writes through people.actions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", _("Femmina")
        MALE = "M", _("Maschio")
        OTHER = "X", _("Altro / non binario")
        UNKNOWN = "", _("Non indicato")

    class BirthDatePrecision(models.TextChoices):
        EXACT = "exact", _("Data esatta")
        MONTH = "month", _("Solo mese e anno")
        YEAR = "year", _("Solo anno")
        DECLARED_AGE = "declared_age", _("Età dichiarata")
        UNKNOWN = "unknown", _("Non nota")

    class LivingSituation(models.TextChoices):
        HOUSED = "housed", _("In abitazione propria o in affitto")
        GUEST = "guest", _("Ospite di parenti o conoscenti")
        SHELTER = "shelter", _("In dormitorio o struttura di accoglienza")
        STREET = "street", _("In strada")
        INSTITUTION = "institution", _("In istituto (RSA, comunità, carcere, ospedale)")
        PRECARIOUS = "precarious", _("Alloggio precario o occupato")
        UNKNOWN = "unknown", _("Non nota")

    class ResidenceStatus(models.TextChoices):
        REGISTERED = "registered", _("Residente")
        FICTITIOUS_ADDRESS = "fictitious_address", _("Residente in via fittizia (senza dimora)")
        NONE = "none", _("Senza residenza")
        UNKNOWN = "unknown", _("Non nota")

    class Sharing(models.TextChoices):
        # Kept in step with the person's current ConsentRecord by people.actions.
        NETWORK = "network", _("Condivisione con la rete")
        SELECTED = "selected", _("Condivisione solo con enti scelti")
        REFUSED = "refused", _("Nessuna condivisione")

    given_names = models.CharField(_("nome"), max_length=150, blank=True)
    surnames = models.CharField(_("cognome"), max_length=150, blank=True)
    sex = models.CharField(_("sesso"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("data di nascita"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("precisione della data di nascita"),
        max_length=20,
        choices=BirthDatePrecision.choices,
        default=BirthDatePrecision.UNKNOWN,
    )
    declared_age = models.PositiveSmallIntegerField(_("età dichiarata"), null=True, blank=True)
    declared_age_on = models.DateField(_("età dichiarata il"), null=True, blank=True)
    # Italian municipality (cadastral code, e.g. E507 for Lecco) or foreign country (ISO 3166 alpha-2).
    birthplace_municipality_code = models.CharField(_("comune di nascita (codice)"), max_length=4, blank=True)
    birthplace_name = models.CharField(_("luogo di nascita"), max_length=120, blank=True)
    birth_country = models.CharField(_("stato di nascita"), max_length=2, blank=True)
    citizenships = models.JSONField(_("cittadinanze"), default=list, blank=True)
    languages = models.JSONField(_("lingue parlate"), default=list, blank=True)
    preferred_language = models.CharField(_("lingua preferita"), max_length=10, blank=True)
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("indirizzo o recapito"), max_length=250, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune"),
    )
    micro_territory = models.ForeignKey(
        "territory.MicroTerritory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("microterritorio"),
    )
    living_situation = models.CharField(
        _("situazione abitativa"),
        max_length=20,
        choices=LivingSituation.choices,
        default=LivingSituation.UNKNOWN,
    )
    residence_status = models.CharField(
        _("residenza anagrafica"),
        max_length=20,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.UNKNOWN,
    )
    sharing = models.CharField(
        _("condivisione"), max_length=10, choices=Sharing.choices, default=Sharing.NETWORK
    )
    # Normalised keys for find-or-register (people.search): names in every
    # order and spelling, tax and document codes, phone digits.
    search_text = models.TextField(default="", blank=True, editable=False)
    # A person created although likely matches existed: for the linkage review.
    possible_duplicate = models.BooleanField(_("possibile doppione"), default=False)
    duplicate_candidates = models.JSONField(default=list, blank=True, editable=False)
    registered_by_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("persone")
        indexes = [
            models.Index(fields=["surnames", "given_names"], name="person_names"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
            models.Index(fields=["phone"], name="person_phone"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(given_names__gt="") | Q(surnames__gt=""), name="person_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part) or "—"


class PersonName(models.Model):
    """Another way the person's name is written (alias, transliteration, previous name)."""

    class Kind(models.TextChoices):
        ALIAS = "alias", _("Alias o soprannome")
        SPELLING = "spelling", _("Altra grafia o traslitterazione")
        PREVIOUS = "previous", _("Nome precedente")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.SPELLING)
    given_names = models.CharField(_("nome"), max_length=150, blank=True)
    surnames = models.CharField(_("cognome"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("altro nome")
        verbose_name_plural = _("altri nomi")

    def __str__(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part)


class IdentityDocument(models.Model):
    class Kind(models.TextChoices):
        TAX_CODE = "tax_code", _("Codice fiscale")
        STP = "stp", _("Codice STP (straniero temporaneamente presente)")
        ENI = "eni", _("Codice ENI (europeo non iscritto)")
        PASSPORT = "passport", _("Passaporto")
        RESIDENCE_PERMIT = "residence_permit", _("Permesso di soggiorno")
        IDENTITY_CARD = "identity_card", _("Carta d'identità")
        OTHER = "other", _("Altro documento")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("numero o codice"), max_length=40)
    # Upper-case, no spaces: what searches and duplicates compare.
    normalised_number = models.CharField(max_length=40, db_index=True, editable=False)
    issued_by = models.CharField(_("rilasciato da"), max_length=120, blank=True)
    valid_until = models.DateField(_("valido fino al"), null=True, blank=True)
    # Inconsistencies found when the code was decoded (e.g. the tax code's
    # sex or date disagree with the declared ones): shown, never blocking.
    warnings = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("documento o codice")
        verbose_name_plural = _("documenti e codici")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "normalised_number"], name="document_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Household(models.Model):
    """People who live together (nucleo familiare / convivenza)."""

    name = models.CharField(_("nome del nucleo"), max_length=150, blank=True)
    address = models.CharField(_("indirizzo"), max_length=250, blank=True)
    micro_territory = models.ForeignKey(
        "territory.MicroTerritory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nucleo familiare")
        verbose_name_plural = _("nuclei familiari")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class HouseholdMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Intestatario")
        PARTNER = "partner", _("Coniuge o convivente")
        CHILD = "child", _("Figlio o figlia")
        PARENT = "parent", _("Genitore")
        RELATIVE = "relative", _("Altro parente")
        OTHER = "other", _("Altro convivente")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household_memberships")
    role = models.CharField(_("ruolo nel nucleo"), max_length=10, choices=Role.choices, default=Role.OTHER)
    since = models.DateField(_("dal"), null=True, blank=True)
    until = models.DateField(_("fino al"), null=True, blank=True)

    class Meta:
        verbose_name = _("componente del nucleo")
        verbose_name_plural = _("componenti del nucleo")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(until__isnull=True), name="one_current_household_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Relation(models.Model):
    """A tie between two persons outside (or beside) the household: the informal network."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("Genitore di")
        PARTNER = "partner", _("Partner di")
        SIBLING = "sibling", _("Fratello o sorella di")
        RELATIVE = "relative", _("Parente di")
        CARER = "carer", _("Si prende cura di")
        FRIEND = "friend", _("Amico o amica di")
        NEIGHBOUR = "neighbour", _("Vicino di casa di")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("relazione"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("nota"), max_length=250, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("relazione")
        verbose_name_plural = _("relazioni")
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "kind"], name="relation_once"),
            models.CheckConstraint(condition=~Q(person=models.F("other")), name="relation_not_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} – {self.other}"


class InformationNotice(models.Model):
    """The privacy information notice given to the person (informativa), in their language."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    language = models.CharField(_("lingua"), max_length=10)
    version = models.CharField(_("versione dell'informativa"), max_length=20)
    given_at = models.DateTimeField(_("consegnata il"), default=timezone.now)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("informativa consegnata")
        verbose_name_plural = _("informative consegnate")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.version} ({self.language})"


class ConsentRecord(models.Model):
    """The person's sharing choices at one moment; the newest one not withdrawn is in force.

    Consent is an input of the visibility rules (people.rules), not a
    checkbox: withdrawing it changes what other organisations see at their
    very next request.
    """

    class Purpose(models.TextChoices):
        TAKING_IN_CHARGE = "taking_in_charge", _("Presa in carico e progetto")
        REFERRALS = "referrals", _("Invii ad altri servizi")
        HOUSING = "housing", _("Abitare")
        WORK = "work", _("Lavoro")
        FUND = "fund", _("Fondo di solidarietà")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("condivisione"), max_length=10, choices=Person.Sharing.choices)
    # For SELECTED: the organisations and kinds of organisation allowed.
    organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("enti autorizzati")
    )
    organisation_kinds = models.JSONField(_("tipi di ente autorizzati"), default=list, blank=True)
    purposes = models.JSONField(_("finalità"), default=list, blank=True)
    # Explicit agreement to share the most protected categories (addiction,
    # HIV, sexual violence) beyond the organisation that recorded them.
    protected_categories_agreed = models.JSONField(default=list, blank=True)
    notice = models.ForeignKey(
        InformationNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("scelta di condivisione")
        verbose_name_plural = _("scelte di condivisione")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(withdrawn_at__isnull=True), name="one_consent_in_force"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ({self.recorded_at:%Y-%m-%d})"
