"""The personal plan (progetto personalizzato) of a case.

The plan is edited live (needs, goals, actions); agreeing it with the person
or reviewing it freezes a numbered `PlanVersion` (a snapshot of what was
agreed, printable as a PDF), so that a reviewed plan keeps its previous
versions. Actions are the unit other organisations work on: a referral
(referrals app) points to the action it carries out and its outcome comes
back to the action.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CarePlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparazione")
        AGREED = "agreed", _("Condiviso con la persona")
        CLOSED = "closed", _("Chiuso")

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="plan")
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The needs assessed for this person (initialised from the case's intakes).
    needs = models.ManyToManyField("directory.Need", blank=True, related_name="+", verbose_name=_("bisogni"))
    summary = models.TextField(_("situazione e valutazione"), blank=True)
    person_words = models.TextField(_("le parole della persona"), blank=True)
    # The language of the person's copy of the PDF (ISO 639-1), besides Italian.
    person_language = models.CharField(_("lingua della persona"), max_length=8, blank=True)
    next_review_on = models.DateField(_("prossima verifica"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)
    current_version = models.PositiveIntegerField(default=0)
    categories = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progetto personalizzato")
        verbose_name_plural = _("progetti personalizzati")
        indexes = [
            models.Index(fields=["next_review_on"], condition=Q(status="agreed"), name="plan_review_due")
        ]

    def __str__(self) -> str:
        return f"{_('Progetto')} #{self.pk}"


class PlanGoal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In corso")
        ACHIEVED = "achieved", _("Raggiunto")
        PARTIAL = "partial", _("Raggiunto in parte")
        NOT_ACHIEVED = "not_achieved", _("Non raggiunto")
        DROPPED = "dropped", _("Abbandonato")

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="goals")
    need = models.ForeignKey(
        "directory.Need",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bisogno"),
    )
    description = models.TextField(_("obiettivo"))
    indicator = models.CharField(_("come sapremo che è raggiunto"), max_length=300, blank=True)
    target_date = models.DateField(_("entro il"), null=True, blank=True)
    status = models.CharField(_("stato"), max_length=15, choices=Status.choices, default=Status.OPEN)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("obiettivo")
        verbose_name_plural = _("obiettivi")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class PlanAction(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Prevista")
        IN_PROGRESS = "in_progress", _("In corso")
        DONE = "done", _("Realizzata")
        NOT_DONE = "not_done", _("Non realizzata")
        CANCELLED = "cancelled", _("Annullata")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        PlanGoal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("obiettivo"),
    )
    description = models.TextField(_("azione"))
    # Who carries it out: an organisation (and its service) of the network,
    # or the person themselves / their family (owner_is_person).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ente"),
    )
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("servizio"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operatore responsabile"),
    )
    owner_is_person = models.BooleanField(_("a cura della persona o della famiglia"), default=False)
    start_on = models.DateField(_("dal"), null=True, blank=True)
    due_on = models.DateField(_("entro il"), null=True, blank=True)
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    outcome = models.TextField(_("esito"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When the owner was told the action is overdue (once; a new due date resets it).
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("azione")
        verbose_name_plural = _("azioni")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_on__isnull=True)
                | Q(due_on__isnull=True)
                | Q(start_on__lte=models.F("due_on")),
                name="plan_action_dates_ordered",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="plan_action_org_status")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def has_owner(self) -> bool:
        return self.owner_is_person or self.organisation_id is not None


class PlanVersion(models.Model):
    """What was agreed at one moment: frozen, printable, never edited."""

    class Reason(models.TextChoices):
        AGREED = "agreed", _("Prima condivisione")
        REVIEW = "review", _("Verifica")
        AMENDED = "amended", _("Modifica")

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=10, choices=Reason.choices)
    # {"summary", "person_words", "needs": [...], "goals": [...], "actions": [...], "next_review_on"}
    snapshot = models.JSONField()
    agreed_on = models.DateField(_("firmato dalla persona il"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("versione del progetto")
        verbose_name_plural = _("versioni del progetto")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanReview(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Programmata")
        HELD = "held", _("Svolta")
        CANCELLED = "cancelled", _("Annullata")

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="reviews")
    scheduled_on = models.DateField(_("data prevista"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    held_on = models.DateField(_("svolta il"), null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("sintesi della verifica"), blank=True)
    # The version frozen by this review.
    version = models.OneToOneField(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="review"
    )

    class Meta:
        verbose_name = _("verifica del progetto")
        verbose_name_plural = _("verifiche del progetto")
        ordering = ["-scheduled_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="scheduled"), name="one_scheduled_review_per_plan"
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_on__isnull=False), name="held_review_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.scheduled_on}"


class GoalOutcome(models.Model):
    """The outcome of one goal at one review."""

    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="goal_outcomes")
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="outcomes")
    status = models.CharField(_("esito"), max_length=15, choices=PlanGoal.Status.choices)
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        verbose_name = _("esito dell'obiettivo")
        verbose_name_plural = _("esiti degli obiettivi")
        constraints = [models.UniqueConstraint(fields=["review", "goal"], name="goal_outcome_once")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_status_display()}"
