from datetime import date
from uuid import UUID

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Leerling, Toegangslog, User
from accounts.permissions import get_dossier_for_user, get_object_for_user
from accounts.services import log_toegang

from . import permissions, queries, services
from .fasen import DOMEINEN, FASEN, REGELS
from .forms import NieuweThuiszitterForm, PlaatsingForm, ProcesregieForm, ThuiszitterForm
from .grafieken import Staafdiagram, staafdiagram
from .models import Thuiszitter
from .opschalen import opschalingen_context
from .services import THUISZITTER_VELDEN
from .thuiszitten import OORZAAK_LABELS, PACT_MAANDEN


def _fouten_in_form(form: Form, fout: ValidationError) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)


@login_required
@require_http_methods(["GET", "POST"])
def leerling_fase(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The pupil's phase: what it means, signals, history, and recording a new one."""
    # Part of the pupil's file: not for a parent without custody (docs/rollen.md).
    leerling = get_dossier_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    namens = permissions.plaatsing_namens(request.user, leerling)
    if request.method == "POST" and namens is None:
        raise Http404("Niet gevonden.")
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "Fasenmodel")
    # Only who may record a phase gets the form; a POST without that right is a 404 above.
    form = PlaatsingForm(request.POST or None) if namens is not None else None
    if request.method == "POST" and form.is_valid():
        try:
            plaatsing = services.registreer_plaatsing(
                leerling, **form.cleaned_data, door=request.user, namens=namens
            )
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            # Fasenmodel: the phase implies where the regie over the plan lies.
            voorstel = plaatsing.fasedefinitie.regievoorstel
            messages.success(
                request, "De nieuwe fase is vastgelegd." + (f" {voorstel}" if voorstel else "")
            )
            return redirect("fasenmodel:leerling_fase", leerling.uuid)
    return render(
        request,
        "fasenmodel/leerling_fase.html",
        {
            "leerling": leerling,
            "form": form,
            "traject_url": _traject_url(request, leerling),
            **_fasepagina(leerling, timezone.localdate()),
        },
    )


def _traject_url(request: HttpRequest, leerling: Leerling) -> str | None:
    """Where the regie is handed over: the open traject (the route answers; the
    fasenmodel may not import it)."""
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "traject_voor_fase", None)
        if hook is not None and (url := hook(request, leerling)):
            return url
    return None


def _fasepagina(leerling: Leerling, vandaag: date) -> dict:
    plaatsing = queries.huidige_plaatsing(leerling)
    fase = plaatsing.fasedefinitie if plaatsing else None
    return {
        "plaatsing": plaatsing,
        "fase": fase,
        "verantwoordelijkheid": [(k, DOMEINEN[k], v) for k, v in fase.verantwoordelijkheid.items()]
        if fase
        else [],
        "signalen": plaatsing.signalen(vandaag) if plaatsing else [],
        "geschiedenis": queries.fasegeschiedenis(leerling),
        "fasen": [FASEN[n] for n in sorted(FASEN, reverse=True)],
        "vandaag": vandaag,
    }


def _register_of_404(request: HttpRequest) -> None:
    if not permissions.mag_register_zien(request.user):
        raise Http404("Niet gevonden.")


