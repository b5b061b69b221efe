"""Logs and error reports carry a request id and a user id, never names, addresses or tokens.

See config/logs.py, config/sentry.py and docs/productie.md, "Logs en foutmeldingen".
"""

import io
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from gunicorn.config import Config

from config.logs import (
    GunicornLogger,
    JsonFormatter,
    PlainFormatter,
    RequestContextFilter,
    redact_path,
)
from config.sentry import scrub_breadcrumb, scrub_event, scrub_transaction
from tests.conftest import user_by_email


@pytest.fixture
def json_log():
    """The lines Django logs at WARNING and up, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_a_line_logged_during_a_request_is_json_with_request_and_user_id_and_no_address(
    login, json_log
):
    client = login("ib@demo.nl")

    response = client.get("/bestaat-niet/?email=ib@demo.nl&naam=Ingrid")

    assert response.status_code == 404
    [regel] = [r for r in json_log() if r["logger"] == "django.request"]
    assert regel["level"] == "WARNING"
    assert regel["message"] == "Not Found: /bestaat-niet/"
    assert regel["request_id"] == response["X-Request-ID"]
    assert regel["user_id"] == user_by_email("ib@demo.nl").pk
    assert "time" in regel
    tekst = json.dumps(regel)
    assert "ib@demo.nl" not in tekst and "Ingrid" not in tekst and "email=" not in tekst
    assert "request" not in regel  # Django's request object: its text holds the query string


def test_each_request_gets_its_own_id_and_a_load_balancer_id_is_kept(client, db):
    eerste = client.get("/healthz")["X-Request-ID"]
    tweede = client.get("/healthz")["X-Request-ID"]
    van_buiten = "0b1e3c8a-6f0e-4a52-9d6e-5f4f2a7c9e11"

    doorgegeven = client.get("/healthz", headers={"X-Request-ID": van_buiten})

    assert eerste and tweede and eerste != tweede
    assert doorgegeven["X-Request-ID"] == van_buiten


def test_an_address_in_a_message_is_masked_and_a_token_path_loses_its_token():
    record = logging.LogRecord(
        "accounts.mail", logging.ERROR, __file__, 1,
        "Mail aan %s over %s mislukt", ("ouder@demo.nl", "/activeren/geheim-token/?x=1"), None,
    )  # fmt: skip
    RequestContextFilter().filter(record)

    regel = json.loads(JsonFormatter().format(record))

    assert regel["message"] == "Mail aan [e-mailadres] over /activeren/… mislukt"
    assert regel["request_id"] is None and regel["user_id"] is None


def test_the_readable_development_format_is_redacted_too():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "Link voor %s", ("ib@demo.nl",), None
    )

    assert "ib@demo.nl" not in PlainFormatter().format(record)


def _url_with_token():
    """Every named URL whose route carries a token, reversed with a made-up one."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{pattern.namespace}:" if pattern.namespace else ""
                yield from walk(pattern.url_patterns, prefix + ns)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and "token" in pattern.pattern.converters
            ):
                yield prefix + pattern.name, pattern.pattern.converters

    for name, converters in walk(get_resolver().url_patterns):
        kwargs = {key: "Zm9v" if key != "token" else "abc-geheim-123" for key in converters}
        yield name, reverse(name, kwargs=kwargs)


def test_every_url_with_a_token_is_logged_without_it():
    urls = dict(_url_with_token())

    assert {"accounts:activeren", "accounts:email_bevestigen", "accounts:contact_link"} <= set(urls)
    for name, url in urls.items():
        assert "abc-geheim-123" not in redact_path(url), name


def test_redact_path_keeps_ordinary_paths_and_drops_query_strings():
    assert redact_path("/trajecten/") == "/trajecten/"
    assert redact_path("/activeren/") == "/activeren/"
    assert redact_path("/leerlingen/?zoek=Sam") == "/leerlingen/"


# --- gunicorn's access log -----------------------------------------------------------------


def _access_line(path, query="", headers=(), environ_extra=None):
    cfg = Config()
    cfg.set("accesslog", "-")
    logger = GunicornLogger(cfg)
    stream = io.StringIO()
    for handler in logger.access_log.handlers:
        if getattr(handler, "_gunicorn", False):
            handler.setStream(stream)
    resp = SimpleNamespace(status="200 OK", sent=1234, headers=list(headers))
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "RAW_URI": f"{path}?{query}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_REFERER": "https://samenplan.example/?email=ib@demo.nl",
        "HTTP_COOKIE": "__Host-sessionid=geheim",
        **(environ_extra or {}),
    }
    logger.access(resp, None, environ, timedelta(milliseconds=12.5))
    return json.loads(stream.getvalue())


