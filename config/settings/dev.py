"""Development and `make demo`: embedded SQLite, mail to the console, demo logins."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Links in e-mails point at the port the demo runs on (`make demo PORT=8001`).
SAMENPLAN_BASE_URL = env("SAMENPLAN_BASE_URL") or f"http://127.0.0.1:{env('PORT') or '8000'}"

# The demo region's personas log in with the password "demo"; TOTP can be switched off
# here to keep the demo quick. Production refuses both.
SAMENPLAN_DEMO_MODE = True
SAMENPLAN_TWO_FACTOR_REQUIRED = env_bool("SAMENPLAN_TWO_FACTOR_REQUIRED", False)
AUTH_PASSWORD_VALIDATORS = []
