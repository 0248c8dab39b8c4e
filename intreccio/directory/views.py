"""Operator pages of the directory: search, services, places, schedules, capacity, review, needs."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.http import run_action
from intreccio.territory import queries as territory

from . import actions, queries
from .forms import (
    ActivityForm,
    CapacityForm,
    ClosureForm,
    LocationForm,
    NeedForm,
    OperatorSearchForm,
    ReviewForm,
    ScheduleForm,
    ServiceForm,
    TranslationForm,
)
from .rules import (
    can_manage_needs,
    can_manage_services,
    can_propose_change,
    can_update_capacity,
    can_view_directory,
)
from .search import SearchCriteria, describe_services, search_services

TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.PORTAL_LANGUAGES if code != "it"]


def _refused(request, error: ApplicationError):
    if error.status in (403, 404):
        raise error
    messages.error(request, error.message)


def _check_can_view(request) -> None:
    """Deny by default: an account with no active role is not an operator (docs/security.md)."""
    if not can_view_directory(request.user):
        raise PermissionDenied(_("La mappa dei servizi è riservata agli operatori con un ruolo in un ente."))


def _check_can_manage(request, organisation, message: str) -> None:
    if not can_manage_services(request.user, organisation):
        raise PermissionDenied(message)


@require_GET
def service_search(request):
    _check_can_view(request)
    organisation = request.user.active_organisation
    district = organisation.district if organisation else territory.districts().first()
    form = OperatorSearchForm(
        request.GET or None,
        needs=queries.active_needs(),
        municipalities=territory.municipalities(district).order_by("name") if district else [],
    )
    criteria = SearchCriteria(include_closed=True)
    if form.is_bound and form.is_valid():
        criteria = form.criteria(
            include_closed=True,
            with_capacity=form.cleaned_data["posti"],
            organisation=organisation if form.cleaned_data["mio_ente"] else None,
        )
    page = Paginator(search_services(criteria), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/service_search.html",
        {
            "form": form,
            "criteria": criteria,
            "page": page,
            "results": describe_services(page.object_list, criteria),
            "can_create": organisation is not None and can_manage_services(request.user, organisation),
        },
    )


@require_GET
def service_detail(request, service_id: int):
    _check_can_view(request)
    service = queries.service_detail(service_id)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "capacity": queries.capacity_status(service),
            "capacity_form": CapacityForm(initial={"status": service.capacity_status}),
            "history": queries.history_of(service),
            "can_manage": can_manage_services(request.user, service.organisation),
            "can_update_capacity": can_update_capacity(request.user, service.organisation),
            "can_propose": can_propose_change(request.user, service.organisation),
            "languages": TRANSLATION_LANGUAGES,
            "verify_months": queries.verify_months(),
        },
    )


def _service_form(request, data=None, initial=None, *, proposal=False):
    return ServiceForm(
        data,
        initial=initial,
        needs=queries.active_needs(),
        micro_territories=territory.micro_territories().order_by("name"),
        proposal=proposal,
    )


@require_http_methods(["GET", "POST"])
def service_create(request):
    organisation = request.user.active_organisation
    if organisation is None or not can_manage_services(request.user, organisation):
        raise PermissionDenied(_("Solo gli amministratori dell'ente possono aggiungere servizi."))
    form = _service_form(request, request.POST or None, {"status": "active"})
    if form.is_valid():
        values, related = form.split()
        service = run_action(
            form, actions.create_service, organisation, actor=request.user, **values, **related
        )
        if service is not None:
            messages.success(request, _("Servizio aggiunto alla mappa della rete."))
            return redirect("directory:service", service.pk)
    return render(request, "directory/service_form.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def service_edit(request, service_id: int):
    service = queries.service_detail(service_id)
    if not can_manage_services(request.user, service.organisation):
        raise PermissionDenied(_("Puoi proporre una modifica: la valuta l'amministratore dell'ente."))
    initial = {field: getattr(service, field) for field in ServiceForm.base_fields if hasattr(service, field)}
    initial.update(
        needs=list(service.needs.all()),
        micro_territories=list(service.micro_territories.all()),
        languages=[language.code for language in service.languages.all()],
    )
    form = _service_form(request, request.POST or None, initial)
    if form.is_valid():
        values, related = form.split()
        if run_action(form, actions.update_service, service, actor=request.user, **values, **related):
            messages.success(request, _("Servizio aggiornato."))
            return redirect("directory:service", service.pk)
    return render(request, "directory/service_form.html", {"form": form, "service": service})


@require_http_methods(["GET", "POST"])
def service_propose(request, service_id: int):
    service = queries.get_service(service_id)
    actions.check_can_propose(request.user, service.organisation)
    initial = {field: getattr(service, field) for field in ServiceForm.PROPOSABLE}
    form = _service_form(request, request.POST or None, initial, proposal=True)
    if form.is_valid():
        note = form.cleaned_data.pop("note")
        changes = {
            key: value
            for key, value in form.cleaned_data.items()
            if key in ServiceForm.PROPOSABLE and key in request.POST
        }
        if run_action(form, actions.propose_change, service, actor=request.user, changes=changes, note=note):
            messages.success(request, _("Proposta inviata: la valuterà un amministratore dell'ente."))
            return redirect("directory:service", service.pk)
    return render(
        request, "directory/service_form.html", {"form": form, "service": service, "proposal": True}
    )


@require_POST
def service_verify(request, service_id: int):
    service = queries.get_service(service_id)
    actions.verify_service(service, actor=request.user)
    messages.success(request, _("Grazie: la scheda risulta verificata oggi."))
    return redirect("directory:service", service.pk)


@require_POST
def service_capacity(request, service_id: int):
    service = queries.get_service(service_id)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            actions.update_capacity(service, actor=request.user, **form.values())
            messages.success(request, _("Disponibilità aggiornata."))
        except ApplicationError as error:
            _refused(request, error)
    return redirect("directory:service", service.pk)


@require_http_methods(["GET", "POST"])
def service_schedules(request, service_id: int):
    service = queries.service_detail(service_id)
    if not can_manage_services(request.user, service.organisation):
        raise PermissionDenied(_("Non puoi gestire gli orari di questo ente."))
    form = ScheduleForm(request.POST or None, initial={"freq": "WEEKLY", "closed_on_public_holidays": True})
    closure_form = ClosureForm()
    if form.is_valid():
        target = (
            queries.get_service_at_location(request.POST["link"]) if request.POST.get("link") else service
        )
        if getattr(target, "service_id", service.pk) != service.pk:
            raise PermissionDenied(_("La sede non appartiene a questo servizio."))
        if run_action(form, actions.add_schedule, target, actor=request.user, **form.values()):
            messages.success(request, _("Orario aggiunto."))
            return redirect("directory:service_schedules", service.pk)
    return render(
        request,
        "directory/service_schedules.html",
        {
            "service": service,
            "form": form,
            "closure_form": closure_form,
            "locations": queries.locations_for_service(service),
        },
    )


@require_POST
def schedule_remove(request, schedule_id: int):
    schedule = queries.get_schedule(schedule_id)
    owner = schedule.service or getattr(schedule.service_at_location, "service", None)
    actions.remove_schedule(schedule, actor=request.user)
    messages.success(request, _("Orario tolto."))
    if owner is not None:
        return redirect("directory:service_schedules", owner.pk)
    return redirect("directory:location", (schedule.location or schedule.activity.location).pk)


@require_POST
def closure_add(request, service_id: int):
    service = queries.get_service(service_id)
    form = ClosureForm(request.POST)
    if form.is_valid():
        try:
            actions.add_closure(service, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Chiusura registrata."))
        except ApplicationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Indica le date di inizio e di fine della chiusura."))
    return redirect("directory:service_schedules", service.pk)


@require_POST
def closure_remove(request, closure_id: int):
    closure = queries.get_closure(closure_id)
    target = closure.service or closure.location
    actions.remove_closure(closure, actor=request.user)
    messages.success(request, _("Chiusura tolta."))
    return (
        redirect("directory:service_schedules", target.pk)
        if closure.service_id
        else redirect("directory:location", target.pk)
    )


@require_POST
def service_link_location(request, service_id: int):
    service = queries.get_service(service_id)
    location = queries.locations_for_service(service).filter(pk=request.POST.get("location")).first()
    if location is None:
        messages.error(request, _("Scegli una sede dall'elenco."))
    else:
        try:
            actions.link_service_to_location(service, location, actor=request.user)
            messages.success(
                request, _("Il servizio è offerto anche in: %(place)s.") % {"place": location.name}
            )
        except ApplicationError as error:
            _refused(request, error)
    return redirect("directory:service_schedules", service.pk)


@require_POST
def service_unlink_location(request, link_id: int):
    link = queries.get_service_at_location(link_id)
    actions.unlink_service_from_location(link, actor=request.user)
    messages.success(request, _("Sede tolta dal servizio."))
    return redirect("directory:service_schedules", link.service_id)


@require_http_methods(["GET", "POST"])
def service_translation(request, service_id: int, language: str):
    service = queries.service_detail(service_id, language=language)
    _check_can_manage(request, service.organisation, _("Non puoi tradurre le schede di questo ente."))
    if language not in dict(TRANSLATION_LANGUAGES):
        raise PermissionDenied(_("Lingua non prevista dal portale."))
    current = next(iter(service.current_translations), None)
    initial = {field: getattr(current, field) for field in TranslationForm.base_fields} if current else None
    form = TranslationForm(request.POST or None, initial=initial)
    if form.is_valid():
        if run_action(
            form, actions.save_translation, service, language, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Traduzione salvata."))
            return redirect("directory:service", service.pk)
    return render(
        request,
        "directory/translation_form.html",
        {"form": form, "target": service, "language": dict(TRANSLATION_LANGUAGES)[language]},
    )


# --- locations and places ---------------------------------------------------------------------------


@require_GET
def location_list(request):
    _check_can_view(request)
    mine = request.GET.get("mio_ente") == "1"
    organisation = request.user.active_organisation
    locations = queries.locations(
        organisation=organisation if mine else None, places_only=request.GET.get("luoghi") == "1"
    )
    page = Paginator(locations, 50).get_page(request.GET.get("page"))
    can_create = organisation is not None and can_manage_services(request.user, organisation)
    return render(
        request, "directory/location_list.html", {"page": page, "mine": mine, "can_create": can_create}
    )


@require_GET
def location_detail(request, location_id: int):
    _check_can_view(request)
    location = queries.location_detail(location_id)
    return render(
        request,
        "directory/location_detail.html",
        {
            "location": location,
            "history": queries.history_of(location),
            "can_manage": can_manage_services(request.user, location.organisation),
            "can_propose": can_propose_change(request.user, location.organisation),
            "activity_form": ActivityForm(),
            "schedule_form": ScheduleForm(initial={"freq": "WEEKLY"}),
            "hours_form": ScheduleForm(
                prefix="hours", initial={"freq": "WEEKLY", "closed_on_public_holidays": True}
            ),
            "languages": TRANSLATION_LANGUAGES,
        },
    )


def _location_form(request, organisation, data=None, initial=None):
    district = organisation.district if organisation else None
    return LocationForm(
        data,
        initial=initial,
        sites=organisation.sites.filter(active=True) if organisation else territory.municipalities().none(),
        municipalities=territory.municipalities(district).order_by("name"),
        micro_territories=territory.micro_territories(district).order_by("name"),
    )


@require_http_methods(["GET", "POST"])
def location_create(request):
    organisation = request.user.active_organisation
    if organisation is None or not can_manage_services(request.user, organisation):
        raise PermissionDenied(_("Solo gli amministratori dell'ente possono aggiungere luoghi."))
    form = _location_form(
        request, organisation, request.POST or None, {"coordinates_precision": "exact", "active": True}
    )
    if form.is_valid():
        values, address, languages = form.split()
        location = run_action(
            form,
            actions.create_location,
            actor=request.user,
            organisation=organisation,
            address=address,
            languages=languages,
            **values,
        )
        if location is not None:
            messages.success(request, _("Luogo aggiunto."))
            return redirect("directory:location", location.pk)
    return render(request, "directory/location_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def location_edit(request, location_id: int):
    location = queries.location_detail(location_id)
    if not can_manage_services(request.user, location.organisation):
        raise PermissionDenied(_("Non puoi gestire i luoghi di questo ente."))
    address = next(iter(location.addresses.all()), None)
    initial = {
        field: getattr(location, field) for field in LocationForm.base_fields if hasattr(location, field)
    }
    initial.update(
        address_1=address.address_1 if address else "",
        languages=[lang.code for lang in location.languages.all()],
    )
    form = _location_form(request, location.organisation, request.POST or None, initial)
    if form.is_valid():
        values, address_values, languages = form.split()
        if run_action(
            form,
            actions.update_location,
            location,
            actor=request.user,
            address=address_values,
            languages=languages,
            **values,
        ):
            messages.success(request, _("Luogo aggiornato."))
            return redirect("directory:location", location.pk)
    return render(request, "directory/location_form.html", {"form": form, "location": location})


@require_POST
def location_verify(request, location_id: int):
    location = queries.location_detail(location_id)
    actions.verify_location(location, actor=request.user)
    messages.success(request, _("Grazie: il luogo risulta verificato oggi."))
    return redirect("directory:location", location.pk)


@require_POST
def location_schedule_add(request, location_id: int):
    """Opening hours of a place itself (a library, a community house), beside its activities."""
    location = queries.location_detail(location_id)
    form = ScheduleForm(request.POST, prefix="hours")
    if form.is_valid():
        try:
            actions.add_schedule(location, actor=request.user, **form.values())
            messages.success(request, _("Orario aggiunto."))
        except ApplicationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Indica i giorni e gli orari di apertura e di chiusura."))
    return redirect("directory:location", location.pk)


@require_POST
def activity_create(request, location_id: int):
    location = queries.location_detail(location_id)
    form = ActivityForm(request.POST)
    schedule_form = ScheduleForm(request.POST)
    if form.is_valid() and schedule_form.is_valid():
        try:
            activity = actions.create_activity(location, actor=request.user, **form.cleaned_data)
            actions.add_schedule(activity, actor=request.user, **schedule_form.values())
            messages.success(request, _("Attività aggiunta."))
        except ApplicationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Controlla il nome dell'attività e i suoi orari (apertura e chiusura)."))
    return redirect("directory:location", location.pk)


@require_http_methods(["GET", "POST"])
def location_translation(request, location_id: int, language: str):
    location = queries.location_detail(location_id, language=language)
    _check_can_manage(request, location.organisation, _("Non puoi tradurre le schede di questo ente."))
    if language not in dict(TRANSLATION_LANGUAGES):
        raise PermissionDenied(_("Lingua non prevista dal portale."))
    current = next(iter(location.current_translations), None)
    form = TranslationForm(
        request.POST or None,
        for_service=False,
        initial={
            "name": current.name,
            "description": current.description,
            "transportation": current.transportation,
        }
        if current
        else None,
    )
    if form.is_valid():
        if run_action(
            form, actions.save_translation, location, language, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Traduzione salvata."))
            return redirect("directory:location", location.pk)
    return render(
        request,
        "directory/translation_form.html",
        {"form": form, "target": location, "language": dict(TRANSLATION_LANGUAGES)[language]},
    )


# --- review and freshness -----------------------------------------------------------------------------


@require_GET
def proposal_list(request):
    _check_can_view(request)
    return render(
        request,
        "directory/proposal_list.html",
        {
            "proposals": queries.proposals_to_review(request.user),
            "mine": queries.proposals_by(request.user)[:20],
        },
    )


@require_POST
def proposal_review(request, proposal_id: int):
    proposal = queries.get_proposal_for_review(request.user, proposal_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        decide = (
            actions.accept_proposal if form.cleaned_data["decision"] == "accept" else actions.reject_proposal
        )
        try:
            decide(proposal, actor=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("Proposta valutata."))
        except ApplicationError as error:
            _refused(request, error)
    return redirect("directory:proposals")


@require_GET
def to_verify(request):
    organisation = request.user.active_organisation
    _check_can_manage(
        request, organisation, _("Le schede da verificare sono per gli amministratori dell'ente.")
    )
    stale_services, stale_locations = queries.entries_to_verify(request.user)
    return render(
        request,
        "directory/to_verify.html",
        {"services": stale_services, "locations": stale_locations, "months": queries.verify_months()},
    )


# --- needs taxonomy ------------------------------------------------------------------------------------


@require_GET
def need_list(request):
    if not can_manage_needs(request.user):
        raise PermissionDenied(_("Solo l'amministratore di sistema gestisce i bisogni."))
    return render(request, "directory/need_list.html", {"needs": queries.all_needs()})


@require_http_methods(["GET", "POST"])
def need_form(request, need_id: int | None = None):
    if not can_manage_needs(request.user):
        raise PermissionDenied(_("Solo l'amministratore di sistema gestisce i bisogni."))
    need = queries.get_need(need_id) if need_id else None
    initial = None
    if need is not None:
        initial = {field: getattr(need, field) for field in NeedForm.base_fields}
        initial.update({f"label_{code}": label for code, label in need.translations.items()})
    form = NeedForm(request.POST or None, initial=initial, editing=need is not None)
    if form.is_valid():
        values = form.values()
        code = values.pop("code")
        if need is None:
            saved = run_action(form, actions.create_need, actor=request.user, code=code, **values)
        else:
            saved = run_action(form, actions.update_need, need, actor=request.user, **values)
        if saved is not None:
            messages.success(request, _("Bisogno salvato."))
            return redirect("directory:needs")
    return render(request, "directory/need_form.html", {"form": form, "need": need})
