"""Every change to a personal plan goes through a function here.

Each action checks permission first (plans.rules), validates, locks the
plan row, changes it in one transaction and records its domain event and
audit entry. Agreeing the plan with the person, and each review, freeze a
numbered PlanVersion: a snapshot (`snapshot_of`) that is never edited.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, Conflict, InvalidTransition, PermissionDenied

from . import events
from .models import CarePlan, GoalOutcome, PlanAction, PlanGoal, PlanReview, PlanVersion
from .rules import can_agree_plan, can_edit_plan, can_update_action_progress

ActionStatus = PlanAction.Status
PLAN_FIELDS = ("summary", "person_words", "person_language", "next_review_on")
GOAL_FIELDS = ("need", "description", "indicator", "target_date", "status")
ACTION_FIELDS = (
    "goal",
    "description",
    "organisation",
    "service",
    "responsible",
    "owner_is_person",
    "start_on",
    "due_on",
    "status",
    "outcome",
)
# Who carries an action out, and when: checked together (_check_owner).
OWNER_FIELDS = ("goal", "organisation", "service", "responsible", "owner_is_person", "start_on", "due_on")
CLOSED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.NOT_DONE, ActionStatus.CANCELLED)
# Languages a plan can be printed in besides Italian (the locale catalogues hold the PDF's labels).
PRINT_LANGUAGES = ("it", "en", "fr", "es", "ar", "uk", "ro", "sq")


# --- helpers -----------------------------------------------------------------------------------


def _record(kind: str, plan: CarePlan, subject, *, actor, payload: dict, audit_action) -> None:
    case = plan.case
    payload = {"case_id": case.pk, "plan_id": plan.pk, **payload}
    categories = sorted(set(case.categories) | set(plan.categories))
    record_event(
        kind,
        actor=actor,
        subject=subject,
        person_id=case.person_id,
        micro_territory_id=case.micro_territory_id,
        categories=categories,
        payload=payload,
    )
    record_audit(
        actor,
        audit_action,
        subject,
        person_id=case.person_id,
        categories=categories,
        details={"event": kind, **payload},
    )


def _lock(plan: CarePlan) -> CarePlan:
    return CarePlan.objects.select_for_update().select_related("case").get(pk=plan.pk)


def _check_edit(plan: CarePlan, actor) -> None:
    if not can_edit_plan(actor, plan):
        if not plan.case.is_open:
            raise InvalidTransition(
                _("La presa in carico n. %(case)s è chiusa: riaprila prima di cambiare il progetto.")
                % {"case": plan.case_id}
            )
        raise PermissionDenied(
            _("Solo il case manager e i colleghi del suo ente nell'équipe modificano il progetto.")
        )


def _check_agree(plan: CarePlan, actor) -> None:
    if not can_agree_plan(actor, plan):
        raise PermissionDenied(
            _("Solo il case manager condivide il progetto con la persona e ne salva le versioni.")
        )


def _check_dates(start_on, due_on, *, start_label: str, due_label: str) -> None:
    if start_on and due_on and start_on > due_on:
        raise ApplicationError(
            _("«%(due)s» viene prima di «%(start)s»: correggi una delle due date.")
            % {"due": due_label, "start": start_label},
            code="dates_out_of_order",
        )


def _categories(case, needs) -> list[str]:
    return sorted(
        set(case.categories) | {need.sensitive_category for need in needs if need.sensitive_category}
    )


def _touch(plan: CarePlan, fields: list[str]) -> None:
    plan.updated_at = timezone.now()
    plan.save(update_fields=[*fields, "updated_at"])


def _changed(old, new) -> bool:
    return getattr(old, "pk", old) != getattr(new, "pk", new)


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return getattr(value, "pk", value)


# --- the plan ----------------------------------------------------------------------------------


def create_plan(case, *, actor) -> CarePlan:
    """Start the case's plan (a draft) with the needs of the intakes that led to the case.

    Refused with Conflict when the case already has a plan.
    """
    from intreccio.intake.models import Intake

    from .models import CarePlan as Plan

    probe = Plan(case=case)
    _check_edit(probe, actor)
    needs = list(
        {
            need.pk: need
            for intake in Intake.objects.filter(case=case).prefetch_related("needs")
            for need in intake.needs.all()
        }.values()
    )
    with transaction.atomic():
        if Plan.objects.filter(case=case).exists():
            raise Conflict(
                _("La presa in carico n. %(case)s ha già un progetto: aprilo invece di crearne un altro.")
                % {"case": case.pk},
                code="plan_exists",
            )
        plan = Plan.objects.create(
            case=case,
            created_by=actor,
            person_language=_person_language(case.person),
            categories=_categories(case, needs),
        )
        plan.needs.set(needs)
        _record(
            events.PLAN_CREATED,
            plan,
            plan,
            actor=actor,
            payload={"needs": sorted(need.pk for need in needs)},
            audit_action=AuditEntry.Action.CREATE,
        )
    return plan


def _person_language(person) -> str:
    language = (getattr(person, "preferred_language", "") or "").split("-")[0].lower()
    return language if language in PRINT_LANGUAGES and language != "it" else ""


def update_plan(plan: CarePlan, *, actor, needs=None, **changes) -> CarePlan:
    """Change the plan's summary, the person's words, their language, the next review or the needs.

    Only the keywords given change. A need still named by a goal cannot be removed.
    """
    _check_edit(plan, actor)
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown plan fields: {sorted(unknown)}")
    language = changes.get("person_language")
    if language and language not in PRINT_LANGUAGES:
        raise ApplicationError(
            _("Non abbiamo le etichette del progetto in «%(language)s»: scegli una lingua dell'elenco.")
            % {"language": language},
            code="language_not_available",
        )
    with transaction.atomic():
        locked = _lock(plan)
        changed = {}
        for name, value in changes.items():
            if getattr(locked, name) != value:
                changed[name] = _plain(value)
                setattr(locked, name, value)
        if "next_review_on" in changed:
            locked.review_reminded_at = None
        fields = [*changed]
        if needs is not None:
            needs = list(needs)
            before = set(locked.needs.values_list("pk", flat=True))
            after = {need.pk for need in needs}
            used = set(locked.goals.filter(need__isnull=False).values_list("need_id", flat=True))
            if used - after:
                raise ApplicationError(
                    _(
                        "Un obiettivo è legato a un bisogno che vuoi togliere: "
                        "cambia prima il bisogno dell'obiettivo."
                    ),
                    code="need_in_use",
                )
            if before != after:
                locked.needs.set(needs)
                locked.categories = _categories(locked.case, needs)
                changed["needs"] = sorted(after)
                fields.append("categories")
        if not changed:
            return locked
        if "next_review_on" in changed:
            fields.append("review_reminded_at")
        _touch(locked, fields)
        _record(
            events.PLAN_UPDATED,
            locked,
            locked,
            actor=actor,
            payload={"changed": sorted(changed)},
            audit_action=AuditEntry.Action.UPDATE,
        )
    return locked


# --- goals -------------------------------------------------------------------------------------


def _check_need(plan: CarePlan, need) -> None:
    if need is not None and not plan.needs.filter(pk=need.pk).exists():
        raise ApplicationError(
            _("Il bisogno «%(need)s» non è tra quelli del progetto: aggiungilo prima ai bisogni.")
            % {"need": need.label},
            code="need_not_in_plan",
        )


def add_goal(
    plan: CarePlan, *, actor, description: str, need=None, indicator="", target_date=None
) -> PlanGoal:
    """Add a goal, tied to one of the plan's needs when given."""
    _check_edit(plan, actor)
    description = (description or "").strip()
    if not description:
        raise ApplicationError(_("Scrivi l'obiettivo."), code="description_required")
    with transaction.atomic():
        locked = _lock(plan)
        _check_need(locked, need)
        position = (locked.goals.aggregate(top=Max("position"))["top"] or 0) + 1
        goal = PlanGoal.objects.create(
            plan=locked,
            need=need,
            description=description,
            indicator=(indicator or "").strip()[:300],
            target_date=target_date,
            position=position,
        )
        _touch(locked, [])
        _record(
            events.PLAN_GOAL_ADDED,
            locked,
            goal,
            actor=actor,
            payload={"goal_id": goal.pk, "need_id": getattr(need, "pk", None)},
            audit_action=AuditEntry.Action.CREATE,
        )
    return goal


