"""Every change to a referral: sending, each move of its state machine, assigning, messages, stalls.

Each action checks the actor's side first (referrals.rules), validates,
locks the referral row, checks the move against Referral.TRANSITIONS, and in
one transaction writes the ReferralTransition row, the domain event, the
audit entry and the notifications (notify() e-mails after commit). A
completed or failed referral brings its outcome back to the plan action it
carries out (plans.actions.record_action_progress).
"""

import datetime
import mimetypes
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.calendar import add_working_days
from intreccio.core.exceptions import ApplicationError, InvalidTransition, PermissionDenied
from intreccio.notifications.actions import notify
from intreccio.notifications.models import Notification

from . import events
from .exceptions import ConsentMissing
from .models import Referral, ReferralAttachment, ReferralMessage, ReferralTransition
from .queries import ACTIVE_WORK, get_receiving_operator, receiving_operators
from .rules import can_move, can_send_referral, reason_required, sides

Status = Referral.Status
LABELS = dict(Status.choices)

# Attachments: what may be shared, and how big (the first bytes must match the kind).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".png": ("image/png", (b"\x89PNG",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
}
MAX_ATTACHMENTS_PER_MESSAGE = 5


def ack_days(urgent: bool) -> int:
    return settings.INTRECCIO_REFERRAL_ACK_DAYS_URGENT if urgent else settings.INTRECCIO_REFERRAL_ACK_DAYS


def acknowledge_deadline(sent_at: datetime.datetime, *, urgent: bool) -> datetime.datetime:
    """`sent_at` plus N working days (the Italian calendar), at the same local time."""
    local = timezone.localtime(sent_at)
    day = add_working_days(local.date(), ack_days(urgent))
    return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(tzinfo=None)))


def _url(referral) -> str:
    return reverse("referrals:detail", args=[referral.pk])


def _title(referral, what: str) -> str:
    """A notification title naming the referral's number and service only (no personal data)."""
    return _("Invio n. %(number)s a «%(service)s»: %(what)s") % {
        "number": referral.pk,
        "service": referral.service.name,
        "what": what,
    }


def _record(kind: str, referral, *, actor, payload: dict, audit_action=AuditEntry.Action.UPDATE, target=None):
    payload = {
        "case_id": referral.case_id,
        "referral_id": referral.pk,
        "service": referral.service.name,
        **payload,
    }
    record_event(
        kind,
        actor=actor,
        subject=referral,
        person_id=referral.person_id,
        micro_territory_id=referral.case.micro_territory_id,
        categories=list(referral.categories),
        payload=payload,
    )
    record_audit(
        actor,
        audit_action,
        target if target is not None else referral,
        person_id=referral.person_id,
        categories=list(referral.categories),
        details={"event": kind, **payload},
    )


def _sender_people(referral) -> list:
    return [referral.from_user, referral.case.lead]


def _receiver_people(referral) -> list:
    named = [user for user in (referral.assigned_to, referral.to_user) if user is not None]
    return named or receiving_operators(referral.to_organisation_id)


def _lock(referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "case__lead", "service", "from_user", "to_user", "assigned_to", "action")
        .get(pk=referral.pk)
    )


def _acting_organisation(actor):
    return actor.active_organisation


# --- sending ------------------------------------------------------------------------------------


def _check_consent(case, organisation) -> None:
    """The person's sharing choices must reach the receiving organisation (not needed inside the lead's)."""
    from intreccio.people.models import Person
    from intreccio.people.rules import sharing_permits

    if organisation.pk == case.lead_organisation_id:
        return
    if Person.objects.filter(sharing_permits(organisation), pk=case.person_id).exists():
        return
    consent_url = reverse("people:sharing", args=[case.person_id])
    raise ConsentMissing(
        _(
            "Manca il consenso alla condivisione con %(organisation)s: le scelte di condivisione della "
            "persona non comprendono questo ente, quindi l'invio non può partire. Registra il consenso "
            "alla condivisione nella pagina della persona (%(url)s): condivisione con la rete, oppure "
            "con enti scelti indicando %(organisation)s. Poi invia di nuovo."
        )
        % {"organisation": organisation.name, "url": consent_url},
        details={
            "organisation_id": organisation.pk,
            "organisation": organisation.name,
            "consent_url": consent_url,
        },
    )


