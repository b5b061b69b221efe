"""The owner lifts the lock on her login with the link from the e-mail
(accounts/inlogrem.py, docs/adr/0007-inlogrem.md).

As with activation, the token does not stay in a URL: the link's GET puts its hash in the
session and redirects. Opening the page changes nothing (a mail scanner that follows the
link lifts no lock); the button does. Lifting logs nobody in.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import inlogrem
from accounts.middleware import two_factor_exempt
from accounts.views.account import _token_naar_sessie

BLOKKADE_KEY = "samenplan_blokkade"
TEMPLATE = "accounts/blokkade_opheffen.html"


@two_factor_exempt
@require_GET
def blokkade_link(request: HttpRequest, token: str) -> HttpResponse:
    return _token_naar_sessie(request, BLOKKADE_KEY, token, "accounts:blokkade_opheffen")


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def blokkade_opheffen(request: HttpRequest) -> HttpResponse:
    sleutel = request.session.get(BLOKKADE_KEY, "")
    try:
        if request.method == "POST":
            inlogrem.hef_op(sleutel)
        else:
            inlogrem.blokkadelink(sleutel)
    except ValidationError as exc:
        return render(request, TEMPLATE, {"fout": exc.messages[0]}, status=400)
    if request.method == "GET":
        return render(request, TEMPLATE)
    request.session.pop(BLOKKADE_KEY, None)
    messages.success(
        request,
        "De blokkade is opgeheven. Log in met uw wachtwoord; daarna vragen we uw code.",
    )
    return redirect("accounts:login")
