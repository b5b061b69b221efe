"""The MDO report: read a version, save the concept, and the actions on its page.

The page's forms post to the page itself; their hidden `actie` field picks the action
(saving the concept when none is named). Each other action reads its input, calls one
service and answers with the message shown on the page.
"""

from collections.abc import Callable
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods

from accounts import invoer
from accounts.bevestigen import Bevestigen, vraag_bevestiging
from accounts.invoer import (
    FormulierOpnieuw,
    foutmeldingen,
    gekozen,
    geldig_of_opnieuw,
    teller_uit,
)
from accounts.models import Toegangslog
from arrangeren.route import services
from arrangeren.route.forms import VERSLAGSTAPPEN, AfspraakForm, DoelForm, RedenForm, VerslagForm
from arrangeren.route.models import Afspraak, Doel, Mdo, Mdoverslag, Traject
from arrangeren.route.permissions import TrajectRechten
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.services.verslag import (
    nog_niet_begonnen,
    ontbreekt_voor_vaststellen,
    overleg_begonnen,
)
from arrangeren.route.stappen import stap_met

from .common import mdo_voor, meld_fout, vereis_bewerken

SJABLOON = "arrangeren/verslag.html"
VerslagActie = Callable[[HttpRequest, Mdoverslag], str]


@login_required
@require_http_methods(["GET", "POST"])
def verslag(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mdo, rechten, versies = _verslag_voor(request, uuid)
    if request.method == "POST":
        vereis_bewerken(rechten)
        return _voer_uit(request, mdo, rechten, versies)
    gekozen = request.GET.get("versie")
    huidig = next((v for v in versies if str(v.versie) == gekozen), versies[0])
    form = None
    if huidig.is_concept and rechten.bewerken:
        form = VerslagForm(genodigden=list(mdo.genodigden.all()), opgeslagen=huidig)
    return render(request, SJABLOON, _context(mdo, rechten, versies, huidig, form, request=request))


def _verslag_voor(request: HttpRequest, uuid: UUID) -> tuple[Mdo, TrajectRechten, list[Mdoverslag]]:
    """The MDO, the rights, and the report versions this user may read (newest first);
    404 when there is none."""
    versies: list[Mdoverslag] = []

    def zichtbare_versies(rechten: TrajectRechten, mdo: Mdo) -> bool:
        versies.extend(
            v for v in mdo.verslagen.prefetch_related("aanwezigen") if rechten.ziet_verslag(v)
        )
        return bool(versies)

    mdo, rechten = mdo_voor(request, uuid, "MDO: verslag", mag=zichtbare_versies)
    return mdo, rechten, versies


@login_required
@require_GET
def verslag_pdf(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The final report as a PDF (`?versie=` one of the final versions, else the newest):
    for whoever may read a final version, else 404; logged like the page."""
    from arrangeren.route.pdf import render_verslag_pdf

    definitief: list[Mdoverslag] = []

    def leest_definitief(rechten: TrajectRechten, mdo: Mdo) -> bool:
        definitief.extend(
            v
            for v in mdo.verslagen.prefetch_related("aanwezigen")
            if not v.is_concept and rechten.ziet_verslag(v)
        )
        return bool(definitief)

    mdo, _ = mdo_voor(
        request,
        uuid,
        "MDO: verslag (pdf)",
        mag=leest_definitief,
        actie=Toegangslog.Actie.AFDRUKKEN,
    )
    gekozen = request.GET.get("versie")
    verslag = next((v for v in definitief if str(v.versie) == gekozen), definitief[0])
    response = HttpResponse(render_verslag_pdf(mdo, verslag), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="verslag-mdo-versie-{verslag.versie}.pdf"'
    )
    return response


def _voer_uit(
    request: HttpRequest, mdo: Mdo, rechten: TrajectRechten, versies: list[Mdoverslag]
) -> HttpResponse:
    """Run the action the form names on the newest version, then back to the page."""
    naam = request.POST.get("actie", "bewaren")
    if naam == "bewaren":
        return verslag_bewaren(request, mdo, rechten, versies)
    actie = ACTIES.get(naam)
    if actie is None:
        raise Http404("Niet gevonden.")
    try:
        messages.success(request, actie(request, versies[0]))
    except ValidationError as fout:
        meld_fout(request, fout)
    except FormulierOpnieuw:
        pass
    except Bevestigen as bevestigen:
        return bevestigen.response
    return redirect("arrangeren:verslag", mdo.uuid)


def verslag_bewaren(
    request: HttpRequest, mdo: Mdo, rechten: TrajectRechten, versies: list[Mdoverslag]
) -> HttpResponse:
    huidig = versies[0]
    form = VerslagForm(request.POST, genodigden=list(mdo.genodigden.all()))
    if not form.is_valid():
        return render(request, SJABLOON, _context(mdo, rechten, versies, huidig, form))
    try:
        services.bewaar_verslag(huidig, door=request.user, **form.service_data())
    except ValidationError as fout:
        form.add_error(None, fout)
        if fout.code != CONFLICT:
            return render(request, SJABLOON, _context(mdo, rechten, versies, huidig, form))
        # Keep what this user typed; show the saved text beside it.
        huidig.refresh_from_db()
        context = _context(mdo, rechten, versies, huidig, form, conflict=True)
        return render(request, SJABLOON, context, status=409)
    messages.success(request, "Het verslag is opgeslagen.")
    return redirect("arrangeren:verslag", mdo.uuid)


def doel_toevoegen(request: HttpRequest, verslag: Mdoverslag) -> str:
    form = DoelForm(request.POST)
    geldig_of_opnieuw(request, form, bij=verslag.pk)
    services.voeg_doel_toe(verslag, door=request.user, **form.cleaned_data)
    return "Het doel is toegevoegd."


def _doel(request: HttpRequest, verslag: Mdoverslag) -> Doel:
    return gekozen(
        request.POST, "doel", Doel.objects.filter(verslag=verslag), "Dit doel bestaat niet (meer)."
    )


def doel_verwijderen(request: HttpRequest, verslag: Mdoverslag) -> str:
    doel = _doel(request, verslag)
    vraag_bevestiging(
        request,
        vraag=f"Doel “{Truncator(doel.omschrijving).chars(60)}” verwijderen?",
        knop="Ja, doel verwijderen",
        terug=reverse("arrangeren:verslag", args=[verslag.mdo.uuid]),
        gevolg="De inzet die bij dit doel is afgesproken, wordt ook verwijderd.",
    )
    services.verwijder_doel(doel, door=request.user)
    return "Het doel is verwijderd."


def afspraak_toevoegen(request: HttpRequest, verslag: Mdoverslag) -> str:
    doel = _doel(request, verslag)
    form = AfspraakForm(request.POST, prefix=f"doel{doel.pk}")
    geldig_of_opnieuw(request, form, bij=verslag.pk)
    services.voeg_afspraak_toe(doel, door=request.user, **form.cleaned_data)
    return "De inzet is toegevoegd aan het doel."


def afspraak_verwijderen(request: HttpRequest, verslag: Mdoverslag) -> str:
    afspraak = gekozen(
        request.POST,
        "afspraak",
        Afspraak.objects.filter(doel__verslag=verslag),
        "Deze inzet bestaat niet (meer).",
    )
    vraag_bevestiging(
        request,
        vraag=f"Inzet “{Truncator(afspraak.inzet).chars(60)}” verwijderen?",
        knop="Ja, inzet verwijderen",
        terug=reverse("arrangeren:verslag", args=[verslag.mdo.uuid]),
    )
    services.verwijder_afspraak(afspraak, door=request.user)
    return "De inzet is verwijderd."


def vaststellen(request: HttpRequest, verslag: Mdoverslag) -> str:
    bewerkingen = teller_uit(request.POST, "bewerkingen")
    services.stel_verslag_vast(verslag, door=request.user, bewerkingen=bewerkingen)
    traject = Traject.objects.get(pk=verslag.mdo.traject_id)
    return (
        "Het verslag is vastgesteld en gedeeld met de aanwezigen. Het traject staat nu in "
        f"stap {traject.huidige_stap} ({traject.stap.naam})."
    )


def naar_opp(request: HttpRequest, verslag: Mdoverslag) -> str:
    opp = services.neem_over_in_opp(verslag, door=request.user)
    return f"De doelen en afspraken staan nu in het OPP (versie {opp.versie})."


def nieuwe_versie(request: HttpRequest, verslag: Mdoverslag) -> str:
    form = RedenForm(
        request.POST, verplicht="Geef aan waarom het verslag een nieuwe versie krijgt."
    )
    if not form.is_valid():
        raise ValidationError(foutmeldingen(form))
    services.nieuwe_versie(verslag, door=request.user, reden=form.cleaned_data["reden"])
    return "Er is een nieuwe conceptversie gemaakt; de vorige versie blijft bewaard."


ACTIES: dict[str, VerslagActie] = {
    "doel_toevoegen": doel_toevoegen,
    "doel_verwijderen": doel_verwijderen,
    "afspraak_toevoegen": afspraak_toevoegen,
    "afspraak_verwijderen": afspraak_verwijderen,
    "vaststellen": vaststellen,
    "naar_opp": naar_opp,
    "nieuwe_versie": nieuwe_versie,
}


def _context(
    mdo: Mdo,
    rechten: TrajectRechten,
    versies: list[Mdoverslag],
    huidig: Mdoverslag,
    form: VerslagForm | None,
    conflict: bool = False,
    request: HttpRequest | None = None,
) -> dict:
    doelen = list(huidig.doelen.prefetch_related("afspraken__organisatie"))
    bewerkbaar = huidig.is_concept and rechten.bewerken

    def getoond(formulier: Form) -> Form:
        """A goal or inzet form whose post just failed shows again with its errors."""
        return invoer.herstel(request, formulier, bij=huidig.pk) if request else formulier

    return {
        "mdo": mdo,
        "traject": mdo.traject,
        "rechten": rechten,
        "versies": versies,
        "verslag": huidig,
        "form": form,
        "conflict": conflict,
        "bewerkbaar": bewerkbaar,
        "doelen": [
            (doel, getoond(AfspraakForm(prefix=f"doel{doel.pk}")) if bewerkbaar else None)
            for doel in doelen
        ],
        "doel_form": getoond(DoelForm()) if bewerkbaar else None,
        "doelen_stap": stap_met("doelen"),
        "afspraken_stap": stap_met("afspraken_per_doel"),
        "ontbreekt": ontbreekt_voor_vaststellen(huidig) if bewerkbaar else [],
        # The button shows only once the meeting started; before, when it will.
        "nog_niet_begonnen": "" if overleg_begonnen(mdo) else nog_niet_begonnen(mdo),
        "leerlinggesprek": getattr(mdo, "leerlinggesprek", None) if rechten.intern else None,
        "aanwezigen": list(huidig.aanwezigen.all()),
        "stapvelden": [
            (stap, [(label, huidig.velden.get(naam, "")) for naam, label in stap.uitkomsten])
            for stap in VERSLAGSTAPPEN
        ],
        "Status": Mdoverslag.Status,
    }
