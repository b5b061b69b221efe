from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import getal
from arrangeren.route import services
from arrangeren.route.forms import VERSLAGSTAPPEN, AfspraakForm, DoelForm, VerslagForm
from arrangeren.route.models import Afspraak, Doel, Mdoverslag
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.services.verslag import VERSLAGVELDEN, ontbreekt_voor_vaststellen

from .common import mdo_voor, meld_fout


def _verslag_form(verslag, genodigden, data=None):
    initial = {
        **verslag.velden,
        "besluiten": verslag.besluiten,
        "evaluatiedatum": verslag.evaluatiedatum,
        "overige_aanwezigen": verslag.overige_aanwezigen,
        "aanwezigen": [str(pk) for pk in verslag.aanwezigen.values_list("pk", flat=True)],
        "bewerkingen": verslag.bewerkingen,
    }
    return VerslagForm(data, genodigden=genodigden, initial=initial)


def _bewaar(request, verslag, form):
    data = form.cleaned_data
    services.bewaar_verslag(
        verslag,
        door=request.user,
        bewerkingen=data["bewerkingen"],
        velden={naam: data.get(naam, "") for naam in VERSLAGVELDEN},
        besluiten=data["besluiten"],
        evaluatiedatum=data["evaluatiedatum"],
        aanwezigen=[int(pk) for pk in data["aanwezigen"]],
        overige_aanwezigen=data["overige_aanwezigen"],
    )


def _actie(request, verslag, actie):
    post, user = request.POST, request.user
    if actie == "doel_toevoegen":
        form = DoelForm(post)
        if not form.is_valid():
            raise ValidationError("Kies een domein en een soort en beschrijf het doel.")
        services.voeg_doel_toe(verslag, door=user, **form.cleaned_data)
        return "Het doel is toegevoegd."
    if actie == "doel_verwijderen":
        doel = Doel.objects.filter(verslag=verslag, pk=getal(post.get("doel"))).first()
        if doel is None:
            raise ValidationError("Dit doel bestaat niet (meer).")
        services.verwijder_doel(doel, door=user)
        return "Het doel is verwijderd."
    if actie == "afspraak_toevoegen":
        doel = Doel.objects.filter(verslag=verslag, pk=getal(post.get("doel"))).first()
        if doel is None:
            raise ValidationError("Dit doel bestaat niet (meer).")
        form = AfspraakForm(post, prefix=f"doel{doel.pk}")
        if not form.is_valid():
            fouten = [f"{form.fields[v].label}: {' '.join(e)}" for v, e in form.errors.items()]
            raise ValidationError(["De inzet is niet toegevoegd.", *fouten])
        services.voeg_afspraak_toe(doel, door=user, **form.cleaned_data)
        return "De inzet is toegevoegd aan het doel."
    if actie == "afspraak_verwijderen":
        afspraak = Afspraak.objects.filter(doel__verslag=verslag, pk=getal(post.get("afspraak")))
        afspraak = afspraak.first()
        if afspraak is None:
            raise ValidationError("Deze inzet bestaat niet (meer).")
        services.verwijder_afspraak(afspraak, door=user)
        return "De inzet is verwijderd."
    if actie == "vaststellen":
        services.stel_verslag_vast(
            verslag, door=user, bewerkingen=getal(post.get("bewerkingen"), -1)
        )
        return "Het verslag is vastgesteld en gedeeld met de aanwezigen."
    if actie == "naar_opp":
        opp = services.neem_over_in_opp(verslag, door=user)
        return f"De doelen en afspraken staan nu in het OPP (versie {opp.versie})."
    if actie == "nieuwe_versie":
        services.nieuwe_versie(verslag, door=user, reden=post.get("reden", ""))
        return "Er is een nieuwe conceptversie gemaakt; de vorige versie blijft bewaard."
    raise Http404("Niet gevonden.")


@login_required
@require_http_methods(["GET", "POST"])
def verslag(request, uuid):
    versies = []

    def zichtbare_versies(rechten, mdo):
        versies.extend(
            v for v in mdo.verslagen.prefetch_related("aanwezigen") if rechten.ziet_verslag(v)
        )
        return bool(versies)

    mdo, rechten = mdo_voor(request, uuid, "MDO: verslag", mag=zichtbare_versies)
    gekozen = request.GET.get("versie")
    huidig = next((v for v in versies if str(v.versie) == gekozen), versies[0])
    genodigden = list(mdo.genodigden.all())
    form = None
    if huidig.is_concept and rechten.bewerken:
        form = _verslag_form(huidig, genodigden)
    if request.method == "POST":
        if not rechten.bewerken:
            raise Http404("Niet gevonden.")
        actie = request.POST.get("actie", "bewaren")
        huidig = versies[0]
        if actie == "bewaren":
            form = VerslagForm(request.POST, genodigden=genodigden)
            if form.is_valid():
                try:
                    _bewaar(request, huidig, form)
                except ValidationError as fout:
                    form.add_error(None, fout)
                    if fout.code == CONFLICT:
                        huidig.refresh_from_db()
                        # Keep what this user typed; show the saved text beside it.
                        return render(
                            request,
                            "arrangeren/verslag.html",
                            _context(mdo, rechten, versies, huidig, form, conflict=True),
                            status=409,
                        )
                else:
                    messages.success(request, "Het verslag is opgeslagen.")
                    return redirect("arrangeren:verslag", mdo.uuid)
            return render(
                request, "arrangeren/verslag.html", _context(mdo, rechten, versies, huidig, form)
            )
        try:
            messages.success(request, _actie(request, huidig, actie))
        except ValidationError as fout:
            meld_fout(request, fout)
        return redirect("arrangeren:verslag", mdo.uuid)
    return render(request, "arrangeren/verslag.html", _context(mdo, rechten, versies, huidig, form))


def _context(mdo, rechten, versies, huidig, form, conflict=False):
    doelen = list(huidig.doelen.prefetch_related("afspraken__organisatie"))
    bewerkbaar = huidig.is_concept and rechten.bewerken
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
            (doel, AfspraakForm(prefix=f"doel{doel.pk}") if bewerkbaar else None) for doel in doelen
        ],
        "doel_form": DoelForm() if bewerkbaar else None,
        "ontbreekt": ontbreekt_voor_vaststellen(huidig) if bewerkbaar else [],
        "leerlinggesprek": getattr(mdo, "leerlinggesprek", None) if rechten.intern else None,
        "aanwezigen": list(huidig.aanwezigen.all()),
        "stapvelden": _stapvelden(huidig),
        "Status": Mdoverslag.Status,
    }


def _stapvelden(verslag):
    return [
        (stap, [(label, verslag.velden.get(naam, "")) for naam, label in stap.uitkomsten])
        for stap in VERSLAGSTAPPEN
    ]