def update_goal(goal: PlanGoal, *, actor, **changes) -> PlanGoal:
    """Change a goal's need, description, indicator, target date or status (only the keywords given)."""
    plan = goal.plan
    _check_edit(plan, actor)
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown goal fields: {sorted(unknown)}")
    if "description" in changes and not (changes["description"] or "").strip():
        raise ApplicationError(_("Scrivi l'obiettivo."), code="description_required")
    if "status" in changes and changes["status"] not in PlanGoal.Status.values:
        raise ApplicationError(_("Stato dell'obiettivo sconosciuto."), code="invalid_status")
    with transaction.atomic():
        locked_plan = _lock(plan)
        locked = PlanGoal.objects.select_for_update().get(pk=goal.pk, plan=locked_plan)
        if "need" in changes:
            _check_need(locked_plan, changes["need"])
        changed = {}
        for name, value in changes.items():
            current = getattr(locked, name)
            if _changed(current, value):
                changed[name] = {"from": _plain(current), "to": _plain(value)}
                setattr(locked, name, value)
        if not changed:
            return locked
        locked.save(update_fields=list(changed))
        _touch(locked_plan, [])
        _record(
            events.PLAN_GOAL_UPDATED,
            locked_plan,
            locked,
            actor=actor,
            payload={"goal_id": locked.pk, "changed": sorted(changed), **_status_move(changed)},
            audit_action=AuditEntry.Action.UPDATE,
        )
    return locked


