"""Settings shared by every environment. Secrets and deployment values come from the environment."""

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_config(sqlite_path: Path) -> dict:
    """PostgreSQL when DATABASE_URL is set; otherwise an embedded SQLite file.

    SQLite runs in WAL mode with IMMEDIATE transactions and a busy timeout, so that
    concurrent writers wait for the lock instead of failing with "database is locked".
    """
    url = env("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": sqlite_path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


SECRET_KEY = env("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django_guid",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_email",
    "axes",
    "guardian",
    "simple_history",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "fasenmodel",
    "opp",
    "arrangeren.route",
    "arrangeren.jeugdhulp",
    "arrangeren.tlv",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (docs/productie.md).
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.logs.LogContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "accounts.middleware.RolcontextMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: a form's one-time token is stored with what its view adds, after the CSRF
    # check and the second factor (accounts/eenmalig.py).
    "accounts.eenmalig.EenmaligeInzendingMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.rolcontext",
            ],
        },
    },
]
FORM_RENDERER = "accounts.forms.SamenplanFormRenderer"

DATABASES = {"default": database_config(VAR_DIR / "samenplan.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # The brake first: during a wait or lock it refuses before any password is checked
    # (accounts/inlogrem.py, docs/adr/0007-inlogrem.md).
    "accounts.inlogrem.InlogremBackend",
    # Axes records every attempt (read-only in the admin); it locks nobody out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.forms.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Guardian: no anonymous user row (the e-mail is the login, and anonymous users see nothing).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# Two-factor login: required for every professional role; parents may use an e-mailed
# code. Production refuses to switch it off (see production.py).
SAMENPLAN_TWO_FACTOR_REQUIRED = env_bool("SAMENPLAN_TWO_FACTOR_REQUIRED", True)
SAMENPLAN_DEMO_MODE = False
OTP_TOTP_ISSUER = "Samenplan"
OTP_EMAIL_SUBJECT = "Uw inlogcode voor Samenplan"
OTP_EMAIL_BODY_TEMPLATE_PATH = "accounts/email/otp_code.txt"
OTP_EMAIL_TOKEN_VALIDITY = 600
# The device admins are unregistered (accounts/admin.py); should one come back, it shows
# no secret keys or QR codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Failed logins: per account, ever longer waits and then a lock that the owner lifts
# with an e-mailed link (accounts/inlogrem.py, docs/adr/0007-inlogrem.md). django-axes
# only records the attempts (the admin shows them): it locks nobody out, because its lock
# could be set off by anyone, again and again, and lifted by nobody but the clock.
AXES_LOCK_OUT_AT_FAILURE = False
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.5  # hours: how long axes keeps counting an attempt
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 wants the IP address in the lockout key; here it would lock out a whole
# school behind one NAT address. The brake is per account, which rotating user agents
# or cookies cannot bypass.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.forms.axes_username"
# The e-mail address is masked in axes' log lines: no personal data in logs.
AXES_SENSITIVE_PARAMETERS = ["username", "password", "token"]
AXES_VERBOSE = False

# Sessions: 30 minutes idle and 12 hours absolute (enforced in SessionTimeoutMiddleware).
SAMENPLAN_SESSION_IDLE_SECONDS = 30 * 60
SAMENPLAN_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SAMENPLAN_SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "accounts.views.system.csrf_failure"

# Security headers and content security policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Samenplan <noreply@samenplan.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Samenplan] "

# Logs carry no personal data: a user is her account's id, request paths hold only opaque
# identifiers, query strings and the tokens of links are dropped (config/logs.py). JSON
# lines in production, readable lines elsewhere unless SAMENPLAN_LOG_JSON says otherwise.
SAMENPLAN_LOG_JSON = env_bool("SAMENPLAN_LOG_JSON", False)
LOGGING = logging_config(json_lines=SAMENPLAN_LOG_JSON)
# The request id: taken from the load balancer's X-Request-ID when it is a UUID, made
# otherwise, and sent back in the response so that a user can quote it.
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "EXPOSE_HEADER": False}

# Links in e-mails point here (no case content travels by e-mail, only links).
SAMENPLAN_BASE_URL = env("SAMENPLAN_BASE_URL", "http://127.0.0.1:8000")

# Background work (e-mail, scheduled jobs) goes through a queue in the database
# (django-tasks, the backport of Django 6's tasks API; see docs/productie.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The outbox (accounts/berichten.py): a failed send is tried again after 1, 5, 15, 60 and
# 240 minutes; after this many tries it is "niet afgeleverd" and shown to whoever caused it.
SAMENPLAN_BERICHT_POGINGEN = 6
# A message still "bezig" after this many seconds belonged to a worker that died: the
# sweep puts it back in the queue. Keep it well above EMAIL_TIMEOUT.
SAMENPLAN_BERICHT_BEZIG_TIMEOUT = int(env("SAMENPLAN_BERICHT_BEZIG_TIMEOUT", "300"))
# Seconds before a silent mail server counts as down (Django's default waits for ever).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
# The readiness check (/gereed) fails when a message or task has waited longer than this.
SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = int(env("SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN", "600"))
# The planner (`manage.py planner`) looks for due jobs this often; a run still busy after
# SAMENPLAN_TAAK_TIMEOUT seconds lost its worker and counts as failed.
SAMENPLAN_PLANNER_INTERVAL = float(env("SAMENPLAN_PLANNER_INTERVAL", "30"))
SAMENPLAN_TAAK_TIMEOUT = int(env("SAMENPLAN_TAAK_TIMEOUT", "3600"))
# Seconds between two sweeps of the e-mail outbox (a divisor of a day; default a minute).
SAMENPLAN_WACHTRIJ_INTERVAL = int(env("SAMENPLAN_WACHTRIJ_INTERVAL", "60"))

# Uploaded preparation documents live outside the web root and are served only through
# a permission-checked view; there is no MEDIA_URL.
MEDIA_ROOT = env("SAMENPLAN_UPLOAD_ROOT", str(VAR_DIR / "uploads"))
# Several app servers need one shared store: any Django storage class (for example
# django-storages' S3 storage) with its options as JSON; see docs/productie.md.
STORAGES = {
    "default": {
        "BACKEND": env("SAMENPLAN_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(env("SAMENPLAN_STORAGE_OPTIONS", "") or "{}"),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SAMENPLAN_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# A pupil export (CSV or .xlsx) from the school's administration; see docs/import.md.
SAMENPLAN_IMPORT_MAX_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Invitees of an MDO get a reminder this many days before (command `stuur_herinneringen`).
SAMENPLAN_HERINNERING_DAGEN = 2
# Signers who have not answered get one reminder after this many days.
SAMENPLAN_OPP_HERINNERING_DAGEN = 3
# Multidisciplinaire begeleider: hourly rate (regional agreement, 2021 price level).
SAMENPLAN_MDB_UURTARIEF = 90
