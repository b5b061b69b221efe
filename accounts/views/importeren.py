"""The schoolbeheerder imports the school's pupils: upload, preview, confirm (or cancel).

Only the beheerder of a school, acting in that role, reaches these pages; everyone
else, and an import of another school, gets 404. See docs/import.md.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import importeren
from accounts.importeren.forms import ImportForm
from accounts.importeren.toepassen import log_import
from accounts.models import Leerlingimport, Organisatie, Toegangslog
from accounts.permissions import beheerde_organisatie
from accounts.rollen import Soort
from accounts.services import client_ip

EERDERE = 25


def _school(request: HttpRequest) -> Organisatie:
    school = beheerde_organisatie(request.user)
    if school is None or school.soort != Soort.SCHOOL:
        raise Http404("Niet gevonden.")
    return school


def _leerlingimport(request: HttpRequest, uuid: UUID) -> Leerlingimport:
    return get_object_or_404(
        Leerlingimport.objects.select_related("school", "door"), uuid=uuid, school=_school(request)
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            leerlingimport = importeren.lees_en_plan(
                school,
                form.cleaned_data["bestand"],
                request.user,
                volledig=form.cleaned_data["volledig"],
            )
        except ValidationError as exc:
            form.add_error("bestand", exc)
        else:
            return redirect("accounts:import_detail", uuid=leerlingimport.uuid)
    eerdere = Leerlingimport.objects.filter(school=school).select_related("door")[:EERDERE]
    return render(
        request, "beheer/import_upload.html", {"form": form, "school": school, "eerdere": eerdere}
    )


@login_required
@require_GET
def detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The preview (what will happen) or, once confirmed, the result."""
    leerlingimport = _leerlingimport(request, uuid)
    plan = importeren.voorbeeld(leerlingimport, request.user)
    if plan is not None:
        # The preview names pupils the school already has: that is seeing their data.
        getoond = [p.leerling for p in plan.per_actie("gewijzigd")] + plan.uitschrijven
        log_import(
            request.user,
            getoond,
            leerlingimport.school,
            Toegangslog.Actie.BEKIJKEN,
            "Leerlingimport (voorbeeld)",
            client_ip(request),
        )
    meldingen = leerlingimport.meldingen
    if plan is not None:
        meldingen = importeren.alle_meldingen(meldingen, plan)
    return render(
        request,
        "beheer/import_detail.html",
        {
            "leerlingimport": leerlingimport,
            "plan": plan,
            "fouten": [m for m in meldingen if m["soort"] == "fout"],
            "waarschuwingen": [m for m in meldingen if m["soort"] != "fout"],
            "aantallen": plan.aantallen(meldingen) if plan else leerlingimport.resultaat,
        },
    )


@login_required
@require_POST
def bevestigen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    leerlingimport = _leerlingimport(request, uuid)
    try:
        importeren.bevestig(
            leerlingimport,
            request.user,
            uitschrijven_bevestigd=request.POST.get("uitschrijven_bevestigd") == "ja",
            ip_adres=client_ip(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "De import is verwerkt.")
    return redirect("accounts:import_detail", uuid=leerlingimport.uuid)


@login_required
@require_POST
def annuleren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    leerlingimport = _leerlingimport(request, uuid)
    try:
        importeren.annuleer(leerlingimport, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:import_detail", uuid=leerlingimport.uuid)
    messages.info(request, "De import is geannuleerd; er is niets verwerkt.")
    return redirect("accounts:import_upload")
