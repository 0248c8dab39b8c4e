"""Taking in charge: a person's case, its one lead, its team, and lead hand-overs.

The database itself guarantees "one lead": a case has exactly one `lead`
column, and a person has at most one case that is not closed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intreccio.core.workflow import TransitionTable


class Case(models.Model):
    class Status(models.TextChoices):
        TO_ASSESS = "to_assess", _("Da valutare")
        ACTIVE = "active", _("Attiva")
        SUSPENDED = "suspended", _("Sospesa")
        CLOSED = "closed", _("Chiusa")

    class Outcome(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("Obiettivi raggiunti")
        TRANSFERRED = "transferred", _("Trasferita ad altro ambito")
        REFUSED = "refused", _("La persona ha rinunciato")
        LOST_CONTACT = "lost_contact", _("Contatto perso")
        MOVED_AWAY = "moved_away", _("Trasferimento della persona")
        DECEASED = "deceased", _("Decesso")
        NOT_ELIGIBLE = "not_eligible", _("Non di competenza")

    TRANSITIONS = TransitionTable(
        {
            Status.TO_ASSESS: {Status.ACTIVE, Status.CLOSED},
            Status.ACTIVE: {Status.SUSPENDED, Status.CLOSED},
            Status.SUSPENDED: {Status.ACTIVE, Status.CLOSED},
            Status.CLOSED: {Status.ACTIVE},
        }
    )

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("case manager"),
    )
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ente del case manager"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("équipe"),
    )
    micro_territory = models.ForeignKey(
        "territory.MicroTerritory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.TO_ASSESS)
    outcome = models.CharField(_("esito"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("nota di chiusura"), blank=True)
    categories = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField(_("aperta il"), default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(_("chiusa il"), null=True, blank=True)

    class Meta:
        verbose_name = _("presa in carico")
        verbose_name_plural = _("prese in carico")
        constraints = [
            # One open case per person, so one lead per person.
            models.UniqueConstraint(
                fields=["person"], condition=~Q(status="closed"), name="one_open_case_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False, outcome__gt="")
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="closed_case_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["lead", "status"], name="case_lead_status")]

    def __str__(self) -> str:
        return f"{_('Presa in carico')} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class CaseMember(models.Model):
    """An operator on the case's team (the lead is one too), from any organisation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships"
    )
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("ruolo nell'équipe"), max_length=120, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("componente dell'équipe del caso")
        verbose_name_plural = _("équipe del caso")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(removed_at__isnull=True), name="case_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role or self.organisation}"


class LeadHandover(models.Model):
    """A proposal to pass the lead to another operator; the lead changes when they accept."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposto")
        ACCEPTED = "accepted", _("Accettato")
        DECLINED = "declined", _("Rifiutato")
        CANCELLED = "cancelled", _("Annullato")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_received"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("nota per il nuovo case manager"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("passaggio di consegne")
        verbose_name_plural = _("passaggi di consegne")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="proposed"), name="one_pending_handover_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_user} → {self.to_user} ({self.get_status_display()})"


class CaseStatusChange(models.Model):
    """One transition of a case's status with its reason (the events log keeps no free text)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Case.Status.choices)
    to_status = models.CharField(max_length=12, choices=Case.Status.choices)
    reason = models.TextField(_("motivazione"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cambio di stato della presa in carico")
        verbose_name_plural = _("cambi di stato delle prese in carico")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class CaseNote(models.Model):
    """The case diary: a dated note by a team member, with who may read it."""

    class Visibility(models.TextChoices):
        TEAM = "team", _("Tutta l'équipe del caso")
        ORGANISATION = "organisation", _("Solo il mio ente")
        LEAD = "lead", _("Solo io e il case manager")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("nota"))
    visibility = models.CharField(
        _("chi può leggerla"), max_length=12, choices=Visibility.choices, default=Visibility.TEAM
    )
    categories = models.JSONField(default=list, blank=True)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nota del diario")
        verbose_name_plural = _("diario della presa in carico")
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["case", "written_at"], name="case_note_time")]

    def __str__(self) -> str:
        return f"{self.case} – {self.written_at:%Y-%m-%d}"
