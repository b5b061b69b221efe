"""What the logs carry: one line per event with a request id and a user id, no personal data.

A person appears in a log only as the database id of her account: never a name or an
e-mail address (an address that slips into a message is masked). Query strings are
dropped, and the paths of single-use links lose their token (docs/beheer.md, "Links and
logs"). Django's LOGGING (config/settings) and gunicorn's logs (config/gunicorn.conf.py)
both format through here; see docs/productie.md, "Logs en foutmeldingen".
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
from datetime import datetime

from django_guid.context import guid
from gunicorn import glogging
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# Paths of single-use links: what follows the prefix is a token (or, for the password
# reset, the account's id and a token). The log keeps the prefix only.
TOKEN_PREFIXES = (
    "/activeren/",
    "/account/emailadres/",
    "/beheer/bevestigen/",
    "/inloggen/blokkade/",
    "/wachtwoord-herstellen/",
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TOKEN_IN_TEXT = re.compile(
    "(" + "|".join(re.escape(prefix) for prefix in TOKEN_PREFIXES) + r")[^\s'\"?]+"
)
QUERY_IN_TEXT = re.compile(r"(/[^\s'\"?]*)\?[^\s'\"]*")
MASKED_EMAIL = "[e-mailadres]"
# The WSGI environ is request.META: the access log reads the user's id from there.
ENVIRON_USER_ID = "samenplan.user_id"

user_id: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "samenplan_user_id", default=None
)


def redact_path(path: str) -> str:
    """A request path fit for a log: without its query string and without a link's token."""
    path = path.split("?", 1)[0]
    for prefix in TOKEN_PREFIXES:
        if path.startswith(prefix) and len(path) > len(prefix):
            return f"{prefix}…"
    return path


def redact_text(text: str) -> str:
    """Free text fit for a log: e-mail addresses masked, tokens and query strings dropped."""
    text = EMAIL.sub(MASKED_EMAIL, text)
    text = TOKEN_IN_TEXT.sub(lambda match: f"{match.group(1)}…", text)
    return QUERY_IN_TEXT.sub(r"\1", text)


class RequestContextFilter(logging.Filter):
    """Adds the request id (django-guid) and the user's id to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = guid.get()
        if not hasattr(record, "user_id"):
            record.user_id = user_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time, level, logger, message, request_id, user_id, extras.

    Only plain values are kept: an object passed as `extra` (Django passes the request)
    is left out, since its text can hold a query string or a name. Text is redacted.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def process_log_record(self, log_data: dict) -> dict:
        schoon = {}
        for key, value in log_data.items():
            if isinstance(value, datetime):
                schoon[key] = value.isoformat(timespec="milliseconds")
            elif isinstance(value, str):
                schoon[key] = redact_text(value)
            elif value is None or isinstance(value, bool | int | float):
                schoon[key] = value
        return schoon


class PlainFormatter(logging.Formatter):
    """Readable lines for development, redacted like the JSON lines."""

    def __init__(self, fmt=None, *args, **kwargs):
        fmt = fmt or (
            "%(asctime)s %(levelname)s %(name)s [verzoek %(request_id)s, gebruiker "
            "%(user_id)s] %(message)s"
        )
        super().__init__(fmt, *args, **kwargs)

    def format(self, record: logging.LogRecord) -> str:
        for attribute in ("request_id", "user_id"):
            if not hasattr(record, attribute):
                setattr(record, attribute, None)
        return redact_text(super().format(record))


def logging_config(*, json_lines: bool) -> dict:
    """Django's LOGGING: to standard error, JSON lines in production."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "config.logs.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "config.logs.JsonFormatter"},
            "plain": {"()": "config.logs.PlainFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "plain",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": "INFO"},
        "loggers": {
            "axes": {"level": "WARNING"},
            "django.db.backends": {"level": "WARNING"},
            # django-guid says at INFO, on every request, that it made a new id.
            "django_guid": {"level": "WARNING"},
            # One line per step of every PDF at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


def _forget_user(**kwargs) -> None:
    """Outside a request no log line carries a user or a request id. django-guid sets the
    id per request but never clears it, so without this a line logged after a request
    (a job, a signal in the same thread) named the last request."""
    user_id.set(None)
    guid.set(None)


class LogContextMiddleware:
    """After authentication: the user's id on every log line of the request, never a name.

    The id stays set until the request is finished, since Django logs a 4xx or 5xx answer
    after the middleware has returned; it is cleared when a request starts and finishes.
    """

    def __init__(self, get_response):
        from django.core.signals import request_finished, request_started

        self.get_response = get_response
        request_started.connect(_forget_user, dispatch_uid="samenplan_log_user_start")
        request_finished.connect(_forget_user, dispatch_uid="samenplan_log_user_finish")

    def __call__(self, request):
        user = getattr(request, "user", None)
        pk = user.pk if user is not None and user.is_authenticated else None
        request.META[ENVIRON_USER_ID] = pk
        user_id.set(pk)
        return self.get_response(request)


def json_lines_from_environment(default: bool) -> bool:
    value = os.environ.get("SAMENPLAN_LOG_JSON")
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


class GunicornLogger(glogging.Logger):
    """gunicorn's error and access logs in the app's format.

    The access line has the method, the redacted path, the status, the size, the
    duration, the request id (the `X-Request-ID` response header) and the user's id;
    no query string, no client address, no user agent and no referrer.
    """

    def setup(self, cfg):
        super().setup(cfg)
        if json_lines_from_environment(default=True):
            formatter = JsonFormatter()
        else:
            formatter = PlainFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if getattr(handler, "_gunicorn", False):
                    handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        headers = {name.lower(): value for name, value in (resp.headers or [])}
        method = environ.get("REQUEST_METHOD", "-")
        path = redact_path(environ.get("PATH_INFO", ""))
        duration_ms = round(request_time.total_seconds() * 1000, 1)
        try:
            self.access_log.info(
                "%s %s %s %sms",
                method,
                path,
                status,
                duration_ms,
                extra={
                    "method": method,
                    "path": path,
                    "status": int(status),
                    "bytes": getattr(resp, "sent", None),
                    "duration_ms": duration_ms,
                    "request_id": headers.get("x-request-id"),
                    "user_id": environ.get(ENVIRON_USER_ID),
                },
            )
        except Exception:
            self.exception("Toegangsregel niet gelogd")
