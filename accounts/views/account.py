"""Activating an invited account, and one's own account page (e-mail address).

Tokens never stay in a URL: the first GET puts the token's hash in the session and
redirects to a URL without it (as Django's password reset does), so it cannot leak through the
Referer header, browser history or server logs.
"""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice

from accounts.forms import ActiverenForm, EmailadresForm, MailvoorkeurForm
from accounts.middleware import two_factor_exempt
from accounts.models import Emaillink, Roltoekenning
from accounts.models.beheer import token_hash
from accounts.notificaties import zet_mailvoorkeur
from accounts.uitnodigingen import (
    activeer,
    bevestig_emailwijziging,
    link_bij_sleutel,
    vraag_emailwijziging,
)

ACTIVEREN_KEY = "samenplan_activeren"
EMAIL_KEY = "samenplan_emailadres"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _token_naar_sessie(request: HttpRequest, key: str, token: str, naar: str) -> HttpResponse:
    # Only the hash is kept: a copy of the session store holds no working link.
    request.session[key] = token_hash(token)
    return redirect(naar)


@two_factor_exempt
@require_GET
def activeren_link(request: HttpRequest, token: str) -> HttpResponse:
    return _token_naar_sessie(request, ACTIVEREN_KEY, token, "accounts:activeren_form")


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def activeren(request: HttpRequest) -> HttpResponse:
    """The invited person chooses a password; staff then link their authenticator app."""
    sleutel = request.session.get(ACTIVEREN_KEY, "")
    try:
        link = link_bij_sleutel(sleutel, Emaillink.Doel.ACTIVEREN)
    except ValidationError as exc:
        return render(request, "accounts/activeren.html", {"fout": exc.messages[0]}, status=400)
    user = link.user
    form = ActiverenForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activeer(sleutel, form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.session.pop(ACTIVEREN_KEY, None)
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend=BACKEND)
            personeel = (
                user.lidmaatschappen.exists() or Roltoekenning.objects.filter(user=user).exists()
            )
            if personeel:
                # Professionals work with children's data: the authenticator app is
                # linked now, in the same flow, before anything else.
                messages.success(request, "Uw wachtwoord is opgeslagen.")
                return redirect("accounts:totp_setup")
            # A parent proved the mailbox by opening the link: that is the same second
            # factor as the e-mailed code at a later login.
            device, _ = EmailDevice.objects.get_or_create(
                user=user, defaults={"name": "E-mail", "confirmed": True}
            )
            otp_login(request, device)
            messages.success(request, "Uw account is actief. Welkom in Samenplan.")
            return redirect("home")
    return render(request, "accounts/activeren.html", {"form": form, "account": user})


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """One's own account: name, address, changing the address (confirmed on the new one),
    and how often notifications come by e-mail."""
    if request.method == "POST" and "mailvoorkeur" in request.POST:
        return _mailvoorkeur(request)
    form = EmailadresForm(request.POST or None)
    voorkeur = MailvoorkeurForm(initial={"mailvoorkeur": request.user.mailvoorkeur})
    if request.method == "POST" and form.is_valid():
        try:
            vraag_emailwijziging(request.user, form.cleaned_data["email"])
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request,
                "We hebben een bevestigingslink naar het nieuwe adres gestuurd. Uw adres "
                "verandert pas als u op die link klikt.",
            )
            return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form, "voorkeur": voorkeur})


def _mailvoorkeur(request: HttpRequest) -> HttpResponse:
    voorkeur = MailvoorkeurForm(request.POST)
    if not voorkeur.is_valid():
        return render(
            request,
            "accounts/account.html",
            {"form": EmailadresForm(), "voorkeur": voorkeur},
        )
    zet_mailvoorkeur(request.user, voorkeur.cleaned_data["mailvoorkeur"])
    messages.success(request, "Uw keuze voor e-mail bij meldingen is opgeslagen.")
    return redirect("accounts:account")


@two_factor_exempt
@require_GET
def email_bevestigen_link(request: HttpRequest, token: str) -> HttpResponse:
    return _token_naar_sessie(request, EMAIL_KEY, token, "accounts:email_bevestigen_form")


@login_required
@require_http_methods(["GET", "POST"])
def email_bevestigen(request: HttpRequest) -> HttpResponse:
    sleutel = request.session.get(EMAIL_KEY, "")
    try:
        link = link_bij_sleutel(sleutel, Emaillink.Doel.EMAILADRES)
        if link.user_id != request.user.pk:
            raise PermissionDenied
    except (ValidationError, PermissionDenied) as exc:
        fout = (
            exc.messages[0]
            if isinstance(exc, ValidationError)
            else "Deze link hoort bij een ander account. Log in met het account waarvoor u "
            "het nieuwe adres aanvroeg."
        )
        return render(request, "accounts/email_bevestigen.html", {"fout": fout}, status=400)
    if request.method == "POST":
        try:
            bevestig_emailwijziging(sleutel, request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            request.session.pop(EMAIL_KEY, None)
            messages.success(request, "Uw e-mailadres is gewijzigd.")
        return redirect("accounts:account")
    return render(request, "accounts/email_bevestigen.html", {"nieuw": link.email})
