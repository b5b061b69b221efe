"""Test settings for real worker and planner processes (tests/e2e/test_meerdere_instanties.py):
jobs go through the queue in the database, mail is written to files."""

from .base import env
from .test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
