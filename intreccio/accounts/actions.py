"""Every change to operators, roles, teams and API tokens goes through these functions."""

import datetime
import secrets
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import ApplicationError, PermissionDenied
from intreccio.core.locks import advisory_lock
from intreccio.core.roles import Role

from . import events
from .models import ApiToken, Membership, Team, User, UserSession
from .rules import (
    can_edit_operator,
    can_edit_team,
    can_end_session,
    can_grant_role,
    can_issue_api_token,
    can_manage_operators,
    can_manage_teams,
)


class EmailAlreadyUsed(ApplicationError):
    """Another account (a citizen's) already uses this e-mail address."""

    code = "email_already_used"


def _check_roles(roles: Iterable[str]) -> set[str]:
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ApplicationError(_("Ruoli sconosciuti: %(roles)s.") % {"roles": ", ".join(sorted(unknown))})
    return roles


def _send_invitation(user: User, organisation) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.INTRECCIO_BASE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])
    with override(user.preferred_language):
        body = render_to_string(
            "accounts/email/invitation.txt", {"user": user, "organisation": organisation, "link": link}
        )
        send_mail(_("Il tuo accesso a Intreccio"), body, None, [user.email])


def add_operator(
    *,
    actor,
    organisation,
    email: str,
    given_name: str,
    family_name: str,
    roles: Iterable[str],
    phone: str = "",
) -> User:
    """Give a person operator roles in `organisation`, creating their account if new.

    A new operator receives, after commit, an e-mail with a link to choose a
    password. An existing operator (working for another organisation too)
    keeps one account and gains roles here.
    """
    if not can_manage_operators(actor, organisation):
        raise PermissionDenied(_("Non puoi gestire gli operatori di questo ente."))
    roles = _check_roles(roles)
    if not roles:
        raise ApplicationError(_("Assegna almeno un ruolo all'operatore."), code="no_role")
    for role in roles:
        if not can_grant_role(actor, organisation, role):
            raise PermissionDenied(_("Solo l'amministratore di sistema può assegnare questo ruolo."))
    email = email.strip().lower()
    with transaction.atomic():
        advisory_lock(f"accounts.user:{email}")  # two admins adding the same person at once
        user = User.objects.select_for_update().filter(email=email).first()
        created = user is None
        if user is not None and user.kind != User.Kind.OPERATOR:
            raise EmailAlreadyUsed(
                _("Questo indirizzo e-mail appartiene a un account di cittadino: usane un altro.")
            )
        if created:
            user = User.objects.create_user(
                email=email,
                given_name=given_name.strip(),
                family_name=family_name.strip(),
                phone=phone.strip(),
            )
            record_event(
                events.OPERATOR_CREATED,
                actor=actor,
                subject=user,
                organisation_id=organisation.pk,
                payload={"organisation": organisation.pk},
            )
            transaction.on_commit(lambda: _send_invitation(user, organisation))
        _apply_roles(user, organisation, roles, actor=actor, keep_others=True)
    user.refresh_roles()
    return user


def _apply_roles(user: User, organisation, roles: set[str], *, actor, keep_others: bool) -> None:
    current = {m.role: m for m in Membership.objects.filter(user=user, organisation=organisation)}
    before = sorted(role for role, m in current.items() if m.active)
    for role in roles:
        membership = current.get(role)
        if membership is None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        elif not membership.active:
            membership.active = True
            membership.save(update_fields=["active"])
    if not keep_others:
        for role, membership in current.items():
            if role not in roles and membership.active:
                membership.active = False
                membership.save(update_fields=["active"])
    after = sorted(set(before) | roles) if keep_others else sorted(roles)
    if before != after:
        record_event(
            events.OPERATOR_ROLES_CHANGED,
            actor=actor,
            subject=user,
            organisation_id=organisation.pk,
            payload={"organisation": organisation.pk, "before": before, "after": after},
        )


