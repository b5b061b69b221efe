"""Test settings: the database comes from DATABASE_URL (PostgreSQL in CI) or SQLite."""

from .base import *  # noqa: F403
from .base import env_list

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SAMENPLAN_DEMO_MODE = True
SAMENPLAN_TWO_FACTOR_REQUIRED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Queue-age tests set their own limit; mail queued while seeding the session's database
# must not make /gereed fail in a long test run.
SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = 24 * 60 * 60
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "WARNING"},
}
# Jobs run at once, in the test's process: a mail queued after the commit is sent when
# the test runs the on-commit callbacks (django_capture_on_commit_callbacks).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
