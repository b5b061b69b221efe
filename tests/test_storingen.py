"""A database that is away: a Dutch 503 page, and back to normal without a restart.

Plus the liveness (/healthz) and readiness (/gereed) checks; see docs/productie.md,
"Storingen".
"""

import json
import logging
from datetime import timedelta

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.utils import timezone

from accounts.models import Bericht
from tests.conftest import login_verified, user_by_email


@pytest.fixture
def bezoeker(db):
    """A client that shows the error page, as a browser would, instead of raising."""
    return Client(raise_request_exception=False)


@pytest.fixture
def database_weg(monkeypatch):
    """The next `n` connection attempts fail as when PostgreSQL is down or restarting."""
    connection = connections["default"]
    echte = connection.ensure_connection
    pogingen = {"over": 0}

    def ensure_connection():
        if pogingen["over"]:
            pogingen["over"] -= 1
            raise OperationalError("connection refused")
        return echte()

    monkeypatch.setattr(connection, "ensure_connection", ensure_connection)

    def weg(n: int = 1):
        pogingen["over"] = n

    yield weg
    pogingen["over"] = 0


def assert_niet_bereikbaar(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Samenplan is even niet bereikbaar" in response.content.decode()


def test_a_logged_in_user_gets_the_dutch_503_page_while_the_session_cannot_be_read(
    bezoeker, database_weg
):
    login_verified(bezoeker, user_by_email("ib@demo.nl"))
    database_weg()

    response = bezoeker.get("/")

    assert_niet_bereikbaar(response)
    assert "Ingrid Bos" not in response.content.decode()


def test_the_same_page_works_again_once_the_database_is_back_without_a_restart(
    bezoeker, database_weg
):
    login_verified(bezoeker, user_by_email("ib@demo.nl"))
    database_weg()
    assert bezoeker.get("/").status_code == 503

    response = bezoeker.get("/")

    assert response.status_code == 200
    assert "Ingrid Bos" in response.content.decode()  # still logged in: the session survived


def test_an_anonymous_visitor_gets_the_503_page_when_the_login_fails_on_the_database(
    bezoeker, database_weg
):
    database_weg(n=5)

    response = bezoeker.post(
        "/inloggen/", {"username": "ib@demo.nl", "password": "demo"}, follow=False
    )

    assert_niet_bereikbaar(response)


def test_a_database_error_inside_a_view_is_a_503_too(bezoeker):
    login_verified(bezoeker, user_by_email("ib@demo.nl"))

    def weg_bij_trajecten(execute, sql, params, many, context):
        if "route_traject" in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(weg_bij_trajecten):
        response = bezoeker.get("/")

    assert_niet_bereikbaar(response)


def test_any_other_error_is_still_the_500_page(bezoeker):
    login_verified(bezoeker, user_by_email("ib@demo.nl"))

    def kapot(execute, sql, params, many, context):
        if "route_traject" in sql:
            raise ValueError("een fout in de code")
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(kapot):
        response = bezoeker.get("/")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "Retry-After" not in response


def test_the_database_settings_check_a_kept_connection_before_using_it():
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("SQLite is a file: there is no connection to lose")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0


# --- /healthz: liveness ------------------------------------------------------------------


def test_healthz_answers_without_asking_the_database(
    bezoeker, database_weg, django_assert_num_queries
):
    with django_assert_num_queries(0):
        database_weg(n=10)
        response = bezoeker.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# --- /gereed: readiness ------------------------------------------------------------------


def test_gereed_is_ok_when_the_database_answers_and_nothing_waits_too_long(bezoeker):
    response = bezoeker.get("/gereed")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["controles"] == {"database": "ok", "berichten": "ok", "taken": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_gereed_fails_when_the_database_cannot_be_reached(bezoeker, database_weg):
    database_weg()

    response = bezoeker.get("/gereed")

    assert response.status_code == 503
    assert response.json() == {"status": "fout", "controles": {"database": "onbereikbaar"}}


def test_gereed_fails_on_an_e_mail_that_waits_longer_than_the_limit_and_names_no_one(
    bezoeker, settings
):
    settings.SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = 3600
    Bericht.objects.create(
        aan="ouder@demo.nl",
        onderwerp="Uitnodiging MDO voor Sam",
        tekst="...",
        sjabloon="arrangeren/email/uitnodiging.txt",
        volgende_poging=timezone.now() - timedelta(hours=2),
    )

    response = bezoeker.get("/gereed")

    assert response.status_code == 503
    body = response.json()
    assert body["controles"]["berichten"] == "te oud"
    assert body["controles"]["database"] == "ok"
    assert body["wachttijd_seconden"]["berichten"] >= 7200
    tekst = json.dumps(body)
    assert "ouder@demo.nl" not in tekst and "Sam" not in tekst


def test_gereed_ignores_an_e_mail_whose_next_try_is_still_to_come(bezoeker, settings):
    settings.SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = 3600
    Bericht.objects.filter(status=Bericht.Status.WACHTRIJ).delete()
    Bericht.objects.create(
        aan="ouder@demo.nl",
        onderwerp="Herinnering",
        tekst="...",
        sjabloon="arrangeren/email/herinnering.txt",
        aangemaakt_op=timezone.now() - timedelta(hours=5),
        volgende_poging=timezone.now() + timedelta(minutes=10),
    )

    assert bezoeker.get("/gereed").json()["controles"]["berichten"] == "ok"


def test_gereed_fails_on_a_task_no_worker_picked_up(bezoeker, settings):
    from django_tasks_db.models import DBTaskResult, get_date_max

    settings.SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = 600
    taak = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="accounts.taken.voorbeeld",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=taak.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=30)
    )

    response = bezoeker.get("/gereed")

    assert response.status_code == 503
    assert response.json()["controles"]["taken"] == "te oud"
    assert response.json()["wachttijd_seconden"]["taken"] >= 1800


def test_gereed_counts_a_scheduled_task_from_its_start_time(bezoeker, settings):
    from django_tasks_db.models import DBTaskResult

    settings.SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = 600
    DBTaskResult.objects.filter(status="READY").delete()
    taak = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="accounts.taken.voorbeeld",
        backend_name="default",
        run_after=timezone.now() - timedelta(minutes=1),
    )
    DBTaskResult.objects.filter(pk=taak.pk).update(enqueued_at=timezone.now() - timedelta(days=1))

    body = bezoeker.get("/gereed").json()

    assert body["controles"]["taken"] == "ok"
    assert 50 <= body["wachttijd_seconden"]["taken"] <= 120


def test_a_failing_readiness_check_is_one_warning_not_an_error_report(bezoeker, settings, caplog):
    settings.SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN = 60
    Bericht.objects.create(
        aan="ouder@demo.nl",
        onderwerp="Uitnodiging",
        tekst="...",
        sjabloon="arrangeren/email/uitnodiging.txt",
        volgende_poging=timezone.now() - timedelta(hours=1),
    )

    with caplog.at_level(logging.INFO):
        assert bezoeker.get("/gereed").status_code == 503

    assert [(r.name, r.levelname) for r in caplog.records if r.levelno >= logging.WARNING] == [
        ("accounts.views.system", "WARNING")
    ]
    assert "ouder@demo.nl" not in caplog.text
