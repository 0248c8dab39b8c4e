"""Operator pages: log-in with second factor, home, operators, teams, profile, sessions and API tokens."""

import functools
import time
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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
from intreccio.core.rules import is_operator
from intreccio.territory.queries import micro_territories

from . import actions, queries, twofactor
from .forms import (
    ApiTokenForm,
    EnrolmentForm,
    OperatorCreateForm,
    OperatorEditForm,
    ProfileForm,
    ReauthenticationForm,
    SecondFactorForm,
    TeamForm,
)
from .middleware import ACTIVE_ORGANISATION_KEY, TRACKED_KEY, second_factor_exempt
from .rules import can_edit_team, can_manage_operators, can_manage_teams

# --- log-in -------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Step one: the password. Step two (second factor) follows through TwoFactorMiddleware."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True


def locked_out(request, credentials, *args, **kwargs):
    """The answer to a locked-out account (django-axes), the same whether the account exists or not."""
    from django.contrib.auth.forms import AuthenticationForm

    form = AuthenticationForm(request, data=request.POST or None)
    form.is_bound = False
    form._errors = {}
    response = render(
        request,
        "registration/login.html",
        {"form": form, "locked_out": True, "cooloff_minutes": _cooloff_minutes()},
        status=429,
    )
    return response


def _cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


login_view = login_not_required(LoginView.as_view())
logout_view = second_factor_exempt(auth_views.LogoutView.as_view())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A reset sets the password only: the next log-in still asks for the second factor."""

    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        actions.password_changed(form.user, actor=form.user, keep_session=None)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session, with a new key
        session = self.request.session
        actions.session_key_changed(session.get(TRACKED_KEY), session.session_key)
        session[TRACKED_KEY] = session.session_key
        actions.password_changed(
            self.request.user, actor=self.request.user, keep_session=self.request.session.session_key
        )
        return response


def reauthentication_required(view):
    """Changing credentials needs password and code typed again within INTRECCIO_REAUTH_SECONDS."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if twofactor.recently_reauthenticated(request.session):
            return view(request, *args, **kwargs)
        return _ask_reauthentication(request)

    return wrapper


def _ask_reauthentication(request):
    messages.info(request, _("Per continuare conferma la tua identità."))
    back = request.get_full_path() if request.method == "GET" else reverse("accounts:security")
    return redirect(reverse("accounts:reauthenticate") + "?" + urlencode({"next": back}))


password_reset = login_not_required(
    auth_views.PasswordResetView.as_view(
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = login_not_required(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = login_not_required(PasswordResetConfirmView.as_view())
password_reset_complete = login_not_required(auth_views.PasswordResetCompleteView.as_view())
password_change = reauthentication_required(PasswordChangeView.as_view())
password_change_done = auth_views.PasswordChangeDoneView.as_view()


# --- second factor ----------------------------------------------------------------------


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Step two of the log-in: a code from the app or a recovery code."""
    if request.user.is_verified():
        return redirect(safe_next(request, reverse("accounts:home")))
    if not twofactor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_enrol")
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        device = actions.verify_second_factor(request.user, form.cleaned_data["code"])
        if device is not None:
            _mark_verified(request, device)
            return redirect(safe_next(request, reverse("accounts:home")))
        failures = request.session.get(twofactor.OTP_FAILURES_SESSION_KEY, 0) + 1
        request.session[twofactor.OTP_FAILURES_SESSION_KEY] = failures
        if failures >= settings.INTRECCIO_OTP_MAX_FAILURES:
            logout(request)
            messages.error(request, _("Troppi codici errati: accedi di nuovo con la password."))
            return redirect("accounts:login")
        form.add_error("code", _("Codice non valido o già usato: inserisci il codice che l'app mostra ora."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": safe_next(request, "")})


def _mark_verified(request, device) -> None:
    """Bind the device to the session and give the session a new key (no fixation)."""
    old_key = request.session.session_key
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session.pop(twofactor.OTP_FAILURES_SESSION_KEY, None)
    request.session[TRACKED_KEY] = request.session.session_key
    actions.session_key_changed(old_key, request.session.session_key, verified=True)


@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Set up the authenticator app: QR code, confirmation code, recovery codes shown once.

    The first set-up happens right after the password (no device yet);
    replacing an app later needs a verified session and a fresh re-authentication.
    """
    first_time = not twofactor.has_confirmed_device(request.user)
    if not first_time and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    if not first_time and not twofactor.recently_reauthenticated(request.session):
        return _ask_reauthentication(request)
    device = actions.start_totp_enrolment(request.user, actor=request.user)
    form = EnrolmentForm(request.POST or None)
    if form.is_valid():
        codes = run_action(form, actions.confirm_totp_device, device, actor=request.user, **form.cleaned_data)
        if codes is not None:
            _mark_verified(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "first_time": first_time})
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr": twofactor.qr_data_uri(device),
            "secret": twofactor.base32_secret(device),
            "first_time": first_time,
        },
    )


two_factor_enrol.second_factor_exempt = True  # the middleware lets it through; the view decides


@require_http_methods(["GET", "POST"])
def reauthenticate(request):
    form = ReauthenticationForm(request.POST or None)
    if form.is_valid() and run_action(form, actions.reauthenticate, request.user, **form.cleaned_data):
        request.session[twofactor.REAUTH_SESSION_KEY] = time.time()
        request.session.cycle_key()
        return redirect(safe_next(request, reverse("accounts:security")))
    return render(request, "accounts/reauthenticate.html", {"form": form, "next": safe_next(request, "")})


@require_GET
def security(request):
    """My account's security: second factor, recovery codes, open sessions."""
    return render(
        request,
        "accounts/security.html",
        {
            "device": twofactor.confirmed_totp_device(request.user),
            "recovery_codes_left": twofactor.recovery_codes_left(request.user),
            "sessions": queries.sessions_of(request.user),
            "current_key": request.session.session_key,
        },
    )


@require_POST
@reauthentication_required
def recovery_codes_regenerate(request):
    codes = actions.regenerate_recovery_codes(actor=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "first_time": False})


@require_POST
def session_end(request, session_id: int):
    """End one session: mine (from the security page) or an administered operator's."""
    tracked = queries.get_session_for_user(request.user, session_id)
    actions.end_session(tracked, actor=request.user)
    messages.success(request, _("Sessione chiusa."))
    if tracked.user_id == request.user.pk:
        return redirect("accounts:security")
    return redirect("accounts:session_list")


@require_GET
def session_list(request):
    """Open sessions of the organisation's operators (organisation administrators)."""
    organisation = _administered_organisation(request)
    sessions = queries.sessions_visible_to(request.user, organisation)
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/session_list.html", {"organisation": organisation, "page": page})


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
    operator = queries.read_operator_for_user(request.user, operator_id)
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
    if not is_operator(request.user):
        raise PermissionDenied(_("Le équipe sono consultabili dagli operatori con un ruolo in un ente."))
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
@reauthentication_required
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
