"""In-app notifications and each operator's e-mail preference.

A notification row is written inside the transaction of the change it
announces (so a rolled-back change leaves none); its e-mail is sent after
commit, immediately or in the daily digest, as the recipient chose.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        INTAKE_ROUTED = "intake_routed", _("Accesso assegnato")
        CASE = "case", _("Presa in carico")
        REFERRAL_RECEIVED = "referral_received", _("Invio ricevuto")
        REFERRAL_ACCEPTED = "referral_accepted", _("Invio accettato")
        REFERRAL_REJECTED = "referral_rejected", _("Invio rifiutato")
        REFERRAL_COMPLETED = "referral_completed", _("Invio concluso")
        REFERRAL_UPDATED = "referral_updated", _("Invio aggiornato")
        REFERRAL_MESSAGE = "referral_message", _("Messaggio su un invio")
        OVERLAP = "overlap", _("Possibile sovrapposizione")
        OVERDUE = "overdue", _("Scadenza superata")
        PLAN_REVIEW_DUE = "plan_review_due", _("Verifica del progetto in scadenza")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # What the notification says: no personal data beyond what the recipient
    # may already see (a case number, a service name), never health details.
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notifica")
        verbose_name_plural = _("notifiche")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_time"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title


class EmailPreference(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Subito, una e-mail per notifica")
        DAILY = "daily", _("Un riepilogo al giorno")
        NEVER = "never", _("Mai (solo in Intreccio)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("preferenza e-mail")
        verbose_name_plural = _("preferenze e-mail")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"
