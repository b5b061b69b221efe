"""Editing the OPP: its fields, goals with their inzet, evaluations, files, a new version.

Every action has its own URL and view: look up the OPP (404 unless the user edits it),
read the form, call one service, and go back to the OPP with a message.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods, require_POST

from accounts.bevestigen import bevestigingspagina, is_bevestigd
from accounts.invoer import bewaar_fouten, foutmeldingen, gekozen
from accounts.meldingen import meld_fout
from opp import betalers, services
from opp.forms import (
    BijlageForm,
    DoelForm,
    EvaluatieForm,
    InzetToevoegenForm,
    NieuweVersieForm,
    OppevaluatieForm,
    OppForm,
    VisieOudersForm,
)
from opp.models import Inzet, Opp, OppDoel

from .common import BEWERKEN, fouten_als_melding, opp_voor


@login_required
@require_http_methods(["GET", "POST"])
def opp_bewerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _rechten = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    if not opp.bewerkbaar:
        messages.error(
            request, "Deze versie is vastgesteld. Maak een nieuwe versie om iets aan te passen."
        )
        return redirect("opp:opp_detail", opp.uuid)
    form = OppForm(request.POST or None, instance=opp)
    if request.method == "POST" and form.is_valid():
        velden = {naam: form.cleaned_data[naam] for naam in services.OPP_VELDEN}
        try:
            services.bewaar_opp(
                opp, velden, door=request.user, bewerkingen=form.cleaned_data["bewerkingen"]
            )
        except services.Oppconflict as fout:
            return _conflict(request, opp, form, fout)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het OPP is opgeslagen.")
            return redirect("opp:opp_detail", opp.uuid)
    return render(request, "opp/bewerken.html", {"opp": opp, "form": form})


def _conflict(
    request: HttpRequest, opp: Opp, form: OppForm, fout: services.Oppconflict
) -> HttpResponse:
    """Show what changed since this user opened the form; keep what they typed."""
    overnemen, conflict = services.voeg_samen(
        opp, getattr(form, "cleaned_data", {}), gezien=fout.gezien
    )
    form.data = form.data.copy()
    for naam, waarde in overnemen.items():
        form.data[naam] = waarde.isoformat() if hasattr(waarde, "isoformat") else waarde or ""
    form.data["bewerkingen"] = opp.bewerkingen
    form.add_error(None, fout)
    return render(
        request,
        "opp/bewerken.html",
        {"opp": opp, "form": form, "conflict": conflict},
        status=409,
    )


@login_required
@require_POST
def visie_ouders(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(
        request, uuid, "OPP: visie ouders", mag=lambda rechten: rechten.ouder_met_gezag
    )
    form = VisieOudersForm(request.POST)
    if not form.is_valid():
        # Shown again on the OPP page with the field marked (accounts/invoer.py).
        bewaar_fouten(request, form, bij=opp.pk)
        return redirect("opp:opp_detail", opp.uuid)
    tekst = form.cleaned_data["visie_ouders"]
    try:
        services.bewaar_visie_ouders(
            opp, tekst, door=request.user, bewerkingen=form.cleaned_data["bewerkingen"]
        )
    except services.Oppconflict:
        messages.error(
            request,
            "Het OPP is intussen gewijzigd. Uw tekst staat hieronder nog; kijk of hij nog klopt "
            "en sla opnieuw op.",
        )
        request.session["opp_visie_concept"] = tekst[:5000]
    except (ValidationError, PermissionDenied) as fout:
        meld_fout(request, fout)
    else:
        messages.success(request, "Uw visie is opgeslagen.")
    return redirect("opp:opp_detail", opp.uuid)


def _doel(request: HttpRequest, opp: Opp) -> OppDoel:
    return gekozen(
        request.POST, "doel", OppDoel.objects.filter(opp=opp), "Dit doel bestaat niet (meer)."
    )


@login_required
@require_POST
def doel_toevoegen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = DoelForm(request.POST)
    if not form.is_valid():
        bewaar_fouten(request, form, bij=opp.pk)
        return redirect("opp:opp_detail", opp.uuid)
    with fouten_als_melding(request):
        services.voeg_doel_toe(opp, door=request.user, **form.cleaned_data)
        messages.success(request, "Het doel is toegevoegd.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def doel_verwijderen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        doel = _doel(request, opp)
        if not is_bevestigd(request):
            return bevestigingspagina(
                request,
                vraag=f"Doel “{Truncator(doel.omschrijving).chars(60)}” verwijderen?",
                knop="Ja, doel verwijderen",
                terug=reverse("opp:opp_detail", args=[opp.uuid]),
                gevolg="De inzet bij dit doel wordt ook verwijderd.",
            )
        services.verwijder_doel(doel, door=request.user)
        messages.success(request, "Het doel is verwijderd.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def evaluatie_bewaren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        doel = _doel(request, opp)
        form = EvaluatieForm(request.POST)
        if not form.is_valid():
            raise ValidationError(foutmeldingen(form))
        services.bewaar_evaluatie(doel, form.cleaned_data["evaluatie"], door=request.user)
        messages.success(request, "De evaluatie van het doel is opgeslagen.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def evaluatie_vastleggen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The OPP in force evaluated with the parents (the yearly evaluation)."""
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = OppevaluatieForm(request.POST, prefix="oppevaluatie")
    if not form.is_valid():
        bewaar_fouten(request, form, bij=opp.pk)
        return redirect(reverse("opp:opp_detail", args=[opp.uuid]) + "#evaluatie-kop")
    with fouten_als_melding(request):
        services.leg_evaluatie_vast(opp, **form.cleaned_data, door=request.user)
        messages.success(request, "De evaluatie met de ouders is vastgelegd.")
    return redirect("opp:opp_detail", opp.uuid)


