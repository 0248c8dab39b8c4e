"""The plan page of a case, its forms (goals, actions, agreement, reviews) and the PDF of a version.

Every form posts to its own URL and redirects back to the page (htmx swaps
the page's body in place; without JavaScript the browser follows the
redirect). A refused or invalid form re-renders the page with its errors.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.cases import queries as cases
from intreccio.core.exceptions import ApplicationError, NotFound, PermissionDenied
from intreccio.core.http import run_action

from . import actions, queries
from .forms import (
    ActionEditForm,
    ActionForm,
    ActionProgressForm,
    AgreeForm,
    GoalEditForm,
    GoalForm,
    PlanForm,
    ReviewCancelForm,
    ReviewHoldForm,
    ReviewScheduleForm,
)
from .gaps import plan_gaps
from .links import links_for
from .models import CarePlan
from .pdf import version_context
from .rules import can_agree_plan, can_edit_plan, can_update_action_progress

EDIT_REFUSED = _("Solo il case manager e i colleghi del suo ente nell'équipe modificano il progetto.")


def _check(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _back(plan_or_case_id):
    case_id = getattr(plan_or_case_id, "case_id", plan_or_case_id)
    return redirect(reverse("plans:detail", args=[case_id]) + "#progetto")


def _goal_choices(plan):
    return [(goal.pk, goal.description[:80]) for goal in plan.goals.all()]


def _plan_need_choices(plan):
    return [(need.pk, need.label) for need in plan.needs.all()]


def _action_form(plan, form_class=ActionForm, *args, **kwargs):
    return form_class(
        *args,
        goals=_goal_choices(plan),
        services=queries.service_choices(),
        organisations=queries.organisation_choices(),
        operators=queries.responsible_choices(),
        **kwargs,
    )


def _page(request, case, plan, *, status=200, **forms):
    user = request.user
    context = {"case": case, "person": cases.person_of(case), "plan": plan, "can_edit": False}
    if plan is None:
        context["can_create"] = can_edit_plan(user, CarePlan(case=case))
        return render(request, "plans/plan_detail.html", context, status=status)
    editable = can_edit_plan(user, plan)
    versions = list(plan.versions.all())
    context.update(
        {
            "can_edit": editable,
            "can_agree": can_agree_plan(user, plan),
            "gaps": plan_gaps(plan),
            "goals": list(plan.goals.all()),
            "actions_by_goal": _actions_by_goal(plan, user),
            "versions": versions,
            "reviews": list(plan.reviews.all()),
            "scheduled_review": queries.scheduled_review(plan),
            "changed": actions.changed_since_last_version(plan, versions[0] if versions else None),
        }
    )
    if editable:
        context["plan_form"] = forms.get("plan_form") or PlanForm(
            initial={
                "summary": plan.summary,
                "person_words": plan.person_words,
                "person_language": plan.person_language,
                "next_review_on": plan.next_review_on,
                "needs": [str(need.pk) for need in plan.needs.all()],
            },
            needs=queries.need_choices(),
        )
        context["goal_form"] = forms.get("goal_form") or GoalForm(needs=_plan_need_choices(plan))
        context["action_form"] = forms.get("action_form") or _action_form(plan)
        context["schedule_form"] = forms.get("schedule_form") or ReviewScheduleForm()
    if context["can_agree"]:
        context["agree_form"] = forms.get("agree_form") or AgreeForm()
    context["progress_form"] = ActionProgressForm()
    return render(request, "plans/plan_detail.html", context, status=status)


def _actions_by_goal(plan, user) -> list[tuple]:
    """[(goal or None, [actions])]: each goal with its actions (and the links other apps offer
    next to each), then the actions without a goal."""
    by_goal: dict = {goal.pk: [] for goal in plan.goals.all()}
    loose = []
    for action in plan.actions.all():
        action.links = links_for(user, action)
        by_goal.get(action.goal_id, loose).append(action)
    rows = [(goal, by_goal[goal.pk]) for goal in plan.goals.all()]
    return [*rows, (None, loose)] if loose else rows


@require_GET
def plan_detail(request, case_id: int):
    case, plan = queries.get_plan_for_user(request.user, case_id)
    return _page(request, case, plan)


@require_POST
def plan_create(request, case_id: int):
    case = cases.get_case_for_action(request.user, case_id)
    _check(can_edit_plan(request.user, CarePlan(case=case)), EDIT_REFUSED)
    try:
        actions.create_plan(case, actor=request.user)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
        return _back(case.pk)
    messages.success(request, _("Progetto creato con i bisogni emersi negli accessi."))
    return _back(case.pk)


def _editable_plan(request, case_id):
    plan = queries.get_plan_for_action(request.user, case_id)
    _check(can_edit_plan(request.user, plan), EDIT_REFUSED)
    return plan


@require_POST
def plan_update(request, case_id: int):
    plan = _editable_plan(request, case_id)
    form = PlanForm(request.POST, needs=queries.need_choices())
    if form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            actions.update_plan,
            plan,
            actor=request.user,
            summary=data["summary"],
            person_words=data["person_words"],
            person_language=data["person_language"],
            next_review_on=data["next_review_on"],
            needs=queries.get_needs(data["needs"]),
        )
        if done is not None:
            messages.success(request, _("Progetto aggiornato."))
            return _back(plan)
    return _page(request, plan.case, plan, plan_form=form)


@require_POST
def goal_add(request, case_id: int):
    plan = _editable_plan(request, case_id)
    form = GoalForm(request.POST, needs=_plan_need_choices(plan))
    if form.is_valid():
        data = form.cleaned_data
        done = run_action(
            form,
            actions.add_goal,
            plan,
            actor=request.user,
            description=data["description"],
            need=queries.get_need(data["need"]),
            indicator=data["indicator"],
            target_date=data["target_date"],
        )
        if done is not None:
            messages.success(request, _("Obiettivo aggiunto."))
            return _back(plan)
    return _page(request, plan.case, plan, goal_form=form)


@require_http_methods(["GET", "POST"])
def goal_edit(request, case_id: int, goal_id: int):
    plan = _editable_plan(request, case_id)
    goal = queries.get_goal(plan, goal_id)
    needs = _plan_need_choices(plan)
    if request.method == "POST":
        form = GoalEditForm(request.POST, needs=needs)
        if form.is_valid():
            data = form.cleaned_data
            done = run_action(
                form,
                actions.update_goal,
                goal,
                actor=request.user,
                description=data["description"],
                need=queries.get_need(data["need"]),
                indicator=data["indicator"],
                target_date=data["target_date"],
                status=data["status"],
            )
            if done is not None:
                messages.success(request, _("Obiettivo aggiornato."))
                return _back(plan)
    else:
        form = GoalEditForm(
            initial={
                "description": goal.description,
                "need": goal.need_id,
                "indicator": goal.indicator,
                "target_date": goal.target_date,
                "status": goal.status,
            },
            needs=needs,
        )
    return render(
        request, "plans/goal_edit.html", {"case": plan.case, "plan": plan, "goal": goal, "form": form}
    )


@require_POST
def goal_remove(request, case_id: int, goal_id: int):
    plan = _editable_plan(request, case_id)
    goal = queries.get_goal(plan, goal_id)
    _attempt(request, actions.remove_goal, goal, success=_("Obiettivo tolto."))
    return _back(plan)


def _action_values(data) -> dict:
    return {
        "description": data["description"],
        "goal": None,
        "service": queries.get_service(data["service"]),
        "organisation": queries.get_organisation(data["organisation"]),
        "responsible": queries.get_operator(data["responsible"]),
        "owner_is_person": data["owner_is_person"],
        "start_on": data["start_on"],
        "due_on": data["due_on"],
    }


@require_POST
def action_add(request, case_id: int):
    plan = _editable_plan(request, case_id)
    form = _action_form(plan, ActionForm, request.POST)
    if form.is_valid():
        values = _action_values(form.cleaned_data)
        if form.cleaned_data["goal"] is not None:
            values["goal"] = queries.get_goal(plan, form.cleaned_data["goal"])
        done = run_action(form, actions.add_action, plan, actor=request.user, **values)
        if done is not None:
            messages.success(request, _("Azione aggiunta."))
            return _back(plan)
    return _page(request, plan.case, plan, action_form=form)


@require_http_methods(["GET", "POST"])
def action_edit(request, case_id: int, action_id: int):
    plan = _editable_plan(request, case_id)
    action = queries.get_action(plan, action_id)
    if request.method == "POST":
        form = _action_form(plan, ActionEditForm, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            values = _action_values(data)
            if data["goal"] is not None:
                values["goal"] = queries.get_goal(plan, data["goal"])
            done = run_action(
                form,
                actions.update_action,
                action,
                actor=request.user,
                status=data["status"],
                outcome=data["outcome"],
                **values,
            )
            if done is not None:
                messages.success(request, _("Azione aggiornata."))
                return _back(plan)
    else:
        form = _action_form(
            plan,
            ActionEditForm,
            initial={
                "description": action.description,
                "goal": action.goal_id,
                "service": action.service_id,
                "organisation": None if action.service_id else action.organisation_id,
                "responsible": action.responsible_id,
                "owner_is_person": action.owner_is_person,
                "start_on": action.start_on,
                "due_on": action.due_on,
                "status": action.status,
                "outcome": action.outcome,
            },
        )
    return render(
        request, "plans/action_edit.html", {"case": plan.case, "plan": plan, "action": action, "form": form}
    )


@require_POST
def action_remove(request, case_id: int, action_id: int):
    plan = _editable_plan(request, case_id)
    action = queries.get_action(plan, action_id)
    _attempt(request, actions.remove_action, action, success=_("Azione tolta."))
    return _back(plan)


@require_POST
def action_progress(request, case_id: int, action_id: int):
    """The action's responsible operator (or who writes the plan) reports its status."""
    action = queries.get_action_for_progress(request.user, action_id)
    if action.plan.case_id != case_id:
        raise NotFound()
    _check(
        can_update_action_progress(request.user, action),
        _("Solo l'operatore responsabile dell'azione o chi scrive il progetto ne aggiorna lo stato."),
    )
    form = ActionProgressForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.update_action_progress,
            action,
            status=form.cleaned_data["status"],
            outcome=form.cleaned_data["outcome"],
            success=_("Stato dell'azione aggiornato."),
        )
    else:
        messages.error(request, _("Scegli lo stato dell'azione."))
    if cases.cases_visible_to(request.user).filter(pk=case_id).exists():
        return _back(case_id)
    return redirect("accounts:home")


