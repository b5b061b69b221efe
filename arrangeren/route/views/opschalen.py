"""Opschalen on a traject (docs/route.md, "Opschalen"): whoever may edit the traject
escalates via her own organisation; the escalation's page for its parties. The pages
themselves are shared with the fasenmodel (accounts/views/opschalen.py)."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.rolcontext import get_rolcontext
from accounts.views import opschalen as gedeeld
from arrangeren.route.models import Opschaling, Traject
from arrangeren.route.permissions import TrajectRechten, rechten_voor

from .common import traject_voor


def ziet_opschalingen(rechten: TrajectRechten) -> bool:
    """The school's staff and whoever edits the traject (regie) see its escalations; not
    the parents and outsiders: it is the professionals' own way of getting unstuck."""
    return rechten.school or rechten.bewerken


def mag_opschalen(rechten: TrajectRechten) -> bool:
    return rechten.bewerken and rechten.traject.is_open


def _titel(traject: Traject) -> str:
    return f"Traject van {traject.leerling.volledige_naam}"


def opschalingen_van(traject: Traject) -> list[Opschaling]:
    return list(
        traject.opschalingen.select_related("door", "organisatie").prefetch_related(
            Prefetch("ontvangers", User.objects.order_by("naam"))
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_opschalen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, _rechten = traject_voor(request, uuid, "Traject: opschalen", mag=mag_opschalen)
    lid = get_rolcontext(request).lidmaatschap
    if lid is None:
        raise Http404("Niet gevonden.")
    terug = reverse("arrangeren:traject_detail", args=[traject.uuid])
    return gedeeld.opschalen_pagina(
        request,
        Opschaling,
        traject,
        lid.organisatie,
        context={"zaak_titel": _titel(traject)},
        terug=terug,
    )


def _opschaling(uuid: UUID) -> Opschaling:
    return get_object_or_404(
        Opschaling.objects.select_related(
            "traject__leerling__school", "traject__regievoerder", "door", "organisatie"
        ),
        uuid=uuid,
    )


def _ziet_zaak(request: HttpRequest, opschaling: Opschaling) -> bool:
    traject = opschaling.traject
    if not Traject.objects.for_user(request.user).filter(pk=traject.pk).exists():
        return False
    return ziet_opschalingen(rechten_voor(request.user, traject))


@login_required
@require_GET
def opschaling_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opschaling = _opschaling(uuid)
    return gedeeld.opschaling_pagina(
        request,
        opschaling,
        ziet_zaak=_ziet_zaak(request, opschaling),
        context={
            "zaak_titel": _titel(opschaling.traject),
            "oplossen_url": reverse("arrangeren:opschaling_oplossen", args=[opschaling.uuid]),
        },
    )


@login_required
@require_POST
def opschaling_oplossen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return gedeeld.oplossen(request, _opschaling(uuid))


def opschalingen_context(traject: Traject, rechten: TrajectRechten) -> dict:
    """The traject page's banner and history (RouteConfig.traject_context)."""
    if not ziet_opschalingen(rechten):
        return {}
    return {
        "opschalingen": opschalingen_van(traject),
        "opschalen_url": reverse("arrangeren:traject_opschalen", args=[traject.uuid])
        if mag_opschalen(rechten)
        else "",
    }