def _check_service(service) -> None:
    from intreccio.directory.models import Service

    if service.status != Service.Status.ACTIVE or not service.organisation.active:
        raise ApplicationError(
            _(
                "Il servizio «%(service)s» non è attivo (%(status)s): "
                "scegline un altro dall'elenco dei servizi."
            )
            % {"service": service.name, "status": service.get_status_display()},
            code="service_unavailable",
        )


def send_referral(
    case, service, request: str = "", *, actor, action=None, need=None, to_user=None, urgent=False, now=None
) -> Referral:
    """Send the case's person to `service` (its organisation's queue, optionally to `to_user`).

    Refused when the actor does not send for the case (PermissionDenied), the
    case is closed, the service is not active, `action` belongs to another
    case, or the person's sharing choices do not reach the service's
    organisation (ConsentMissing, with the consent page's URL). The receiving
    side is notified; the acknowledgement deadline is N working days away.
    """
    if not can_send_referral(actor, case):
        raise PermissionDenied(
            _("Solo il case manager o chi è nell'équipe della presa in carico invia a un servizio.")
        )
    request = (request or "").strip()
    if not request:
        raise ApplicationError(
            _("Scrivi cosa chiedi al servizio: lo leggerà chi riceve l'invio."), code="request_required"
        )
    if not case.is_open:
        raise ApplicationError(
            _("La presa in carico n. %(case)s è chiusa: riaprila prima di inviare.") % {"case": case.pk},
            code="case_closed",
        )
    _check_service(service)
    organisation = service.organisation
    if action is not None and action.plan.case_id != case.pk:
        raise ApplicationError(
            _("L'azione scelta è del progetto di un'altra presa in carico."), code="action_mismatch"
        )
    if to_user is not None:
        get_receiving_operator(organisation.pk, to_user.pk)
    _check_consent(case, organisation)
    now = now or timezone.now()
    categories = set(case.categories)
    if need is not None and need.sensitive_category:
        categories.add(need.sensitive_category)
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            person_id=case.person_id,
            action=action,
            need=need,
            from_user=actor,
            from_organisation=_acting_organisation(actor),
            service=service,
            to_organisation=organisation,
            to_user=to_user,
            request=request,
            urgent=bool(urgent),
            capacity_status_at_send=service.capacity_status or "",
            categories=sorted(categories),
            sent_at=now,
            acknowledge_by=acknowledge_deadline(now, urgent=bool(urgent)),
            last_activity_at=now,
            status_changed_at=now,
        )
        ReferralTransition.objects.create(
            referral=referral,
            from_status="",
            to_status=Status.REQUESTED,
            by=actor,
            by_organisation=referral.from_organisation,
            at=now,
        )
        _record(
            events.REFERRAL_SENT,
            referral,
            actor=actor,
            payload={"to": Status.REQUESTED, "to_organisation": organisation.pk, "urgent": referral.urgent},
            audit_action=AuditEntry.Action.CREATE,
        )
        notify(
            _receiver_people(referral),
            kind=Notification.Kind.REFERRAL_RECEIVED,
            title=_title(referral, _("nuovo invio da prendere in carico")),
            url=_url(referral),
            actor=actor,
        )
    return referral


# --- moves --------------------------------------------------------------------------------------

