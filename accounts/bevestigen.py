"""Confirmation before something is removed, without JavaScript.

A remove button posts as before; the view calls `vraag_bevestiging()` before it removes.
Without `bevestig=1` in the post nothing is removed: the answer is a page with the
question, a button that sends the same post again with `bevestig=1`, and a way back
(templates/includes/bevestigen.html). The page is a normal form, so it works with a
keyboard, a screen reader and without scripts.

Views that dispatch actions returning a message catch `Bevestigen` and answer its page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.eenmalig import VELD

BEVESTIG = "bevestig"
# Not sent again: Django's CSRF token is rendered fresh, and a one-time form token would
# be spent by the first post.
NIET_HERHALEN = {"csrfmiddlewaretoken", BEVESTIG, VELD}


class Bevestigen(Exception):
    """Raised by `vraag_bevestiging`: carries the confirmation page."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__("Bevestiging gevraagd")
        self.response = response


def is_bevestigd(request: HttpRequest) -> bool:
    return request.POST.get(BEVESTIG) == "1"


def bevestigingspagina(
    request: HttpRequest, *, vraag: str, knop: str, terug: str, gevolg: str = ""
) -> HttpResponse:
    velden = [
        (naam, waarde)
        for naam in request.POST
        if naam not in NIET_HERHALEN
        for waarde in request.POST.getlist(naam)
    ]
    return render(
        request,
        "includes/bevestigen.html",
        {"vraag": vraag, "knop": knop, "terug": terug, "gevolg": gevolg, "velden": velden},
    )


def vraag_bevestiging(
    request: HttpRequest, *, vraag: str, knop: str, terug: str, gevolg: str = ""
) -> None:
    """Go on only if the user confirmed; otherwise raise `Bevestigen` with the question."""
    if not is_bevestigd(request):
        raise Bevestigen(
            bevestigingspagina(request, vraag=vraag, knop=knop, terug=terug, gevolg=gevolg)
        )
