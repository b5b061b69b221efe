"""The production server and the settings that come from the environment.

gunicorn's configuration, `make serve`, the demo's links following PORT, the uploads
storage and error reporting; see README ("Productie") and docs/productie.md.
"""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management.utils import get_random_secret_key

from tests.accounts.test_security import run_with_production_settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN_CONF = BASE_DIR / "config" / "gunicorn.conf.py"
SECRET = {
    "DJANGO_SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "example.nl",
    "DATABASE_URL": "postgres://samenplan@127.0.0.1:5432/samenplan",
    "SAMENPLAN_BASE_URL": "https://samenplan.example",
}


def gunicorn_conf(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "PORT", "SAMENPLAN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def settings_in_a_fresh_process(code: str, settings_module: str, **env) -> dict:
    """Runs `code` (which sets `uitkomst`) after django.setup() and returns it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SAMENPLAN_", "SENTRY_")) and key != "PORT"
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    script = f"import django, json; django.setup()\n{code}\nprint(json.dumps(uitkomst))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- gunicorn ------------------------------------------------------------------------------


def test_gunicorn_runs_two_workers_per_core_plus_one_with_a_cap(monkeypatch):
    conf = gunicorn_conf(monkeypatch)

    assert conf["workers"] == min(2 * os.cpu_count() + 1, conf["MAX_WORKERS"])
    assert conf["timeout"] == 30 and conf["graceful_timeout"] == 30
    assert conf["preload_app"] is False
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert conf["logger_class"] == "config.logs.GunicornLogger"


def test_gunicorn_workers_threads_and_port_come_from_the_environment(monkeypatch):
    conf = gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_THREADS="4", PORT="8123")

    assert conf["workers"] == 3
    assert conf["threads"] == 4
    assert conf["bind"] == ["127.0.0.1:8123"]


def test_gunicorn_configuration_is_accepted_by_gunicorn():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--print-config",
            "-c",
            str(GUNICORN_CONF),
            "config.wsgi",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    assert "control_socket_disable             = True" in result.stdout


def test_a_new_worker_loads_weasyprint_before_the_first_pdf(monkeypatch):
    geladen = []
    monkeypatch.setattr("opp.pdf.opwarmen", lambda: geladen.append(True))
    worker = SimpleNamespace(log=SimpleNamespace(info=lambda *a: None, exception=None))

    gunicorn_conf(monkeypatch)["post_worker_init"](worker)

    assert geladen == [True]


def test_a_pdf_problem_at_warm_up_does_not_stop_the_worker(monkeypatch):
    meldingen = []

    def kapot():
        raise OSError("geen lettertypen")

    monkeypatch.setattr("opp.pdf.opwarmen", kapot)
    worker = SimpleNamespace(log=SimpleNamespace(info=None, exception=meldingen.append))

    gunicorn_conf(monkeypatch)["post_worker_init"](worker)

    assert meldingen == ["PDF opwarmen mislukt"]


@pytest.mark.django_db
def test_warming_up_renders_a_pdf_with_the_bundled_font():
    from opp.pdf import opwarmen

    opwarmen()  # raises when WeasyPrint or the font cannot be loaded


# --- make serve ----------------------------------------------------------------------------


def test_make_serve_refuses_to_start_without_database_url_in_dutch():
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

    result = subprocess.run(
        ["bash", "scripts/serve.sh"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "DATABASE_URL ontbreekt" in result.stderr


def test_make_serve_refuses_sqlite():
    environment = {**os.environ, "DATABASE_URL": "sqlite:///var/samenplan.sqlite3"}

    result = subprocess.run(
        ["bash", "scripts/serve.sh"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "alleen op PostgreSQL" in result.stderr


# --- settings from the environment ----------------------------------------------------------


def test_demo_links_follow_the_port_the_demo_runs_on():
    code = "from django.conf import settings; uitkomst = settings.SAMENPLAN_BASE_URL"

    assert settings_in_a_fresh_process(code, "config.settings.dev") == "http://127.0.0.1:8000"
    assert (
        settings_in_a_fresh_process(code, "config.settings.dev", PORT="8123")
        == "http://127.0.0.1:8123"
    )
    gegeven = {"PORT": "8123", "SAMENPLAN_BASE_URL": "https://demo.example"}
    assert settings_in_a_fresh_process(code, "config.settings.dev", **gegeven) == (
        "https://demo.example"
    )


def test_make_demo_passes_the_port_to_the_seed_and_the_server():
    result = subprocess.run(
        ["make", "-n", "demo", "PORT=8123"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    regels = [regel for regel in result.stdout.splitlines() if "manage.py" in regel]

    assert any("seed_demo" in regel and "PORT=8123" in regel for regel in regels), regels
    assert any("runserver" in regel and "PORT=8123" in regel for regel in regels), regels


UPLOADS_CODE = """
from django.core.files.storage import storages
uploads = storages["default"]
uitkomst = {
    "class": type(uploads).__name__,
    "location": str(getattr(uploads, "location", "")),
    "static": type(storages["staticfiles"]).__name__,
}
"""


def test_production_stores_uploads_in_the_upload_folder_by_default(tmp_path):
    uitkomst = settings_in_a_fresh_process(
        UPLOADS_CODE,
        "config.settings.production",
        SAMENPLAN_UPLOAD_ROOT=str(tmp_path),
        **SECRET,
    )

    assert uitkomst == {
        "class": "FileSystemStorage",
        "location": str(tmp_path),
        "static": "CompressedManifestStaticFilesStorage",
    }


def test_a_shared_uploads_storage_is_chosen_in_the_environment():
    uitkomst = settings_in_a_fresh_process(
        UPLOADS_CODE,
        "config.settings.production",
        SAMENPLAN_STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        SAMENPLAN_STORAGE_OPTIONS='{"location": "gedeeld"}',
        **SECRET,
    )

    assert uitkomst["class"] == "InMemoryStorage"
    assert uitkomst["location"].endswith("gedeeld")
    assert uitkomst["static"] == "CompressedManifestStaticFilesStorage"


SENTRY_CODE = """
import sentry_sdk
from django.conf import settings
from django.core.management.utils import get_random_secret_key
client = sentry_sdk.get_client()
uitkomst = {
    "actief": client.is_active(),
    "pii": client.options.get("send_default_pii"),
    "locals": client.options.get("include_local_variables"),
    "before_send": getattr(client.options.get("before_send"), "__name__", None),
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "middleware": settings.MIDDLEWARE[:3],
}
"""


def test_production_reports_errors_to_sentry_only_when_a_dsn_is_set_without_personal_data():
    zonder = settings_in_a_fresh_process(SENTRY_CODE, "config.settings.production", **SECRET)
    met = settings_in_a_fresh_process(
        SENTRY_CODE,
        "config.settings.production",
        SENTRY_DSN="http://sleutel@127.0.0.1:9/1",
        **SECRET,
    )

    assert zonder["actief"] is False
    assert met["actief"] is True
    assert met["pii"] is False and met["locals"] is False
    assert met["before_send"] == "scrub_event"


def test_production_logs_json_lines_and_whitenoise_follows_the_security_middleware():
    uitkomst = settings_in_a_fresh_process(SENTRY_CODE, "config.settings.production", **SECRET)

    assert uitkomst["log_formatter"] == "json"
    assert uitkomst["middleware"] == [
        "django_guid.middleware.guid_middleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_production_logs_text_when_asked():
    code = "from django.conf import settings\nuitkomst = settings.LOGGING['handlers']['console']"
    uitkomst = settings_in_a_fresh_process(
        code, "config.settings.production", SAMENPLAN_LOG_JSON="false", **SECRET
    )

    assert uitkomst["formatter"] == "plain"


def test_production_with_gunicorn_settings_passes_the_deployment_checklist():
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SENTRY_DSN="http://sleutel@127.0.0.1:9/1",
        SAMENPLAN_STORAGE_BACKEND="django.core.files.storage.FileSystemStorage",
        **{**SECRET, "DJANGO_SECRET_KEY": get_random_secret_key()},
    )

    assert result.returncode == 0, result.stdout + result.stderr
