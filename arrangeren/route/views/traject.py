from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.invoer import bewaar_fouten, herstel
from accounts.models import Leerling, Toegangslog
from accounts.permissions import get_object_for_user, schrijft_voor_school
from accounts.rolcontext import get_rolcontext
from accounts.rollen import Soort
from accounts.services import log_toegang
from accounts.zoeken import scholen_van
from arrangeren.route import services
from arrangeren.route.betrokkenheid import Kenmerk
from arrangeren.route.faseregie import faseregie_context
from arrangeren.route.forms import (
    AfsluitenForm,
    KenmerkenForm,
    RegieForm,
    StapuitkomstForm,
    StapVerplaatsenForm,
    TrajectOpenForm,
    VoortgangForm,
)
from arrangeren.route.models import Mdo, Stapuitkomst, Traject
from arrangeren.route.onderdelen import traject_context
from arrangeren.route.permissions import TrajectRechten, opent_traject
from arrangeren.route.queries import trajecten_overzicht
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.stappen import (
    EERSTE_STAP,
    NA_MDO_VANAF,
    STAP,
    STAPPEN,
    Overgang,
    Vastlegging,
    allowed_moves,
)
from arrangeren.route.uitkomsten import (
    Geladen,
    huidig_mdo,
    ontbrekende_uitkomsten,
    organisatie_uit_mdo,
    stapuitkomst,
    vast_te_leggen,
)
from arrangeren.route.zoeken import TrajectZoekForm

from .common import meld_fout, traject_voor

PER_PAGINA = 25


