"""Every change to a case: taking in charge, status, lead hand-over, team.

Each action checks permission first (cases.rules), locks the case row, checks
the move against Case.TRANSITIONS, writes one transaction with its domain
event and audit entry, and e-mails the operators involved after commit.
E-mails name the case number and link to it, never the person.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, Conflict, InvalidTransition, PermissionDenied
from intreccio.core.roles import Role
from intreccio.notifications.actions import notify
from intreccio.notifications.models import Notification

from . import events
from .exceptions import CaseAlreadyOpen
from .models import Case, CaseMember, CaseNote, CaseStatusChange, LeadHandover
from .rules import (
    can_accept_handover,
    can_cancel_handover,
    can_change_status,
    can_decline_handover,
    can_handover,
    can_lead_cases,
    can_manage_team,
    can_open_case,
    can_write_note,
)

Status = Case.Status
LABELS = dict(Status.choices)
LEAD_ROLE_LABEL = "Case manager"


# --- helpers -----------------------------------------------------------------------------------


def _lock(case: Case) -> Case:
    """The case row, locked until the end of the transaction (the truth every check reads)."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _record(kind: str, case: Case, *, actor, payload: dict, audit_action=AuditEntry.Action.UPDATE) -> None:
    record_event(
        kind,
        actor=actor,
        subject=case,
        person_id=case.person_id,
        micro_territory_id=case.micro_territory_id,
        categories=list(case.categories),
        payload=payload,
    )
    record_audit(
        actor,
        audit_action,
        case,
        person_id=case.person_id,
        categories=list(case.categories),
        details={"event": kind, **payload},
    )


def _notify(recipients, case: Case, message: str, *, actor) -> None:
    """Notify the operators involved (not the actor) in Intreccio and, after commit, by e-mail.

    The title names the case number, never the person.
    """
    notify(
        recipients,
        kind=Notification.Kind.CASE,
        title=_("Presa in carico n. %(case)s") % {"case": case.pk},
        body=message,
        url=reverse("cases:detail", args=[case.pk]),
        actor=actor,
    )


def _lead_organisation(user):
    """The organisation the user leads cases for: the active one if they lead there, else the first."""
    active = user.active_organisation
    if active is not None and user.has_role_in(active, Role.CASE_LEAD):
        return active
    for membership in user.active_memberships:
        if membership.role == Role.CASE_LEAD:
            return membership.organisation
    return None


def _check_lead(user) -> object:
    organisation = _lead_organisation(user) if user is not None else None
    if organisation is None or not can_lead_cases(user):
        raise ApplicationError(
            _("%(user)s non ha il ruolo di case manager in nessun ente: scegli un altro operatore.")
            % {"user": user},
            code="not_a_case_lead",
        )
    return organisation


def _check_open(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise InvalidTransition(
            _("La presa in carico n. %(case)s è chiusa: riaprila prima.") % {"case": case.pk},
            details={"status": case.status},
        )


def _add_member(case: Case, user, organisation, role: str) -> CaseMember:
    return CaseMember.objects.create(case=case, user=user, organisation=organisation, role=role[:120])


def _active_member(case: Case, user) -> CaseMember | None:
    return CaseMember.objects.filter(case=case, user=user, removed_at__isnull=True).first()


# --- taking in charge -------------------------------------------------------------------------


def open_case(*, actor, person, lead, team=None, micro_territory=None, categories=()) -> Case:
    """Take the person in charge with `lead` as case manager (status "to assess").

    Raises CaseAlreadyOpen (with the existing case) when the person already has
    a case that is not closed, also when another operator opened one at the
    same instant (the database's one-open-case constraint). The lead joins the
    case's team; they are e-mailed after commit when someone else chose them.
    """
    if not can_open_case(actor):
        raise PermissionDenied(
            _("Solo un case manager o un coordinatore può prendere in carico una persona.")
        )
    lead_organisation = _check_lead(lead)
    if team is not None and not team.active:
        raise ApplicationError(
            _("L'équipe «%(team)s» non è attiva: scegline un'altra.") % {"team": team.name}
        )
    micro_territory_id = getattr(micro_territory, "pk", None) or person.micro_territory_id
    with transaction.atomic():
        existing = Case.objects.filter(person=person).exclude(status=Status.CLOSED).first()
        if existing is not None:
            raise CaseAlreadyOpen(case=existing)
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    person=person,
                    lead=lead,
                    lead_organisation=lead_organisation,
                    team=team,
                    micro_territory_id=micro_territory_id,
                    categories=sorted(set(categories)),
                )
        except IntegrityError:
            existing = Case.objects.filter(person=person).exclude(status=Status.CLOSED).first()
            if existing is None:
                raise
            raise CaseAlreadyOpen(case=existing) from None
        _add_member(case, lead, lead_organisation, LEAD_ROLE_LABEL)
        _record(
            events.CASE_OPENED,
            case,
            actor=actor,
            payload={
                "lead": lead.pk,
                "lead_organisation": lead_organisation.pk,
                "team": getattr(team, "pk", None),
            },
            audit_action=AuditEntry.Action.CREATE,
        )
        _notify([lead], case, _("Ti è stata affidata una nuova presa in carico."), actor=actor)
    return case