def _status_move(changed: dict) -> dict:
    if "status" in changed:
        return {"from": changed["status"]["from"], "to": changed["status"]["to"]}
    return {}


def remove_goal(goal: PlanGoal, *, actor) -> None:
    """Remove a goal; its actions stay, without a goal. A goal already reviewed is dropped instead."""
    plan = goal.plan
    _check_edit(plan, actor)
    with transaction.atomic():
        locked_plan = _lock(plan)
        locked = PlanGoal.objects.select_for_update().get(pk=goal.pk, plan=locked_plan)
        if locked.outcomes.exists():
            raise ApplicationError(
                _(
                    "L'obiettivo ha già un esito in una verifica: invece di toglierlo, "
                    "segnalo come «Abbandonato»."
                ),
                code="goal_reviewed",
            )
        goal_id = locked.pk
        locked.delete()
        _touch(locked_plan, [])
        _record(
            events.PLAN_GOAL_UPDATED,
            locked_plan,
            ("plans.plangoal", goal_id),
            actor=actor,
            payload={"goal_id": goal_id, "removed": True},
            audit_action=AuditEntry.Action.DELETE,
        )


# --- actions -----------------------------------------------------------------------------------


def _check_owner(plan: CarePlan, values: dict) -> None:
    """The owner is coherent: a service of the organisation, a responsible who works there."""
    from intreccio.accounts.models import Membership

    goal = values.get("goal")
    if goal is not None and goal.plan_id != plan.pk:
        raise ApplicationError(_("L'obiettivo scelto è di un altro progetto."), code="goal_not_in_plan")
    service = values.get("service")
    organisation = values.get("organisation")
    if service is not None:
        if organisation is not None and service.organisation_id != organisation.pk:
            raise ApplicationError(
                _("Il servizio «%(service)s» non è di «%(organisation)s»: scegli un servizio dell'ente.")
                % {"service": service.name, "organisation": organisation.name},
                code="service_of_another_organisation",
            )
        values["organisation"] = organisation = service.organisation
    if values.get("owner_is_person") and organisation is not None:
        raise ApplicationError(
            _(
                "Un'azione è a cura della persona oppure di un ente, non di entrambi: "
                "togli l'ente o la spunta «a cura della persona»."
            ),
            code="two_owners",
        )
    responsible = values.get("responsible")
    if responsible is not None:
        works_there = Membership.objects.filter(
            user=responsible, active=True, user__is_active=True, organisation__active=True
        )
        if organisation is not None:
            works_there = works_there.filter(organisation=organisation)
        if not works_there.exists():
            raise ApplicationError(
                _("%(user)s non lavora per l'ente dell'azione: scegli un operatore di quell'ente.")
                % {"user": responsible},
                code="responsible_not_in_organisation",
            )
    _check_dates(values.get("start_on"), values.get("due_on"), start_label=_("dal"), due_label=_("entro il"))


