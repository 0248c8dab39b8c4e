"""Operator pages: log-in, home, operators, teams, profile and API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intreccio.core import dashboard
from intreccio.core.exceptions import NotFound, PermissionDenied
from intreccio.core.http import run_action, safe_next
from intreccio.territory.queries import micro_territories

from . import actions, queries
from .forms import ApiTokenForm, OperatorCreateForm, OperatorEditForm, ProfileForm, TeamForm
from .middleware import ACTIVE_ORGANISATION_KEY
from .rules import can_edit_team, can_manage_operators, can_manage_teams

# --- log-in -------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())
logout_view = auth_views.LogoutView.as_view()
password_reset = login_not_required(
    auth_views.PasswordResetView.as_view(
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = login_not_required(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete"))
)
password_reset_complete = login_not_required(auth_views.PasswordResetCompleteView.as_view())
password_change = auth_views.PasswordChangeView.as_view(
    success_url=reverse_lazy("accounts:password_change_done")
)
password_change_done = auth_views.PasswordChangeDoneView.as_view()


# --- home -----------------------------------------------------------------------------


@require_GET
def home(request):
    """The operator's home: the panels of the roles held in the active organisation."""
    panels = []
    for panel in dashboard.panels_for(request.user.active_roles):
        context = panel.context(request)
        if context is not None:
            panels.append((panel, context))
    return render(request, "accounts/home.html", {"panels": panels})


@require_POST
def switch_organisation(request):
    organisation_id = request.POST.get("organisation", "")
    if not any(str(o.pk) == organisation_id for o in request.user.organisations):
        raise NotFound()
    request.session[ACTIVE_ORGANISATION_KEY] = int(organisation_id)
    return redirect(safe_next(request, reverse("accounts:home")))


# --- operators -------------------------------------------------------------------------


def _administered_organisation(request):
    organisation = request.user.active_organisation
    if organisation is None or not can_manage_operators(request.user, organisation):
        raise PermissionDenied(_("Non puoi gestire gli operatori di questo ente."))
    return organisation


