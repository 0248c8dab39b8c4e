"""Any door: intakes, sentinel reports, routing rules and deadlines.

An intake is routed the moment it is recorded (intake.routing): to the
person's case lead when they have an open case, otherwise to the team that
a routing rule names for that need and micro-territory, with a deadline
from the urgency's DeadlinePolicy. Nothing is ever left unrouted: the
district's default rule catches everything else.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intreccio.core.workflow import TransitionTable


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("Pericolo immediato")
    URGENT = "urgent", _("Urgente")
    ORDINARY = "ordinary", _("Ordinaria")


class Intake(models.Model):
    class Source(models.TextChoices):
        OPERATOR = "operator", _("Operatore di un punto di accesso")
        SENTINEL = "sentinel", _("Segnalazione di una sentinella")
        PORTAL = "portal", _("Richiesta dal portale")

    class Status(models.TextChoices):
        ROUTED = "routed", _("Da prendere in carico")
        TAKEN = "taken", _("Presa in carico")
        JOINED = "joined", _("Unita alla presa in carico esistente")
        CLOSED = "closed", _("Chiusa senza presa in carico")

    TRANSITIONS = TransitionTable(
        {
            Status.ROUTED: {Status.TAKEN, Status.JOINED, Status.CLOSED, Status.ROUTED},
            Status.CLOSED: {Status.ROUTED},
        }
    )

    # Who the person is, what they need, where they were met: personal data
    # (interface code reads intakes through intake.queries only).
    personal_data = True

    # None for a sentinel report about someone not yet identified.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    # What a sentinel can say about someone not identified ("anziana sola, scala B").
    subject_description = models.CharField(_("di chi si tratta"), max_length=250, blank=True)
    # How to reach someone not identified (a portal request's phone or e-mail).
    contact = models.CharField(_("recapito"), max_length=200, blank=True)
    source = models.CharField(_("origine"), max_length=10, choices=Source.choices, default=Source.OPERATOR)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("ente")
    )
    access_point = models.ForeignKey(
        "organisations.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("punto di accesso"),
    )
    access_point_kind = models.CharField(_("tipo di punto di accesso"), max_length=30, blank=True)
    micro_territory = models.ForeignKey(
        "territory.MicroTerritory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("microterritorio"),
    )
    occurred_at = models.DateTimeField(_("quando"), default=timezone.now)
    needs = models.ManyToManyField("directory.Need", related_name="+", verbose_name=_("bisogni"))
    urgency = models.CharField(_("urgenza"), max_length=10, choices=Urgency.choices, default=Urgency.ORDINARY)
    narrative = models.TextField(_("racconto breve"), blank=True)
    done_on_the_spot = models.TextField(_("cosa è già stato fatto"), blank=True)
    # Sensitive categories carried by the needs (directory.Need.sensitive_category).
    categories = models.JSONField(default=list, blank=True)
    # The person refused sharing: only the recording organisation knows who it
    # is; the network counts "someone with these needs was met here".
    shared = models.BooleanField(default=True)

    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.ROUTED)
    routed_to_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    routed_to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_intakes",
    )
    routing_rule = models.ForeignKey(
        "intake.RoutingRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routing_reason = models.CharField(max_length=250, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    due_at = models.DateTimeField(_("scadenza"), null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_note = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accesso")
        verbose_name_plural = _("accessi")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="intake_status_due"),
            models.Index(fields=["routed_to_team", "status"], name="intake_team_status"),
            models.Index(fields=["routed_to_user", "status"], name="intake_user_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(subject_description__gt=""), name="intake_has_a_subject"
            ),
            models.CheckConstraint(
                condition=~Q(status="routed")
                | Q(routed_to_team__isnull=False)
                | Q(routed_to_user__isnull=False),
                name="routed_intake_has_a_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Accesso')} #{self.pk}"


class RoutingRule(models.Model):
    """Which team takes intakes for a need in a micro-territory (blank = any)."""

    micro_territory = models.ForeignKey(
        "territory.MicroTerritory",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("microterritorio"),
    )
    need = models.ForeignKey(
        "directory.Need",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bisogno"),
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("équipe")
    )
    active = models.BooleanField(_("attiva"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regola di smistamento")
        verbose_name_plural = _("regole di smistamento")
        constraints = [
            # Blank means "any"; NULLs are distinct in a unique index, so each
            # combination of blanks has its own constraint.
            models.UniqueConstraint(
                fields=["micro_territory", "need"],
                condition=Q(active=True, micro_territory__isnull=False, need__isnull=False),
                name="one_rule_per_place_and_need",
            ),
            models.UniqueConstraint(
                fields=["need"],
                condition=Q(active=True, micro_territory__isnull=True, need__isnull=False),
                name="one_rule_per_need_anywhere",
            ),
            models.UniqueConstraint(
                fields=["micro_territory"],
                condition=Q(active=True, micro_territory__isnull=False, need__isnull=True),
                name="one_rule_per_place_any_need",
            ),
            models.UniqueConstraint(
                fields=["active"],
                condition=Q(active=True, micro_territory__isnull=True, need__isnull=True),
                name="one_district_default_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.micro_territory or '*'} × {self.need or '*'} → {self.team}"


class DeadlinePolicy(models.Model):
    """How long the team has for an intake of each urgency, and when to remind and escalate."""

    urgency = models.CharField(_("urgenza"), max_length=10, choices=Urgency.choices, unique=True)
    # 0 = the same day (by the end of the working day).
    working_days = models.PositiveSmallIntegerField(_("giorni lavorativi per prenderla in carico"))
    escalate_after_working_days = models.PositiveSmallIntegerField(
        _("giorni lavorativi di ritardo prima di avvisare il coordinatore"), default=1
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("termine per urgenza")
        verbose_name_plural = _("termini per urgenza")

    def __str__(self) -> str:
        return f"{self.get_urgency_display()}: {self.working_days}"