def add_action(
    plan: CarePlan,
    *,
    actor,
    description: str,
    goal=None,
    organisation=None,
    service=None,
    responsible=None,
    owner_is_person: bool = False,
    start_on=None,
    due_on=None,
) -> PlanAction:
    """Add an action: what, for which goal, who carries it out (an organisation's service, or the person)."""
    _check_edit(plan, actor)
    description = (description or "").strip()
    if not description:
        raise ApplicationError(_("Scrivi che cosa va fatto."), code="description_required")
    values = {
        "goal": goal,
        "organisation": organisation,
        "service": service,
        "responsible": responsible,
        "owner_is_person": bool(owner_is_person),
        "start_on": start_on,
        "due_on": due_on,
    }
    with transaction.atomic():
        locked = _lock(plan)
        _check_owner(locked, values)
        position = (locked.actions.aggregate(top=Max("position"))["top"] or 0) + 1
        action = PlanAction.objects.create(plan=locked, description=description, position=position, **values)
        _touch(locked, [])
        _record(
            events.PLAN_ACTION_ADDED,
            locked,
            action,
            actor=actor,
            payload={
                "action_id": action.pk,
                "goal_id": action.goal_id,
                "organisation_id": action.organisation_id,
                "service_id": action.service_id,
            },
            audit_action=AuditEntry.Action.CREATE,
        )
    return action


def update_action(action: PlanAction, *, actor, **changes) -> PlanAction:
    """Change an action's fields (only the keywords given); closing it stamps completed_at."""
    plan = action.plan
    _check_edit(plan, actor)
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown action fields: {sorted(unknown)}")
    if "description" in changes and not (changes["description"] or "").strip():
        raise ApplicationError(_("Scrivi che cosa va fatto."), code="description_required")
    if "status" in changes and changes["status"] not in ActionStatus.values:
        raise ApplicationError(_("Stato dell'azione sconosciuto."), code="invalid_status")
    with transaction.atomic():
        locked_plan = _lock(plan)
        locked = PlanAction.objects.select_for_update().get(pk=action.pk, plan=locked_plan)
        values = {name: getattr(locked, name) for name in OWNER_FIELDS}
        values.update({name: value for name, value in changes.items() if name in OWNER_FIELDS})
        if changes.get("service") is not None and "organisation" not in changes:
            values["organisation"] = None  # the service names its organisation
        _check_owner(locked_plan, values)
        changes = {
            **values,
            **{name: changes[name] for name in ("description", "status", "outcome") if name in changes},
        }
        changed = {}
        for name, value in changes.items():
            current = getattr(locked, name)
            if _changed(current, value):
                changed[name] = {"from": _plain(current), "to": _plain(value)}
                setattr(locked, name, value)
        if not changed:
            return locked
        fields = list(changed)
        if "due_on" in changed:
            locked.overdue_notified_at = None
            fields.append("overdue_notified_at")
        if "status" in changed:
            locked.completed_at = timezone.now() if locked.status in CLOSED_ACTION_STATUSES else None
            fields.append("completed_at")
        locked.save(update_fields=fields)
        _touch(locked_plan, [])
        _record(
            events.PLAN_ACTION_UPDATED,
            locked_plan,
            locked,
            actor=actor,
            payload={"action_id": locked.pk, "changed": sorted(changed), **_status_move(changed)},
            audit_action=AuditEntry.Action.UPDATE,
        )
    return locked


def remove_action(action: PlanAction, *, actor) -> None:
    """Remove an action nobody works on yet; one with a referral is cancelled instead."""
    plan = action.plan
    _check_edit(plan, actor)
    with transaction.atomic():
        locked_plan = _lock(plan)
        locked = PlanAction.objects.select_for_update().get(pk=action.pk, plan=locked_plan)
        if locked.referrals.exists():
            raise ApplicationError(
                _(
                    "Un invio a un servizio realizza questa azione: invece di toglierla, "
                    "segnala come «Annullata»."
                ),
                code="action_has_referral",
            )
        action_id = locked.pk
        locked.delete()
        _touch(locked_plan, [])
        _record(
            events.PLAN_ACTION_UPDATED,
            locked_plan,
            ("plans.planaction", action_id),
            actor=actor,
            payload={"action_id": action_id, "removed": True},
            audit_action=AuditEntry.Action.DELETE,
        )


