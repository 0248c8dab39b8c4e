"""How systems and browsers authenticate to the API.

Systems send `Authorization: Bearer itr_…` (a token issued on the profile
page, acting as its operator for one organisation); the browser reuses its
session (with the CSRF check on unsafe methods), once the second factor has
been passed. A token is the factor-less channel for systems: it can only be
issued from a session verified with the second factor and a fresh
re-authentication, is bound to one organisation, expires (≤ 365 days), is
stored as a SHA-256 digest and can be revoked at once (docs/security.md).
"""

import datetime

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from intreccio.accounts.queries import active_token
from intreccio.core.context import with_organisation

# Write last_used_at at most this often (a token is used on every request).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    openapi_description = "Token personale creato dal profilo dell'operatore (Authorization: Bearer itr_…)."

    def authenticate(self, request, token: str):
        found = active_token(token)
        if found is None:
            return None
        user = found.user
        user.act_for(found.organisation_id)
        if user.active_organisation_id != found.organisation_id:
            return None  # the operator no longer works for the token's organisation
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            type(found).objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = user
        with_organisation(found.organisation_id)
        return user


class OperatorSessionAuth(SessionAuth):
    """The browser's session, for operators who passed the second factor (citizens use the portal)."""

    def _get_key(self, request):
        # No session, no CSRF question: answer 401 like any missing credential
        # (the CSRF check protects an existing session, in super()._get_key).
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not getattr(user, "is_operator", False):
            return None
        if not getattr(user, "is_verified", lambda: False)():
            return None  # password only: the session is half open until the second factor
        return user
