"""Response pages: record one (with the overlap warning), what my organisation gave, overlaps, catalogue."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.http import run_action, safe_next
from intreccio.directory import queries as directory_queries
from intreccio.people import queries as people_queries

from . import actions, queries
from .exceptions import OverlapFound
from .forms import AlertFilterForm, CancelForm, DecideForm, ResponseFilterForm, ResponseForm, ResponseTypeForm
from .rules import (
    can_cancel_response,
    can_decide_overlap,
    can_manage_response_types,
    can_view_responses,
    works_with_persons,
)


def _check(allowed: bool, message: str) -> None:
    """Refuse before reading any input: the permission comes first."""
    if not allowed:
        raise PermissionDenied(message)


def _check_person_facing(request) -> None:
    _check(
        works_with_persons(request.user), _("Le risposte sono degli operatori che lavorano con le persone.")
    )


def _households(person) -> dict:
    """The person's current households by id (the form's choices)."""
    return queries.households_of(person)


def _form(data, households) -> ResponseForm:
    return ResponseForm(
        data,
        types=queries.response_types().order_by("position", "name"),
        households=[(pk, str(household)) for pk, household in households.items()],
    )


@require_http_methods(["GET", "POST"])
def record(request):
    _check_person_facing(request)
    person = people_queries.get_person_for_user(request.user, request.GET.get("persona"), purpose="risposta")
    back = safe_next(request, reverse("people:person", args=[person.pk]))
    households = _households(person)
    form = _form(request.POST or None, households)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            links = {
                "action": queries.linked_action(request.GET.get("azione")),
                "referral": queries.linked_referral(request.GET.get("invio")),
            }
            response = actions.record_response(
                **links,
                actor=request.user,
                person=person,
                type=data["type"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                quantity=data["quantity"],
                amount=data["amount"],
                note=data["note"],
                household=households.get(data["household"]),
                confirm_overlap=data["confirm_overlap"],
            )
        except OverlapFound as error:
            conflicts = error.details["conflicts"]
            form.add_error(None, error.message)
        except PermissionDenied:
            raise
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Risposta registrata: %(type)s.") % {"type": response.type.name})
            return redirect(back)
    return render(
        request,
        "responses/record.html",
        {"form": form, "person": person, "conflicts": conflicts, "back": back},
    )


@require_GET
def check(request):
    """The overlap warning while the form is filled in (htmx): who gives what, as far as the user may see."""
    _check_person_facing(request)
    person = people_queries.get_person_for_user(request.user, request.GET.get("persona"), purpose="risposta")
    households = _households(person)
    form = _form(request.GET, households)
    conflicts = []
    if form.is_valid():
        data = form.cleaned_data
        found = actions.check_overlaps(
            actor=request.user,
            person=person,
            type=data["type"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            household=households.get(data["household"]),
        )
        conflicts = [actions.describe_conflict(response) for response in found]
    return render(
        request, "responses/_overlap_warning.html", {"conflicts": conflicts, "checked": form.is_valid()}
    )


@require_GET
def response_list(request):
    _check(
        can_view_responses(request.user), _("Le risposte sono degli operatori che lavorano con le persone.")
    )
    types = queries.response_types(active_only=False).order_by("position", "name")
    form = ResponseFilterForm(request.GET or None, types=types)
    filters = form.cleaned_data if form.is_valid() else {}
    responses = queries.responses_given(
        request.user, starts_on=filters.get("dal"), ends_on=filters.get("al"), type=filters.get("tipo")
    )
    page = Paginator(responses, 25).get_page(request.GET.get("page"))
    queries.record_disclosure(request.user, page.object_list, target="responses.response")
    return render(request, "responses/response_list.html", {"form": form, "page": page})


@require_POST
def cancel(request, response_id: int):
    response = queries.get_response_for_user(request.user, response_id)
    _check(
        can_cancel_response(request.user, response), _("Solo l'ente che ha dato la risposta può annullarla.")
    )
    form = CancelForm(request.POST)
    if form.is_valid():
        if run_action(
            form, actions.cancel_response, response, actor=request.user, reason=form.cleaned_data["reason"]
        ):
            messages.success(request, _("Risposta annullata."))
    if form.errors:
        messages.error(request, _("Scrivi perché annulli la risposta: resta nella sua storia."))
    return redirect(safe_next(request, reverse("responses:list")))


@require_GET
def alert_list(request):
    _check(
        can_view_responses(request.user), _("Le risposte sono degli operatori che lavorano con le persone.")
    )
    form = AlertFilterForm(request.GET or None)
    status = form.cleaned_data.get("stato") if form.is_valid() else ""
    alerts = queries.alerts_visible_to(request.user)
    if status:
        alerts = alerts.filter(status=status)
    page = Paginator(alerts, 25).get_page(request.GET.get("page"))
    views = queries.alert_views(request.user, page.object_list)
    queries.record_disclosure(
        request.user, [view for view in views if view.person_visible], target="responses.overlapalert"
    )
    for view in views:
        view.may_decide = can_decide_overlap(request.user, view.alert)
    return render(
        request,
        "responses/alert_list.html",
        {"form": form, "page": page, "alerts": views, "decide_form": DecideForm()},
    )


@require_POST
def decide(request, alert_id: int):
    alert = queries.get_alert_for_user(request.user, alert_id)
    _check(
        can_decide_overlap(request.user, alert),
        _("Decide il case manager, o il coordinatore di un ente coinvolto."),
    )
    form = DecideForm(request.POST)
    if form.is_valid():
        done = run_action(
            form,
            actions.decide_overlap,
            alert,
            actor=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        if done is not None:
            messages.success(
                request, _("Valutazione registrata: %(status)s.") % {"status": done.get_status_display()}
            )
    if form.errors:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect(safe_next(request, reverse("responses:alerts")))


# --- the catalogue -----------------------------------------------------------------------------------


@require_GET
def type_list(request):
    _check(
        can_manage_response_types(request.user), _("Il catalogo delle risposte lo curano gli amministratori.")
    )
    return render(
        request,
        "responses/type_list.html",
        {"types": queries.response_types(active_only=False).order_by("-active", "position", "name")},
    )


@require_http_methods(["GET", "POST"])
def type_form(request, type_id: int | None = None):
    _check(
        can_manage_response_types(request.user), _("Il catalogo delle risposte lo curano gli amministratori.")
    )
    response_type = queries.get_response_type(type_id) if type_id is not None else None
    # The form works on its own copy: the action changes the row.
    instance = queries.get_response_type(type_id) if type_id is not None else None
    form = ResponseTypeForm(
        request.POST or None,
        instance=instance,
        needs=directory_queries.active_needs().order_by("position", "label"),
    )
    if request.method == "POST" and form.is_valid():
        if response_type is None:
            saved = run_action(form, actions.create_response_type, actor=request.user, **form.cleaned_data)
        else:
            saved = run_action(
                form, actions.update_response_type, response_type, actor=request.user, **form.cleaned_data
            )
        if saved is not None:
            messages.success(request, _("Tipo di risposta salvato."))
            return redirect("responses:types")
    return render(request, "responses/type_form.html", {"form": form, "response_type": response_type})


@require_POST
def type_active(request, type_id: int):
    _check(
        can_manage_response_types(request.user), _("Il catalogo delle risposte lo curano gli amministratori.")
    )
    response_type = queries.get_response_type(type_id)
    active = request.POST.get("active") == "1"
    actions.set_response_type_active(response_type, actor=request.user, active=active)
    messages.success(
        request,
        _("Tipo rimesso in uso.")
        if active
        else _("Tipo ritirato: non si registrano più risposte di questo tipo."),
    )
    return redirect("responses:types")