@login_required
@require_http_methods(["GET", "POST"])
def traject_list(request: HttpRequest) -> HttpResponse:
    """The trajecten within reach; searched by name and filtered by POST (accounts/zoeken.py)."""
    trajecten = trajecten_overzicht(request.user, alleen_open=False)
    form = TrajectZoekForm(request.POST or None, scholen=scholen_van(trajecten, "leerling__school"))
    pagina = Paginator(form.zoek(trajecten), PER_PAGINA).get_page(request.POST.get("pagina"))
    log_toegang(
        request,
        [t.leerling for t in pagina.object_list],
        Toegangslog.Actie.ZOEKEN,
        "Trajecten zoeken" if form.term() else "Trajectenoverzicht",
    )
    return render(
        request,
        "arrangeren/traject_list.html",
        {"trajecten": pagina.object_list, "pagina": pagina, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_open(request: HttpRequest, uuid: UUID) -> HttpResponse:
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    lid = get_rolcontext(request).lidmaatschap
    if not opent_traject(lid) or not schrijft_voor_school(leerling):
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
                **form.service_data(),
            )
        except (ValidationError, PermissionDenied) as fout:
            form.add_error(None, fout if isinstance(fout, ValidationError) else str(fout))
        else:
            messages.success(
                request,
                f"Het traject is geopend. U staat bij stap {EERSTE_STAP}: "
                f"{STAP[EERSTE_STAP].naam}.",
            )
            return redirect("arrangeren:traject_detail", traject.uuid)
    return render(
        request,
        "arrangeren/traject_open.html",
        {"leerling": leerling, "form": form, "lopend": lopend, "jeugdteam": jeugdteam},
    )


def _stappen(
    traject: Traject, uitkomsten: dict[int, Stapuitkomst], organisatie: list[tuple[str, str]]
) -> list[dict]:
    """The nine steps with this cycle's outcomes (for those who follow every step); the
    step that organises the MDO shows the MDO's own facts (`organisatie`)."""
    stappen = []
    for stap in STAPPEN:
        uitkomst = uitkomsten.get(stap.nummer)
        velden = [
            (label, (uitkomst.velden.get(naam) if uitkomst else "") or "")
            for naam, label in stap.uitkomsten
        ]
        if stap.organiseert_mdo:
            velden += organisatie
        stappen.append({"stap": stap, "velden": velden, "uitkomst": uitkomst})
    return stappen


def _organisatie(mdo: Mdo | None, rechten: TrajectRechten) -> list:
    """Step 3 from the MDO: room, interpreter, consent, invitations (docs/route.md)."""
    return organisatie_uit_mdo(mdo) if rechten.intern else []


@login_required
@require_GET
def traject_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, rechten = traject_voor(request, uuid, "Traject")
    # What the page shows is read once, and the checks below use the same rows.
    uitkomsten = {u.stap: u for u in traject.uitkomsten.filter(cyclus=traject.cyclus)}
    mdos = traject.mdos.select_related("voorzitter")
    if not rechten.intern:
        mdos = mdos.prefetch_related("genodigden")  # outsiders see their own meetings
    mdos = list(mdos)
    voortgang = (
        list(traject.voortgangsnotities.select_related("door", "namens"))
        if rechten.ziet_voortgang
        else None
    )
    geladen = Geladen(uitkomsten=uitkomsten, mdos=mdos, notities=voortgang)
    huidig = huidig_mdo(traject, mdos)
    context = {
        "traject": traject,
        "rechten": rechten,
        "stappen": _stappen(
            traject, uitkomsten if rechten.intern else {}, _organisatie(huidig, rechten)
        ),
        "mdos": [m for m in mdos if rechten.ziet_mdo(m)],
        "huidig_mdo": huidig,
        "volgende": allowed_moves(traject.huidige_stap),
        "ontbreekt": ontbrekende_uitkomsten(traject, geladen) if traject.is_open else [],
        "overgangen": traject.overgangen.select_related("door"),
        "regieoverdrachten": traject.regieoverdrachten.select_related("van", "naar", "door"),
        "voorwaarden": traject.voorwaarden.select_related("bevestigd_door"),
        "kenmerken": [Kenmerk(k).label for k in traject.kenmerken if k in Kenmerk.values],
        "voortgang": voortgang or [],
        # A form whose post just failed shows again with its errors (accounts/invoer.py).
        "voortgang_form": herstel(request, VoortgangForm(), bij=traject.pk),
        "voortgang_vanaf": NA_MDO_VANAF,
        "afsluiten_form": herstel(
            request, AfsluitenForm(initial={"versie": traject.versie}), bij=traject.pk
        ),
        "Vastlegging": Vastlegging,
        "Overgang": Overgang,
        "MdoStatus": Mdo.Status,
        **traject_context(request, traject, rechten),
        **faseregie_context(traject),
    }
    return render(request, "arrangeren/traject_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stap_bewerken(request: HttpRequest, uuid: UUID, stap: int) -> HttpResponse:
    traject, _rechten = traject_voor(request, uuid, f"Traject: stap {stap}", bewerken=True)
    definitie = vast_te_leggen(traject, stap)
    if definitie is None:
        raise Http404("Niet gevonden.")
    uitkomst = stapuitkomst(traject, stap)
    form = StapuitkomstForm(request.POST or None, stap=stap, opgeslagen=uitkomst)
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


# One view per action on the traject page, each at /trajecten/<uuid>/<action>/; each
# answers with a message on the traject page.


@login_required
@require_POST
def voortgang_toevoegen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, _rechten = traject_voor(
        request, uuid, "Traject", mag=lambda rechten: rechten.schrijft_voortgang
    )
    form = VoortgangForm(request.POST)
    if not form.is_valid():
        # Shown again on the traject's page with the field marked (accounts/invoer.py).
        bewaar_fouten(request, form, bij=traject.pk)
        return redirect("arrangeren:traject_detail", traject.uuid)
    try:
        lid = get_rolcontext(request).lidmaatschap
        services.voeg_voortgang_toe(
            traject,
            form.cleaned_data["tekst"],
            door=request.user,
            namens=lid.organisatie if lid else None,
        )
    except ValidationError as fout:
        meld_fout(request, fout)
    else:
        messages.success(request, "Uw voortgangsnotitie is toegevoegd.")
    return redirect("arrangeren:traject_detail", traject.uuid)


@login_required
@require_POST
def traject_verplaatsen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, _rechten = traject_voor(request, uuid, "Traject", bewerken=True)
    form = StapVerplaatsenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                "De stap kon niet worden gewijzigd. Vernieuw de pagina en probeer opnieuw."
            )
        data = form.cleaned_data
        services.move_to_step(
            traject, data["naar"], door=request.user, notitie=data["notitie"], versie=data["versie"]
        )
    except ValidationError as fout:
        meld_fout(request, fout)
    else:
        messages.success(request, f"Het traject staat nu in stap {data['naar']}.")
    return redirect("arrangeren:traject_detail", traject.uuid)


@login_required
@require_POST
def traject_afsluiten(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, _rechten = traject_voor(request, uuid, "Traject", bewerken=True)
    form = AfsluitenForm(request.POST)
    if not form.is_valid():
        bewaar_fouten(request, form, bij=traject.pk)
        return redirect("arrangeren:traject_detail", traject.uuid)
    try:
        services.close_traject(
            traject,
            door=request.user,
            reden=form.cleaned_data["reden"],
            versie=form.cleaned_data["versie"],
        )
    except ValidationError as fout:
        meld_fout(request, fout)
    else:
        messages.success(request, "Het traject is afgesloten.")
    return redirect("arrangeren:traject_detail", traject.uuid)


@login_required
@require_POST
def onbekende_actie(request: HttpRequest, uuid: UUID, actie: str) -> HttpResponse:
    """The old generic address: reversing `traject_actie` with an action's word gives that
    action's own address (urls.py); any other word is not found."""
    raise Http404("Niet gevonden.")


@login_required
@require_http_methods(["GET", "POST"])
def regie_overdragen(request: HttpRequest, uuid: UUID) -> HttpResponse:
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


@login_required
@require_http_methods(["GET", "POST"])
def traject_kenmerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """What plays in the pupil's situation: from it the MDO planner proposes whom to
    involve (arrangeren/route/betrokkenheid.py)."""
    traject, rechten = traject_voor(request, uuid, "Traject: wat speelt er", bewerken=True)
    form = KenmerkenForm(
        request.POST or None, initial={"kenmerken": traject.kenmerken, "versie": traject.versie}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.zet_kenmerken(
                traject,
                form.cleaned_data["kenmerken"],
                door=request.user,
                versie=form.cleaned_data["versie"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Vastgelegd wat er speelt.")
            return redirect("arrangeren:traject_detail", traject.uuid)
    return render(
        request,
        "arrangeren/kenmerken_form.html",
        {"traject": traject, "rechten": rechten, "form": form},
    )
