"""Responses (risposte, prestazioni, interventi) the network gives a person, and their overlaps.

Every concrete response is recorded by the organisation that gives it.
Two responses of the same `overlap_group` for the same person (or household)
in overlapping periods from different organisations are an overlap: an
`OverlapAlert` is raised for the case and the organisations involved; the
lead can mark it as intended ("complementary"). An alert raised while an
operator was about to record (`raised_before_recording`) and not followed by
the recording counts as an overlap prevented.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResponseType(models.Model):
    class Unit(models.TextChoices):
        ITEM = "item", _("unità")
        PARCEL = "parcel", _("pacchi")
        MEAL = "meal", _("pasti")
        NIGHT = "night", _("notti")
        HOUR = "hour", _("ore")
        SESSION = "session", _("incontri")
        MONTH = "month", _("mesi")
        EURO = "euro", _("euro")

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("nome"), max_length=120, unique=True)
    description = models.TextField(_("descrizione"), blank=True)
    # Equivalent types share a group (food parcel ≈ food card): overlaps are per group.
    overlap_group = models.SlugField(_("gruppo di equivalenza"), max_length=50)
    # Whether two of these in the same period are an overlap at all (a canteen meal is not).
    overlap_checked = models.BooleanField(_("controlla le sovrapposizioni"), default=True)
    unit = models.CharField(_("unità di misura"), max_length=10, choices=Unit.choices, default=Unit.ITEM)
    # Whether the response carries a money amount (economic contribution, rent, bills).
    monetary = models.BooleanField(_("ha un importo in euro"), default=False)
    default_value = models.DecimalField(
        _("valore indicativo (euro)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    need = models.ForeignKey(
        "directory.Need",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bisogno a cui risponde"),
    )
    # Sensitive category the response reveals (e.g. addiction service), see core.sensitivity.
    sensitive_category = models.CharField(max_length=30, blank=True)
    # How many days one response covers when it has no end date (a food parcel: 30);
    # 0 or 1: a one-off response occupies its own day only.
    coverage_days = models.PositiveSmallIntegerField(_("giorni coperti da una risposta singola"), default=0)
    active = models.BooleanField(_("in uso"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tipo di risposta")
        verbose_name_plural = _("tipi di risposta")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Response(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="responses")
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    type = models.ForeignKey(
        ResponseType, on_delete=models.PROTECT, related_name="responses", verbose_name=_("tipo")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="responses_given",
        verbose_name=_("ente che la eroga"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A one-off response has starts_on only; a period has both ends.
    starts_on = models.DateField(_("dal (o il)"))
    ends_on = models.DateField(_("al"), null=True, blank=True)
    quantity = models.DecimalField(_("quantità"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("importo (euro)"), max_digits=10, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("nota"), blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    need = models.ForeignKey(
        "directory.Need",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bisogno"),
    )
    action = models.ForeignKey(
        "plans.PlanAction", null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    categories = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    # A response recorded by mistake is cancelled (kept, with who and why), never deleted.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    # The last day the response covers: ends_on, or starts_on plus the type's coverage
    # (stored at recording, so that the overlap check is one indexed range condition).
    covers_until = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("risposta")
        verbose_name_plural = _("risposte")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="response_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="response_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0), name="response_quantity_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "starts_on"], name="response_person_start"),
            models.Index(fields=["household", "starts_on"], name="response_household_start"),
            models.Index(fields=["organisation", "starts_on"], name="response_org_start"),
            models.Index(fields=["person", "covers_until"], name="response_person_covers"),
            models.Index(fields=["household", "covers_until"], name="response_household_covers"),
        ]

    def __str__(self) -> str:
        return f"{self.type} – {self.starts_on}"

    @property
    def last_day(self):
        return self.covers_until or self.ends_on or self.starts_on

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class OverlapAlert(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Da valutare")
        COMPLEMENTARY = "complementary", _("Voluta: risposte complementari")
        RESOLVED = "resolved", _("Risolta")
        PREVENTED = "prevented", _("Evitata: la seconda risposta non è stata registrata")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="overlap_alerts")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    overlap_group = models.SlugField(max_length=50)
    # The response already there, and the new one (null while it is only about to be recorded).
    existing = models.ForeignKey(
        Response, on_delete=models.PROTECT, related_name="overlap_alerts_as_existing"
    )
    new = models.ForeignKey(
        Response, null=True, blank=True, on_delete=models.PROTECT, related_name="overlap_alerts_as_new"
    )
    # The organisation that was about to record (or recorded) the new response.
    new_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_before_recording = models.BooleanField(default=False)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("nota"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sovrapposizione")
        verbose_name_plural = _("sovrapposizioni")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "status"], name="overlap_person_status"),
            models.Index(fields=["status", "created_at"], name="overlap_status_time"),
        ]

    def __str__(self) -> str:
        return f"{_('Sovrapposizione')} #{self.pk}"