# What each receiver-side move tells the sender (notification kind and words).
SENDER_NEWS = {
    Status.RECEIVED: Notification.Kind.REFERRAL_UPDATED,
    Status.ACCEPTED: Notification.Kind.REFERRAL_ACCEPTED,
    Status.REJECTED: Notification.Kind.REFERRAL_REJECTED,
    Status.IN_PROGRESS: Notification.Kind.REFERRAL_UPDATED,
    Status.ON_HOLD: Notification.Kind.REFERRAL_UPDATED,
    Status.COMPLETED: Notification.Kind.REFERRAL_COMPLETED,
    Status.FAILED: Notification.Kind.REFERRAL_UPDATED,
}


def _side_name(side: str) -> str:
    return _("chi ha inviato") if side == Referral.SENDER else _("l'ente che riceve")


def transition(
    referral,
    *,
    actor,
    to: str,
    reason: str = "",
    note: str = "",
    outcome: str = "",
    outcome_note: str = "",
    sources=None,
    now=None,
) -> Referral:
    """Move the referral into `to`, by the side Referral.SIDE names; unchanged when it is already there.

    A coded reason (Referral.Reason) is required into REASON_REQUIRED states and
    out of closed ones; an outcome to complete. `sources`, when given, limits
    the states the move starts from (a named move: "resume" starts on hold).
    """
    if to not in Status.values:
        raise ApplicationError(_("Stato sconosciuto: %(status)s.") % {"status": to}, code="unknown_status")
    if not can_move(actor, referral, to):
        if not sides(actor, referral):
            raise PermissionDenied(
                _("Non partecipi a questo invio: né da chi lo ha inviato né da chi lo riceve.")
            )
        raise PermissionDenied(
            _("Portare un invio a «%(target)s» spetta a %(side)s.")
            % {"target": LABELS[to], "side": _side_name(Referral.SIDE[to])}
        )
    reason, note = (reason or "").strip(), (note or "").strip()
    outcome_note = (outcome_note or "").strip()
    if reason and reason not in Referral.Reason.values:
        raise ApplicationError(_("Motivo sconosciuto: scegline uno dall'elenco."), code="unknown_reason")
    if to == Status.COMPLETED and outcome not in Referral.Outcome.values:
        raise ApplicationError(_("Scegli l'esito con cui concludere l'invio."), code="outcome_required")
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(referral)
        source = locked.status
        if source == to:
            return locked
        Referral.TRANSITIONS.check(source, to, labels=LABELS)
        if sources is not None and source not in sources:
            raise InvalidTransition(
                _("Questa azione non vale per un invio «%(source)s».") % {"source": LABELS[source]},
                details={"from": source, "to": to},
            )
        if reason_required(source, to) and not reason:
            raise ApplicationError(
                _("Scegli il motivo: resta nella storia dell'invio e lo legge l'altra parte."),
                code="reason_required",
            )
        _apply(
            locked,
            source=source,
            to=to,
            reason=reason,
            note=note,
            outcome=outcome,
            outcome_note=outcome_note,
            now=now,
        )
        organisation = _acting_organisation(actor)
        ReferralTransition.objects.create(
            referral=locked,
            from_status=source,
            to_status=to,
            reason=reason,
            note=note,
            by=actor,
            by_organisation=organisation,
            at=now,
        )
        payload = {"from": source, "to": to, "reason": reason}
        if to == Status.COMPLETED:
            payload["outcome"] = outcome
        _record(events.REFERRAL_TRANSITION, locked, actor=actor, payload=payload)
        _bring_back_to_plan(locked, source=source, actor=actor)
        _announce(locked, to=to, actor=actor)
    return locked