def set_operator_roles(operator: User, *, actor, organisation, roles: Iterable[str]) -> User:
    """Replace the operator's roles in `organisation` (an empty set removes them from it)."""
    if not can_manage_operators(actor, organisation):
        raise PermissionDenied(_("Non puoi gestire gli operatori di questo ente."))
    roles = _check_roles(roles)
    current = operator.roles_in(organisation)
    for role in roles ^ current:
        if not can_grant_role(actor, organisation, role):
            raise PermissionDenied(
                _("Solo l'amministratore di sistema può assegnare o togliere questo ruolo.")
            )
    if (
        operator.pk == actor.pk
        and Role.ORGANISATION_ADMIN in current
        and Role.ORGANISATION_ADMIN not in roles
    ):
        if not actor.is_system_admin:
            raise ApplicationError(
                _(
                    "Non puoi togliere a te stesso il ruolo di amministratore: "
                    "chiedilo a un altro amministratore."
                ),
                code="self_demotion",
            )
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=operator.pk).first()  # one role change at a time
        _apply_roles(operator, organisation, roles, actor=actor, keep_others=False)
        if not Membership.objects.filter(user=operator, active=True).exists():
            end_sessions_of(operator, actor=actor, reason=UserSession.EndReason.ROLES_REMOVED)
    operator.refresh_roles()
    return operator


def update_operator(
    operator: User,
    *,
    actor,
    given_name: str,
    family_name: str,
    phone: str = "",
    preferred_language: str | None = None,
) -> User:
    """Change an operator's name, phone or language."""
    if not can_edit_operator(actor, operator):
        raise PermissionDenied(_("Non puoi modificare i dati di questo operatore."))
    values = {"given_name": given_name.strip(), "family_name": family_name.strip(), "phone": phone.strip()}
    if preferred_language is not None:
        if preferred_language not in dict(settings.LANGUAGES):
            raise ApplicationError(_("Lingua non disponibile."), code="unknown_language")
        values["preferred_language"] = preferred_language
    changes = {
        field: [getattr(operator, field), value]
        for field, value in values.items()
        if getattr(operator, field) != value
    }
    if not changes:
        return operator
    with transaction.atomic():
        for field, value in values.items():
            setattr(operator, field, value)
        operator.save(update_fields=list(changes))
        record_event(
            events.OPERATOR_UPDATED, actor=actor, subject=operator, payload={"fields": sorted(changes)}
        )
    return operator


def set_operator_active(operator: User, *, actor, active: bool) -> User:
    """Disable (or re-enable) an operator's account: a disabled account is refused at its next request."""
    if not actor.is_system_admin:
        # An organisation admin disables an account only if it works for their organisations alone.
        administered = {
            m.organisation_id for m in actor.active_memberships if m.role == Role.ORGANISATION_ADMIN
        }
        elsewhere = operator.memberships.filter(active=True).exclude(organisation_id__in=administered)
        if not can_edit_operator(actor, operator) or operator.pk == actor.pk or elsewhere.exists():
            raise PermissionDenied(
                _(
                    "Puoi disattivare solo operatori che lavorano soltanto per il tuo ente; "
                    "altrimenti togli i loro ruoli."
                )
            )
    if operator.is_active == active:
        return operator
    with transaction.atomic():
        operator.is_active = active
        operator.save(update_fields=["is_active"])
        kind = events.OPERATOR_REACTIVATED if active else events.OPERATOR_DEACTIVATED
        record_event(kind, actor=actor, subject=operator)
        if not active:
            end_sessions_of(operator, actor=actor, reason=UserSession.EndReason.ACCOUNT_DISABLED)
    return operator


def _check_team(organisation, supervisor: User | None, members: list[User]) -> None:
    strangers = [u for u in [*members, *([supervisor] if supervisor else [])] if not u.roles_in(organisation)]
    if strangers:
        raise ApplicationError(
            _("Queste persone non lavorano per %(organisation)s: %(names)s.")
            % {"organisation": organisation, "names": ", ".join(str(u) for u in strangers)},
            code="team_member_outside_organisation",
        )


