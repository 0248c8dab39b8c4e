"""Operator pages of the any-door intake: record, report, queue, inbox, detail, routing rules."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.http import run_action
from intreccio.core.rules import is_operator
from intreccio.directory import queries as directory_queries
from intreccio.organisations import queries as organisation_queries
from intreccio.territory import queries as territory_queries

from . import actions, queries
from .forms import CloseForm, ConcernForm, DeadlinePolicyForm, IntakeForm, RerouteForm, RoutingRuleForm
from .models import Urgency
from .rules import (
    can_acknowledge_intake,
    can_handle_intake,
    can_manage_routing,
    can_record_intake,
    can_report_concern,
    can_take_in_charge,
    can_view_queue,
)


def _check(predicate, request, message, *args) -> None:
    if not predicate(request.user, *args):
        raise PermissionDenied(message)


def _micro_territories(request):
    organisation = request.user.active_organisation
    return territory_queries.micro_territories(organisation.district if organisation else None).order_by(
        "name"
    )


@require_http_methods(["GET", "POST"])
def intake_create(request):
    _check(can_record_intake, request, _("Solo chi lavora con le persone può registrare un accesso."))
    person = queries.person_for_intake(request.user, request.GET.get("persona"))
    organisation = request.user.active_organisation
    access_points = organisation_queries.access_points().filter(organisation=organisation)
    form = IntakeForm(
        request.POST or None,
        initial={"access_point": access_points.first()},
        needs=directory_queries.active_needs().order_by("position", "label"),
        access_points=access_points,
        micro_territories=_micro_territories(request),
    )
    if request.method == "POST" and form.is_valid():
        intake = run_action(
            form, actions.record_intake, actor=request.user, person=person, **form.cleaned_data
        )
        if intake is not None:
            messages.success(request, intake.routing_reason)
            return redirect("intake:detail", intake.pk)
    return render(
        request,
        "intake/intake_form.html",
        {
            "form": form,
            "person_name": queries.person_label(
                person, visible=bool(queries.visible_person_ids(request.user, [person.pk]))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def concern_create(request):
    _check(can_report_concern, request, _("Le segnalazioni sono riservate alle sentinelle e agli operatori."))
    form = ConcernForm(
        request.POST or None,
        needs=directory_queries.active_needs().order_by("position", "label"),
        micro_territories=_micro_territories(request),
    )
    if request.method == "POST" and form.is_valid():
        intake = run_action(form, actions.report_concern, actor=request.user, **form.cleaned_data)
        if intake is not None:
            messages.success(request, _("Grazie: la segnalazione è arrivata a chi se ne occupa."))
            return redirect("intake:report")
    return render(request, "intake/concern_form.html", {"form": form})


@require_GET
def team_queue(request):
    _check(can_view_queue, request, _("La coda degli accessi è riservata a chi lavora con le persone."))
    intakes = queries.team_queue(request.user)
    queries.audit_list_read(request.user, intakes, list_name="queue")
    return render(
        request,
        "intake/queue.html",
        {"rows": queries.rows(intakes, request.user), "now": timezone.now()},
    )


@require_GET
def inbox(request):
    _check(can_view_queue, request, _("La posta in arrivo è riservata a chi lavora con le persone."))
    sections = queries.inbox(request.user)
    queries.audit_list_read(
        request.user, {i.pk: i for rows in sections.values() for i in rows}.values(), list_name="inbox"
    )
    return render(
        request,
        "intake/inbox.html",
        queries.rows_by_section(sections, request.user),
    )


@require_GET
def intake_detail(request, intake_id: int):
    intake = queries.get_intake_for_user(request.user, intake_id)
    user = request.user
    may_handle = intake.status == intake.Status.ROUTED and can_handle_intake(user, intake)
    return render(
        request,
        "intake/intake_detail.html",
        {
            "intake": intake,
            "person_name": queries.person_label(
                intake, visible=bool(queries.visible_person_ids(request.user, [intake.person_id]))
            ),
            "needs": list(intake.needs.all()),
            "overdue": queries.is_overdue(intake),
            "may_take": intake.status == intake.Status.ROUTED and can_take_in_charge(user, intake),
            "may_acknowledge": intake.status == intake.Status.ROUTED and can_acknowledge_intake(user, intake),
            "may_handle": may_handle,
            "reroute_form": RerouteForm(teams=queries.routable_teams(intake)) if may_handle else None,
            "close_form": CloseForm() if may_handle else None,
        },
    )


def _after_action(request, intake_id, action, *args, success: str, **kwargs):
    try:
        action(*args, **kwargs)
        messages.success(request, success)
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
    return redirect("intake:detail", intake_id)


@require_POST
def intake_take(request, intake_id: int):
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="presa in carico")
    return _after_action(
        request,
        intake.pk,
        actions.take_in_charge,
        intake,
        actor=request.user,
        success=_("Presa in carico: ora sei il case manager della persona."),
    )


@require_POST
def intake_acknowledge(request, intake_id: int):
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="conferma del case manager")
    return _after_action(
        request,
        intake.pk,
        actions.acknowledge_intake,
        intake,
        actor=request.user,
        success=_("L'accesso è unito alla presa in carico."),
    )


@require_POST
def intake_reroute(request, intake_id: int):
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="nuovo smistamento")
    form = RerouteForm(request.POST, teams=queries.routable_teams(intake))
    if not form.is_valid():
        if not can_handle_intake(request.user, intake):
            raise PermissionDenied(_("Solo chi ha ricevuto l'accesso può indirizzarlo a un'altra équipe."))
        messages.error(request, _("Scegli l'équipe e scrivi perché."))
        return redirect("intake:detail", intake.pk)
    return _after_action(
        request,
        intake.pk,
        actions.reroute_intake,
        intake,
        actor=request.user,
        team=form.cleaned_data["team"],
        note=form.cleaned_data["note"],
        success=_("Accesso indirizzato all'équipe scelta."),
    )


@require_POST
def intake_close(request, intake_id: int):
    intake = queries.get_intake_for_user(request.user, intake_id, purpose="chiusura dell'accesso")
    return _after_action(
        request,
        intake.pk,
        actions.close_intake,
        intake,
        actor=request.user,
        note=request.POST.get("note", ""),
        success=_("Accesso chiuso."),
    )


# --- routing rules and deadlines -------------------------------------------------------------


@require_GET
def rule_list(request):
    if not is_operator(request.user):
        raise PermissionDenied(_("Le regole di smistamento sono visibili agli operatori."))
    may_manage = can_manage_routing(request.user)
    policies = queries.deadline_policies()
    return render(
        request,
        "intake/rule_list.html",
        {
            "rules": queries.routing_rules(),
            "may_manage": may_manage,
            "policies": [
                (
                    policy,
                    DeadlinePolicyForm(initial=policy.__dict__, prefix=policy.urgency)
                    if may_manage
                    else None,
                )
                for policy in policies
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def rule_form(request, rule_id: int | None = None):
    _check(can_manage_routing, request, _("Le regole le configurano l'Ufficio di Piano e l'amministratore."))
    rule = queries.get_routing_rule(rule_id) if rule_id is not None else None
    initial = (
        {"micro_territory": rule.micro_territory, "need": rule.need, "team": rule.team} if rule else None
    )
    form = RoutingRuleForm(
        request.POST or None,
        initial=initial,
        micro_territories=_micro_territories(request),
        needs=directory_queries.active_needs().order_by("position", "label"),
        teams=queries.routable_teams(),
    )
    if request.method == "POST" and form.is_valid():
        if rule is None:
            saved = run_action(form, actions.create_routing_rule, actor=request.user, **form.cleaned_data)
        else:
            saved = run_action(
                form, actions.update_routing_rule, rule, actor=request.user, **form.cleaned_data
            )
        if saved is not None:
            messages.success(request, _("Regola salvata."))
            return redirect("intake:rules")
    return render(request, "intake/rule_form.html", {"form": form, "rule": rule})


@require_POST
def rule_deactivate(request, rule_id: int):
    _check(can_manage_routing, request, _("Le regole le configurano l'Ufficio di Piano e l'amministratore."))
    rule = queries.get_routing_rule(rule_id)
    actions.deactivate_routing_rule(rule, actor=request.user)
    messages.success(request, _("Regola disattivata."))
    return redirect("intake:rules")


@require_POST
def deadline_update(request):
    _check(can_manage_routing, request, _("I termini li configurano l'Ufficio di Piano e l'amministratore."))
    urgency = request.POST.get("urgency", "")
    if urgency not in Urgency.values:
        messages.error(request, _("Urgenza sconosciuta."))
        return redirect("intake:rules")
    form = DeadlinePolicyForm(request.POST, prefix=urgency)
    if form.is_valid():
        try:
            actions.update_deadline_policy(
                urgency,
                actor=request.user,
                working_days=form.cleaned_data["working_days"],
                escalate_after_working_days=form.cleaned_data["escalate_after_working_days"],
            )
            messages.success(request, _("Termini aggiornati."))
        except ApplicationError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Indica numeri di giorni lavorativi validi (da 0 a 60)."))
    return redirect("intake:rules")