def _apply(locked, *, source, to, reason, note, outcome, outcome_note, now) -> None:
    locked.status = to
    locked.status_reason, locked.status_note = reason, note
    locked.status_changed_at = locked.last_activity_at = now
    locked.stalled_since = locked.reminded_at = None
    fields = [
        "status",
        "status_reason",
        "status_note",
        "status_changed_at",
        "last_activity_at",
        "stalled_since",
        "reminded_at",
        "closed_at",
        "outcome",
        "outcome_note",
    ]
    locked.closed_at = now if to in Referral.CLOSED else None
    if to == Status.COMPLETED:
        locked.outcome, locked.outcome_note = outcome, outcome_note
    elif source in Referral.CLOSED:
        locked.outcome, locked.outcome_note = "", ""
    if to == Status.REQUESTED:  # sent again: a new acknowledgement deadline
        locked.sent_at = now
        locked.acknowledge_by = acknowledge_deadline(now, urgent=locked.urgent)
        fields += ["sent_at", "acknowledge_by"]
    locked.save(update_fields=fields)


def _bring_back_to_plan(locked, *, source, actor) -> None:
    """A completed or failed referral closes its plan action; reopening puts the action back in progress."""
    from intreccio.plans.actions import record_action_progress
    from intreccio.plans.models import PlanAction

    action = locked.action
    if action is None or action.status == PlanAction.Status.CANCELLED:
        return
    if locked.status == Status.COMPLETED:
        done = locked.outcome != Referral.Outcome.NOT_PROVIDED
        status = PlanAction.Status.DONE if done else PlanAction.Status.NOT_DONE
        outcome = locked.get_outcome_display() + (f": {locked.outcome_note}" if locked.outcome_note else "")
    elif locked.status == Status.FAILED:
        status = PlanAction.Status.NOT_DONE
        outcome = _("Invio non riuscito: %(reason)s") % {"reason": locked.get_status_reason_display()}
    elif source in (Status.COMPLETED, Status.FAILED) and locked.status == Status.IN_PROGRESS:
        status, outcome = PlanAction.Status.IN_PROGRESS, ""
    else:
        return
    record_action_progress(action, status=status, outcome=outcome, actor=actor)


def _announce(locked, *, to, actor) -> None:
    if Referral.SIDE[to] == Referral.RECEIVER:
        notify(
            _sender_people(locked),
            kind=SENDER_NEWS[to],
            title=_title(locked, LABELS[to].lower()),
            url=_url(locked),
            actor=actor,
        )
        return
    kind = (
        Notification.Kind.REFERRAL_RECEIVED if to == Status.REQUESTED else Notification.Kind.REFERRAL_UPDATED
    )
    what = _("inviato di nuovo") if to == Status.REQUESTED else LABELS[to].lower()
    notify(_receiver_people(locked), kind=kind, title=_title(locked, what), url=_url(locked), actor=actor)


def acknowledge_referral(referral, *, actor, note: str = "") -> Referral:
    """The receiver says the referral has arrived (requested → received)."""
    return transition(referral, actor=actor, to=Status.RECEIVED, note=note)


def accept_referral(referral, *, actor, note: str = "") -> Referral:
    """The receiver takes the referral on (the sender and the lead are notified)."""
    return transition(
        referral, actor=actor, to=Status.ACCEPTED, note=note, sources={Status.REQUESTED, Status.RECEIVED}
    )


def reject_referral(referral, *, actor, reason: str, note: str = "") -> Referral:
    """The receiver declines, with a coded reason (the sender and the lead are notified)."""
    return transition(referral, actor=actor, to=Status.REJECTED, reason=reason, note=note)


def start_referral(referral, *, actor, note: str = "") -> Referral:
    """Work begins on an accepted referral."""
    return transition(referral, actor=actor, to=Status.IN_PROGRESS, note=note, sources={Status.ACCEPTED})


def put_referral_on_hold(referral, *, actor, reason: str, note: str = "") -> Referral:
    return transition(referral, actor=actor, to=Status.ON_HOLD, reason=reason, note=note)


def resume_referral(referral, *, actor, note: str = "") -> Referral:
    return transition(referral, actor=actor, to=Status.IN_PROGRESS, note=note, sources={Status.ON_HOLD})


