"""Signing the handelingsdeel: sending it out, managing the requests, and answering one.

The coördinator's actions each have their own URL and view, like the edits in
bewerken.py. A signer answers on one URL with one of two forms: sign, or "niet akkoord"
with a reason.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.aantallen import aantal
from accounts.invoer import bewaar_fouten, gekozen
from accounts.meldingen import meld_fout
from accounts.services import client_ip
from opp import services
from opp.forms import CodeSturenForm, NietAkkoordForm, OndertekenForm, VersturenForm
from opp.models import Ondertekening, Opp
from opp.services.ondertekening import BEWIJS

from .common import BEWERKEN, formulierfouten, fouten_als_melding, opp_voor

# The request a code was just mailed for: the page then has "code" chosen.
CODE_GESTUURD = "opp_tekencode"


def met_authenticator(request: HttpRequest) -> bool:
    """Logged in with an authenticator app: offer it for signing too. The session's
    second factor is loaded already, so this costs no query; parents log in with a code
    by e-mail and are not offered an app they do not have."""
    return isinstance(getattr(request.user, "otp_device", None), TOTPDevice)


@login_required
@require_POST
def versturen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = VersturenForm(request.POST, opp=opp)
    with fouten_als_melding(request):
        if not form.is_valid():
            raise ValidationError("Kies de medewerker toegang uit de lijst.")
        services.verstuur_ter_ondertekening(
            opp,
            door=request.user,
            toegang=form.cleaned_data["toegang"],
            bewerkingen=form.cleaned_data["bewerkingen"],
        )
        messages.success(request, "Het handelingsdeel is ter ondertekening verstuurd.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def toegang_toevoegen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = VersturenForm(request.POST, opp=opp)
    with fouten_als_melding(request):
        if not form.is_valid() or form.cleaned_data["toegang"] is None:
            raise ValidationError("Kies de medewerker toegang uit de lijst.")
        verzoek = services.voeg_toegang_toe(opp, form.cleaned_data["toegang"], door=request.user)
        messages.success(request, f"{verzoek.ondertekenaar.naam} is gevraagd te tekenen.")
    return redirect("opp:opp_detail", opp.uuid)


def _verzoek(request: HttpRequest, opp: Opp) -> Ondertekening:
    return gekozen(
        request.POST,
        "ondertekening",
        Ondertekening.objects.filter(opp=opp),
        "Dit verzoek bestaat niet (meer).",
    )


@login_required
@require_POST
def verzoek_intrekken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        services.trek_verzoek_in(_verzoek(request, opp), door=request.user)
        messages.success(request, "Het verzoek is ingetrokken.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def opnieuw_vragen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        verzoek = _verzoek(request, opp)
        services.vraag_opnieuw(verzoek, door=request.user)
        messages.success(request, f"{verzoek.ondertekenaar.naam} is opnieuw gevraagd.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def herinnering_sturen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """ "Herinnering sturen" to one signer who has not answered (at most once a day)."""
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        verzoek = services.herinner(_verzoek(request, opp), door=request.user)
        messages.success(request, f"{verzoek.ondertekenaar.naam} heeft een herinnering gekregen.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def ouders_vragen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        nieuw = services.vraag_ontbrekende_ouders(opp, door=request.user)
        messages.success(request, f"{aantal(len(nieuw), 'ouder,ouders')} gevraagd te tekenen.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def ondertekenen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The signer's answer; the "niet akkoord" form is the one that carries a reason."""
    opp, _ = opp_voor(request, uuid, "OPP ondertekenen")
    if "reden" in request.POST or "na-reden" in request.POST:
        return _niet_akkoord(request, opp)
    return _akkoord(request, opp)


def _eigen_verzoek(opp: Opp, form: Form) -> Ondertekening:
    verzoek = Ondertekening.objects.filter(opp=opp, pk=form.cleaned_data["ondertekening"]).first()
    if verzoek is None:
        raise Http404("Niet gevonden.")
    return verzoek


def _onvolledig(request: HttpRequest, opp: Opp, form: Form) -> HttpResponse:
    """Back to the OPP page. The sign and "niet akkoord" forms show again there with what
    was typed, the wrong field marked and the error summary (accounts/invoer.py,
    `herstel`); the code form has only a hidden field, its error is a message."""
    if isinstance(form, OndertekenForm | NietAkkoordForm):
        bewaar_fouten(request, form, bij=opp.pk)
    else:
        meld_fout(
            request, ValidationError(formulierfouten(form) or ["Het formulier is niet compleet."])
        )
    return redirect("opp:opp_detail", opp.uuid)


def _apparaat(request: HttpRequest) -> services.Apparaat:
    return services.Apparaat(client_ip(request), request.META.get("HTTP_USER_AGENT", ""))


@login_required
@require_POST
def code_sturen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """ "Stuur mij een code": a one-time code to the signer's own e-mail address."""
    opp, _ = opp_voor(request, uuid, "OPP ondertekenen")
    form = CodeSturenForm(request.POST)
    if not form.is_valid():
        return _onvolledig(request, opp, form)
    verzoek = _eigen_verzoek(opp, form)
    with fouten_als_melding(request):
        services.stuur_code(verzoek, door=request.user)
        request.session[CODE_GESTUURD] = verzoek.pk
        messages.success(
            request,
            "We hebben een code naar uw e-mailadres gestuurd. Vul hem hieronder in; de code "
            "is 10 minuten geldig.",
        )
    return redirect("opp:opp_detail", opp.uuid)


def _akkoord(request: HttpRequest, opp: Opp) -> HttpResponse:
    form = OndertekenForm(request.POST, authenticator=met_authenticator(request))
    if not form.is_valid():
        return _onvolledig(request, opp, form)
    verzoek = _eigen_verzoek(opp, form)
    with fouten_als_melding(request):
        try:
            services.onderteken(
                verzoek,
                door=request.user,
                getoonde_hash=form.cleaned_data["inhoud_hash"],
                methode=form.cleaned_data["methode"],
                bewijs=form.cleaned_data["bewijs"],
                apparaat=_apparaat(request),
                request=request,
            )
        except ValidationError as fout:
            if getattr(fout, "code", None) != BEWIJS:
                raise
            # A wrong password or code: an error of that field, not of the page.
            form.add_error("bewijs", fout)
            return _onvolledig(request, opp, form)
        messages.success(request, "U hebt het handelingsdeel ondertekend. Dank u wel.")
    return redirect("opp:opp_detail", opp.uuid)


def _niet_akkoord(request: HttpRequest, opp: Opp) -> HttpResponse:
    form = NietAkkoordForm(request.POST, prefix="na")
    if not form.is_valid():
        return _onvolledig(request, opp, form)
    verzoek = _eigen_verzoek(opp, form)
    with fouten_als_melding(request):
        services.niet_akkoord(
            verzoek,
            door=request.user,
            getoonde_hash=form.cleaned_data["inhoud_hash"],
            reden=form.cleaned_data["reden"],
            apparaat=_apparaat(request),
        )
        messages.success(
            request,
            "Uw antwoord “niet akkoord” is vastgelegd. De school neemt contact met u op.",
        )
    return redirect("opp:opp_detail", opp.uuid)