def update_action_progress(action: PlanAction, *, actor, status: str, outcome: str = "") -> PlanAction:
    """The action's responsible operator (or who writes the plan) reports its status and outcome."""
    if not can_update_action_progress(actor, action):
        raise PermissionDenied(
            _("Solo l'operatore responsabile dell'azione o chi scrive il progetto ne aggiorna lo stato.")
        )
    if not action.plan.case.is_open:
        raise InvalidTransition(
            _("La presa in carico n. %(case)s è chiusa: riaprila prima di cambiare il progetto.")
            % {"case": action.plan.case_id}
        )
    if status not in ActionStatus.values:
        raise ApplicationError(_("Stato dell'azione sconosciuto."), code="invalid_status")
    if status == action.status and not outcome:
        return action
    return record_action_progress(action, status=status, outcome=outcome, actor=actor)


def record_action_progress(action: PlanAction, *, status: str, outcome: str = "", actor) -> PlanAction:
    """Bring news about an action from the work that carries it out (a referral's outcome).

    The caller has already checked that `actor` may report on that work (the
    referral's receiving side): this function trusts it and does not require
    the actor to be on the case team. The status and outcome are written on
    the action, with an event on the person's timeline.
    """
    with transaction.atomic():
        locked = PlanAction.objects.select_for_update().select_related("plan__case").get(pk=action.pk)
        case = locked.plan.case
        previous = locked.status
        locked.status = status
        if outcome:
            locked.outcome = outcome
        closed = status in CLOSED_ACTION_STATUSES
        locked.completed_at = timezone.now() if closed else None
        locked.save(update_fields=["status", "outcome", "completed_at"])
        payload = {
            "case_id": case.pk,
            "plan_id": locked.plan_id,
            "action_id": locked.pk,
            "from": previous,
            "to": status,
        }
        record_event(
            events.PLAN_ACTION_UPDATED,
            actor=actor,
            subject=locked,
            person_id=case.person_id,
            micro_territory_id=case.micro_territory_id,
            categories=list(case.categories),
            payload=payload,
        )
        record_audit(
            actor,
            AuditEntry.Action.UPDATE,
            locked,
            person_id=case.person_id,
            categories=list(case.categories),
            details=payload,
        )
    return locked


# --- versions ----------------------------------------------------------------------------------


def snapshot_of(plan: CarePlan) -> dict:
    """What a version freezes: the plan's texts, needs, goals and actions as they read now.

    Reads the plan's prefetched needs/goals/actions when given by queries.plan_detail.
    """
    needs = sorted(plan.needs.all(), key=lambda need: (need.position, need.label))
    goals = sorted(plan.goals.all(), key=lambda goal: (goal.position, goal.pk))
    actions = sorted(plan.actions.all(), key=lambda action: (action.position, action.pk))
    need_labels = {need.pk: need.label for need in needs}
    return {
        "summary": plan.summary,
        "person_words": plan.person_words,
        "person_language": plan.person_language,
        "next_review_on": _plain(plan.next_review_on),
        "needs": [
            {"id": need.pk, "code": need.code, "label": need.label, "translations": dict(need.translations)}
            for need in needs
        ],
        "goals": [
            {
                "id": goal.pk,
                "need_id": goal.need_id,
                "need": need_labels.get(goal.need_id, ""),
                "description": goal.description,
                "indicator": goal.indicator,
                "target_date": _plain(goal.target_date),
                "status": goal.status,
            }
            for goal in goals
        ],
        "actions": [
            {
                "id": action.pk,
                "goal_id": action.goal_id,
                "description": action.description,
                "organisation": action.organisation.name if action.organisation_id else "",
                "service": action.service.name if action.service_id else "",
                "responsible": action.responsible.get_full_name() if action.responsible_id else "",
                "owner_is_person": action.owner_is_person,
                "start_on": _plain(action.start_on),
                "due_on": _plain(action.due_on),
                "status": action.status,
                "outcome": action.outcome,
            }
            for action in actions
        ],
    }


def _freeze(plan: CarePlan, *, actor, reason: str, agreed_on=None) -> PlanVersion:
    """Write the next numbered version of a locked plan (inside the caller's transaction)."""
    case = plan.case
    snapshot = snapshot_of(plan)
    snapshot["lead"] = {"name": case.lead.get_full_name(), "organisation": case.lead_organisation.name}
    number = plan.current_version + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, reason=reason, snapshot=snapshot, agreed_on=agreed_on, created_by=actor
    )
    plan.current_version = number
    _record(
        events.PLAN_VERSION_FROZEN,
        plan,
        version,
        actor=actor,
        payload={"version": number, "reason": reason},
        audit_action=AuditEntry.Action.CREATE,
    )
    return version