def complete_referral(referral, *, actor, outcome: str, outcome_note: str = "") -> Referral:
    """Close the loop with an outcome: the plan action is done (not done if not provided); lead notified."""
    return transition(referral, actor=actor, to=Status.COMPLETED, outcome=outcome, outcome_note=outcome_note)


def fail_referral(referral, *, actor, reason: str, note: str = "") -> Referral:
    """The work could not be done: the plan action is not done."""
    return transition(referral, actor=actor, to=Status.FAILED, reason=reason, note=note)


def cancel_referral(referral, *, actor, reason: str, note: str = "") -> Referral:
    """The sender withdraws the referral, with a coded reason."""
    return transition(referral, actor=actor, to=Status.CANCELLED, reason=reason, note=note)


def reopen_referral(referral, *, actor, reason: str, note: str = "") -> Referral:
    """Reopen a closed referral, with a reason.

    Completed/failed → in progress (the receiver); rejected/cancelled → requested (the sender).
    """
    current = Referral.objects.values_list("status", flat=True).get(pk=referral.pk)
    if current not in Referral.CLOSED:
        # Not a silent no-op when the referral already is where reopening would lead (in progress).
        raise InvalidTransition(
            _("L'invio è «%(status)s»: si riapre solo un invio chiuso.") % {"status": LABELS[current]},
            details={"from": current},
        )
    target = Status.REQUESTED if current in (Status.REJECTED, Status.CANCELLED) else Status.IN_PROGRESS
    return transition(referral, actor=actor, to=target, reason=reason, note=note, sources=Referral.CLOSED)


# --- assigning ----------------------------------------------------------------------------------


def assign_referral(referral, *, actor, to_user, now=None) -> Referral:
    """The receiving side names the operator who follows the referral (they are notified)."""
    if Referral.RECEIVER not in sides(actor, referral):
        raise PermissionDenied(_("Solo l'ente che riceve l'invio sceglie chi lo segue."))
    operator = get_receiving_operator(referral.to_organisation_id, getattr(to_user, "pk", to_user))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(referral)
        if locked.is_closed:
            raise ApplicationError(
                _("L'invio è chiuso: riaprilo prima di assegnarlo."), code="referral_closed"
            )
        if locked.assigned_to_id == operator.pk:
            return locked
        locked.assigned_to, locked.last_activity_at = operator, now
        locked.save(update_fields=["assigned_to", "last_activity_at"])
        _record(events.REFERRAL_ASSIGNED, locked, actor=actor, payload={"assigned_to": operator.pk})
        notify(
            [operator],
            kind=Notification.Kind.REFERRAL_UPDATED,
            title=_title(locked, _("ora lo segui tu")),
            url=_url(locked),
            actor=actor,
        )
    return locked


# --- messages and attachments -------------------------------------------------------------------