@require_POST
def plan_agree(request, case_id: int):
    plan = queries.get_plan_for_action(request.user, case_id)
    _check(
        can_agree_plan(request.user, plan), _("Solo il case manager condivide il progetto con la persona.")
    )
    form = AgreeForm(request.POST)
    if form.is_valid():
        done = run_action(
            form, actions.agree_plan, plan, actor=request.user, agreed_on=form.cleaned_data["agreed_on"]
        )
        if done is not None:
            messages.success(
                request, _("Progetto condiviso: versione %(number)s salvata.") % {"number": done.number}
            )
            return _back(plan)
    return _page(request, plan.case, plan, agree_form=form)


@require_POST
def plan_freeze(request, case_id: int):
    plan = queries.get_plan_for_action(request.user, case_id)
    _check(can_agree_plan(request.user, plan), _("Solo il case manager salva le versioni del progetto."))
    _attempt(request, actions.freeze_version, plan, success=_("Nuova versione del progetto salvata."))
    return _back(plan)


@require_POST
def review_schedule(request, case_id: int):
    plan = _editable_plan(request, case_id)
    form = ReviewScheduleForm(request.POST)
    if form.is_valid():
        done = run_action(
            form,
            actions.schedule_review,
            plan,
            actor=request.user,
            scheduled_on=form.cleaned_data["scheduled_on"],
        )
        if done is not None:
            messages.success(request, _("Verifica programmata."))
            return _back(plan)
    return _page(request, plan.case, plan, schedule_form=form)