def _inzetgegevens(request: HttpRequest) -> QueryDict:
    """The add-inzet form's fields. The OPP page had a form per goal whose fields carried
    the goal as prefix (`doel12-wat`, with `doel=12`); such a post still counts."""
    prefix = f"doel{request.POST.get('doel', '')}-"
    if prefix + "wat" not in request.POST:
        return request.POST
    gegevens = QueryDict(mutable=True)
    gegevens["doel"] = request.POST["doel"]
    for sleutel, waarden in request.POST.lists():
        if sleutel.startswith(prefix):
            gegevens.setlist(sleutel.removeprefix(prefix), waarden)
    return gegevens


@login_required
@require_POST
def inzet_toevoegen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = InzetToevoegenForm(_inzetgegevens(request), opp=opp)
    if not form.is_valid():
        bewaar_fouten(request, form, bij=opp.pk)
        return redirect("opp:opp_detail", opp.uuid)
    with fouten_als_melding(request):
        inzet = services.voeg_inzet_toe(
            form.cleaned_data["doel"], door=request.user, **form.inzet()
        )
        messages.success(request, "De inzet is toegevoegd.")
        # Allowed, but said: the region's table names another payer (opp/betalers.py).
        if waarschuwing := betalers.waarschuwing(inzet.thema, inzet.bekostiging):
            messages.warning(request, waarschuwing)
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def inzet_verwijderen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    with fouten_als_melding(request):
        inzet = gekozen(
            request.POST,
            "inzet",
            Inzet.objects.filter(doel__opp=opp),
            "Deze inzet bestaat niet (meer).",
        )
        if not is_bevestigd(request):
            return bevestigingspagina(
                request,
                vraag=f"Inzet “{Truncator(inzet.wat).chars(60)}” verwijderen?",
                knop="Ja, inzet verwijderen",
                terug=reverse("opp:opp_detail", args=[opp.uuid]),
            )
        services.verwijder_inzet(inzet, door=request.user)
        messages.success(request, "De inzet is verwijderd.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def bijlage_toevoegen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = BijlageForm(request.POST, request.FILES)
    with fouten_als_melding(request):
        if not form.is_valid():
            raise ValidationError("Kies een bestand.")
        services.voeg_bijlage_toe(
            opp,
            form.cleaned_data["titel"],
            form.cleaned_data["bestand"],
            door=request.user,
            is_gezinsplan=form.cleaned_data["is_gezinsplan"],
        )
        messages.success(request, "De bijlage is toegevoegd.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def nieuwe_versie(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _ = opp_voor(request, uuid, BEWERKEN, bewerken=True)
    form = NieuweVersieForm(request.POST)
    with fouten_als_melding(request):
        if not form.is_valid():
            raise ValidationError(foutmeldingen(form))
        nieuw = services.nieuwe_versie(opp, door=request.user, reden=form.cleaned_data["reden"])
        messages.success(request, f"Versie {nieuw.versie} is aangemaakt als concept.")
        return redirect("opp:opp_detail", nieuw.uuid)
    return redirect("opp:opp_detail", opp.uuid)