# --- status ------------------------------------------------------------------------------------

# Each named action: (the status it leads to, the statuses it starts from, the event).
MOVES = {
    "activate": (Status.ACTIVE, {Status.TO_ASSESS}, events.CASE_ACTIVATED),
    "suspend": (Status.SUSPENDED, None, events.CASE_SUSPENDED),
    "resume": (Status.ACTIVE, {Status.SUSPENDED}, events.CASE_RESUMED),
    "close": (Status.CLOSED, None, events.CASE_CLOSED),
    "reopen": (Status.ACTIVE, {Status.CLOSED}, events.CASE_REOPENED),
}


def available_moves(case: Case) -> list[str]:
    """The named moves the transition table allows from the case's status (for the page's choices)."""
    return [
        move
        for move, (target, sources, _kind) in MOVES.items()
        if Case.TRANSITIONS.allows(case.status, target) and (sources is None or case.status in sources)
    ]


def change_status(case: Case, *, actor, move: str, reason: str = "", outcome: str = "", now=None) -> Case:
    """Move the case through `move` (a key of MOVES); unchanged when it is already there.

    Refused with InvalidTransition when Case.TRANSITIONS does not allow the
    move from the locked row's status, or the named move does not start there
    (e.g. "resume" a case that is not suspended).
    """
    target, sources, kind = MOVES[move]
    if not can_change_status(actor, case):
        raise PermissionDenied(_("Solo il case manager o il coordinatore dell'équipe può cambiare lo stato."))
    reason = (reason or "").strip()
    if move in ("suspend", "reopen") and not reason:
        raise ApplicationError(
            _("Scrivi il motivo: resta nella storia della presa in carico."), code="reason_required"
        )
    if move == "close" and outcome not in Case.Outcome.values:
        raise ApplicationError(
            _("Scegli l'esito con cui chiudere la presa in carico."), code="outcome_required"
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        source = locked.status
        if source == target:
            return locked
        Case.TRANSITIONS.check(source, target, labels=LABELS)
        if sources is not None and source not in sources:
            raise InvalidTransition(
                _("Questa azione vale per una presa in carico %(expected)s; questa è «%(source)s».")
                % {
                    "expected": _(" o ").join(f"«{LABELS[s]}»" for s in sorted(sources)),
                    "source": LABELS[source],
                },
                details={"from": source, "to": target},
            )
        if move == "reopen":
            other = (
                Case.objects.filter(person_id=locked.person_id)
                .exclude(pk=locked.pk)
                .exclude(status=Status.CLOSED)
                .first()
            )
            if other is not None:
                raise CaseAlreadyOpen(
                    _(
                        "Non si può riaprire: la persona ha già un'altra presa in carico aperta "
                        "(n. %(case)s). Lavora su quella, o chiudila prima."
                    )
                    % {"case": other.pk},
                    case=other,
                )
        fields = ["status", "status_changed_at"]
        locked.status, locked.status_changed_at = target, now
        if target == Status.CLOSED:
            locked.closed_at, locked.outcome, locked.outcome_note = now, outcome, reason
            fields += ["closed_at", "outcome", "outcome_note"]
            _cancel_pending_handovers(locked, actor=actor, now=now)
        elif source == Status.CLOSED:
            locked.closed_at, locked.outcome, locked.outcome_note = None, "", ""
            fields += ["closed_at", "outcome", "outcome_note"]
        try:
            with transaction.atomic():
                locked.save(update_fields=fields)
        except IntegrityError:
            other = Case.objects.filter(person_id=locked.person_id).exclude(status=Status.CLOSED).first()
            if other is None:
                raise
            raise CaseAlreadyOpen(case=other) from None
        CaseStatusChange.objects.create(
            case=locked, from_status=source, to_status=target, reason=reason, changed_by=actor, changed_at=now
        )
        payload = {"from": source, "to": target}
        if outcome:
            payload["outcome"] = outcome
        _record(kind, locked, actor=actor, payload=payload)
        _notify(
            _team_users(locked),
            locked,
            _("Lo stato è cambiato: %(source)s → %(target)s.")
            % {"source": LABELS[source], "target": LABELS[target]},
            actor=actor,
        )
    return locked


def _team_users(case: Case) -> list:
    return [member.user for member in case.members.filter(removed_at__isnull=True).select_related("user")]


def activate_case(case: Case, *, actor, note: str = "") -> Case:
    """The assessment starts: "to assess" → "active"."""
    return change_status(case, actor=actor, move="activate", reason=note)


def suspend_case(case: Case, *, actor, reason: str) -> Case:
    """Pause an active case (the reason is required and kept in its history)."""
    return change_status(case, actor=actor, move="suspend", reason=reason)


def resume_case(case: Case, *, actor, note: str = "") -> Case:
    """A suspended case becomes active again."""
    return change_status(case, actor=actor, move="resume", reason=note)


def close_case(case: Case, *, actor, outcome: str, note: str = "") -> Case:
    """Close with an outcome (Case.Outcome); a pending hand-over is cancelled."""
    return change_status(case, actor=actor, move="close", outcome=outcome, reason=note)


def reopen_case(case: Case, *, actor, note: str) -> Case:
    """Reopen a closed case; refused (CaseAlreadyOpen) when the person has another open case."""
    return change_status(case, actor=actor, move="reopen", reason=note)


# --- lead hand-over ----------------------------------------------------------------------------


def propose_handover(case: Case, *, actor, to_user, note: str) -> LeadHandover:
    """Propose `to_user` (a case lead somewhere) as the new lead; they accept or decline."""
    if not can_handover(actor, case):
        raise PermissionDenied(_("Solo il case manager o il coordinatore dell'équipe può passare la regia."))
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            _("Scrivi una nota per il nuovo case manager: cosa deve sapere per proseguire."),
            code="note_required",
        )
    to_organisation = _check_lead(to_user)
    with transaction.atomic():
        locked = _lock(case)
        _check_open(locked)
        if locked.lead_id == to_user.pk:
            raise ApplicationError(
                _("%(user)s è già il case manager: scegli un altro operatore.") % {"user": to_user},
                code="already_lead",
            )
        if LeadHandover.objects.filter(case=locked, status=LeadHandover.Status.PROPOSED).exists():
            raise Conflict(
                _("C'è già un passaggio di consegne in attesa per questa presa in carico: annullalo prima."),
                code="handover_pending",
            )
        handover = LeadHandover.objects.create(
            case=locked, from_user=actor, to_user=to_user, to_organisation=to_organisation, note=note
        )
        _record(
            events.LEAD_HANDOVER_PROPOSED,
            locked,
            actor=actor,
            payload={"handover": handover.pk, "to_user": to_user.pk, "to_organisation": to_organisation.pk},
        )
        _notify(
            [to_user],
            locked,
            _("Ti è stato proposto di diventare case manager: accetta o rifiuta."),
            actor=actor,
        )
    return handover


