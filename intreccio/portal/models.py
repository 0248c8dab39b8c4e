"""What citizens leave on the public portal: requests for help and page feedback."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from intreccio.core.workflow import TransitionTable

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_receipt_code() -> str:
    return "R-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))


class HelpRequest(models.Model):
    """A citizen's "ask for help": who to contact, how, about what (personal data).

    It is handed to the network by portal.actions.hand_off_help_request; until
    the any-door intake takes it over, it waits here for the operators of the
    organisation it was routed to.
    """

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Telefono")
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("Messaggio (WhatsApp o SMS)")

    class Status(models.TextChoices):
        NEW = "new", _("Da contattare")
        CONTACTED = "contacted", _("Contattata")
        CLOSED = "closed", _("Chiusa")

    personal_data = True

    receipt_code = models.CharField(max_length=12, unique=True, default=new_receipt_code, editable=False)
    need = models.ForeignKey(
        "directory.Need", on_delete=models.PROTECT, related_name="+", verbose_name=_("di cosa hai bisogno")
    )
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("comune")
    )
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("servizio da cui è partita la richiesta"),
    )
    language = models.CharField(_("lingua in cui essere contattati"), max_length=10)
    name = models.CharField(_("nome"), max_length=120)
    contact_method = models.CharField(_("come contattarti"), max_length=10, choices=ContactMethod.choices)
    contact = models.CharField(_("recapito"), max_length=200)
    preferred_time = models.CharField(_("quando è meglio chiamarti"), max_length=200, blank=True)
    message = models.TextField(_("messaggio"), blank=True, max_length=1000)
    consent_to_contact = models.BooleanField(_("consenso a essere contattati"))
    consent_text = models.TextField(editable=False)
    routed_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ente che ricontatta"),
    )
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_note = models.TextField(_("esito del contatto"), blank=True)
    # Spam protection: a keyed hash of the address (never the address itself).
    client_fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    handed_off_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("richiesta di aiuto dal portale")
        verbose_name_plural = _("richieste di aiuto dal portale")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["routed_organisation", "status"], name="help_request_queue")]
        constraints = [
            models.CheckConstraint(condition=models.Q(consent_to_contact=True), name="help_request_consent")
        ]

    def __str__(self) -> str:
        return self.receipt_code


HELP_REQUEST_TRANSITIONS = TransitionTable(
    {
        HelpRequest.Status.NEW: {HelpRequest.Status.CONTACTED, HelpRequest.Status.CLOSED},
        HelpRequest.Status.CONTACTED: {HelpRequest.Status.CLOSED},
        HelpRequest.Status.CLOSED: set(),
    }
)


class PageFeedback(models.Model):
    """ "Was this page useful?" (AgID): an answer and an optional comment, shown to the organisation."""

    path = models.CharField(max_length=300)
    language = models.CharField(max_length=10)
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=500)
    service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    location = models.ForeignKey(
        "directory.Location", null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riscontro sulla pagina")
        verbose_name_plural = _("riscontri sulle pagine")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"], name="feedback_organisation")]

    def __str__(self) -> str:
        return f"{self.path} ({'sì' if self.useful else 'no'})"
