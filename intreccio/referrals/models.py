"""Closed-loop referrals (invii) from a case to a service of another organisation.

The states follow the HL7 FHIR SDOH referral Task: requested → received →
accepted / rejected → in progress ↔ on hold → completed / failed, cancelled
by the sender. `TRANSITIONS` says which moves exist, `SIDE` which side makes
each, `REASON_REQUIRED` which need a coded reason. Every move is one
`ReferralTransition` row (the history the timeline and the observatory read).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intreccio.core.workflow import TransitionTable


class Referral(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Inviato")
        RECEIVED = "received", _("Ricevuto")
        ACCEPTED = "accepted", _("Accettato")
        REJECTED = "rejected", _("Rifiutato")
        IN_PROGRESS = "in_progress", _("In corso")
        ON_HOLD = "on_hold", _("Sospeso")
        COMPLETED = "completed", _("Concluso")
        FAILED = "failed", _("Non riuscito")
        CANCELLED = "cancelled", _("Annullato")

    class Reason(models.TextChoices):
        # Why a referral was rejected, cancelled, put on hold, failed or reopened.
        NO_CAPACITY = "no_capacity", _("Nessun posto disponibile")
        NOT_ELIGIBLE = "not_eligible", _("Requisiti non soddisfatti")
        OUT_OF_AREA = "out_of_area", _("Fuori dal territorio servito")
        WRONG_SERVICE = "wrong_service", _("Servizio non adatto alla richiesta")
        PERSON_DECLINED = "person_declined", _("La persona ha rinunciato")
        PERSON_UNREACHABLE = "person_unreachable", _("Persona non raggiungibile")
        NEED_RESOLVED = "need_resolved", _("Il bisogno è stato risolto")
        WAITING_DOCUMENTS = "waiting_documents", _("In attesa di documenti")
        WAITING_PERSON = "waiting_person", _("In attesa della persona")
        DUPLICATE = "duplicate", _("Invio doppio")
        NEW_NEED = "new_need", _("Nuova necessità")
        OTHER = "other", _("Altro")

    class Outcome(models.TextChoices):
        NEED_MET = "need_met", _("Bisogno soddisfatto")
        NEED_PARTLY_MET = "need_partly_met", _("Bisogno soddisfatto in parte")
        SERVICE_PROVIDED = "service_provided", _("Servizio erogato")
        NOT_PROVIDED = "not_provided", _("Servizio non erogato")

    S = Status
    TRANSITIONS = TransitionTable(
        {
            S.REQUESTED: {S.RECEIVED, S.ACCEPTED, S.REJECTED, S.CANCELLED},
            S.RECEIVED: {S.ACCEPTED, S.REJECTED, S.CANCELLED},
            S.ACCEPTED: {S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED, S.FAILED, S.CANCELLED},
            S.IN_PROGRESS: {S.ON_HOLD, S.COMPLETED, S.FAILED, S.CANCELLED},
            S.ON_HOLD: {S.IN_PROGRESS, S.FAILED, S.CANCELLED},
            # Reopening, with a reason: the receiver resumes a closed piece of work,
            # the sender sends again what was rejected or cancelled.
            S.COMPLETED: {S.IN_PROGRESS},
            S.FAILED: {S.IN_PROGRESS},
            S.REJECTED: {S.REQUESTED},
            S.CANCELLED: {S.REQUESTED},
        }
    )
    SENDER, RECEIVER = "sender", "receiver"
    # Who moves the referral INTO each state (reopening a completed/failed one is the receiver's).
    SIDE = {
        S.REQUESTED: SENDER,
        S.CANCELLED: SENDER,
        S.RECEIVED: RECEIVER,
        S.ACCEPTED: RECEIVER,
        S.REJECTED: RECEIVER,
        S.IN_PROGRESS: RECEIVER,
        S.ON_HOLD: RECEIVER,
        S.COMPLETED: RECEIVER,
        S.FAILED: RECEIVER,
    }
    REASON_REQUIRED = frozenset({S.REJECTED, S.CANCELLED, S.ON_HOLD, S.FAILED})
    # Moves out of a closed state (reopening) need a reason too.
    CLOSED = frozenset({S.COMPLETED, S.FAILED, S.REJECTED, S.CANCELLED})
    del S

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    action = models.ForeignKey(
        "plans.PlanAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("azione del progetto"),
    )
    need = models.ForeignKey(
        "directory.Need",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bisogno"),
    )
    # Sender.
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    # Receiver: the service and its organisation's queue, optionally a named operator.
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("servizio")
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operatore destinatario"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operatore che lo segue"),
    )
    request = models.TextField(_("cosa si chiede"))
    urgent = models.BooleanField(_("urgente"), default=False)
    # The service's capacity status the sender saw when sending (directory.CapacityStatus).
    capacity_status_at_send = models.CharField(max_length=20, blank=True)
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    status_reason = models.CharField(_("motivo"), max_length=20, choices=Reason.choices, blank=True)
    status_note = models.TextField(_("nota sul motivo"), blank=True)
    outcome = models.CharField(_("esito"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("esito per chi ha inviato"), blank=True)
    categories = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    acknowledge_by = models.DateTimeField(_("da prendere in carico entro"), null=True, blank=True)
    # The last thing that happened (transition or message): "stalled" is measured from here.
    last_activity_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    stalled_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invio")
        verbose_name_plural = _("invii")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["rejected", "cancelled", "on_hold", "failed"])
                | ~Q(status_reason=""),
                name="referral_reason_when_required",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | ~Q(outcome=""), name="referral_completed_has_outcome"
            ),
        ]
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="referral_queue"),
            models.Index(fields=["from_organisation", "status"], name="referral_sent"),
            models.Index(fields=["case", "sent_at"], name="referral_case"),
            models.Index(fields=["status", "last_activity_at"], name="referral_activity"),
        ]

    def __str__(self) -> str:
        return f"{_('Invio')} #{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class ReferralTransition(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Referral.Status.choices)
    reason = models.CharField(max_length=20, choices=Referral.Reason.choices, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("passaggio di stato dell'invio")
        verbose_name_plural = _("passaggi di stato degli invii")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class ReferralMessage(models.Model):
    """The thread between sender and receiver."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("messaggio"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("messaggio")
        verbose_name_plural = _("messaggi")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.referral} – {self.created_at:%Y-%m-%d %H:%M}"


class ReferralAttachment(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        ReferralMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="referrals/%Y/%m/")
    name = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("allegato")
        verbose_name_plural = _("allegati")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
