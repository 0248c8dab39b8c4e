"""The territory: a map and table of districts, municipalities and micro-territories."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from intreccio.core.exceptions import PermissionDenied
from intreccio.core.http import run_action

from . import actions, queries
from .forms import MicroTerritoryForm
from .rules import can_manage_territory, can_view_territory


def _district(request):
    code = request.GET.get("ambito")
    if code:
        return queries.get_district(code)
    organisation = request.user.active_organisation
    return organisation.district if organisation else queries.districts().first()


def _check_can_view(request) -> None:
    if not can_view_territory(request.user):
        raise PermissionDenied(_("Il territorio è consultabile dagli operatori con un ruolo in un ente."))


@require_GET
def territory_map(request):
    _check_can_view(request)
    district = _district(request)
    micro_territories = list(queries.micro_territories(district)) if district else []
    return render(
        request,
        "territory/map.html",
        {
            "district": district,
            "districts": queries.districts(),
            "micro_territories": micro_territories,
            "municipalities": queries.municipalities(district).order_by("name") if district else [],
            "can_manage": can_manage_territory(request.user),
        },
    )


@require_GET
@cache_control(private=True, max_age=3600)
def boundaries(request):
    _check_can_view(request)
    district = _district(request)
    return JsonResponse(queries.boundaries_geojson(district))


@require_GET
def micro_territory_detail(request, micro_territory_id: int):
    _check_can_view(request)
    micro_territory = queries.get_micro_territory(micro_territory_id)
    return render(
        request,
        "territory/micro_territory_detail.html",
        {
            "micro_territory": micro_territory,
            "population": sum(m.population or 0 for m in micro_territory.municipalities.all())
            if micro_territory.kind != micro_territory.Kind.NEIGHBOURHOOD
            else None,
            "can_manage": can_manage_territory(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def micro_territory_form(request, micro_territory_id: int | None = None):
    if not can_manage_territory(request.user):
        raise PermissionDenied(_("Solo l'amministratore di sistema può modificare il territorio."))
    micro_territory = queries.get_micro_territory(micro_territory_id) if micro_territory_id else None
    district = micro_territory.district if micro_territory else _district(request)
    initial = None
    if micro_territory:
        initial = {
            field: getattr(micro_territory, field)
            for field in ("code", "name", "kind", "description", "latitude", "longitude")
        }
        initial["municipalities"] = list(micro_territory.municipalities.all())
    form = MicroTerritoryForm(
        request.POST or None, initial=initial, district=district, editing=bool(micro_territory)
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        if micro_territory:
            data.pop("code")
            saved = run_action(
                form, actions.update_micro_territory, micro_territory, actor=request.user, **data
            )
        else:
            saved = run_action(
                form, actions.create_micro_territory, actor=request.user, district=district, **data
            )
        if saved is not None:
            messages.success(request, _("Microterritorio salvato."))
            return redirect("territory:micro_territory", saved.pk)
    return render(
        request,
        "territory/micro_territory_form.html",
        {
            "form": form,
            "micro_territory": micro_territory,
            "district": district,
        },
    )