def create_team(
    *,
    actor,
    organisation,
    name: str,
    description: str = "",
    email: str = "",
    supervisor: User | None = None,
    members: Iterable[User] = (),
    micro_territories=(),
) -> Team:
    """Create a team of the organisation's operators."""
    if not can_manage_teams(actor, organisation):
        raise PermissionDenied(_("Non puoi gestire le équipe di questo ente."))
    members = list(members)
    _check_team(organisation, supervisor, members)
    if Team.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ApplicationError(
            _("L'ente ha già un'équipe chiamata «%(name)s».") % {"name": name}, code="duplicate_team"
        )
    with transaction.atomic():
        team = Team.objects.create(
            organisation=organisation, name=name, description=description, email=email, supervisor=supervisor
        )
        team.members.set(members)
        team.micro_territories.set(micro_territories)
        record_event(
            events.TEAM_CREATED,
            actor=actor,
            subject=team,
            organisation_id=organisation.pk,
            payload={"members": sorted(u.pk for u in members)},
        )
    return team


def update_team(
    team: Team,
    *,
    actor,
    name: str,
    description: str = "",
    email: str = "",
    supervisor: User | None = None,
    members: Iterable[User] = (),
    micro_territories=(),
    active: bool = True,
) -> Team:
    """Change a team's name, supervisor, members or micro-territories."""
    if not can_edit_team(actor, team):
        raise PermissionDenied(_("Non puoi modificare questa équipe."))
    members = list(members)
    _check_team(team.organisation, supervisor, members)
    if Team.objects.filter(organisation=team.organisation, name__iexact=name).exclude(pk=team.pk).exists():
        raise ApplicationError(
            _("L'ente ha già un'équipe chiamata «%(name)s».") % {"name": name}, code="duplicate_team"
        )
    with transaction.atomic():
        before = sorted(team.members.values_list("pk", flat=True))
        team.name, team.description, team.email, team.supervisor, team.active = (
            name,
            description,
            email,
            supervisor,
            active,
        )
        team.save(update_fields=["name", "description", "email", "supervisor", "active"])
        team.members.set(members)
        team.micro_territories.set(micro_territories)
        record_event(
            events.TEAM_UPDATED,
            actor=actor,
            subject=team,
            organisation_id=team.organisation_id,
            payload={"members_before": before, "members": sorted(u.pk for u in members)},
        )
    return team


API_TOKEN_PREFIX = "itr_"  # noqa: S105  (a public prefix, not a secret)


