"""Small helpers shared by the thin views."""

from django.utils.http import url_has_allowed_host_and_scheme

from .exceptions import ApplicationError, NotFound, PermissionDenied


def run_action(form, action, /, *args, **kwargs):
    """Call an action; show a refused request next to the form instead of failing.

    Returns the action's result, or None when the domain refused it (the
    message is then among the form's non-field errors). NotFound and
    PermissionDenied propagate (404/403).
    """
    try:
        return action(*args, **kwargs)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as error:
        form.add_error(None, error.message)
        return None


def safe_next(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
