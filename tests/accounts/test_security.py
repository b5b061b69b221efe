"""Security settings that must hold in every environment, and production's refusals."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

from accounts.models import User

BASE_DIR = Path(settings.BASE_DIR)


def run_with_production_settings(args, **env):
    """Runs Python in a clean process with production settings and the given environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SAMENPLAN_", "DATABASE_")) and key != "ALLOWED_HOSTS"
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    # Parsed, never connected to: the settings and the deployment checks need no server.
    environment["DATABASE_URL"] = "postgres://samenplan_app@db.example:5432/samenplan"
    environment["SAMENPLAN_BASE_URL"] = "https://samenplan.example"
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- Response headers -------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_sends_the_security_headers(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_login_page_csp_allows_no_inline_or_eval_script(client):
    csp = client.get(reverse("accounts:login"))["Content-Security-Policy"]

    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_logged_in_page_is_never_cached(login):
    response = login("ib@demo.nl").get("/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


# --- Production settings ----------------------------------------------------------------------


def test_production_refuses_to_start_with_two_factor_switched_off():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.nl",
        SAMENPLAN_TWO_FACTOR_REQUIRED="false",
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Two-factor" in result.stderr


def test_production_starts_when_two_factor_is_not_switched_off():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.nl",
    )

    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"], ALLOWED_HOSTS="example.nl"
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_database_url():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.nl",
        DATABASE_URL="",
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set in production" in result.stderr
    assert "never falls back to SQLite" in result.stderr


def test_production_refuses_a_database_url_that_is_not_postgresql():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.nl",
        DATABASE_URL="sqlite:////tmp/samenplan.sqlite3",
    )

    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL in production" in result.stderr


def test_production_refuses_a_migration_url_for_another_database():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.nl",
        DATABASE_MIGRATIE_URL="postgres://samenplan_eigenaar@db.example:5432/andere",
    )

    assert result.returncode != 0
    assert "DATABASE_MIGRATIE_URL must name the same database" in result.stderr


def test_production_starts_with_the_owner_role_for_migrations_on_the_same_database():
    result = run_with_production_settings(
        ["-c", "import django; django.setup(); print(django.conf.settings.DATABASES)"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.nl",
        DATABASE_MIGRATIE_URL="postgres://samenplan_eigenaar:geheim@db.example:5432/samenplan",
    )

    assert result.returncode == 0, result.stderr
    assert "'USER': 'samenplan_app'" in result.stdout


def test_production_passes_the_deployment_checklist():
    result = run_with_production_settings(
        [
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=config.settings.production",
        ],
        DJANGO_SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS="example.nl",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- Demo data --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_outside_demo_mode(settings):
    settings.SAMENPLAN_DEMO_MODE = False
    users_before = User.objects.count()

    with pytest.raises(CommandError, match="SAMENPLAN_DEMO_MODE"):
        call_command("seed_demo")

    assert User.objects.count() == users_before


# --- Error pages ------------------------------------------------------------------------------


def test_unknown_pupil_shows_dutch_404_page_without_stack_trace(login):
    client = login("ib@demo.nl")

    response = client.get(
        reverse("accounts:leerling_detail", kwargs={"uuid": uuid.uuid4()}),
    )

    assert response.status_code == 404
    content = response.content.decode()
    assert "Pagina niet gevonden" in content
    assert "Traceback" not in content
    assert "Http404" not in content
    assert 'lang="nl"' in content


def test_production_refuses_to_start_without_the_address_for_links_in_mails():
    result = run_with_production_settings(
        ["-c", "import django; django.setup()"],
        DJANGO_SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="samenplan.example",
        SAMENPLAN_BASE_URL="",
    )
    assert result.returncode != 0
    assert "SAMENPLAN_BASE_URL must be set in production" in result.stderr