def issue_api_token(*, actor, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """Issue a token acting as `actor` for their active organisation.

    Return the token and its raw secret, which is shown once and never stored.
    """
    if not can_issue_api_token(actor):
        raise PermissionDenied(_("Solo gli operatori possono creare token per l'API."))
    if not 1 <= days <= 365:
        raise ApplicationError(_("La durata di un token va da 1 a 365 giorni."), code="invalid_duration")
    organisation = actor.active_organisation
    if organisation is None:
        raise ApplicationError(_("Non hai ruoli attivi in nessun ente."), code="no_organisation")
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            organisation=organisation,
            name=name.strip() or _("Token"),
            prefix=raw[: len(API_TOKEN_PREFIX) + 8],
            digest=ApiToken.digest_of(raw),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        record_event(
            events.API_TOKEN_ISSUED,
            actor=actor,
            subject=token,
            payload={"expires_at": token.expires_at.isoformat()},
        )
    return token, raw


def revoke_api_token(token: ApiToken, *, actor) -> ApiToken:
    """Revoke a token at once (its owner, or a system administrator)."""
    if token.user_id != actor.pk and not actor.is_system_admin:
        raise PermissionDenied(_("Non puoi revocare questo token."))
    if token.revoked_at:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(events.API_TOKEN_REVOKED, actor=actor, subject=token)
    return token


def bootstrap_system_admin(
    *, organisation, email: str, given_name: str, family_name: str, password: str | None = None
) -> User:
    """Create the installation's first system administrator (only while there is none).

    Used by `manage.py create_system_admin` on a new installation and by the
    demo seed; afterwards system administrators add each other with add_operator.
    """
    with transaction.atomic():
        # Check and create as one step: of two concurrent set-ups, one wins.
        advisory_lock("accounts.bootstrap_system_admin")
        if Membership.objects.filter(role=Role.SYSTEM_ADMIN, active=True).exists():
            raise ApplicationError(
                _("Esiste già un amministratore di sistema: chiedigli di aggiungerti."),
                code="already_bootstrapped",
            )
        user = User.objects.create_user(
            email=email.strip().lower(), password=password, given_name=given_name, family_name=family_name
        )
        Membership.objects.create(user=user, organisation=organisation, role=Role.SYSTEM_ADMIN)
        record_event(
            events.OPERATOR_CREATED,
            actor=None,
            subject=user,
            organisation_id=organisation.pk,
            payload={"organisation": organisation.pk, "bootstrap": True},
        )
    return user


def set_initial_password(operator: User, *, actor, raw_password: str) -> User:
    """Give an operator a password without the e-mail round trip (installation set-up and demo only).

    Only the system itself (actor None) may do this: people choose their own
    password through the invitation link.
    """
    if actor is not None:
        raise PermissionDenied(_("La password la sceglie l'operatore, dal link ricevuto per e-mail."))
    operator.set_password(raw_password)
    operator.save(update_fields=["password"])
    return operator


# --- second factor -----------------------------------------------------------------------


class InvalidCode(ApplicationError):
    """The one-time code does not match (wrong, expired or already used)."""

    code = "invalid_code"


def _device_owner_only(actor, user) -> None:
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Solo il titolare dell'account può configurare il secondo fattore."))


def start_totp_enrolment(user: User, *, actor) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator device, created on first call."""
    from .twofactor import TOTP_DEVICE_NAME

    _device_owner_only(actor, user)
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _issue_recovery_codes(user: User) -> list[str]:
    from .twofactor import RECOVERY_CODE_COUNT, RECOVERY_DEVICE_NAME

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_totp_device(device: TOTPDevice, *, actor, code: str) -> list[str]:
    """Confirm a pending device with a code from the app; it replaces any previous one.

    Returns new single-use recovery codes (shown once).
    """
    _device_owner_only(actor, device.user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(_normalise_code(code)):
            raise InvalidCode(
                _(
                    "Il codice non è corretto: controlla che l'ora del telefono sia esatta e "
                    "inserisci il codice di 6 cifre che l'app mostra ora."
                )
            )
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _issue_recovery_codes(device.user)
        record_event(events.SECOND_FACTOR_ENROLLED, actor=actor, subject=device.user)
    return codes


def regenerate_recovery_codes(*, actor) -> list[str]:
    """Replace the actor's recovery codes (the old ones stop working)."""
    from .twofactor import has_confirmed_device

    if actor is None or not has_confirmed_device(actor):
        raise ApplicationError(
            _("Attiva prima l'app di autenticazione, poi genera i codici di recupero."),
            code="no_second_factor",
        )
    with transaction.atomic():
        codes = _issue_recovery_codes(actor)
        record_event(events.RECOVERY_CODES_REGENERATED, actor=actor, subject=actor)
    return codes


def _normalise_code(code: str) -> str:
    return "".join(str(code).split()).lower()


def verify_second_factor(user: User, code: str):
    """The device that accepts `code` (app code or unused recovery code), or None.

    A code is accepted once (the device remembers the last time step used;
    a recovery code is deleted); wrong codes slow the device down
    (django-otp throttling). Both outcomes are audited.
    """
    code = _normalise_code(code)
    accepted = None
    with transaction.atomic():
        for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if len(code) == device.digits and device.verify_token(code):
                accepted = device
                break
        if accepted is None and len(code) != 6:
            for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(code):
                    accepted = device
                    break
    with transaction.atomic():
        if accepted is None:
            record_audit(
                user,
                AuditEntry.Action.LOGIN_FAILED,
                user,
                outcome=AuditEntry.Outcome.DENIED,
                details={"step": "second_factor"},
            )
        else:
            kind = "recovery_code" if isinstance(accepted, StaticDevice) else "totp"
            record_audit(user, AuditEntry.Action.LOGIN, user, details={"step": "second_factor", "with": kind})
    return accepted


def reauthenticate(user: User, *, password: str, code: str) -> bool:
    """Check password and second factor again before a change of credentials."""
    password_ok = user.check_password(password)
    device = verify_second_factor(user, code) if password_ok else None
    if device is None:
        if not password_ok:
            record_audit(
                user,
                AuditEntry.Action.LOGIN_FAILED,
                user,
                outcome=AuditEntry.Outcome.DENIED,
                details={"step": "reauthentication"},
            )
        raise InvalidCode(_("Password o codice non corretti: riprova."))
    return True


# --- sessions ---------------------------------------------------------------------------------


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore()


def track_session(user: User, *, session_key: str, ip_address: str | None, user_agent: str) -> UserSession:
    """Start tracking a new log-in session (called by the log-in signal)."""
    tracked, _created = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "ip_address": ip_address, "user_agent": user_agent[:200], "ended_at": None},
    )
    return tracked