def _check_agreed_on(agreed_on) -> None:
    if agreed_on is not None and agreed_on > timezone.localdate():
        raise ApplicationError(
            _("La data della firma è nel futuro: scrivi il giorno in cui la persona ha firmato."),
            code="agreed_on_in_future",
        )


def agree_plan(plan: CarePlan, *, actor, agreed_on=None) -> PlanVersion:
    """The person agreed the plan (signed on paper on `agreed_on`): freeze version 1 and mark it agreed.

    Refused when the plan has no goal, or is already agreed (then freeze_version saves a new version).
    """
    _check_agree(plan, actor)
    _check_agreed_on(agreed_on)
    with transaction.atomic():
        locked = _lock(plan)
        if locked.status != CarePlan.Status.DRAFT:
            raise InvalidTransition(
                _("Il progetto è già condiviso con la persona: salva una nuova versione invece."),
                code="plan_already_agreed",
            )
        if not locked.goals.exists():
            raise ApplicationError(
                _("Il progetto non ha ancora obiettivi: aggiungine almeno uno prima di condividerlo."),
                code="plan_without_goals",
            )
        version = _freeze(locked, actor=actor, reason=PlanVersion.Reason.AGREED, agreed_on=agreed_on)
        locked.status = CarePlan.Status.AGREED
        _touch(locked, ["status", "current_version"])
        _record(
            events.PLAN_AGREED,
            locked,
            locked,
            actor=actor,
            payload={"version": version.number, "agreed_on": _plain(agreed_on)},
            audit_action=AuditEntry.Action.UPDATE,
        )
    return version


def freeze_version(plan: CarePlan, *, actor, agreed_on=None) -> PlanVersion:
    """Save the changes made to an agreed plan as a new version (reason AMENDED).

    Refused when the plan is a draft (agree it first) or nothing changed since the last version.
    """
    _check_agree(plan, actor)
    _check_agreed_on(agreed_on)
    with transaction.atomic():
        locked = _lock(plan)
        if locked.status != CarePlan.Status.AGREED:
            raise InvalidTransition(
                _("Il progetto non è ancora condiviso con la persona: condividilo prima."),
                code="plan_not_agreed",
            )
        if not changed_since_last_version(locked):
            raise ApplicationError(
                _("Nulla è cambiato dalla versione %(number)s: non serve una nuova versione.")
                % {"number": locked.current_version},
                code="nothing_changed",
            )
        version = _freeze(locked, actor=actor, reason=PlanVersion.Reason.AMENDED, agreed_on=agreed_on)
        _touch(locked, ["current_version"])
    return version


def changed_since_last_version(plan: CarePlan, latest: PlanVersion | None = None) -> bool:
    """Whether the plan reads differently from its last version (False when it has none)."""
    if plan.current_version == 0:
        return False
    if latest is None:
        latest = plan.versions.filter(number=plan.current_version).first()
    if latest is None:
        return False
    frozen = {key: value for key, value in latest.snapshot.items() if key != "lead"}
    return frozen != snapshot_of(plan)


# --- reviews -----------------------------------------------------------------------------------


def _check_agreed(plan: CarePlan) -> None:
    if plan.status != CarePlan.Status.AGREED:
        raise InvalidTransition(
            _("Le verifiche sono di un progetto condiviso con la persona: condividilo prima."),
            code="plan_not_agreed",
        )


def schedule_review(plan: CarePlan, *, actor, scheduled_on) -> PlanReview:
    """Schedule the next review (one at a time); the plan's next review date follows it."""
    _check_edit(plan, actor)
    if scheduled_on is None:
        raise ApplicationError(_("Scegli la data della verifica."), code="date_required")
    with transaction.atomic():
        locked = _lock(plan)
        _check_agreed(locked)
        if locked.reviews.filter(status=PlanReview.Status.SCHEDULED).exists():
            raise Conflict(
                _("C'è già una verifica programmata: svolgila o annullala prima di programmarne un'altra."),
                code="review_already_scheduled",
            )
        review = PlanReview.objects.create(plan=locked, scheduled_on=scheduled_on)
        locked.next_review_on = scheduled_on
        locked.review_reminded_at = None
        _touch(locked, ["next_review_on", "review_reminded_at"])
        _record(
            events.PLAN_REVIEW_SCHEDULED,
            locked,
            review,
            actor=actor,
            payload={"review_id": review.pk, "scheduled_on": _plain(scheduled_on)},
            audit_action=AuditEntry.Action.CREATE,
        )
    return review


