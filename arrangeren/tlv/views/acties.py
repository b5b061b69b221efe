"""Actions on a TLV request, one view each: read the form, call one service, report its
outcome as a message, and go back to the request."""

from collections.abc import Callable
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts.invoer import bewaar_fouten, foutmeldingen
from accounts.meldingen import als_melding
from arrangeren.tlv import services
from arrangeren.tlv.forms import (
    BesluitForm,
    BezwaarForm,
    BezwaarUitkomstForm,
    BijlageForm,
    NotitieForm,
    ToewijzenForm,
)
from arrangeren.tlv.models import TlvAanvraag
from arrangeren.tlv.permissions import TlvRechten
from arrangeren.tlv.views.common import SCHOOL, SWV, aanvraag_voor


def _actie_voor(
    request: HttpRequest, uuid: UUID, actie: str, mag: Callable[[TlvRechten], bool]
) -> TlvAanvraag:
    """The request, for whoever may take this action (others: 404, nothing logged)."""
    aanvraag, _ = aanvraag_voor(request, uuid, f"TLV-aanvraag: {actie}", mag=mag)
    return aanvraag


def _gegevens(form: forms.Form, fout: str) -> dict:
    if not form.is_valid():
        raise ValidationError(fout)
    return form.cleaned_data


def _notitie(request: HttpRequest, *, verplicht: bool = True) -> str:
    form = NotitieForm(request.POST, verplicht=verplicht)
    if not form.is_valid():
        raise ValidationError(foutmeldingen(form))
    return form.cleaned_data["notitie"]


def _terug(aanvraag: TlvAanvraag) -> HttpResponse:
    return redirect("arrangeren:tlv_detail", aanvraag.uuid)


def _opnieuw(
    request: HttpRequest, aanvraag: TlvAanvraag, form: forms.Form, *, welk: str = ""
) -> HttpResponse:
    """Back to the request, where the form shows again with what was typed, each wrong
    field marked and the error summary above it (accounts/invoer.py, `herstel`). `welk`
    tells apart two forms of one class on the page (the toelichting of asking for more
    and of extending the term)."""
    bewaar_fouten(request, form, bij=f"{aanvraag.uuid}{welk}")
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_indienen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "indienen", SCHOOL)
    with als_melding(request, "De aanvraag is ingediend bij het samenwerkingsverband."):
        notitie = _notitie(request, verplicht=False)
        services.dien_in(aanvraag, door=request.user, notitie=notitie)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_bijlage_toevoegen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "bijlage", SCHOOL)
    with als_melding(request, "Het stuk is toegevoegd."):
        stuk = _gegevens(BijlageForm(request.POST, request.FILES), "Kies een bestand.")
        services.voeg_tlv_bijlage_toe(aanvraag, stuk["titel"], stuk["bestand"], door=request.user)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_in_behandeling(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "in_behandeling", SWV)
    with als_melding(request, "U hebt de aanvraag in behandeling genomen."):
        services.neem_in_behandeling(aanvraag, door=request.user)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_aanvulling_vragen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "aanvulling", SWV)
    form = NotitieForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, aanvraag, form, welk=":aanvulling")
    with als_melding(request, "De vraag om aanvulling is naar de school gestuurd."):
        services.vraag_aanvulling(aanvraag, form.cleaned_data["notitie"], door=request.user)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_beslissen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "besluit", SWV)
    form = BesluitForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, aanvraag, form)
    besluit = form.cleaned_data
    with als_melding(request, "Het besluit is vastgelegd; school en ouders krijgen bericht."):
        services.beslis(
            aanvraag,
            toekennen=besluit["besluit"] == "toekennen",
            motivering=besluit["motivering"],
            afwijking_advies=besluit["afwijking_advies"],
            door=request.user,
        )
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_verlengen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "verlengen", SWV)
    form = NotitieForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, aanvraag, form, welk=":verlengen")
    with als_melding(request, "De beslistermijn is verlengd; school en ouders krijgen bericht."):
        services.verleng_termijn(aanvraag, form.cleaned_data["notitie"], door=request.user)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_toewijzen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "toewijzen", SWV)
    form = ToewijzenForm(request.POST, swv_id=aanvraag.swv_id)
    if not form.is_valid():
        return _opnieuw(request, aanvraag, form)
    with als_melding(request, "De aanvraag is toegewezen."):
        services.wijs_toe(aanvraag, form.cleaned_data["consulent"], door=request.user)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_bezwaar_registreren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "bezwaar", SWV)
    form = BezwaarForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, aanvraag, form)
    with als_melding(request, "Het bezwaar is geregistreerd."):
        services.registreer_bezwaar(aanvraag, door=request.user, **form.cleaned_data)
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_bezwaar_uitkomst(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag = _actie_voor(request, uuid, "bezwaar_uitkomst", SWV)
    with als_melding(request, "De uitkomst van het bezwaar is vastgelegd."):
        uitkomst = _gegevens(BezwaarUitkomstForm(request.POST), "Kies de uitkomst van het bezwaar.")
        services.leg_uitkomst_vast_van(
            aanvraag,
            uitkomst["bezwaar"],
            uitkomst=uitkomst["uitkomst"],
            toelichting=uitkomst["toelichting"],
            door=request.user,
        )
    return _terug(aanvraag)


@login_required
@require_POST
def tlv_onbekende_actie(request: HttpRequest, uuid: UUID, actie: str) -> HttpResponse:
    """Serves only the old name `tlv_actie` (reversed with an `actie`): every action has its
    own path before this one, so nothing that reaches this view is an action."""
    raise Http404("Niet gevonden.")
