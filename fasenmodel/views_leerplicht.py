"""Pages of the vrijstelling route (leerplicht, the SWV, the care side) and the school's
deviation from the minimum teaching time (Variawet). Thin: rules in services_leerplicht,
reads in queries_leerplicht, reach in permissions_leerplicht; out of reach is 404."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import Leerling, Toegangslog
from accounts.permissions import get_dossier_for_user, get_object_for_user
from accounts.services import log_toegang

from . import permissions_leerplicht as rechten
from . import queries_leerplicht as queries
from . import services_leerplicht as services
from .forms_leerplicht import (
    NieuweVrijstellingForm,
    OnderwijstijdForm,
    VisieSwvForm,
    VrijstellingForm,
)
from .leerplicht import AFLOPEND_MAANDEN, VARIAWET_AFSPRAKEN, VRIJSTELLINGSAFSPRAKEN
from .models_leerplicht import Vrijstelling
from .services_leerplicht import VRIJSTELLING_VELDEN
from .views import _fouten_in_form

PER_PAGINA = 25


@login_required
@require_http_methods(["GET"])
def vrijstellingen(request: HttpRequest) -> HttpResponse:
    """The review list "Aflopende vrijstellingen" and all vrijstellingen within reach."""
    if not rechten.mag_vrijstellingen_zien(request.user):
        raise Http404("Niet gevonden.")
    vandaag = timezone.localdate()
    aflopend = list(queries.aflopende_vrijstellingen(request.user, vandaag)[:PER_PAGINA])
    pagina = Paginator(queries.vrijstellingen(request.user), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    leerlingen = [v.leerling for v in (*aflopend, *pagina.object_list)]
    if leerlingen:
        log_toegang(
            request,
            leerlingen,
            Toegangslog.Actie.ZOEKEN,
            "Vrijstellingen",
            aanvullend=rechten.vrijstellingsgronden(request.user),
        )
    return render(
        request,
        "fasenmodel/vrijstellingen.html",
        {
            "aflopend": aflopend,
            "pagina": pagina,
            "aflopend_maanden": AFLOPEND_MAANDEN,
            "mag_registreren": rechten.vrijstelling_namens(request.user) is not None,
            "afspraken": VRIJSTELLINGSAFSPRAKEN,
            "vandaag": vandaag,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vrijstelling_nieuw(request: HttpRequest) -> HttpResponse:
    if rechten.vrijstelling_namens(request.user) is None:
        raise Http404("Niet gevonden.")
    form = NieuweVrijstellingForm(
        request.POST or None, leerlingen=Leerling.objects.select_related("school")
    )
    if request.method == "POST" and form.is_valid():
        leerling = form.cleaned_data["leerling"]
        velden = {k: form.cleaned_data.get(k) for k in VRIJSTELLING_VELDEN}
        try:
            vrijstelling = services.registreer_vrijstelling(leerling, velden, door=request.user)
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, f"Het verzoek van {leerling.volledige_naam} is vastgelegd.")
            return redirect("fasenmodel:vrijstelling", vrijstelling.uuid)
    return render(request, "fasenmodel/vrijstelling_form.html", {"form": form, "nieuw": True})


def _vrijstelling(request: HttpRequest, uuid: UUID, onderdeel: str) -> Vrijstelling:
    vrijstelling = get_object_for_user(
        request.user, queries.vrijstellingen(request.user), uuid=uuid
    )
    log_toegang(
        request,
        vrijstelling.leerling,
        Toegangslog.Actie.BEKIJKEN,
        onderdeel,
        aanvullend=rechten.vrijstellingsgronden(request.user),
    )
    return vrijstelling


@login_required
@require_http_methods(["GET", "POST"])
def vrijstelling(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """One vrijstelling with its history; the SWV of the pupil's school adds its view."""
    v = _vrijstelling(request, uuid, "Vrijstelling")
    namens = rechten.visie_namens(request.user, v.leerling)
    if request.method == "POST" and namens is None:
        raise Http404("Niet gevonden.")
    form = None
    if namens is not None:
        form = VisieSwvForm(
            request.POST or None,
            initial={"perspectief": v.perspectief_swv, "visie": v.visie_swv, "versie": v.versie},
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.geef_visie_swv(v, **form.cleaned_data, door=request.user, namens=namens)
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, "De visie van het samenwerkingsverband is vastgelegd.")
            return redirect("fasenmodel:vrijstelling", v.uuid)
    return render(
        request,
        "fasenmodel/vrijstelling.html",
        {
            "v": v,
            "form": form,
            "actief": v.is_actief(timezone.localdate()),
            "geschiedenis": v.history.select_related("history_user")[:50],
            "mag_bewerken": rechten.vrijstelling_namens(request.user) is not None,
            "afspraken": VRIJSTELLINGSAFSPRAKEN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vrijstelling_bewerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    if rechten.vrijstelling_namens(request.user) is None:
        raise Http404("Niet gevonden.")
    v = _vrijstelling(request, uuid, "Vrijstelling bewerken")
    initial = {k: getattr(v, k) for k in VRIJSTELLING_VELDEN} | {"versie": v.versie}
    form = VrijstellingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        velden = {k: form.cleaned_data.get(k) for k in VRIJSTELLING_VELDEN}
        try:
            services.wijzig_vrijstelling(
                v, velden, versie=form.cleaned_data.get("versie") or 0, door=request.user
            )
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, "De vrijstelling is bijgewerkt.")
            return redirect("fasenmodel:vrijstelling", v.uuid)
    return render(request, "fasenmodel/vrijstelling_form.html", {"form": form, "v": v})


@login_required
@require_http_methods(["GET", "POST"])
def onderwijstijd(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Deviations from the minimum teaching time (Variawet) with their ingroeiplan: whoever
    may read the pupil's file sees them; the school of enrolment records a new one."""
    leerling = get_dossier_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    namens = rechten.onderwijstijd_namens(request.user, leerling)
    if request.method == "POST" and namens is None:
        raise Http404("Niet gevonden.")
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "Onderwijstijd (Variawet)")
    form = OnderwijstijdForm(request.POST or None) if namens is not None else None
    if request.method == "POST" and form.is_valid():
        try:
            services.leg_onderwijstijd_vast(
                leerling, **form.cleaned_data, door=request.user, namens=namens
            )
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, "De afwijking van de onderwijstijd is vastgelegd.")
            return redirect("fasenmodel:onderwijstijd", leerling.uuid)
    return render(
        request,
        "fasenmodel/onderwijstijd.html",
        {
            "leerling": leerling,
            "form": form,
            "afwijkingen": queries.onderwijstijd_van(leerling),
            "afspraken": VARIAWET_AFSPRAKEN,
            "vandaag": timezone.localdate(),
        },
    )