def test_the_access_log_is_a_json_line_with_the_request_id_and_the_user_id():
    regel = _access_line(
        "/trajecten/",
        headers=[("X-Request-ID", "abc123")],
        environ_extra={"samenplan.user_id": 42},
    )

    assert regel["logger"] == "gunicorn.access"
    assert regel["method"] == "GET" and regel["path"] == "/trajecten/"
    assert regel["status"] == 200 and regel["bytes"] == 1234
    assert regel["duration_ms"] == 12.5
    assert regel["request_id"] == "abc123" and regel["user_id"] == 42


def test_the_access_log_has_no_query_string_token_cookie_referrer_or_address():
    regel = _access_line("/activeren/geheim-token-xyz/", query="email=ib@demo.nl")
    tekst = json.dumps(regel)

    assert regel["path"] == "/activeren/…"
    for geheim in ("geheim-token-xyz", "ib@demo.nl", "email=", "geheim", "192.0.2.7"):
        assert geheim not in tekst


# --- Sentry -------------------------------------------------------------------------------


def test_sentry_events_lose_bodies_cookies_query_strings_and_who_the_user_is():
    event = {
        "request": {
            "method": "POST",
            "url": "https://samenplan.example/account/emailadres/geheim-token/?next=/x",
            "query_string": "email=ib@demo.nl",
            "data": {"email": "ib@demo.nl", "password": "geheim"},
            "cookies": {"__Host-sessionid": "sessie"},
            "headers": {
                "Cookie": "__Host-sessionid=sessie",
                "X-Csrftoken": "csrf",
                "User-Agent": "Firefox",
                "Referer": "https://samenplan.example/?email=ib@demo.nl",
            },
            "env": {"REMOTE_ADDR": "192.0.2.7"},
        },
        "user": {"id": 7, "email": "ib@demo.nl", "username": "ib@demo.nl", "name": "Ingrid"},
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "Key (email)=(ib@demo.nl) already exists.",
                    "stacktrace": {"frames": [{"function": "f", "vars": {"naam": "Ingrid"}}]},
                }
            ]
        },
        "logentry": {"message": "Mail aan %s", "params": ["ib@demo.nl"]},
        "extra": {"adres": "ib@demo.nl", "request": object()},
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT 1", "data": {"params": ["ib@demo.nl"]}}
            ]
        },
    }

    schoon = scrub_event(event, {})
    tekst = repr(schoon)

    assert schoon["request"] == {
        "method": "POST",
        "url": "https://samenplan.example/account/emailadres/…",
        "headers": {"User-Agent": "Firefox"},
    }
    assert schoon["user"] == {"id": "7"}
    assert schoon["exception"]["values"][0]["value"] == (
        "Key (email)=([e-mailadres]) already exists."
    )
    for geheim in ("ib@demo.nl", "Ingrid", "sessie", "csrf", "geheim", "192.0.2.7", "params"):
        assert geheim not in tekst


def test_a_sentry_breadcrumb_keeps_its_kind_but_not_its_data():
    crumb = scrub_breadcrumb(
        {"category": "query", "message": "UPDATE ... ib@demo.nl", "data": {"x": 1}}
    )

    assert crumb == {"category": "query", "message": "UPDATE ... [e-mailadres]"}


def test_sentry_performance_data_is_scrubbed_like_errors():
    transaction = {
        "type": "transaction",
        "transaction": "/activeren/GEHEIM-TOKEN-123/",
        "request": {
            "method": "GET",
            "url": "https://samenplan.example/activeren/GEHEIM-TOKEN-123/",
            "query_string": "email=jan@voorbeeld.nl",
            "headers": {"Referer": "https://samenplan.example/activeren/ANDER-TOKEN/"},
        },
        "user": {"id": 7, "email": "ib@demo.nl"},
        "spans": [
            {
                "op": "db",
                "description": "SELECT * FROM users WHERE email = 'jan@voorbeeld.nl'",
                "data": {"db.params": ["jan@voorbeeld.nl"]},
            }
        ],
    }

    schoon = repr(scrub_transaction(transaction, {}))

    for geheim in ("GEHEIM-TOKEN-123", "ANDER-TOKEN", "jan@voorbeeld.nl", "ib@demo.nl"):
        assert geheim not in schoon
    assert "'op': 'db'" in schoon