@require_GET
def operator_list(request):
    organisation = _administered_organisation(request)
    operators = queries.operators_visible_to(request.user, organisation).order_by("family_name", "given_name")
    page = Paginator(operators, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/operator_list.html", {"organisation": organisation, "page": page})


@require_http_methods(["GET", "POST"])
def operator_create(request):
    organisation = _administered_organisation(request)
    form = OperatorCreateForm(request.POST or None, actor=request.user)
    if form.is_valid():
        operator = run_action(
            form, actions.add_operator, actor=request.user, organisation=organisation, **form.cleaned_data
        )
        if operator is not None:
            messages.success(
                request,
                _("%(name)s ora lavora per %(organisation)s.")
                % {"name": operator, "organisation": organisation},
            )
            return redirect("accounts:operator_detail", operator.pk)
    return render(request, "accounts/operator_form.html", {"form": form, "organisation": organisation})


@require_GET
def operator_detail(request, operator_id: int):
    operator = queries.get_operator_for_user(request.user, operator_id)
    organisation = request.user.active_organisation
    return render(
        request,
        "accounts/operator_detail.html",
        {
            "operator": operator,
            "can_manage": organisation is not None
            and can_manage_operators(request.user, organisation)
            and any(m.organisation_id == organisation.pk for m in operator.shown_memberships),
        },
    )


@require_http_methods(["GET", "POST"])
def operator_edit(request, operator_id: int):
    organisation = _administered_organisation(request)
    operator = queries.get_operator_for_user(request.user, operator_id)
    initial = {
        "given_name": operator.given_name,
        "family_name": operator.family_name,
        "phone": operator.phone,
        "roles": sorted(operator.roles_in(organisation)),
    }
    form = OperatorEditForm(request.POST or None, initial=initial, actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        updated = run_action(
            form,
            actions.update_operator,
            operator,
            actor=request.user,
            given_name=data["given_name"],
            family_name=data["family_name"],
            phone=data["phone"],
        )
        if (
            updated is not None
            and run_action(
                form,
                actions.set_operator_roles,
                operator,
                actor=request.user,
                organisation=organisation,
                roles=data["roles"],
            )
            is not None
        ):
            messages.success(request, _("Dati dell'operatore aggiornati."))
            return redirect("accounts:operator_detail", operator.pk)
    return render(
        request,
        "accounts/operator_form.html",
        {"form": form, "organisation": organisation, "operator": operator},
    )


@require_POST
def operator_set_active(request, operator_id: int):
    operator = queries.get_operator_for_user(request.user, operator_id)
    active = request.POST.get("active") == "1"
    actions.set_operator_active(operator, actor=request.user, active=active)
    messages.success(
        request,
        _("Account riattivato.") if active else _("Account disattivato: l'operatore non può più accedere."),
    )
    return redirect("accounts:operator_detail", operator.pk)


# --- teams -------------------------------------------------------------------------------


@require_GET
def team_list(request):
    organisation = request.user.active_organisation
    teams = queries.teams_visible_to(request.user, organisation).order_by("name")
    return render(
        request,
        "accounts/team_list.html",
        {
            "organisation": organisation,
            "teams": teams,
            "can_create": organisation is not None and can_manage_teams(request.user, organisation),
        },
    )


def _team_form(request, organisation, team=None):
    initial = None
    if team is not None:
        initial = {
            "name": team.name,
            "description": team.description,
            "email": team.email,
            "supervisor": team.supervisor,
            "members": list(team.members.all()),
            "micro_territories": list(team.micro_territories.all()),
        }
    return TeamForm(
        request.POST or None,
        initial=initial,
        operators=queries.operators_of(organisation).order_by("family_name"),
        micro_territories=micro_territories(organisation.district),
    )


@require_http_methods(["GET", "POST"])
def team_create(request):
    organisation = request.user.active_organisation
    if organisation is None or not can_manage_teams(request.user, organisation):
        raise PermissionDenied(_("Non puoi gestire le équipe di questo ente."))
    form = _team_form(request, organisation)
    if form.is_valid():
        team = run_action(
            form, actions.create_team, actor=request.user, organisation=organisation, **form.cleaned_data
        )
        if team is not None:
            messages.success(request, _("Équipe creata."))
            return redirect("accounts:team_list")
    return render(request, "accounts/team_form.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def team_edit(request, team_id: int):
    team = queries.get_team_for_user(request.user, team_id)
    if not can_edit_team(request.user, team):
        raise PermissionDenied(_("Non puoi modificare questa équipe."))
    form = _team_form(request, team.organisation, team)
    if form.is_valid():
        if run_action(form, actions.update_team, team, actor=request.user, **form.cleaned_data) is not None:
            messages.success(request, _("Équipe aggiornata."))
            return redirect("accounts:team_list")
    return render(
        request, "accounts/team_form.html", {"form": form, "organisation": team.organisation, "team": team}
    )


# --- my account ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "given_name": user.given_name,
            "family_name": user.family_name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
        },
    )
    if (
        form.is_valid()
        and run_action(form, actions.update_operator, user, actor=user, **form.cleaned_data) is not None
    ):
        messages.success(request, _("Profilo aggiornato."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "tokens": queries.api_tokens_of(user),
            "token_form": ApiTokenForm(),
        },
    )


@require_POST
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    raw = None
    if form.is_valid():
        issued = run_action(form, actions.issue_api_token, actor=request.user, **form.cleaned_data)
        if issued is not None:
            _token, raw = issued
    return render(request, "accounts/api_token_created.html", {"form": form, "raw_token": raw})


@require_POST
def api_token_revoke(request, token_id: int):
    token = queries.get_api_token_for_user(request.user, token_id)
    actions.revoke_api_token(token, actor=request.user)
    messages.success(request, _("Token revocato."))
    return redirect("accounts:profile")