def _lock_review(review: PlanReview):
    locked_plan = _lock(review.plan)
    locked = PlanReview.objects.select_for_update().get(pk=review.pk, plan=locked_plan)
    if locked.status != PlanReview.Status.SCHEDULED:
        raise InvalidTransition(
            _("La verifica è già %(status)s.") % {"status": locked.get_status_display().lower()},
            code="review_not_scheduled",
        )
    return locked_plan, locked


def hold_review(
    review: PlanReview,
    *,
    actor,
    outcomes: dict,
    summary: str = "",
    held_on=None,
    next_review_on=None,
    agreed_on=None,
) -> PlanVersion:
    """Record a review: each goal's outcome {goal_id: (status, note)}, a summary; freeze a new version.

    Goal statuses take the outcomes; the version's reason is REVIEW. Every
    goal named must belong to the plan; goals not named keep their status.
    """
    plan = review.plan
    _check_agree(plan, actor)
    held_on = held_on or timezone.localdate()
    if held_on > timezone.localdate():
        raise ApplicationError(_("La verifica non può essere svolta nel futuro."), code="held_on_in_future")
    _check_agreed_on(agreed_on)
    with transaction.atomic():
        locked_plan, locked = _lock_review(review)
        goals = {goal.pk: goal for goal in locked_plan.goals.select_for_update()}
        for goal_id, (status, _note) in outcomes.items():
            if int(goal_id) not in goals:
                raise ApplicationError(
                    _("Un obiettivo indicato non è di questo progetto."), code="goal_not_in_plan"
                )
            if status not in PlanGoal.Status.values:
                raise ApplicationError(_("Esito dell'obiettivo sconosciuto."), code="invalid_status")
        for goal_id, (status, note) in outcomes.items():
            goal = goals[int(goal_id)]
            GoalOutcome.objects.create(review=locked, goal=goal, status=status, note=(note or "").strip())
            if goal.status != status:
                goal.status = status
                goal.save(update_fields=["status"])
        locked_plan.next_review_on = next_review_on
        locked_plan.review_reminded_at = None
        version = _freeze(locked_plan, actor=actor, reason=PlanVersion.Reason.REVIEW, agreed_on=agreed_on)
        locked.status = PlanReview.Status.HELD
        locked.held_on = held_on
        locked.held_by = actor
        locked.summary = (summary or "").strip()
        locked.version = version
        locked.save(update_fields=["status", "held_on", "held_by", "summary", "version"])
        _touch(locked_plan, ["next_review_on", "review_reminded_at", "current_version"])
        _record(
            events.PLAN_REVIEW_HELD,
            locked_plan,
            locked,
            actor=actor,
            payload={
                "review_id": locked.pk,
                "version": version.number,
                "outcomes": {str(goal_id): status for goal_id, (status, _note) in outcomes.items()},
            },
            audit_action=AuditEntry.Action.UPDATE,
        )
    return version


def cancel_review(review: PlanReview, *, actor, reason: str = "") -> PlanReview:
    """Cancel a scheduled review; the plan's next review date is cleared when it was this one."""
    plan = review.plan
    _check_edit(plan, actor)
    with transaction.atomic():
        locked_plan, locked = _lock_review(review)
        locked.status = PlanReview.Status.CANCELLED
        locked.summary = (reason or "").strip()
        locked.save(update_fields=["status", "summary"])
        if locked_plan.next_review_on == locked.scheduled_on:
            locked_plan.next_review_on = None
            _touch(locked_plan, ["next_review_on"])
        _record(
            events.PLAN_REVIEW_CANCELLED,
            locked_plan,
            locked,
            actor=actor,
            payload={"review_id": locked.pk, "scheduled_on": _plain(locked.scheduled_on)},
            audit_action=AuditEntry.Action.UPDATE,
        )
    return locked
