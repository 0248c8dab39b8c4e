"""Settings shared by every environment.

Everything an installation changes comes from environment variables, with
safe development defaults; docs/operations.md lists them.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


INTRECCIO_ENVIRONMENT = env("INTRECCIO_ENVIRONMENT", "development")
SECRET_KEY = env("SECRET_KEY", "django-insecure-development-only-never-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Domain apps, lower layers first (see docs/architecture.md).
    "intreccio.core",
    "intreccio.audit",
    "intreccio.notifications",
    "intreccio.territory",
    "intreccio.organisations",
    "intreccio.accounts",
    "intreccio.directory",
    "intreccio.people",
    "intreccio.cases",
    "intreccio.intake",
    "intreccio.plans",
    "intreccio.referrals",
    "intreccio.responses",
    "intreccio.timeline",
    "intreccio.identity",
    "intreccio.portal",
    "intreccio.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "intreccio.core.middleware.SessionLifetimeMiddleware",
    "intreccio.core.middleware.LoginRequiredMiddleware",
    "intreccio.accounts.middleware.TwoFactorMiddleware",
    "intreccio.core.middleware.RequestContextMiddleware",
    "intreccio.accounts.middleware.ActiveOrganisationMiddleware",
    "intreccio.core.middleware.ApplicationErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "intreccio.core.middleware.SecurityHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: answers a locked-out log-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intreccio.core.context_processors.shell",
                "intreccio.notifications.context_processors.notifications",
            ],
            "builtins": ["intreccio.core.templatetags.intreccio"],
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default (the demo and small installations);
# PostgreSQL 15+ through psycopg 3 in production: DATABASE_URL=postgres://...
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'intreccio.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer commits; IMMEDIATE takes the
        # write lock at BEGIN so concurrent writers queue (busy_timeout)
        # instead of failing on a lock upgrade.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA cache_size=-32000;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA mmap_size=134217728;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication and sessions ------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any attempt on a locked-out account before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B: length, lists of common and breached passwords, no
# composition rules, no periodic change. Passwords are always used with a
# second factor (docs/security.md), so 12 characters is the minimum.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "intreccio.accounts.passwords.BreachedPasswordValidator"},
]
# --- Second factor (django-otp) and log-in throttling (django-axes) --------
# Every operator passes a TOTP code (or a single-use recovery code) after the
# password; see docs/security.md.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Intreccio")
OTP_TOTP_SYNC = False  # accept ±1 step (30 s) of clock drift, never learn a larger one
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes, wait 2^(n-1) s before the next try
# Wrong codes in a row after which the half-open session is ended.
INTRECCIO_OTP_MAX_FAILURES = int(env("INTRECCIO_OTP_MAX_FAILURES", "5"))
# Changing a password, a second factor or API tokens needs password + code
# typed again within this many seconds.
INTRECCIO_REAUTH_SECONDS = int(env("INTRECCIO_REAUTH_SECONDS", str(5 * 60)))
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
# Lock the account typed, whether it exists or not (no user enumeration);
# per-address throttling belongs to the reverse proxy (docs/operations.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks to lock by address too: every operator of a municipality
# shares one public address, so five typos would lock the whole office out.
# Per-address rate limiting is the reverse proxy's job (docs/operations.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "intreccio.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "intreccio.core.middleware.client_ip"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Idle timeout: the session cookie is renewed on every request and expires
# after SESSION_IDLE_SECONDS without one. Absolute lifetime: see
# core.middleware.SessionLifetimeMiddleware.
SESSION_IDLE_SECONDS = int(env("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_SECONDS = int(env("SESSION_ABSOLUTE_SECONDS", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "it"
# The operator UI speaks Italian and English (LANGUAGES, chosen with the
# session cookie); the public portal speaks the languages of the territory
# (PORTAL_LANGUAGES, chosen in its URL and remembered in its own cookie), so
# an operator never lands on a half-translated Arabic back office. See
# docs/directory.md, "Languages".
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
PORTAL_LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ro", "Română"),
    ("sq", "Shqip"),
]
PORTAL_LANGUAGE_COOKIE_NAME = "intreccio_portal_language"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "intreccio_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

# --- E-mail -------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Intreccio <noreply@intreccio.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ---------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Security headers and Content-Security-Policy -----------------------------
# No inline scripts or styles anywhere: behaviour lives in static JS files and
# data reaches them through json_script (see docs/decisions/0003-strict-csp.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- Logging: no personal data in logs (audit rows carry ids, not values) -----
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "ERROR"}},
}

# --- Intreccio ------------------------------------------------------------------
# The installation's district (Ambito) and the file describing its territory.
INTRECCIO_TERRITORY_CONFIG = Path(
    env("INTRECCIO_TERRITORY_CONFIG", str(BASE_DIR / "intreccio/territory/data/ambiti_lecco.toml"))
)
INTRECCIO_BASE_URL = env("INTRECCIO_BASE_URL", "http://127.0.0.1:8000")
INTRECCIO_DEMO_PASSWORD = env("INTRECCIO_DEMO_PASSWORD", "intreccio-demo-2026")
NINJA_PAGINATION_PER_PAGE = 50
# Published in the privacy notice and the accessibility statement.
INTRECCIO_CONTROLLER = env(
    "INTRECCIO_CONTROLLER", "Comune di Lecco, ente capofila dell'Ambito distrettuale di Lecco"
)
INTRECCIO_DPO_EMAIL = env("INTRECCIO_DPO_EMAIL", "dpo@ambito.example.it")
INTRECCIO_ACCESSIBILITY_EMAIL = env("INTRECCIO_ACCESSIBILITY_EMAIL", "accessibilita@ambito.example.it")
INTRECCIO_HOLIDAY_SUBDIVISION = env("INTRECCIO_HOLIDAY_SUBDIVISION", "LC")
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# Demo accounts share this TOTP key (hex) so testers can log in with 2FA:
# `manage.py show_demo_accounts` prints it, `manage.py demo_totp` the code.
INTRECCIO_DEMO_TOTP_KEY = env("INTRECCIO_DEMO_TOTP_KEY", "496e7472656363696f2d64656d6f2d3230323621")

# --- Audit chain (docs/decisions/0006-tamper-evident-audit.md) -----------------
# Each sealing run appends the chain head to this file, which must live on
# storage the application cannot rewrite (shipped off the host): truncating
# the audit tables is then detected by `manage.py verify_audit_chain`.
# Default: one file per database, beside the SQLite file (var/).
AUDIT_ANCHOR_PATH = env(
    "AUDIT_ANCHOR_PATH",
    str(BASE_DIR / "var" / f"audit-anchor-{Path(str(DATABASES['default']['NAME'])).stem}.jsonl"),
)
# Entries must be sealed within this many seconds of being written (longer
# than the longest transaction the database allows).
AUDIT_SEAL_GRACE_SECONDS = int(env("AUDIT_SEAL_GRACE_SECONDS", str(60 * 60)))
# Anomaly alerts for the data-protection contact (intreccio.audit.anomalies).
AUDIT_ALERT_WINDOW_MINUTES = int(env("AUDIT_ALERT_WINDOW_MINUTES", "60"))
AUDIT_ALERT_DISTINCT_PERSONS = int(env("AUDIT_ALERT_DISTINCT_PERSONS", "25"))
AUDIT_ALERT_DENIALS = int(env("AUDIT_ALERT_DENIALS", "10"))
# Working hours (Europe/Rome) outside which reading a person's data is flagged.
AUDIT_WORKING_HOURS = (int(env("AUDIT_WORKING_HOUR_START", "7")), int(env("AUDIT_WORKING_HOUR_END", "20")))
# Directory: entries not verified for this many months are flagged to their organisation's admins.
INTRECCIO_DIRECTORY_VERIFY_MONTHS = int(env("INTRECCIO_DIRECTORY_VERIFY_MONTHS", "6"))
# Public portal: map tiles (empty: no basemap, only the territory's boundaries
# and points, which works offline) and the "ask for help" rate limit.
INTRECCIO_MAP_TILE_URL = env("INTRECCIO_MAP_TILE_URL", "")
INTRECCIO_MAP_TILE_ATTRIBUTION = env("INTRECCIO_MAP_TILE_ATTRIBUTION", "")
INTRECCIO_HELP_REQUESTS_PER_HOUR = int(env("INTRECCIO_HELP_REQUESTS_PER_HOUR", "5"))
if INTRECCIO_MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(INTRECCIO_MAP_TILE_URL.replace("{s}", "a"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# --- Referrals ---------------------------------------------------------------
# Working days to acknowledge a referral (urgent ones sooner), and days with
# no activity after which one in hand is flagged as stalled.
INTRECCIO_REFERRAL_ACK_DAYS = int(env("INTRECCIO_REFERRAL_ACK_DAYS", "2"))
INTRECCIO_REFERRAL_ACK_DAYS_URGENT = int(env("INTRECCIO_REFERRAL_ACK_DAYS_URGENT", "1"))
INTRECCIO_REFERRAL_STALE_DAYS = int(env("INTRECCIO_REFERRAL_STALE_DAYS", "14"))
