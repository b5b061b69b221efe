"""The actions on the MDO page, one small function each.

The page's forms post to the page itself; their hidden `actie` field picks the action
(`voer_uit`). Each action reads its input, calls one service and answers with the
message shown on the page; a refusal is a ValidationError with a Dutch message.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.aantallen import aantal
from accounts.bevestigen import Bevestigen, vraag_bevestiging
from accounts.invoer import (
    FormulierOpnieuw,
    foutmeldingen,
    gekozen,
    geldig_of_opnieuw,
    teller_uit,
)
from accounts.models import User
from arrangeren.route import services
from arrangeren.route.forms import (
    AntwoordForm,
    BeschikbaarheidForm,
    GenodigdeForm,
    RedenForm,
    TijdslotForm,
    ToestemmingVragenForm,
    UploadForm,
)
from arrangeren.route.models import Genodigde, Mdo, Tijdslot
from arrangeren.route.permissions import TrajectRechten
from arrangeren.route.services.herinnering import herinner_genodigde

from .common import meld_fout, vereis_bewerken

MdoActie = Callable[[HttpRequest, Mdo], str]


def _genodigde_van(mdo: Mdo, user: User) -> Genodigde:
    genodigde = next((g for g in mdo.genodigden.all() if g.user_id == user.pk), None)
    if genodigde is None:
        raise Http404("Niet gevonden.")
    return genodigde


def _gegevens(form: Form) -> dict:
    """The form's data, or its errors as the refusal."""
    if not form.is_valid():
        raise ValidationError(foutmeldingen(form))
    return form.cleaned_data


def antwoord(request: HttpRequest, mdo: Mdo) -> str:
    genodigde = _genodigde_van(mdo, request.user)
    komt = _gegevens(AntwoordForm(request.POST))["antwoord"] == Genodigde.Antwoord.KOMT
    services.beantwoord_uitnodiging(genodigde, komt, door=request.user)
    return "Dank u wel, uw antwoord is doorgegeven."


def beschikbaarheid(request: HttpRequest, mdo: Mdo) -> str:
    genodigde = _genodigde_van(mdo, request.user)
    form = BeschikbaarheidForm(request.POST, tijdsloten=list(mdo.tijdsloten.all()))
    _gegevens(form)
    services.geef_beschikbaarheid(genodigde, form.kan(), door=request.user)
    return (
        "Dank u wel, uw antwoorden zijn opgeslagen. U kunt ze wijzigen tot de tijd van het "
        "MDO is gekozen."
    )


def genodigde_toevoegen(request: HttpRequest, mdo: Mdo) -> str:
    # "Kies een persoon", or why this person cannot be invited (not of the circle).
    lid = geldig_of_opnieuw(request, GenodigdeForm(request.POST, traject=mdo.traject), bij=mdo.pk)[
        "lidmaatschap"
    ]
    genodigde = services.voeg_genodigde_toe(mdo, lid.user, lid.organisatie, door=request.user)
    return f"{genodigde.naam} staat op de lijst met genodigden."


def genodigde_verwijderen(request: HttpRequest, mdo: Mdo) -> str:
    genodigde = gekozen(
        request.POST,
        "genodigde",
        mdo.genodigden.all(),
        "Deze genodigde staat niet (meer) op de lijst.",
    )
    vraag_bevestiging(
        request,
        vraag=f"{genodigde.naam} van de lijst met genodigden halen?",
        knop="Ja, van de lijst halen",
        terug=reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
        gevolg="Er is nog geen uitnodiging verstuurd; u kunt deze persoon later weer toevoegen.",
    )
    services.verwijder_genodigde(genodigde, door=request.user)
    return f"{genodigde.naam} is van de lijst gehaald."


def herinneren(request: HttpRequest, mdo: Mdo) -> str:
    """ "Herinnering sturen" to an invitee who has not answered (at most once a day)."""
    genodigde = gekozen(
        request.POST,
        "genodigde",
        mdo.genodigden.all(),
        "Deze genodigde staat niet (meer) op de lijst.",
    )
    herinner_genodigde(genodigde, door=request.user)
    return f"{genodigde.naam} heeft een herinnering gekregen."


