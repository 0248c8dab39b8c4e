"""The two append-only logs every other app writes through intreccio.audit.log.

AuditEntry: who read or changed which personal data, when, from where and
why (the Garante's "every consultation is logged"). DomainEvent: what
happened in the domain (INTAKE_RECORDED, CASE_CLOSED...), the single source
of the person's timeline and of the observatory's indicators.

Rows are never updated or deleted by the application: save() refuses an
update and the querysets refuse update()/delete(). Values of personal data
never go into either log: ids, kinds and categories only.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyViolation(f"{self.model.__name__} rows cannot be updated")

    def delete(self):
        raise AppendOnlyViolation(f"{self.model.__name__} rows cannot be deleted")


class AppendOnlyViolation(Exception):
    """Code tried to change or delete a row of an append-only log."""


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyViolation(f"{type(self).__name__} rows cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyViolation(f"{type(self).__name__} rows cannot be deleted")


class AuditEntry(AppendOnlyModel):
    class Action(models.TextChoices):
        READ = "read", _("Consultazione")
        SEARCH = "search", _("Ricerca")
        CREATE = "create", _("Creazione")
        UPDATE = "update", _("Modifica")
        DELETE = "delete", _("Cancellazione")
        EXPORT = "export", _("Esportazione")
        PRINT = "print", _("Stampa")
        SHARE = "share", _("Condivisione")
        LOGIN = "login", _("Accesso al sistema")
        LOGIN_FAILED = "login_failed", _("Accesso non riuscito")
        LOGOUT = "logout", _("Uscita dal sistema")
        BREAK_GLASS = "break_glass", _("Accesso in emergenza")

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("Consentito")
        DENIED = "denied", _("Negato")

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Snapshot of who and for which organisation, as they were at the time.
    actor_label = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    # The person whose data was touched, for "who saw my data" (no FK: the
    # log must outlive erasure of the person's record).
    person_id = models.BigIntegerField(null=True, blank=True)
    categories = models.JSONField(default=list, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    channel = models.CharField(max_length=10)
    request_id = models.CharField(max_length=32, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("voce del registro degli accessi")
        verbose_name_plural = _("registro degli accessi")
        indexes = [
            models.Index(fields=["person_id", "occurred_at"], name="audit_person_time"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}"


class DomainEvent(AppendOnlyModel):
    occurred_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    person_id = models.BigIntegerField(null=True, blank=True)
    micro_territory_id = models.BigIntegerField(null=True, blank=True)
    categories = models.JSONField(default=list, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("evento")
        verbose_name_plural = _("eventi")
        indexes = [
            models.Index(fields=["person_id", "occurred_at", "id"], name="event_person_time"),
            models.Index(fields=["kind", "occurred_at"], name="event_kind_time"),
            models.Index(fields=["subject_type", "subject_id"], name="event_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind} {self.subject_type}#{self.subject_id}"


class AuditSeal(AppendOnlyModel):
    """One link of the hash chain over both logs (docs/decisions/0006-tamper-evident-audit.md).

    digest_n = SHA-256(digest_{n-1} ‖ kind ‖ canonical(row)), seq 1, 2, 3…
    without gaps. Written by the sealer only, after the row it seals was
    committed, so writers of the logs never wait for the chain.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    audit_entry = models.OneToOneField(
        AuditEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="seal"
    )
    domain_event = models.OneToOneField(
        DomainEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="seal"
    )
    digest = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sigillo del registro")
        verbose_name_plural = _("sigilli del registro")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audit_entry__isnull=False, domain_event__isnull=True)
                | models.Q(audit_entry__isnull=True, domain_event__isnull=False),
                name="auditseal_exactly_one_row",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.digest[:12]}"


class ChainCheckpoint(AppendOnlyModel):
    """The chain head after a sealing run; the same line goes to the external anchor file."""

    chain_id = models.CharField(max_length=32)
    seq = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    max_audit_id = models.BigIntegerField(default=0)
    max_event_id = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("punto di controllo della catena")
        verbose_name_plural = _("punti di controllo della catena")

    def __str__(self) -> str:
        return f"{self.chain_id} #{self.seq} {self.digest[:12]}"


class Alert(models.Model):
    """An anomaly in the access log, for the organisation's data-protection contact."""

    class Kind(models.TextChoices):
        MANY_PERSONS = "many_persons", _("Molte persone consultate in poco tempo")
        REPEATED_DENIALS = "repeated_denials", _("Accessi negati ripetuti")
        OUTSIDE_HOURS = "outside_hours", _("Consultazioni fuori orario")
        FAILED_LOGINS = "failed_logins", _("Tentativi di accesso non riusciti ripetuti")

    class Status(models.TextChoices):
        OPEN = "open", _("Da esaminare")
        CLOSED = "closed", _("Esaminata")

    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    count = models.PositiveIntegerField(_("quante volte"))
    details = models.JSONField(default=dict, blank=True)
    # One alert per kind, actor and time bucket, however often the detector runs.
    fingerprint = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("esito dell'esame"), blank=True)

    # Names operators and counts their reads: for the data-protection contact only.
    personal_data = True

    class Meta:
        verbose_name = _("allerta")
        verbose_name_plural = _("allerte")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status", "created_at"], name="alert_org_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.actor_label}"