def session_key_changed(old_key: str | None, new_key: str, *, verified: bool = False) -> None:
    """Follow a session whose key was rotated (second factor, password change)."""
    values = {"session_key": new_key}
    if verified:
        values["verified_at"] = timezone.now()
    if old_key:
        UserSession.objects.filter(session_key=old_key).update(**values)


def session_closed(session_key: str | None, reason: str = UserSession.EndReason.LOGOUT) -> None:
    """Mark a session that Django already ended (log-out, expiry) as ended."""
    if session_key:
        UserSession.objects.filter(session_key=session_key, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=reason
        )


def _end(tracked_sessions, *, actor, reason: str) -> int:
    store = _session_store()
    now = timezone.now()
    ended = 0
    for tracked in tracked_sessions:
        store.delete(tracked.session_key)
        tracked.ended_at, tracked.end_reason = now, reason
        tracked.ended_by = actor if getattr(actor, "pk", None) else None
        tracked.save(update_fields=["ended_at", "end_reason", "ended_by"])
        record_event(
            events.SESSION_ENDED,
            actor=actor,
            subject=tracked.user,
            payload={"session": tracked.pk, "reason": reason},
        )
        ended += 1
    return ended


def end_session(tracked: UserSession, *, actor) -> UserSession:
    """End one session at once (its owner, or an administrator of the owner's organisation)."""
    if not can_end_session(actor, tracked):
        raise PermissionDenied(_("Non puoi chiudere questa sessione."))
    if tracked.ended_at is None:
        reason = (
            UserSession.EndReason.ENDED_BY_USER
            if actor.pk == tracked.user_id
            else UserSession.EndReason.ENDED_BY_ADMIN
        )
        with transaction.atomic():
            _end([tracked], actor=actor, reason=reason)
    return tracked


def end_sessions_of(user: User, *, actor, reason: str, keep: str | None = None) -> int:
    """End every open session of `user` (but `keep`, the current one, if given)."""
    open_sessions = UserSession.objects.filter(user=user, ended_at__isnull=True).select_related("user")
    if keep:
        open_sessions = open_sessions.exclude(session_key=keep)
    return _end(list(open_sessions), actor=actor, reason=reason)


def password_changed(user: User, *, actor, keep_session: str | None) -> None:
    """After a password change or reset: end the user's other sessions and record it."""
    with transaction.atomic():
        end_sessions_of(
            user, actor=actor, reason=UserSession.EndReason.CREDENTIALS_CHANGED, keep=keep_session
        )
        record_event(events.PASSWORD_CHANGED, actor=actor, subject=user)


def expire_sessions() -> int:
    """Mark sessions ended whose stored session is gone or expired; clear expired ones."""
    from django.contrib.sessions.models import Session

    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    count = (
        UserSession.objects.filter(ended_at__isnull=True)
        .exclude(session_key__in=alive)
        .update(ended_at=timezone.now(), end_reason=UserSession.EndReason.EXPIRED)
    )
    _session_store().clear_expired()
    return count


def give_demo_authenticator(operator: User, *, actor, key: str) -> TOTPDevice:
    """Give a demo account an authenticator with a published key (demo set-up only).

    Only the system does this, never in production: everybody who reads the
    demo instructions can compute these codes.
    """
    if actor is not None or settings.INTRECCIO_ENVIRONMENT == "production":
        raise PermissionDenied(_("Gli autenticatori dimostrativi esistono solo nella demo."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=operator).delete()
        return TOTPDevice.objects.create(user=operator, name="demo", key=key, confirmed=True)
