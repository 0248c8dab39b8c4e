"""Operators and citizens, memberships with roles, teams, API tokens."""

import hashlib

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from intreccio.core.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        """Low-level constructor used by accounts.actions and Django's own commands."""
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    class Kind(models.TextChoices):
        OPERATOR = "operator", _("Operatore")
        CITIZEN = "citizen", _("Cittadino")

    email = models.EmailField(_("e-mail"), unique=True)
    given_name = models.CharField(_("nome"), max_length=100)
    family_name = models.CharField(_("cognome"), max_length=100)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    kind = models.CharField(_("tipo di account"), max_length=10, choices=Kind.choices, default=Kind.OPERATOR)
    preferred_language = models.CharField(_("lingua preferita"), max_length=10, default="it")
    is_active = models.BooleanField(_("attivo"), default=True)
    is_staff = models.BooleanField(_("accesso all'amministrazione tecnica"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    # Operators' own records are personal data: interface code reads them
    # only through accounts.queries (see core/tests/test_architecture.py).
    personal_data = True

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["given_name", "family_name"]

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def get_short_name(self) -> str:
        return self.given_name

    # --- roles -------------------------------------------------------------
    # Memberships are loaded once per user object (one query) and answer
    # every role question of the request.

    @property
    def is_operator(self) -> bool:
        """An active operator account holding at least one active role (deny by default otherwise)."""
        return self.kind == self.Kind.OPERATOR and self.is_active and bool(self.active_memberships)

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        if not self.pk:
            return []
        return list(
            Membership.objects.filter(user=self, active=True, organisation__active=True)
            .select_related("organisation", "organisation__district")
            .order_by("organisation__name", "role")
        )

    @cached_property
    def organisations(self) -> list:
        seen = {}
        for membership in self.active_memberships:
            seen.setdefault(membership.organisation_id, membership.organisation)
        return list(seen.values())

    def roles_in(self, organisation) -> frozenset[str]:
        organisation_id = getattr(organisation, "pk", organisation)
        return frozenset(m.role for m in self.active_memberships if m.organisation_id == organisation_id)

    def has_role_in(self, organisation, *roles: str) -> bool:
        return bool(self.roles_in(organisation) & set(roles))

    @property
    def is_system_admin(self) -> bool:
        return any(m.role == Role.SYSTEM_ADMIN for m in self.active_memberships)

    @property
    def active_organisation(self):
        """The organisation the user acts for now (chosen in the session; else the first)."""
        chosen = getattr(self, "_active_organisation_id", None)
        for organisation in self.organisations:
            if organisation.pk == chosen:
                return organisation
        return self.organisations[0] if self.organisations else None

    @property
    def active_organisation_id(self) -> int | None:
        organisation = self.active_organisation
        return organisation.pk if organisation else None

    def act_for(self, organisation) -> "User":
        """Make `organisation` the one this user object acts for (if a member)."""
        self._active_organisation_id = getattr(organisation, "pk", organisation)
        return self

    @property
    def active_roles(self) -> frozenset[str]:
        organisation = self.active_organisation
        roles = self.roles_in(organisation) if organisation else frozenset()
        # A system administrator administers the whole installation, whichever
        # organisation they are acting for.
        return roles | ({Role.SYSTEM_ADMIN} if self.is_system_admin else set())

    def has_role(self, *roles: str) -> bool:
        return bool(self.active_roles & set(roles))

    def refresh_roles(self) -> None:
        for attribute in ("active_memberships", "organisations"):
            self.__dict__.pop(attribute, None)


class Membership(models.Model):
    """A user's role inside an organisation (one row per role)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("ente"),
    )
    role = models.CharField(_("ruolo"), max_length=30, choices=Role.choices)
    active = models.BooleanField(_("attivo"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ruolo nell'ente")
        verbose_name_plural = _("ruoli negli enti")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")
        ]
        indexes = [models.Index(fields=["organisation", "role", "active"], name="membership_org_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


class Team(models.Model):
    """A group of operators of one organisation that takes work as a unit (e.g. intakes)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="teams", verbose_name=_("ente")
    )
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    email = models.EmailField(_("e-mail dell'équipe"), blank=True)
    supervisor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_teams",
        verbose_name=_("coordinatore"),
    )
    members = models.ManyToManyField(User, blank=True, related_name="teams", verbose_name=_("componenti"))
    micro_territories = models.ManyToManyField(
        "territory.MicroTerritory", blank=True, related_name="teams", verbose_name=_("microterritori")
    )
    active = models.BooleanField(_("attiva"), default=True)

    class Meta:
        verbose_name = _("équipe")
        verbose_name_plural = _("équipe")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ApiToken(models.Model):
    """A bearer token for a system calling /api/v1/ on behalf of an operator.

    Only a SHA-256 digest is stored; the token is shown once when issued.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nome"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("scadenza"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw_token: str) -> str:
        return hashlib.sha256(raw_token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.user.is_active


class UserSession(models.Model):
    """One log-in session of a user, tracked on the server.

    The session itself lives in Django's session store (server side; the
    cookie carries only its key). This row lets the user and their
    organisation's administrators see where they are logged in and end a
    session at once: ending deletes the stored session, so the next request
    with that cookie is anonymous.
    """

    class EndReason(models.TextChoices):
        LOGOUT = "logout", _("Uscita")
        ENDED_BY_USER = "ended_by_user", _("Chiusa dall'utente")
        ENDED_BY_ADMIN = "ended_by_admin", _("Chiusa da un amministratore")
        ACCOUNT_DISABLED = "account_disabled", _("Account disattivato")
        ROLES_REMOVED = "roles_removed", _("Nessun ruolo attivo")
        CREDENTIALS_CHANGED = "credentials_changed", _("Credenziali cambiate")
        EXPIRED = "expired", _("Scaduta")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tracked_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(_("secondo fattore verificato"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    ended_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # Operators' addresses and devices: read through accounts.queries only.
    personal_data = True

    class Meta:
        verbose_name = _("sessione")
        verbose_name_plural = _("sessioni")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "ended_at"], name="usersession_user_open")]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
