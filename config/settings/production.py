"""Production: everything from the environment; refuses unsafe switches."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.logs import logging_config
from config.sentry import init_sentry

from .base import *  # noqa: F403
from .base import (
    MIDDLEWARE,
    SAMENPLAN_TWO_FACTOR_REQUIRED,
    STORAGES,
    env,
    env_bool,
    env_list,
)

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Every link in every e-mail starts here: a missing value would send people to 127.0.0.1.
SAMENPLAN_BASE_URL = env("SAMENPLAN_BASE_URL") or ""
if not SAMENPLAN_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SAMENPLAN_BASE_URL must be set in production (the address people use, e.g. "
        "https://samenplan.example): links in e-mails start with it."
    )

if not SAMENPLAN_TWO_FACTOR_REQUIRED:
    raise ImproperlyConfigured(
        "Two-factor login cannot be switched off in production "
        "(SAMENPLAN_TWO_FACTOR_REQUIRED must not be false)."
    )
SAMENPLAN_DEMO_MODE = False


def postgresql_url(name: str) -> dict:
    """The settings of a PostgreSQL URL from the environment; never the SQLite fallback."""
    try:
        config = dj_database_url.parse(env(name))
    except ValueError:  # an unknown scheme
        config = {"ENGINE": "an unknown database"}
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"{name} must point to PostgreSQL in production (postgres://...), "
            f"not {config['ENGINE'].rsplit('.', 1)[-1]}."
        )
    return config


# PostgreSQL with two roles (docs/productie.md, "Database: rollen, back-up en herstel"):
# DATABASE_URL is the runtime role; DATABASE_MIGRATIE_URL, when set, the owner role that
# deploy/migreer.sh runs `migrate` as. It must name the same database.
if not env("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production (postgres://user:password@host:5432/name); "
        "production never falls back to SQLite."
    )
_database = postgresql_url("DATABASE_URL")
if env("DATABASE_MIGRATIE_URL"):
    _migratie = postgresql_url("DATABASE_MIGRATIE_URL")
    if any(_migratie[key] != _database[key] for key in ("NAME", "HOST", "PORT")):
        raise ImproperlyConfigured(
            "DATABASE_MIGRATIE_URL must name the same database (host, port, name) as "
            "DATABASE_URL; only the role differs."
        )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer probes /healthz and /gereed over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^gereed$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# WhiteNoise serves the collected static files right after the security middleware.
_na_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_na_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_na_security:],
]

# Uploads: the local folder (SAMENPLAN_UPLOAD_ROOT) unless SAMENPLAN_STORAGE_BACKEND
# names a shared store (base.py); static files are WhiteNoise's.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# JSON lines with request id and user id (config/logs.py); SAMENPLAN_LOG_JSON=false for text.
SAMENPLAN_LOG_JSON = env_bool("SAMENPLAN_LOG_JSON", True)
LOGGING = logging_config(json_lines=SAMENPLAN_LOG_JSON)

# Error reports to Sentry only when SENTRY_DSN is set, scrubbed of personal data.
SENTRY_DSN = env("SENTRY_DSN", "")
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", "productie"),
        release=env("SENTRY_RELEASE"),
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
