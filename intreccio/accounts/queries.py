"""Reads of operators, teams and tokens, scoped to what the user may administer."""

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from intreccio.core.exceptions import NotFound
from intreccio.core.roles import Role

from .models import ApiToken, Membership, Team, User, UserSession


def _administered_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in user.active_memberships if m.role == Role.ORGANISATION_ADMIN}


def operators_visible_to(user, organisation=None) -> QuerySet[User]:
    """Operators the user administers (all of them for a system administrator), with their memberships."""
    memberships = (
        Membership.objects.filter(active=True)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )
    queryset = User.objects.filter(kind=User.Kind.OPERATOR)
    if not user.is_system_admin:
        queryset = queryset.filter(memberships__organisation_id__in=_administered_organisation_ids(user))
    if organisation is not None:
        queryset = queryset.filter(memberships__organisation=organisation)
        memberships = memberships.filter(organisation=organisation)
    return queryset.distinct().prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="shown_memberships")
    )


def get_operator_for_user(user, operator_id) -> User:
    if str(operator_id) == str(user.pk):
        queryset = User.objects.filter(pk=user.pk).prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(active=True).select_related("organisation"),
                to_attr="shown_memberships",
            )
        )
    else:
        queryset = operators_visible_to(user)
    try:
        return queryset.get(pk=operator_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def read_operator_for_user(user, operator_id) -> User:
    """An operator's record for their detail page; the consultation is audited, refused or not."""
    from intreccio.audit.log import record_audit
    from intreccio.audit.models import AuditEntry

    try:
        operator = get_operator_for_user(user, operator_id)
    except NotFound:
        record_audit(
            user,
            AuditEntry.Action.READ,
            ("accounts.user", str(operator_id)[:64]),
            outcome=AuditEntry.Outcome.DENIED,
        )
        raise
    record_audit(user, AuditEntry.Action.READ, operator)
    return operator


def operators_of(organisation) -> QuerySet[User]:
    """Active operators holding any role in `organisation` (for choosing team members)."""
    return User.objects.filter(
        kind=User.Kind.OPERATOR,
        is_active=True,
        memberships__organisation=organisation,
        memberships__active=True,
    ).distinct()


def teams_visible_to(user, organisation=None) -> QuerySet[Team]:
    """Teams of the user's organisations (every team for a system administrator)."""
    queryset = Team.objects.select_related("organisation", "supervisor").prefetch_related(
        "members", "micro_territories"
    )
    if not user.is_system_admin:
        queryset = queryset.filter(
            Q(organisation_id__in=[o.pk for o in user.organisations]) | Q(supervisor=user)
        )
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset.distinct()


def get_team_for_user(user, team_id) -> Team:
    try:
        return teams_visible_to(user).get(pk=team_id)
    except (Team.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def api_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).select_related("organisation")


def get_api_token_for_user(user, token_id) -> ApiToken:
    try:
        return api_tokens_of(user).get(pk=token_id)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def active_token(raw: str) -> ApiToken | None:
    """The usable token matching `raw`, with its user, or None."""
    token = (
        ApiToken.objects.select_related("user", "organisation").filter(digest=ApiToken.digest_of(raw)).first()
    )
    return token if token is not None and token.is_usable else None


def demo_accounts(emails: list[str]) -> dict[str, str]:
    """E-mail → organisation of the demo accounts present (for the terminal after `make demo`)."""
    rows = Membership.objects.filter(user__email__in=emails, active=True).select_related(
        "user", "organisation"
    )
    found: dict[str, str] = {}
    for membership in rows.order_by("user__email", "organisation__name"):
        found.setdefault(membership.user.email, str(membership.organisation))
    return found


def _open_sessions() -> QuerySet[UserSession]:
    """Tracked sessions still alive in the session store (not ended, not expired)."""
    alive = Session.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=timezone.now())
    return UserSession.objects.filter(Exists(alive), ended_at__isnull=True).select_related("user")


def sessions_of(user) -> QuerySet[UserSession]:
    """The user's own open sessions, newest first."""
    return _open_sessions().filter(user=user).order_by("-created_at")


def sessions_visible_to(user, organisation=None) -> QuerySet[UserSession]:
    """Open sessions of the operators the user administers (all for a system administrator)."""
    operators = operators_visible_to(user, organisation).values("pk")
    return _open_sessions().filter(user__in=operators).order_by("user__family_name", "-created_at")


def get_session_for_user(user, session_id) -> UserSession:
    """An open session the user may end: their own, or an administered operator's."""
    queryset = _open_sessions().filter(Q(user=user) | Q(user__in=operators_visible_to(user).values("pk")))
    try:
        return queryset.get(pk=session_id)
    except (UserSession.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def demo_authenticator(email: str):
    """The published-key authenticator of a demo account, or None (any other account)."""
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(
        user__email=email.strip().lower(), name="demo", key=settings.INTRECCIO_DEMO_TOTP_KEY, confirmed=True
    ).first()