def _lock_pending(handover: LeadHandover) -> tuple[Case, LeadHandover]:
    """Lock the case, then the hand-over (always in this order), and check it still waits."""
    case = Case.objects.select_for_update().get(pk=handover.case_id)
    locked = LeadHandover.objects.select_for_update().get(pk=handover.pk)
    if locked.status != LeadHandover.Status.PROPOSED:
        raise Conflict(
            _("Questo passaggio di consegne non è più in attesa (%(status)s).")
            % {"status": locked.get_status_display()},
            code="handover_not_pending",
        )
    return case, locked


def accept_handover(handover: LeadHandover, *, actor, now=None) -> Case:
    """Become the case's lead: the former lead stays on the team; e-mailed after commit."""
    if not can_accept_handover(actor, handover):
        raise PermissionDenied(_("Solo l'operatore a cui è proposto può accettare il passaggio di consegne."))
    now = now or timezone.now()
    with transaction.atomic():
        case, locked = _lock_pending(handover)
        _check_open(case)
        former_lead = case.lead
        case.lead_id, case.lead_organisation_id = locked.to_user_id, locked.to_organisation_id
        case.save(update_fields=["lead", "lead_organisation"])
        member = _active_member(case, actor)
        if member is None:
            _add_member(case, actor, locked.to_organisation, LEAD_ROLE_LABEL)
        elif member.role != LEAD_ROLE_LABEL:
            member.role = LEAD_ROLE_LABEL
            member.save(update_fields=["role"])
        locked.status, locked.decided_at = LeadHandover.Status.ACCEPTED, now
        locked.save(update_fields=["status", "decided_at"])
        _record(
            events.LEAD_HANDOVER_ACCEPTED,
            case,
            actor=actor,
            payload={"handover": locked.pk, "from_lead": former_lead.pk, "to_lead": actor.pk},
        )
        _notify(
            [former_lead, locked.from_user],
            case,
            _("Il passaggio di consegne è stato accettato."),
            actor=actor,
        )
    return case