def _checked_attachment(upload) -> tuple[str, str, bytes]:
    """(name, content type, bytes) of an acceptable upload; ApplicationError naming what is wrong."""
    name = (getattr(upload, "name", "") or "allegato").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ApplicationError(
            _(
                "«%(name)s»: si possono allegare solo PDF, immagini (PNG, JPEG) e documenti d'ufficio "
                "(Word, Excel, OpenDocument)."
            )
            % {"name": name},
            code="attachment_type",
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ApplicationError(
            _("«%(name)s» è troppo grande: al massimo 10 MB per allegato.") % {"name": name},
            code="attachment_too_large",
        )
    content_type, signatures = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    data = upload.read()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ApplicationError(
            _("«%(name)s» è troppo grande: al massimo 10 MB per allegato.") % {"name": name},
            code="attachment_too_large",
        )
    if not any(data.startswith(signature) for signature in signatures):
        raise ApplicationError(
            _("«%(name)s» non è davvero un file %(extension)s: controlla il file e riprova.")
            % {"name": name, "extension": extension.lstrip(".").upper()},
            code="attachment_type",
        )
    return name, content_type, data


def post_message(referral, *, actor, body: str, attachments=(), now=None) -> ReferralMessage:
    """Write in the referral's thread (either side), up to five attachments; the other side is notified."""
    mine = sides(actor, referral)
    if not mine:
        raise PermissionDenied(_("Scrivono nel filo dell'invio solo chi lo ha inviato e chi lo riceve."))
    body = (body or "").strip()
    attachments = [upload for upload in attachments if upload]
    if not body and not attachments:
        raise ApplicationError(_("Scrivi un messaggio o allega un file."), code="message_empty")
    if len(attachments) > MAX_ATTACHMENTS_PER_MESSAGE:
        raise ApplicationError(_("Al massimo 5 allegati per messaggio."), code="too_many_attachments")
    checked = [_checked_attachment(upload) for upload in attachments]
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(referral)
        message = ReferralMessage.objects.create(
            referral=locked, author=actor, organisation=_acting_organisation(actor), body=body, created_at=now
        )
        for name, content_type, data in checked:
            stored = f"{uuid.uuid4().hex}{mimetypes.guess_extension(content_type) or ''}"
            attachment = ReferralAttachment(
                referral=locked,
                message=message,
                name=name,
                content_type=content_type,
                size=len(data),
                uploaded_by=actor,
                uploaded_at=now,
            )
            attachment.file.save(stored, ContentFile(data), save=False)
            attachment.save()
        locked.last_activity_at = now
        locked.stalled_since = locked.reminded_at = None
        locked.save(update_fields=["last_activity_at", "stalled_since", "reminded_at"])
        _record(
            events.REFERRAL_MESSAGE,
            locked,
            actor=actor,
            payload={"message_id": message.pk, "attachments": len(checked)},
            audit_action=AuditEntry.Action.CREATE,
        )
        others = _receiver_people(locked) if Referral.SENDER in mine else _sender_people(locked)
        notify(
            others,
            kind=Notification.Kind.REFERRAL_MESSAGE,
            title=_title(locked, _("nuovo messaggio")),
            url=_url(locked),
            actor=actor,
        )
    return message


# --- deadlines ----------------------------------------------------------------------------------


def flag_stalled(*, now=None) -> dict:
    """Flag referrals not acknowledged in time, or in hand with no activity for M days; remind once.

    The receiving side is reminded and the sender informed (Kind.OVERDUE) the
    first time a referral stalls; any activity clears the flag and the reminder.
    """
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(days=settings.INTRECCIO_REFERRAL_STALE_DAYS)
    condition = Q(status=Status.REQUESTED, acknowledge_by__lt=now) | Q(
        status__in=ACTIVE_WORK, last_activity_at__lt=stale_before
    )
    flagged = 0
    for pk in Referral.objects.filter(condition, stalled_since__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            locked = (
                Referral.objects.select_for_update(of=("self",))
                .select_related("case", "case__lead", "service", "from_user", "to_user", "assigned_to")
                .filter(condition, pk=pk, stalled_since__isnull=True)
                .first()
            )
            if locked is None:
                continue
            locked.stalled_since = now
            fields = ["stalled_since"]
            unacknowledged = locked.status == Status.REQUESTED
            if locked.reminded_at is None:
                locked.reminded_at = now
                fields.append("reminded_at")
                what = _("non ancora preso in carico") if unacknowledged else _("fermo da troppo tempo")
                notify(
                    _receiver_people(locked),
                    kind=Notification.Kind.OVERDUE,
                    title=_title(locked, what),
                    url=_url(locked),
                )
                notify(
                    _sender_people(locked),
                    kind=Notification.Kind.OVERDUE,
                    title=_title(locked, what),
                    url=_url(locked),
                )
            locked.save(update_fields=fields)
            _record(
                events.REFERRAL_STALLED,
                locked,
                actor=None,
                payload={"status": locked.status, "unacknowledged": unacknowledged},
            )
            flagged += 1
    return {"flagged": flagged}
