"""Add-actions that count once: a goal, an inzet, an invitee, an attachment, a note.

A form that adds something carries a one-time token (`{% formuliertoken %}`, a hidden
field with a fresh UUID each time the form is shown). The middleware below stores the
token in the same transaction as whatever the view writes, under a unique constraint
(`Formulierinzending`). The same form sent twice (a double click, a second request after
a time-out, the back button) finds its token taken: nothing is added again and the user
reads that it was already sent. Two requests at the same moment cannot both insert the
token: on PostgreSQL the second waits on the unique index until the first commits, on
SQLite the write lock admits one transaction at a time.

A refused action (an error message, a form kept to show again with its errors by
`accounts.invoer.bewaar_fouten`, or a 4xx answer) gives its token back, so the form can
be sent again after a correction. A post without a token (an old page, a script)
works as before.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models.formulieren import Formulierinzending

# Set on the request by accounts/invoer.py when a form is refused and shown again.
GEWEIGERD = "formulier_geweigerd"

VELD = "formuliertoken"
BEWAREN = timedelta(days=1)
AL_VERSTUURD = (
    "Dit formulier was al verstuurd en is één keer verwerkt; er is niets dubbel opgeslagen."
)


class _AlVerstuurd(Exception):
    pass


class EenmaligeInzendingMiddleware:
    """Runs the view of a POST with a form token inside one transaction with the token's
    row. Last in MIDDLEWARE: the CSRF check, the second factor and the role context have
    passed (their process_view ran) before a token is stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        token = _token(request)
        if token is None:
            return None
        try:
            with transaction.atomic():
                if not _neem(token, request):
                    raise _AlVerstuurd
                fouten = _foutmeldingen(request)
                response = view(request, *args, **kwargs)
                if (
                    response.status_code >= 400
                    or _foutmeldingen(request) > fouten
                    or getattr(request, GEWEIGERD, False)
                ):
                    # Refused: the form may be sent again (after a correction).
                    Formulierinzending.objects.filter(token=token).delete()
                return response
        except _AlVerstuurd:
            messages.info(request, AL_VERSTUURD)
            return HttpResponseRedirect(_terug(request))


def _token(request: HttpRequest) -> uuid.UUID | None:
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(VELD, ""))
    except ValueError:
        return None  # no token, or not one of ours: the post works as without


def _neem(token: uuid.UUID, request: HttpRequest) -> bool:
    """Store the token; False when it was stored before (the form was sent already)."""
    try:
        with transaction.atomic():
            Formulierinzending.objects.create(token=token, gebruiker=request.user)
    except IntegrityError:
        return False
    return True


def _foutmeldingen(request: HttpRequest) -> int:
    """Error messages queued in this request: how the app's views say 'refused'."""
    opslag = getattr(request, "_messages", None)
    return sum(1 for m in getattr(opslag, "_queued_messages", ()) if m.level >= messages.ERROR)


def _terug(request: HttpRequest) -> str:
    """Back to the page that showed the form (its own origin only), else the start page."""
    vorige = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        vorige, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return vorige
    return "/"


def ruim_op(nu: datetime | None = None) -> int:
    """Tokens older than a day: a form is not sent again after that."""
    nu = nu or timezone.now()
    aantal, _ = Formulierinzending.objects.filter(ontvangen_op__lt=nu - BEWAREN).delete()
    return aantal