@require_http_methods(["GET", "POST"])
def review_hold(request, case_id: int, review_id: int):
    plan = queries.get_plan_for_action(request.user, case_id)
    _check(can_agree_plan(request.user, plan), _("Solo il case manager svolge la verifica con la persona."))
    review = queries.get_review(plan, review_id)
    goals = list(plan.goals.all())
    if request.method == "POST":
        form = ReviewHoldForm(request.POST, goals=goals)
        if form.is_valid():
            data = form.cleaned_data
            done = run_action(
                form,
                actions.hold_review,
                review,
                actor=request.user,
                outcomes=form.outcomes(),
                summary=data["summary"],
                held_on=data["held_on"],
                next_review_on=data["next_review_on"],
            )
            if done is not None:
                messages.success(
                    request, _("Verifica registrata: versione %(number)s salvata.") % {"number": done.number}
                )
                return _back(plan)
    else:
        form = ReviewHoldForm(initial={"held_on": timezone.localdate()}, goals=goals)
    return render(
        request, "plans/review_hold.html", {"case": plan.case, "plan": plan, "review": review, "form": form}
    )


@require_POST
def review_cancel(request, case_id: int, review_id: int):
    plan = _editable_plan(request, case_id)
    review = queries.get_review(plan, review_id)
    form = ReviewCancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _attempt(request, actions.cancel_review, review, reason=reason, success=_("Verifica annullata."))
    return _back(plan)


@require_GET
def version_pdf(request, case_id: int, number: int):
    """A frozen version, printable: in Italian, or (?lingua=) in the person's language, to sign."""
    from weasyprint import HTML

    case, plan = queries.get_plan_for_user(request.user, case_id, purpose="stampa del progetto")
    if plan is None:
        raise NotFound()
    version = queries.get_version(plan, number)
    language = request.GET.get("lingua") or "it"
    if language not in actions.PRINT_LANGUAGES:
        language = "it"
    with translation.override(language):
        context = version_context(version, case=case, person=cases.person_of(case), language=language)
        html = render_to_string("plans/version_pdf.html", context, request=request)
    record_audit(
        request.user,
        AuditEntry.Action.PRINT,
        version,
        person_id=case.person_id,
        categories=list(case.categories),
        details={"language": language},
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="progetto-{case.pk}-v{version.number}-{language}.pdf"'
    )
    return response


def _attempt(request, action, /, *args, success: str, **kwargs) -> bool:
    try:
        action(*args, actor=request.user, **kwargs)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True
