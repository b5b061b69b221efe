"""Error reports to Sentry, without personal data (docs/productie.md, "Logs en foutmeldingen").

Switched on only when SENTRY_DSN is set. The SDK sends no personal data by default
(`send_default_pii=False`), no request bodies and no local variables; `scrub_event`
removes what could still carry personal data: cookies, query strings, headers other
than a few harmless ones, the user's name and e-mail address (the id stays), the
tokens of links, and e-mail addresses in messages and exceptions.
"""

from __future__ import annotations

from typing import Any

from django_guid.context import guid

from config.logs import redact_path, redact_text, user_id

SAFE_HEADERS = {"host", "user-agent", "accept", "accept-language", "content-type", "hx-request"}


def _redact_url(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep:
        return redact_path(url)
    host, slash, path = rest.partition("/")
    return f"{scheme}://{host}{redact_path(slash + path)}"


def _redact_strings(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: _redact_strings(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_strings(item) for item in value]
    return value


def _scrub_request(request: dict) -> dict:
    schoon = {key: request[key] for key in ("method",) if key in request}
    if request.get("url"):
        schoon["url"] = _redact_url(request["url"])
    headers = request.get("headers") or {}
    schoon["headers"] = {
        name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS
    }
    return schoon


def _scrub_exceptions(event: dict) -> None:
    for exception in (event.get("exception") or {}).get("values") or []:
        if exception.get("value"):
            exception["value"] = redact_text(exception["value"])
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict:
    """A breadcrumb keeps its kind and redacted message; its data (SQL parameters) goes."""
    crumb = dict(crumb)
    crumb.pop("data", None)
    if crumb.get("message"):
        crumb["message"] = redact_text(crumb["message"])
    return crumb


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's `before_send`: the event without personal data, tagged with the request id."""
    event = dict(event)
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    # The SDK sends no user without send_default_pii; the id alone says whose request it was.
    pk = (event.get("user") or {}).get("id") or user_id.get()
    event["user"] = {"id": str(pk)} if pk is not None else {}
    _scrub_exceptions(event)
    if event.get("message"):
        event["message"] = redact_text(event["message"])
    logentry = event.get("logentry")
    if logentry:
        event["logentry"] = {
            key: redact_text(logentry[key])
            for key in ("message", "formatted")
            if isinstance(logentry.get(key), str)
        }
    if event.get("extra"):
        event["extra"] = {
            key: _redact_strings(value)
            for key, value in event["extra"].items()
            if value is None or isinstance(value, str | int | float | bool)
        }
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict) and breadcrumbs.get("values"):
        event["breadcrumbs"] = {
            **breadcrumbs,
            "values": [scrub_breadcrumb(crumb) for crumb in breadcrumbs["values"]],
        }
    request_id = guid.get()
    if request_id:
        event["tags"] = {**(event.get("tags") or {}), "request_id": request_id}
    return event


def scrub_transaction(event: dict, hint: dict | None = None) -> dict:
    """Sentry's `before_send_transaction` (performance data skips `before_send`): the same
    scrubbing, and spans keep only their operation and a redacted description."""
    event = scrub_event(event, hint)
    event["transaction"] = redact_text(event.get("transaction") or "")
    spans = []
    for span in event.get("spans") or []:
        span = {key: value for key, value in span.items() if key not in {"data", "tags"}}
        if isinstance(span.get("description"), str):
            span["description"] = redact_text(span["description"])
        spans.append(span)
    if "spans" in event:
        event["spans"] = spans
    return event


def init_sentry(
    dsn: str, *, environment: str | None, release: str | None, traces_sample_rate: float
) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub_event,
        before_send_transaction=scrub_transaction,
        before_breadcrumb=scrub_breadcrumb,
        integrations=[DjangoIntegration()],
    )