def decline_handover(handover: LeadHandover, *, actor, reason: str, now=None) -> LeadHandover:
    """Say no to a proposed hand-over, with the reason (the proposer is e-mailed)."""
    if not can_decline_handover(actor, handover):
        raise PermissionDenied(_("Solo l'operatore a cui è proposto può rifiutare il passaggio di consegne."))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Scrivi perché rifiuti: lo leggerà chi te l'ha proposto."), code="reason_required"
        )
    return _close_handover(
        handover,
        actor=actor,
        status=LeadHandover.Status.DECLINED,
        note=reason,
        kind=events.LEAD_HANDOVER_DECLINED,
        message=_("Il passaggio di consegne è stato rifiutato."),
        now=now,
    )


def cancel_handover(handover: LeadHandover, *, actor, now=None) -> LeadHandover:
    """Withdraw a proposed hand-over (who proposed it, the lead or the team's supervisor)."""
    if not can_cancel_handover(actor, handover):
        raise PermissionDenied(_("Solo chi ha proposto il passaggio di consegne può annullarlo."))
    return _close_handover(
        handover,
        actor=actor,
        status=LeadHandover.Status.CANCELLED,
        note="",
        kind=events.LEAD_HANDOVER_CANCELLED,
        message=_("Il passaggio di consegne è stato annullato."),
        now=now,
    )


def _close_handover(handover, *, actor, status, note, kind, message, now=None) -> LeadHandover:
    now = now or timezone.now()
    with transaction.atomic():
        case, locked = _lock_pending(handover)
        locked.status, locked.decided_at, locked.decision_note = status, now, note
        locked.save(update_fields=["status", "decided_at", "decision_note"])
        _record(kind, case, actor=actor, payload={"handover": locked.pk, "to_user": locked.to_user_id})
        _notify([locked.from_user, locked.to_user], case, message, actor=actor)
    return locked


def _cancel_pending_handovers(case: Case, *, actor, now) -> None:
    for pending in LeadHandover.objects.select_for_update().filter(
        case=case, status=LeadHandover.Status.PROPOSED
    ):
        pending.status, pending.decided_at = LeadHandover.Status.CANCELLED, now
        pending.decision_note = _("Annullato: la presa in carico è stata chiusa.")
        pending.save(update_fields=["status", "decided_at", "decision_note"])
        _record(
            events.LEAD_HANDOVER_CANCELLED,
            case,
            actor=actor,
            payload={"handover": pending.pk, "to_user": pending.to_user_id},
        )


# --- team --------------------------------------------------------------------------------------


def add_team_member(case: Case, *, actor, user, role: str = "") -> CaseMember:
    """Put an operator of any organisation on the case's team (e-mailed after commit)."""
    if not can_manage_team(actor, case):
        raise PermissionDenied(_("Solo il case manager o il coordinatore dell'équipe può cambiare l'équipe."))
    organisation = user.active_organisation if user is not None else None
    if organisation is None or not user.is_operator:
        raise ApplicationError(
            _("%(user)s non è un operatore attivo di un ente: scegli un altro operatore.") % {"user": user},
            code="not_an_operator",
        )
    with transaction.atomic():
        locked = _lock(case)
        _check_open(locked)
        if _active_member(locked, user) is not None:
            raise Conflict(
                _("%(user)s fa già parte dell'équipe di questa presa in carico.") % {"user": user},
                code="already_member",
            )
        member = _add_member(locked, user, organisation, (role or "").strip())
        _record(
            events.CASE_MEMBER_ADDED,
            locked,
            actor=actor,
            payload={"user": user.pk, "organisation": organisation.pk},
        )
        _notify([user], locked, _("Sei stato aggiunto all'équipe di una presa in carico."), actor=actor)
    return member


