from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Leerling, Toegangslog
from accounts.permissions import get_object_for_user, schrijft_voor_school
from accounts.rolcontext import get_rolcontext
from accounts.rollen import Soort
from accounts.services import log_toegang
from arrangeren.route import services
from arrangeren.route.forms import (
    AfsluitenForm,
    RegieForm,
    StapuitkomstForm,
    StapVerplaatsenForm,
    TrajectOpenForm,
    VoortgangForm,
)
from arrangeren.route.models import Mdo, Stapuitkomst, Traject
from arrangeren.route.onderdelen import traject_context
from arrangeren.route.queries import trajecten_overzicht
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.services.traject import OPENERS
from arrangeren.route.stappen import STAP, STAPPEN, Vastlegging, allowed_moves
from arrangeren.route.uitkomsten import huidig_mdo, ontbrekende_uitkomsten

from .common import meld_fout, traject_voor

PER_PAGINA = 25


@login_required
def traject_list(request):
    pagina = Paginator(trajecten_overzicht(request.user), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    log_toegang(
        request,
        [t.leerling for t in pagina.object_list],
        Toegangslog.Actie.ZOEKEN,
        "Trajectenoverzicht",
    )
    return render(
        request,
        "arrangeren/traject_list.html",
        {"trajecten": pagina.object_list, "pagina": pagina},
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_open(request, uuid):
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    lid = get_rolcontext(request).lidmaatschap
    if (
        lid is None
        or OPENERS.get(lid.rol) != lid.organisatie.soort
        or not schrijft_voor_school(leerling)
    ):
        raise Http404("Niet gevonden.")
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "Traject openen")
    jeugdteam = lid.organisatie.soort == Soort.JEUGDTEAM
    form = TrajectOpenForm(request.POST or None, jeugdteam=jeugdteam)
    lopend = leerling.trajecten.filter(status=Traject.Status.OPEN).first()
    if request.method == "POST" and form.is_valid():
        try:
            traject = services.open_traject(
                leerling=leerling,
                door=request.user,
                namens=lid,
                voorwaarden=form.voorwaarden(),
                signaal_buiten_school=form.cleaned_data.get("signaal_buiten_school", False),
            )
        except (ValidationError, PermissionDenied) as fout:
            form.add_error(None, fout if isinstance(fout, ValidationError) else str(fout))
        else:
            messages.success(request, "Het traject is geopend. U staat bij stap 1: Waarnemen.")
            return redirect("arrangeren:traject_detail", traject.uuid)
    return render(
        request,
        "arrangeren/traject_open.html",
        {"leerling": leerling, "form": form, "lopend": lopend},
    )


@login_required
def traject_detail(request, uuid):
    traject, rechten = traject_voor(request, uuid, "Traject")
    uitkomsten = {}
    if rechten.intern:
        for u in traject.uitkomsten.filter(cyclus=traject.cyclus):
            uitkomsten[u.stap] = u
    stappen = []
    for stap in STAPPEN:
        uitkomst = uitkomsten.get(stap.nummer)
        velden = [
            (label, (uitkomst.velden.get(naam) if uitkomst else "") or "")
            for naam, label in stap.uitkomsten
        ]
        stappen.append({"stap": stap, "velden": velden, "uitkomst": uitkomst})
    mdos = [
        m
        for m in traject.mdos.select_related("voorzitter").prefetch_related("genodigden")
        if rechten.ziet_mdo(m)
    ]
    context = {
        "traject": traject,
        "rechten": rechten,
        "stappen": stappen,
        "mdos": mdos,
        "huidig_mdo": huidig_mdo(traject),
        "volgende": allowed_moves(traject.huidige_stap),
        "ontbreekt": ontbrekende_uitkomsten(traject) if traject.is_open else [],
        "overgangen": traject.overgangen.select_related("door"),
        "regieoverdrachten": traject.regieoverdrachten.select_related("van", "naar", "door"),
        "voorwaarden": traject.voorwaarden.select_related("bevestigd_door"),
        "voortgang": traject.voortgangsnotities.select_related("door", "namens")
        if rechten.intern or rechten.soorten
        else [],
        "voortgang_form": VoortgangForm(),
        "afsluiten_form": AfsluitenForm(initial={"versie": traject.versie}),
        "Vastlegging": Vastlegging,
        "MdoStatus": Mdo.Status,
        **traject_context(request, traject, rechten),
    }
    return render(request, "arrangeren/traject_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stap_bewerken(request, uuid, stap):
    traject, _rechten = traject_voor(request, uuid, f"Traject: stap {stap}", bewerken=True)
    definitie = STAP.get(stap)
    if (
        definitie is None
        or definitie.vastlegging != Vastlegging.STAP
        or stap > traject.huidige_stap
    ):
        raise Http404("Niet gevonden.")
    uitkomst = Stapuitkomst.objects.filter(
        traject=traject, stap=stap, cyclus=traject.cyclus
    ).first()
    initial = {
        **(uitkomst.velden if uitkomst else {}),
        "versie": uitkomst.versie if uitkomst else 0,
    }
    form = StapuitkomstForm(request.POST or None, stap=stap, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_stapuitkomst(
                traject,
                stap,
                form.cleaned_data,
                door=request.user,
                versie=form.cleaned_data["versie"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
            if fout.code == CONFLICT and uitkomst is not None:
                uitkomst.refresh_from_db()
        else:
            messages.success(request, f"Stap {stap} ({definitie.naam}) is opgeslagen.")
            return redirect("arrangeren:traject_detail", traject.uuid)
    return render(
        request,
        "arrangeren/stap_form.html",
        {"traject": traject, "stap": definitie, "form": form, "opgeslagen": uitkomst},
    )


@login_required
@require_POST
def traject_actie(request, uuid, actie):
    if actie not in ("voortgang", "verplaatsen", "afsluiten"):
        raise Http404("Niet gevonden.")
    traject, _rechten = traject_voor(
        request,
        uuid,
        "Traject",
        bewerken=actie != "voortgang",
        mag=lambda rechten: rechten.schrijft_voortgang,
    )
    try:
        if actie == "voortgang":
            form = VoortgangForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Schrijf iets over de voortgang.")
            lid = get_rolcontext(request).lidmaatschap
            services.voeg_voortgang_toe(
                traject,
                form.cleaned_data["tekst"],
                door=request.user,
                namens=lid.organisatie if lid else None,
            )
            messages.success(request, "Uw voortgangsnotitie is toegevoegd.")
        elif actie == "verplaatsen":
            form = StapVerplaatsenForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    "De stap kon niet worden gewijzigd. Vernieuw de pagina en probeer opnieuw."
                )
            data = form.cleaned_data
            services.move_to_step(
                traject,
                data["naar"],
                door=request.user,
                notitie=data["notitie"],
                versie=data["versie"],
            )
            messages.success(request, f"Het traject staat nu in stap {data['naar']}.")
        elif actie == "afsluiten":
            form = AfsluitenForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Geef een reden om het traject af te sluiten.")
            services.close_traject(
                traject,
                door=request.user,
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
            )
            messages.success(request, "Het traject is afgesloten.")
    except ValidationError as fout:
        meld_fout(request, fout)
    return redirect("arrangeren:traject_detail", traject.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def regie_overdragen(request, uuid):
    traject, _rechten = traject_voor(request, uuid, "Traject: regie", bewerken=True)
    form = RegieForm(request.POST or None, traject=traject, initial={"versie": traject.versie})
    if request.method == "POST" and form.is_valid():
        try:
            services.draag_regie_over(
                traject,
                form.cleaned_data["naar"],
                door=request.user,
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"De regie ligt nu bij {traject.regievoerder.naam}.")
            return redirect("arrangeren:traject_detail", traject.uuid)
    return render(request, "arrangeren/regie_form.html", {"traject": traject, "form": form})