def toestemming_vragen(request: HttpRequest, mdo: Mdo) -> str:
    soorten = _gegevens(ToestemmingVragenForm(request.POST))["soorten"]
    vraag = services.vraag_toestemming_voor_genodigden(mdo, soorten, door=request.user)
    if vraag.gevraagd:
        return f"De ouders hebben {aantal(vraag.gevraagd, 'vraag,vragen')} om toestemming gekregen."
    if vraag.leerling_beslist:
        return (
            "De leerling is 16 of ouder en beslist zelf: leg het antwoord van de "
            "leerling vast op de pagina Toestemmingen."
        )
    return "Er stond geen nieuwe vraag open: de ouders zijn al gevraagd of gaven al toestemming."


def tijd_voorstellen(request: HttpRequest, mdo: Mdo) -> str:
    form = TijdslotForm(request.POST)
    _gegevens(form)
    nieuw = services.stel_tijdsloten_voor(mdo, form.tijden(), door=request.user)
    if nieuw == 1:
        return "De tijd is voorgesteld; de genodigden krijgen een e-mail."
    return f"De {nieuw} tijden zijn voorgesteld; elke genodigde krijgt één e-mail."


def tijd_kiezen(request: HttpRequest, mdo: Mdo) -> str:
    slot = gekozen(
        request.POST,
        "tijdslot",
        Tijdslot.objects.filter(mdo=mdo),
        "Kies een van de voorgestelde tijden.",
    )
    versie = teller_uit(request.POST, "versie")
    services.kies_tijdslot(mdo, slot, door=request.user, versie=versie)
    return (
        "De datum en tijd van het MDO liggen vast; wie mag worden uitgenodigd, krijgt de "
        "uitnodiging met de agenda-afspraak."
    )


def annuleren(request: HttpRequest, mdo: Mdo) -> str:
    form = RedenForm(request.POST, verplicht="Geef een reden om het MDO te annuleren.")
    services.annuleer_mdo(mdo, door=request.user, reden=_gegevens(form)["reden"])
    return "Het MDO is geannuleerd; wie al was uitgenodigd krijgt bericht."


def uitnodigen(request: HttpRequest, mdo: Mdo) -> str:
    verstuurd = services.verstuur_uitnodigingen(mdo, door=request.user)
    if not verstuurd:
        return "De uitnodigingen waren al verstuurd; er is niets opnieuw verstuurd."
    return f"De uitnodigingen zijn verstuurd ({aantal(verstuurd, 'genodigde,genodigden')})."


def stuk_uploaden(request: HttpRequest, mdo: Mdo) -> str:
    data = geldig_of_opnieuw(request, UploadForm(request.POST, request.FILES), bij=mdo.pk)
    stuk = services.upload_stuk(mdo, data["titel"], data["bestand"], door=request.user)
    return f"“{stuk.titel}” is toegevoegd aan de voorbereidingsstukken."


# Invitees answer for themselves; everything else is for those who edit the traject.
VOOR_GENODIGDEN: dict[str, MdoActie] = {
    "antwoord": antwoord,
    "beschikbaarheid": beschikbaarheid,
}
VOOR_BEWERKERS: dict[str, MdoActie] = {
    "genodigde_toevoegen": genodigde_toevoegen,
    "genodigde_verwijderen": genodigde_verwijderen,
    "herinneren": herinneren,
    "toestemming_vragen": toestemming_vragen,
    "tijd_voorstellen": tijd_voorstellen,
    "tijd_kiezen": tijd_kiezen,
    "annuleren": annuleren,
    "uitnodigen": uitnodigen,
    "stuk_uploaden": stuk_uploaden,
}


def voer_uit(request: HttpRequest, mdo: Mdo, rechten: TrajectRechten) -> HttpResponse:
    """Run the action the form names, then back to the MDO page with its message."""
    naam = request.POST.get("actie", "")
    actie = VOOR_GENODIGDEN.get(naam)
    if actie is None:
        vereis_bewerken(rechten)
        actie = VOOR_BEWERKERS.get(naam)
    if actie is None:
        raise Http404("Niet gevonden.")
    try:
        messages.success(request, actie(request, mdo))
    except ValidationError as fout:
        meld_fout(request, fout)
    except FormulierOpnieuw:
        pass
    except Bevestigen as bevestigen:
        return bevestigen.response
    return redirect("arrangeren:mdo_detail", mdo.uuid)
