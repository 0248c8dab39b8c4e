"""Which organisation the operator acts for; the second factor before any page."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from intreccio.core.context import with_organisation

ACTIVE_ORGANISATION_KEY = "intreccio_active_organisation"
TRACKED_KEY = "intreccio_tracked_session_key"


class ActiveOrganisationMiddleware:
    """Apply the organisation chosen in the session to request.user and the audit context."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            chosen = request.session.get(ACTIVE_ORGANISATION_KEY)
            if chosen is not None:
                user.act_for(chosen)
            with_organisation(user.active_organisation_id)
        return self.get_response(request)


def second_factor_exempt(view):
    """Mark a view an operator may open between password and second factor."""
    view.second_factor_exempt = True
    return view


class TwoFactorMiddleware:
    """An operator reaches no page before passing the second factor.

    After the password, the session is "half open": only the verification
    (or, without a device yet, the enrolment) page, log-out and public pages
    answer; everything else redirects there. The API refuses such a session
    (api.auth.OperatorSessionAuth). Costs no query for a verified session:
    the session (server side) remembers the verifying device.
    """

    # The API checks the factor itself; the HSDS API is public (answers a half-open session as anyone).
    exempt_prefixes = ("/api/", "/hsds/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        request.second_factor_pending = False
        if request.user.is_authenticated:
            request.user.is_verified = lambda: bool(session.get(DEVICE_ID_SESSION_KEY))
            request.second_factor_pending = not request.user.is_verified() and request.user.kind == "operator"
        response = self.get_response(request)
        self._follow_rotated_key(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from .twofactor import has_confirmed_device, must_use_second_factor

        user = request.user
        if not must_use_second_factor(user) or user.is_verified():
            return None
        if request.path.startswith(self.exempt_prefixes):
            return None
        if getattr(view_func, "login_required", True) is False or getattr(
            view_func, "second_factor_exempt", False
        ):
            return None
        target = "accounts:two_factor_verify" if has_confirmed_device(user) else "accounts:two_factor_enrol"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))

    @staticmethod
    def _follow_rotated_key(request):
        """Keep the tracked session row on the session's current key (rotated at log-in/2FA)."""
        session = getattr(request, "session", None)
        if session is None or not getattr(request, "user", None) or not request.user.is_authenticated:
            return
        key = session.session_key
        tracked = session.get(TRACKED_KEY)
        if key and tracked and tracked != key:
            from .actions import session_key_changed

            session_key_changed(tracked, key)
            session[TRACKED_KEY] = key
