"""Changes to anomaly alerts (the logs themselves are only appended, by log.py)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.core.exceptions import ApplicationError, PermissionDenied

from . import events
from .log import record_event
from .models import Alert
from .rules import can_close_alert


def close_alert(alert: Alert, *, actor, note: str) -> Alert:
    """Record the outcome of the examination and close the alert."""
    if not can_close_alert(actor, alert):
        raise PermissionDenied(_("Non puoi chiudere questa allerta."))
    note = note.strip()
    if not note:
        raise ApplicationError(
            _("Scrivi l'esito dell'esame (per esempio: accessi giustificati dal servizio)."),
            code="note_required",
        )
    if alert.status == Alert.Status.CLOSED:
        raise ApplicationError(_("L'allerta è già stata chiusa."), code="already_closed")
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        alert.status, alert.note = Alert.Status.CLOSED, note
        alert.closed_by, alert.closed_at = actor, timezone.now()
        alert.save(update_fields=["status", "note", "closed_by", "closed_at"])
        record_event(events.ALERT_CLOSED, actor=actor, subject=alert, organisation_id=alert.organisation_id)
    return alert