def remove_team_member(case: Case, *, actor, user, now=None) -> CaseMember:
    """Take an operator off the team (never the lead: hand the lead over first)."""
    if not can_manage_team(actor, case):
        raise PermissionDenied(_("Solo il case manager o il coordinatore dell'équipe può cambiare l'équipe."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        if locked.lead_id == user.pk:
            raise ApplicationError(
                _("Il case manager non può lasciare l'équipe: passa prima la regia a un altro operatore."),
                code="lead_stays",
            )
        member = _active_member(locked, user)
        if member is None:
            raise ApplicationError(
                _("%(user)s non fa parte dell'équipe di questa presa in carico.") % {"user": user},
                code="not_member",
            )
        member.removed_at = now
        member.save(update_fields=["removed_at"])
        _record(
            events.CASE_MEMBER_REMOVED,
            locked,
            actor=actor,
            payload={"user": user.pk, "organisation": member.organisation_id},
        )
        _notify([user], locked, _("Non fai più parte dell'équipe di una presa in carico."), actor=actor)
    return member


# --- the diary ---------------------------------------------------------------------------------

# Who may read a note, as the timeline's audience of its CASE_NOTE_WRITTEN event.
NOTE_AUDIENCE = {
    CaseNote.Visibility.TEAM: "case",
    CaseNote.Visibility.ORGANISATION: "organisation",
    CaseNote.Visibility.LEAD: "lead",
}
NOTE_MAX_LENGTH = 20_000


def write_note(
    case: Case, *, actor, body: str, visibility: str = CaseNote.Visibility.TEAM, categories=()
) -> CaseNote:
    """Write a dated note in the case's diary (the lead and the active team members).

    The note belongs to the organisation the author works on the case for;
    `visibility` says who reads it (the whole team, that organisation, or the
    lead and the author). The event names the note, never its text.
    """
    from intreccio.core.sensitivity import SensitiveCategory

    if not can_write_note(actor, case):
        raise PermissionDenied(
            _("Solo il case manager e l'équipe della presa in carico scrivono nel diario.")
        )
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Scrivi il testo della nota."), code="note_empty")
    if len(body) > NOTE_MAX_LENGTH:
        raise ApplicationError(
            _("La nota è troppo lunga: al massimo %(max)s caratteri.") % {"max": NOTE_MAX_LENGTH},
            code="note_too_long",
        )
    if visibility not in CaseNote.Visibility.values:
        raise ApplicationError(
            _("Scegli chi può leggere la nota: l'équipe, il tuo ente o solo il case manager."),
            code="invalid_visibility",
        )
    unknown = sorted(set(categories) - set(SensitiveCategory.values))
    if unknown:
        raise ApplicationError(
            _("Categorie sconosciute: %(categories)s.") % {"categories": ", ".join(unknown)},
            code="invalid_categories",
        )
    with transaction.atomic():
        locked = _lock(case)
        _check_open(locked)
        organisation_id = (
            locked.lead_organisation_id
            if locked.lead_id == actor.pk
            else CaseMember.objects.filter(case=locked, user=actor, removed_at__isnull=True)
            .values_list("organisation_id", flat=True)
            .first()
        )
        note = CaseNote.objects.create(
            case=locked,
            author=actor,
            organisation_id=organisation_id,
            body=body,
            visibility=visibility,
            categories=sorted(set(categories)),
        )
        tagged = sorted(set(locked.categories) | set(note.categories))
        payload = {
            "case_id": locked.pk,
            "note_id": note.pk,
            "audience": NOTE_AUDIENCE[visibility],
            "author_id": actor.pk,
        }
        record_event(
            events.CASE_NOTE_WRITTEN,
            actor=actor,
            subject=note,
            person_id=locked.person_id,
            micro_territory_id=locked.micro_territory_id,
            categories=tagged,
            payload=payload,
            organisation_id=organisation_id,
        )
        record_audit(
            actor,
            AuditEntry.Action.CREATE,
            note,
            person_id=locked.person_id,
            categories=tagged,
            details={"event": events.CASE_NOTE_WRITTEN, **payload},
        )
    return note
