"""Request-wide concerns: who acts from where, log-in by default, headers."""

import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .context import ActingContext, acting_context

SESSION_STARTED_KEY = "intreccio_session_started"


def client_ip(request) -> str | None:
    """Return the caller's address; behind a proxy, the hop the proxy saw."""
    if getattr(settings, "TRUSTED_PROXY_COUNT", 0):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
            return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    """Open the acting context (request id, address, channel) for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        channel = "api" if request.path.startswith("/api/") else "web"
        context = ActingContext(
            request_id=request_id,
            channel=channel,
            ip_address=client_ip(request),
            path=request.path[:300],
            method=request.method,
        )
        with acting_context(context):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Deny by default: every page needs a log-in unless it opts out.

    Views opt out with @login_not_required; the JSON API authenticates each
    request itself (token or session); the HSDS API and static files are public.
    """

    exempt_prefixes = ("/api/", "/hsds/", "/static/", "/healthz")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.exempt_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SessionLifetimeMiddleware:
    """End a session SESSION_ABSOLUTE_SECONDS after log-in, however active.

    The idle timeout is the session cookie's own age (renewed on each
    request); this adds the absolute limit staff sessions need.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = time.time()
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("La sessione è scaduta: accedi di nuovo."))
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set: Permissions-Policy, no caching of personal pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
        return response


class ApplicationErrorMiddleware:
    """Turn domain errors that escape a view into the right HTTP answer.

    NotFound → 404 (same page whether missing or hidden), PermissionDenied → 403,
    AuditUnavailable → 503 without any of the data (fail closed).
    Views handle other ApplicationErrors next to their form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
        from django.http import Http404

        from .exceptions import AuditUnavailable, NotFound, PermissionDenied

        if isinstance(exception, AuditUnavailable):
            from django.http import HttpResponse

            return HttpResponse(exception.message, status=503, content_type="text/plain; charset=utf-8")
        if isinstance(exception, NotFound):
            raise Http404() from exception
        if isinstance(exception, PermissionDenied):
            raise DjangoPermissionDenied(exception.message) from exception
        return None