@login_required
@require_GET
def thuiszitters(request: HttpRequest) -> HttpResponse:
    """Leerplicht's register, most urgent first (thuiszitterspact)."""
    _register_of_404(request)
    alle = request.GET.get("toon") == "alle"
    # One page, ordered and counted in SQL; only the pupils on it are logged.
    pagina, regels = queries.register_pagina(
        request.user, request.GET.get("pagina"), alleen_open=not alle
    )
    leerlingen = [r.leerling for r in regels]
    log_toegang(
        request,
        leerlingen,
        Toegangslog.Actie.ZOEKEN,
        "Thuiszittersregister",
        aanvullend=permissions.registergronden(request.user, leerlingen),
    )
    return render(
        request,
        "fasenmodel/thuiszitters.html",
        {
            "regels": regels,
            "pagina": pagina,
            "alle": alle,
            "pact_maanden": PACT_MAANDEN,
            "mag_registreren": bool(permissions.registreerbare_leerlingen(request.user).exists()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thuiszitter_nieuw(request: HttpRequest) -> HttpResponse:
    leerlingen = permissions.registreerbare_leerlingen(request.user)
    if not leerlingen.exists():
        raise Http404("Niet gevonden.")
    form = NieuweThuiszitterForm(request.POST or None, leerlingen=leerlingen)
    if request.method == "POST" and form.is_valid():
        leerling = form.cleaned_data["leerling"]
        if permissions.registratie_namens(request.user, leerling) is None:
            raise Http404("Niet gevonden.")
        velden = {k: form.cleaned_data.get(k) for k in THUISZITTER_VELDEN}
        try:
            thuiszitter = services.registreer_thuiszitter(leerling, velden, door=request.user)
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, f"{leerling.volledige_naam} staat in het register.")
            return redirect("fasenmodel:thuiszitter_detail", thuiszitter.uuid)
    return render(request, "fasenmodel/thuiszitter_form.html", {"form": form, "nieuw": True})


def _thuiszitter(request: HttpRequest, uuid: UUID, onderdeel: str) -> Thuiszitter:
    thuiszitter = get_object_for_user(
        request.user, queries.thuiszitter_met_details(request.user), uuid=uuid
    )
    log_toegang(
        request,
        thuiszitter.leerling,
        Toegangslog.Actie.BEKIJKEN,
        onderdeel,
        aanvullend=permissions.registergronden(request.user, [thuiszitter.leerling]),
    )
    return thuiszitter


@login_required
@require_GET
def thuiszitter_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    thuiszitter = _thuiszitter(request, uuid, "Thuiszittersregister")
    regel = queries.registerregel(thuiszitter, timezone.localdate())
    return render(
        request,
        "fasenmodel/thuiszitter_detail.html",
        {
            "regel": regel,
            "t": thuiszitter,
            "oorzaken": [OORZAAK_LABELS.get(o, o) for o in thuiszitter.oorzaken],
            "besluiten": list(thuiszitter.procesregiebesluiten.all()),
            "mag_bewerken": permissions.registratie_namens(request.user, thuiszitter.leerling)
            is not None,
            "mag_procesregie": permissions.procesregie_namens(request.user) is not None,
            "pact_maanden": PACT_MAANDEN,
            **opschalingen_context(request.user, thuiszitter),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thuiszitter_bewerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    thuiszitter = get_object_for_user(
        request.user, queries.thuiszitter_met_details(request.user), uuid=uuid
    )
    if permissions.registratie_namens(request.user, thuiszitter.leerling) is None:
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        thuiszitter.leerling,
        Toegangslog.Actie.BEKIJKEN,
        "Thuiszittersregister bewerken",
        aanvullend=permissions.registergronden(request.user, [thuiszitter.leerling]),
    )
    initial = {k: getattr(thuiszitter, k) for k in THUISZITTER_VELDEN}
    form = ThuiszitterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_thuiszitter(thuiszitter, form.cleaned_data, door=request.user)
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, "De registratie is bijgewerkt.")
            return redirect("fasenmodel:thuiszitter_detail", thuiszitter.uuid)
    return render(request, "fasenmodel/thuiszitter_form.html", {"form": form, "t": thuiszitter})


@login_required
@require_http_methods(["GET", "POST"])
def procesregie(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Leerplicht takes (or assigns, or hands back) procesregie, with a reason."""
    thuiszitter = get_object_for_user(
        request.user, queries.thuiszitter_met_details(request.user), uuid=uuid
    )
    namens = permissions.procesregie_namens(request.user)
    if namens is None:
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        thuiszitter.leerling,
        Toegangslog.Actie.BEKIJKEN,
        "Procesregie thuiszitter",
        aanvullend=permissions.registergronden(request.user, [thuiszitter.leerling]),
    )
    form = ProcesregieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_procesregie(
                thuiszitter, **form.cleaned_data, door=request.user, namens=namens
            )
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, "De procesregie is vastgelegd.")
            return redirect("fasenmodel:thuiszitter_detail", thuiszitter.uuid)
    regel = queries.registerregel(thuiszitter, timezone.localdate())
    return render(
        request, "fasenmodel/procesregie.html", {"form": form, "t": thuiszitter, "regel": regel}
    )


@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    """Aggregates only (no pupil is named): nothing to write to the access log."""
    if not permissions.mag_overzicht_zien(request.user):
        raise Http404("Niet gevonden.")
    vandaag = timezone.localdate()
    return render(
        request,
        "fasenmodel/overzicht.html",
        {"grafieken": _grafieken(request.user, vandaag), "vandaag": vandaag, "regels": REGELS},
    )


def _grafieken(user: User, vandaag: date) -> list[tuple[str, str, str, str, Staafdiagram]]:
    """Each chart: anchor, title, explanation, the table's first column, the bars."""
    return [
        (
            "per-maand",
            "Aantal thuiszitters per maand",
            "Thuiszitters aan het eind van elke maand (de lopende maand: vandaag), de "
            "afgelopen 12 maanden.",
            "Maand",
            staafdiagram("Thuiszitters per maand", queries.thuiszitters_per_maand(user, vandaag)),
        ),
        (
            "per-duur",
            "Thuiszitters naar duur",
            f"Leerlingen die nu thuis zitten, naar hoe lang al. Het thuiszitterspact: "
            f"geen jeugdige langer dan {PACT_MAANDEN} maanden thuis zonder passend en gestart "
            "aanbod.",
            "Duur",
            staafdiagram("Thuiszitters naar duur", queries.thuiszitters_per_duur(user, vandaag)),
        ),
        (
            "per-fase",
            "Leerlingen per fase",
            "Leerlingen met een vastgelegde fase, naar hun huidige fase in het fasenmodel "
            "onderwijs-zorgcontinuüm.",
            "Fase",
            staafdiagram("Leerlingen per fase", queries.leerlingen_per_fase(user)),
        ),
    ]
