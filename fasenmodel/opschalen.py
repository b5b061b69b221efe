"""Opschalen on a thuiszitter entry (docs/fasenmodel.md, "Opschalen"): whoever may edit
the entry (leerplicht, the school) escalates via her own organisation. The pages are
shared with the route (accounts/views/opschalen.py).

*Regionale afspraken Duin- en Bollenstreek*, Uitgelicht: Thuiszittersaanpak: "Leerplicht
kan de procesregie pakken wanneer het proces stagneert." The escalation page names that
way too; leerplicht takes procesregie on the entry's own page.
"""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Toegangslog, User
from accounts.permissions import get_object_for_user
from accounts.services import log_toegang
from accounts.views import opschalen as gedeeld

from . import permissions
from .models import Opschaling, Thuiszitter

PROCESREGIE = (
    "Stagneert het proces? Leerplicht kan de procesregie pakken wanneer het proces "
    "stagneert (Thuiszittersaanpak)."
)


def _titel(thuiszitter: Thuiszitter) -> str:
    return f"Thuiszitter {thuiszitter.leerling.volledige_naam}"


def opschalingen_context(user: User, thuiszitter: Thuiszitter) -> dict:
    """The entry page's banner and history; everyone who sees the entry is a professional
    working on it (leerplicht, the SWV, the school)."""
    opschalingen = list(
        thuiszitter.opschalingen.select_related("door", "organisatie").prefetch_related(
            Prefetch("ontvangers", User.objects.order_by("naam"))
        )
    )
    mag = thuiszitter.beeindigd_op is None and (
        permissions.registratie_namens(user, thuiszitter.leerling) is not None
    )
    return {
        "opschalingen": opschalingen,
        "opschalen_url": reverse("fasenmodel:thuiszitter_opschalen", args=[thuiszitter.uuid])
        if mag
        else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def thuiszitter_opschalen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    thuiszitter = get_object_for_user(
        request.user, Thuiszitter.objects.select_related("leerling__school"), uuid=uuid
    )
    namens = permissions.registratie_namens(request.user, thuiszitter.leerling)
    if namens is None or thuiszitter.beeindigd_op is not None:
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        thuiszitter.leerling,
        Toegangslog.Actie.BEKIJKEN,
        "Thuiszitter: opschalen",
        aanvullend=permissions.registergronden(request.user, [thuiszitter.leerling]),
    )
    return gedeeld.opschalen_pagina(
        request,
        Opschaling,
        thuiszitter,
        namens.organisatie,
        context={"zaak_titel": _titel(thuiszitter), "extra": PROCESREGIE},
        terug=reverse("fasenmodel:thuiszitter_detail", args=[thuiszitter.uuid]),
    )


def _opschaling(uuid: UUID) -> Opschaling:
    return get_object_or_404(
        Opschaling.objects.select_related("thuiszitter__leerling__school", "door", "organisatie"),
        uuid=uuid,
    )


@login_required
@require_GET
def opschaling_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opschaling = _opschaling(uuid)
    thuiszitter = opschaling.thuiszitter
    ziet_zaak = Thuiszitter.objects.for_user(request.user).filter(pk=thuiszitter.pk).exists()
    return gedeeld.opschaling_pagina(
        request,
        opschaling,
        ziet_zaak=ziet_zaak,
        grond=permissions.registergronden(request.user, [thuiszitter.leerling])
        if ziet_zaak
        else None,
        context={
            "zaak_titel": _titel(thuiszitter),
            "extra": PROCESREGIE,
            "oplossen_url": reverse("fasenmodel:opschaling_oplossen", args=[opschaling.uuid]),
        },
    )


@login_required
@require_POST
def opschaling_oplossen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return gedeeld.oplossen(request, _opschaling(uuid))
