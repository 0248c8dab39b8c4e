"""Log-in, log-out and failed log-ins go to the audit log (Garante: admin access logs).

A log-in also starts tracking the session on the server (accounts.UserSession).
"""

import hashlib
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.middleware import SESSION_STARTED_KEY, client_ip


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    from django.db import transaction

    with transaction.atomic():  # no tracked session without its audit entry
        _start_tracking(request, user)
        record_audit(user, AuditEntry.Action.LOGIN, user, details={"step": "password"})


def _start_tracking(request, user) -> None:
    from .actions import track_session
    from .middleware import TRACKED_KEY

    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
        if request.session.session_key is None:
            request.session.save()
        track_session(
            user,
            session_key=request.session.session_key,
            ip_address=client_ip(request) if hasattr(request, "META") else None,
            user_agent=request.META.get("HTTP_USER_AGENT", "") if hasattr(request, "META") else "",
        )
        request.session[TRACKED_KEY] = request.session.session_key


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    from .actions import session_closed

    if request is not None and hasattr(request, "session"):
        session_closed(request.session.session_key)
    if user is not None:
        record_audit(user, AuditEntry.Action.LOGOUT, user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The address typed is kept only as a digest: enough to spot repeated
    # attempts on one account, without storing what a stranger typed.
    typed = str(credentials.get("username") or credentials.get("email") or "").strip().lower()
    record_audit(
        None,
        AuditEntry.Action.LOGIN_FAILED,
        outcome=AuditEntry.Outcome.DENIED,
        details={"step": "password", "account_digest": hashlib.sha256(typed.encode()).hexdigest()[:16]},
    )
