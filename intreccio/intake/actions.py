"""Every change to intakes, routing rules and deadlines goes through these functions.

An intake is routed inside the transaction that records it (intake.routing);
the recipients are told by e-mail after commit. E-mails never carry a
person's data: only that something waits for them and the link.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.cases import actions as case_actions
from intreccio.cases.exceptions import CaseAlreadyOpen
from intreccio.cases.queries import open_case_of
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.notifications.actions import notify
from intreccio.notifications.models import Notification

from . import events, routing
from .models import DeadlinePolicy, Intake, RoutingRule, Urgency
from .rules import (
    can_acknowledge_intake,
    can_handle_intake,
    can_manage_routing,
    can_record_intake,
    can_report_concern,
    can_take_in_charge,
)

STATUS_LABELS = dict(Intake.Status.choices)


# --- helpers -----------------------------------------------------------------------------------


def _categories(needs) -> list[str]:
    return sorted({need.sensitive_category for need in needs if need.sensitive_category})


def _check_needs_and_urgency(needs, urgency: str) -> list:
    needs = sorted(needs, key=lambda need: (need.position, need.code))
    if not needs:
        raise ApplicationError(
            _("Indica almeno un bisogno intercettato: serve a capire chi deve prendere in carico."),
            code="needs_missing",
            details={"field": "needs"},
        )
    inactive = [need.code for need in needs if not need.active]
    if inactive:
        raise ApplicationError(
            _("Questi bisogni non sono più in uso: %(codes)s. Scegline altri.")
            % {"codes": ", ".join(inactive)},
            code="need_inactive",
            details={"field": "needs"},
        )
    if urgency not in Urgency.values:
        raise ApplicationError(
            _("Urgenza sconosciuta «%(urgency)s»: scegli tra %(allowed)s.")
            % {"urgency": urgency, "allowed": ", ".join(Urgency.values)},
            code="invalid_urgency",
            details={"field": "urgency"},
        )
    return needs


def _event(kind, intake: Intake, *, actor, payload=None):
    record_event(
        kind,
        actor=actor,
        subject=intake,
        person_id=intake.person_id if intake.shared else None,
        micro_territory_id=intake.micro_territory_id,
        categories=intake.categories,
        organisation_id=intake.organisation_id,
        payload=payload or {},
    )


def _audit(actor, action, intake: Intake, *, details=None):
    record_audit(
        actor, action, intake, person_id=intake.person_id, categories=intake.categories, details=details
    )


def _routed_payload(intake: Intake, needs) -> dict:
    """What the observatory counts: where it came from, what, how urgent, who got it and by when."""
    return {
        "team": intake.routed_to_team_id,
        "team_organisation": intake.routed_to_team.organisation_id if intake.routed_to_team_id else None,
        "user": intake.routed_to_user_id,
        "case": intake.case_id,
        "rule": intake.routing_rule_id,
        "due_at": intake.due_at.isoformat() if intake.due_at else None,
        "urgency": intake.urgency,
        "needs": [need.code for need in needs],
        "access_point_kind": intake.access_point_kind,
        "micro_territory": intake.micro_territory_id,
        "source": intake.source,
        "shared": intake.shared,
    }


def _link(intake: Intake) -> str:
    return settings.INTRECCIO_BASE_URL.rstrip("/") + reverse("intake:detail", args=[intake.pk])


def _recipients(intake: Intake) -> tuple[list, str]:
    """Who the intake was routed to (the operator, or the team's active members) and the team's mailbox."""
    if intake.routed_to_user_id:
        return [intake.routed_to_user], ""
    team = intake.routed_to_team
    if team is None:
        return [], ""
    return list(team.members.filter(is_active=True).order_by("pk")), team.email


def _recipient_emails(intake: Intake) -> list[str]:
    users, mailbox = _recipients(intake)
    return [mailbox] if mailbox else sorted(user.email for user in users)


def _notify_routed(intake: Intake, *, actor) -> None:
    """Tell those the intake was routed to, in Intreccio and by e-mail (after commit), without the person.

    A team with a mailbox of its own gets the e-mail there; its members then
    see the notification in Intreccio only.
    """
    users, mailbox = _recipients(intake)
    due = timezone.localtime(intake.due_at).strftime("%d/%m/%Y %H:%M") if intake.due_at else "—"
    body = _("È arrivato un nuovo accesso da prendere in carico (urgenza: %(urgency)s), entro %(due)s.") % {
        "urgency": intake.get_urgency_display(),
        "due": due,
    }
    notify(
        users,
        kind=Notification.Kind.INTAKE_ROUTED,
        title=_("Un nuovo accesso per te (n. %(number)s)") % {"number": intake.pk},
        body=body,
        url=reverse("intake:detail", args=[intake.pk]),
        actor=actor,
        email=not mailbox,
    )
    if mailbox:
        message = f"{body}\n\n{_('Apri')}: {_link(intake)}"
        subject = _("Intreccio: un nuovo accesso per te")
        transaction.on_commit(lambda: send_mail(subject, message, None, [mailbox]))


def _apply_decision(intake: Intake, decision: routing.Decision, *, now) -> None:
    if decision.team is None and decision.user is None:
        raise ApplicationError(
            _(
                "Non c'è nessuna équipe a cui affidare questo accesso: chiedi all'Ufficio di Piano di "
                "creare la regola di smistamento predefinita dell'ambito."
            ),
            code="no_route",
        )
    intake.routed_to_team = decision.team
    intake.routed_to_user = decision.user
    intake.routing_rule = decision.rule
    intake.case = decision.case
    intake.shared = decision.shared
    intake.routing_reason = decision.reason[:250]
    intake.due_at = routing.due_at(intake.urgency, now)
    intake.reminded_at = None
    intake.escalated_at = None


def _create_and_route(*, actor, needs, now, **values) -> Intake:
    intake = Intake(**values)
    intake.categories = _categories(needs)
    _apply_decision(intake, routing.route(intake, needs=needs), now=now)
    intake.save()
    intake.needs.set(needs)
    _audit(actor, AuditEntry.Action.CREATE, intake)
    _event(
        events.INTAKE_RECORDED,
        intake,
        actor=actor,
        payload={
            "source": intake.source,
            "needs": [need.code for need in needs],
            "urgency": intake.urgency,
            "access_point_kind": intake.access_point_kind,
            "micro_territory": intake.micro_territory_id,
        },
    )
    _event(events.INTAKE_ROUTED, intake, actor=actor, payload=_routed_payload(intake, needs))
    _notify_routed(intake, actor=actor)
    return intake


# --- recording ---------------------------------------------------------------------------------


def record_intake(
    *,
    actor,
    person,
    needs,
    urgency,
    narrative="",
    done_on_the_spot="",
    access_point=None,
    micro_territory=None,
    occurred_at=None,
) -> Intake:
    """Record what an operator intercepted about a person, and route it at once.

    The micro-territory defaults to the person's, then the access point's.
    The access point must be one of the operator's organisation.
    """
    if not can_record_intake(actor):
        raise PermissionDenied(_("Solo chi lavora con le persone in un ente può registrare un accesso."))
    organisation = actor.active_organisation
    if person is None:
        raise ApplicationError(
            _("Scegli o registra la persona; per chi non è identificato usa la segnalazione."),
            code="person_missing",
            details={"field": "person"},
        )
    needs = _check_needs_and_urgency(needs, urgency)
    if access_point is not None and (
        access_point.organisation_id != organisation.pk or not access_point.access_point_kind
    ):
        raise ApplicationError(
            _("«%(site)s» non è un punto di accesso di %(organisation)s: scegline uno del tuo ente.")
            % {"site": access_point.name, "organisation": organisation.name},
            code="access_point_not_yours",
            details={"field": "access_point"},
        )
    micro_territory = (
        micro_territory or person.micro_territory or (access_point.micro_territory if access_point else None)
    )
    now = timezone.now()
    with transaction.atomic():
        return _create_and_route(
            actor=actor,
            needs=needs,
            now=now,
            person=person,
            source=Intake.Source.OPERATOR,
            recorded_by=actor,
            organisation=organisation,
            access_point=access_point,
            access_point_kind=access_point.access_point_kind if access_point else "",
            micro_territory=micro_territory,
            occurred_at=occurred_at or now,
            urgency=urgency,
            narrative=narrative.strip(),
            done_on_the_spot=done_on_the_spot.strip(),
        )


def report_concern(
    *,
    actor,
    subject_description,
    needs,
    urgency,
    micro_territory,
    person=None,
    narrative="",
    source=Intake.Source.SENTINEL,
    organisation=None,
    contact="",
) -> Intake:
    """A sentinel's (or the portal's) report about someone, with minimal data; routed like any intake.

    `actor=None` is the system (the portal's hand-off): `organisation` is
    then the door the request was addressed to. An operator reports for
    their active organisation.
    """
    if actor is not None:
        if not can_report_concern(actor):
            raise PermissionDenied(
                _("Per inviare una segnalazione serve un ruolo di sentinella o di operatore in un ente.")
            )
        organisation = actor.active_organisation
    if organisation is None:
        raise ApplicationError(_("Manca l'ente che riceve la segnalazione."), code="organisation_missing")
    subject_description = (subject_description or "").strip()
    if person is None and not subject_description:
        raise ApplicationError(
            _("Descrivi di chi si tratta (per esempio «signora anziana sola, scala B»)."),
            code="subject_missing",
            details={"field": "subject_description"},
        )
    needs = _check_needs_and_urgency(needs, urgency)
    now = timezone.now()
    with transaction.atomic():
        return _create_and_route(
            actor=actor,
            needs=needs,
            now=now,
            person=person,
            subject_description=subject_description[:250],
            contact=(contact or "").strip()[:200],
            source=source,
            recorded_by=actor,
            organisation=organisation,
            micro_territory=micro_territory,
            occurred_at=now,
            urgency=urgency,
            narrative=(narrative or "").strip(),
        )


# --- handling ----------------------------------------------------------------------------------


def _locked(intake: Intake) -> Intake:
    return (
        Intake.objects.select_for_update(of=("self",))
        .select_related("routed_to_team", "case", "person")
        .get(pk=intake.pk)
    )


def _handled(intake: Intake, *, actor, status: str, now) -> None:
    Intake.TRANSITIONS.check(intake.status, status, labels=STATUS_LABELS)
    intake.status = status
    intake.handled_at = now
    intake.handled_by = actor


def _join(intake: Intake, case, *, actor, now) -> None:
    old = intake.status
    _handled(intake, actor=actor, status=Intake.Status.JOINED, now=now)
    intake.case = case
    intake.save(update_fields=["status", "handled_at", "handled_by", "case"])
    _audit(actor, AuditEntry.Action.UPDATE, intake, details={"status": [old, intake.status], "case": case.pk})
    _event(events.INTAKE_JOINED_CASE, intake, actor=actor, payload={"case": case.pk, "from": old})


def take_in_charge(intake: Intake, *, actor):
    """Open the person's case with the actor as lead (or join the case opened meanwhile).

    The person's other intakes waiting in the same team's queue join the case.
    Returns the case.
    """
    if not can_take_in_charge(actor, intake):
        raise PermissionDenied(
            _("Può prendere in carico solo un case manager dell'équipe a cui è arrivato l'accesso.")
        )
    now = timezone.now()
    with transaction.atomic():
        intake = _locked(intake)
        Intake.TRANSITIONS.check(intake.status, Intake.Status.TAKEN, labels=STATUS_LABELS)
        if intake.person_id is None:
            raise ApplicationError(
                _("La segnalazione non è ancora collegata a una persona: identificala e registrala prima."),
                code="person_missing",
            )
        existing = open_case_of(intake.person_id)
        if existing is None:
            try:
                case = case_actions.open_case(
                    actor=actor,
                    person=intake.person,
                    lead=actor,
                    team=intake.routed_to_team,
                    micro_territory=intake.micro_territory,
                    categories=intake.categories,
                )
            except CaseAlreadyOpen as error:
                existing = error.case
        if existing is not None:
            _join(intake, existing, actor=actor, now=now)
            return existing
        _handled(intake, actor=actor, status=Intake.Status.TAKEN, now=now)
        intake.case = case
        intake.save(update_fields=["status", "handled_at", "handled_by", "case"])
        _audit(
            actor, AuditEntry.Action.UPDATE, intake, details={"status": ["routed", "taken"], "case": case.pk}
        )
        _event(events.INTAKE_TAKEN_IN_CHARGE, intake, actor=actor, payload={"case": case.pk})
        if intake.routed_to_team_id:
            siblings = Intake.objects.select_for_update().filter(
                person_id=intake.person_id,
                routed_to_team_id=intake.routed_to_team_id,
                status=Intake.Status.ROUTED,
            )
            for sibling in siblings.exclude(pk=intake.pk).order_by("pk"):
                _join(sibling, case, actor=actor, now=now)
    return case


def acknowledge_intake(intake: Intake, *, actor) -> Intake:
    """The case lead acknowledges a new intake about their person: it joins the case."""
    if not can_acknowledge_intake(actor, intake):
        raise PermissionDenied(_("Solo il case manager della persona può confermare questo accesso."))
    with transaction.atomic():
        intake = _locked(intake)
        _join(intake, intake.case, actor=actor, now=timezone.now())
    return intake


def reroute_intake(intake: Intake, *, actor, team, note: str) -> Intake:
    """Send the intake to another team (it was not for us); the deadline restarts from now."""
    if not can_handle_intake(actor, intake):
        raise PermissionDenied(_("Solo chi ha ricevuto l'accesso può indirizzarlo a un'altra équipe."))
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            _("Scrivi perché lo indirizzi altrove: aiuta chi lo riceve."),
            code="note_missing",
            details={"field": "note"},
        )
    if team is None or not team.active:
        raise ApplicationError(_("Scegli un'équipe attiva."), code="team_missing", details={"field": "team"})
    if not intake.shared and team.organisation_id != intake.organisation_id:
        raise ApplicationError(
            _(
                "La persona non ha acconsentito alla condivisione: l'accesso può andare solo a "
                "un'équipe di %(organisation)s."
            )
            % {"organisation": intake.organisation.name},
            code="sharing_refused",
            details={"field": "team"},
        )
    now = timezone.now()
    with transaction.atomic():
        intake = _locked(intake)
        Intake.TRANSITIONS.check(intake.status, Intake.Status.ROUTED, labels=STATUS_LABELS)
        before = {"team": intake.routed_to_team_id, "user": intake.routed_to_user_id}
        decision = routing.Decision(
            team=team,
            shared=intake.shared,
            reason=_("Indirizzata da %(actor)s: %(note)s") % {"actor": actor.get_full_name(), "note": note},
        )
        _apply_decision(intake, decision, now=now)
        intake.save()
        needs = list(intake.needs.all())
        _audit(actor, AuditEntry.Action.UPDATE, intake, details={"rerouted_from": before, "team": team.pk})
        _event(
            events.INTAKE_REROUTED,
            intake,
            actor=actor,
            payload={
                **_routed_payload(intake, needs),
                "from_team": before["team"],
                "from_user": before["user"],
            },
        )
        _notify_routed(intake, actor=actor)
    return intake


def close_intake(intake: Intake, *, actor, note: str) -> Intake:
    """Close without taking in charge (not for the network, solved on the spot…), saying why."""
    if not can_handle_intake(actor, intake):
        raise PermissionDenied(_("Solo chi ha ricevuto l'accesso può chiuderlo."))
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            _("Scrivi perché chiudi l'accesso senza presa in carico (per esempio «risolto allo sportello»)."),
            code="note_missing",
            details={"field": "note"},
        )
    with transaction.atomic():
        intake = _locked(intake)
        old = intake.status
        _handled(intake, actor=actor, status=Intake.Status.CLOSED, now=timezone.now())
        intake.closing_note = note
        intake.save(update_fields=["status", "handled_at", "handled_by", "closing_note"])
        _audit(actor, AuditEntry.Action.UPDATE, intake, details={"status": [old, intake.status]})
        _event(events.INTAKE_CLOSED, intake, actor=actor, payload={"from": old})
    return intake


# --- overdue: reminders and escalation ----------------------------------------------------------


def _send_overdue_mail(recipients: list[str], intake: Intake, *, escalation: bool) -> None:
    if not recipients:
        return
    if escalation:
        subject = _("Intreccio: un accesso della tua équipe è in ritardo")
        text = _("Un accesso assegnato alla tua équipe non è stato preso in carico entro %(due)s.")
    else:
        subject = _("Intreccio: un accesso è scaduto")
        text = _("Un accesso che aspetta te o la tua équipe è scaduto il %(due)s.")
    body = text % {"due": timezone.localtime(intake.due_at).strftime("%d/%m/%Y %H:%M")}
    send_mail(subject, f"{body}\n\n{_('Apri')}: {_link(intake)}", None, recipients)


def remind_overdue_intakes(*, now=None) -> dict:
    """Remind the recipients of overdue intakes once, and escalate to the team's supervisor once.

    Idempotent: reminded_at and escalated_at record what was done.
    """
    now = now or timezone.now()
    reminded = escalated = 0
    overdue = Intake.objects.filter(status=Intake.Status.ROUTED, due_at__lt=now).select_related(
        "routed_to_team__supervisor", "routed_to_user"
    )
    for intake_id in overdue.filter(reminded_at__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            intake = (
                overdue.select_for_update(of=("self",)).filter(pk=intake_id, reminded_at__isnull=True).first()
            )
            if intake is None:
                continue
            intake.reminded_at = now
            intake.save(update_fields=["reminded_at"])
            recipients = _recipient_emails(intake)
            _event(events.INTAKE_REMINDED, intake, actor=None, payload={"recipients": len(recipients)})
            transaction.on_commit(lambda i=intake, r=recipients: _send_overdue_mail(r, i, escalation=False))
            reminded += 1
    for intake_id in overdue.filter(escalated_at__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            intake = (
                overdue.select_for_update(of=("self",))
                .filter(pk=intake_id, escalated_at__isnull=True)
                .first()
            )
            if intake is None or now <= routing.escalation_at(intake.urgency, intake.due_at):
                continue
            team = intake.routed_to_team
            supervisor = team.supervisor if team is not None else None
            intake.escalated_at = now
            intake.save(update_fields=["escalated_at"])
            recipients = [supervisor.email] if supervisor is not None and supervisor.is_active else []
            _event(
                events.INTAKE_ESCALATED,
                intake,
                actor=None,
                payload={
                    "team": team.pk if team else None,
                    "supervisor": supervisor.pk if supervisor else None,
                },
            )
            transaction.on_commit(lambda i=intake, r=recipients: _send_overdue_mail(r, i, escalation=True))
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}


# --- configuration: routing rules and deadlines ---------------------------------------------------


def check_can_manage_routing(actor) -> None:
    if not can_manage_routing(actor):
        raise PermissionDenied(
            _("Le regole di smistamento le configurano l'Ufficio di Piano e l'amministratore di sistema.")
        )


def _check_rule_is_new(team, micro_territory, need, *, exclude=None) -> None:
    if team is None or not team.active:
        raise ApplicationError(_("Scegli un'équipe attiva."), code="team_missing", details={"field": "team"})
    clash = RoutingRule.objects.filter(active=True, micro_territory=micro_territory, need=need)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    clash = clash.select_related("team").first()
    if clash is not None:
        raise ApplicationError(
            _(
                "Esiste già una regola attiva per questo microterritorio e bisogno (→ %(team)s): "
                "modificala o disattivala."
            )
            % {"team": clash.team.name},
            code="duplicate_rule",
        )


def _rule_payload(rule: RoutingRule) -> dict:
    return {
        "team": rule.team_id,
        "micro_territory": rule.micro_territory_id,
        "need": rule.need.code if rule.need_id else None,
        "active": rule.active,
    }


def create_routing_rule(*, actor, team, micro_territory=None, need=None) -> RoutingRule:
    """Say which team takes intakes for a need (blank: any) in a micro-territory (blank: anywhere)."""
    check_can_manage_routing(actor)
    _check_rule_is_new(team, micro_territory, need)
    with transaction.atomic():
        rule = RoutingRule.objects.create(team=team, micro_territory=micro_territory, need=need)
        record_event(events.ROUTING_RULE_CREATED, actor=actor, subject=rule, payload=_rule_payload(rule))
    return rule


def update_routing_rule(rule: RoutingRule, *, actor, team, micro_territory=None, need=None) -> RoutingRule:
    check_can_manage_routing(actor)
    if rule.active:
        _check_rule_is_new(team, micro_territory, need, exclude=rule)
    with transaction.atomic():
        before = _rule_payload(rule)
        rule.team, rule.micro_territory, rule.need = team, micro_territory, need
        rule.save(update_fields=["team", "micro_territory", "need", "updated_at"])
        record_event(
            events.ROUTING_RULE_UPDATED,
            actor=actor,
            subject=rule,
            payload={"before": before, "after": _rule_payload(rule)},
        )
    return rule


def deactivate_routing_rule(rule: RoutingRule, *, actor) -> RoutingRule:
    check_can_manage_routing(actor)
    if not rule.active:
        return rule
    with transaction.atomic():
        rule.active = False
        rule.save(update_fields=["active", "updated_at"])
        record_event(events.ROUTING_RULE_DEACTIVATED, actor=actor, subject=rule, payload=_rule_payload(rule))
    return rule


def update_deadline_policy(
    urgency: str, *, actor, working_days: int, escalate_after_working_days: int
) -> DeadlinePolicy:
    """Change how many working days an urgency gets, and the delay before the supervisor is told."""
    check_can_manage_routing(actor)
    if urgency not in Urgency.values:
        raise ApplicationError(_("Urgenza sconosciuta."), code="invalid_urgency")
    if not (0 <= working_days <= 60 and 0 <= escalate_after_working_days <= 30):
        raise ApplicationError(
            _("I giorni lavorativi vanno da 0 a 60 (e da 0 a 30 per l'avviso al coordinatore)."),
            code="invalid_days",
        )
    with transaction.atomic():
        policy, _created = DeadlinePolicy.objects.select_for_update().get_or_create(
            urgency=urgency,
            defaults={
                "working_days": working_days,
                "escalate_after_working_days": escalate_after_working_days,
            },
        )
        before = [policy.working_days, policy.escalate_after_working_days]
        policy.working_days = working_days
        policy.escalate_after_working_days = escalate_after_working_days
        policy.save(update_fields=["working_days", "escalate_after_working_days", "updated_at"])
        record_event(
            events.DEADLINE_POLICY_UPDATED,
            actor=actor,
            subject=policy,
            payload={
                "urgency": urgency,
                "before": before,
                "after": [working_days, escalate_after_working_days],
            },
        )
    return policy
