"""Pages of the network's organisations and their sites."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core.exceptions import PermissionDenied
from intreccio.core.http import run_action

from . import actions, queries
from .forms import OrganisationForm, SiteForm
from .models import Organisation
from .rules import (
    can_create_organisation,
    can_deactivate_organisation,
    can_edit_organisation,
    can_manage_sites,
    can_view_organisation,
)


@require_GET
def organisation_list(request):
    if not can_view_organisation(request.user):
        raise PermissionDenied(_("L'elenco degli enti è riservato agli operatori con un ruolo in un ente."))
    organisations = queries.organisations_visible_to(request.user).order_by("name")
    kind = request.GET.get("tipo", "")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    query = request.GET.get("q", "").strip()
    if query:
        organisations = organisations.filter(name__icontains=query)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "kinds": Organisation.Kind.choices,
            "kind": kind,
            "query": query,
            "can_create": can_create_organisation(request.user),
        },
    )


@require_GET
def organisation_detail(request, organisation_id: int):
    organisation = queries.get_organisation_for_user(request.user, organisation_id)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "sites": queries.sites_of(organisation),
            "micro_territories": organisation.micro_territories.all(),
            "can_edit": can_edit_organisation(request.user, organisation),
            "can_manage_sites": can_manage_sites(request.user, organisation),
            "can_deactivate": can_deactivate_organisation(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not can_create_organisation(request.user):
        raise PermissionDenied(_("Solo l'amministratore di sistema può registrare un nuovo ente."))
    form = OrganisationForm(request.POST or None)
    if form.is_valid():
        organisation = run_action(form, actions.create_organisation, actor=request.user, **form.cleaned_data)
        if organisation is not None:
            messages.success(request, _("Ente registrato."))
            return redirect("organisations:detail", organisation.pk)
    return render(request, "organisations/organisation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def organisation_edit(request, organisation_id: int):
    organisation = queries.get_organisation_for_user(request.user, organisation_id)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied(_("Non puoi modificare i dati di questo ente."))
    initial = {field: getattr(organisation, field) for field in actions.ORGANISATION_FIELDS}
    initial["micro_territories"] = list(organisation.micro_territories.all())
    form = OrganisationForm(
        request.POST or None, initial=initial, can_change_district=request.user.is_system_admin
    )
    if form.is_valid():
        if run_action(
            form, actions.update_organisation, organisation, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Dati dell'ente aggiornati."))
            return redirect("organisations:detail", organisation.pk)
    return render(
        request, "organisations/organisation_form.html", {"form": form, "organisation": organisation}
    )


@require_POST
def organisation_set_active(request, organisation_id: int):
    organisation = queries.get_organisation_for_user(request.user, organisation_id)
    active = request.POST.get("active") == "1"
    actions.set_organisation_active(organisation, actor=request.user, active=active)
    messages.success(request, _("Ente riattivato.") if active else _("Ente disattivato."))
    return redirect("organisations:detail", organisation.pk)


@require_http_methods(["GET", "POST"])
def site_form(request, organisation_id: int, site_id: int | None = None):
    organisation = queries.get_organisation_for_user(request.user, organisation_id)
    if not can_manage_sites(request.user, organisation):
        raise PermissionDenied(_("Non puoi gestire le sedi di questo ente."))
    site = queries.get_site_for_user(request.user, organisation, site_id) if site_id else None
    initial = {field: getattr(site, field) for field in actions.SITE_FIELDS} if site else None
    form = SiteForm(request.POST or None, initial=initial, district=organisation.district)
    if form.is_valid():
        if site is None:
            saved = run_action(
                form, actions.create_site, organisation, actor=request.user, **form.cleaned_data
            )
        else:
            saved = run_action(form, actions.update_site, site, actor=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("Sede salvata."))
            return redirect("organisations:detail", organisation.pk)
    return render(
        request, "organisations/site_form.html", {"form": form, "organisation": organisation, "site": site}
    )
