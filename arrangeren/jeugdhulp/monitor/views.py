"""The Regiomonitor page and its CSV (docs/monitor.md). Aggregates only, no pupil is
named: nothing to write to the access log. Who sees it: the right `regiomonitor`
(accounts/rollen.py); a role at an SWV sees that SWV's schools, the others the region."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.rolcontext import get_rolcontext
from accounts.rollen import Recht, Soort, heeft_recht

from .indicatoren import DREMPEL
from .overzicht import tabellen, trend
from .queries import Gebied, Periode, schooljaren


def _gebied(request: HttpRequest) -> Gebied:
    rolcontext = get_rolcontext(request)
    if rolcontext is None or not heeft_recht(rolcontext.rol, Recht.REGIOMONITOR):
        raise Http404("Niet gevonden.")
    organisatie = rolcontext.organisatie
    if organisatie.soort == Soort.SWV:
        return Gebied(organisatie.pk, organisatie.naam)
    return Gebied(None, "de hele regio")


def _periode(request: HttpRequest) -> tuple[Periode, list[Periode]]:
    jaren = schooljaren(timezone.localdate())
    gekozen = request.GET.get("schooljaar", "")
    return next((p for p in jaren if str(p.jaar) == gekozen), jaren[0]), jaren


@login_required
@require_GET
def regiomonitor(request: HttpRequest) -> HttpResponse:
    gebied = _gebied(request)
    periode, jaren = _periode(request)
    return render(
        request,
        "arrangeren/regiomonitor.html",
        {
            "gebied": gebied,
            "periode": periode,
            "schooljaren": jaren,
            "tabellen": [*tabellen(gebied, periode), trend(gebied, jaren)],
            "drempel": DREMPEL,
        },
    )


@login_required
@require_GET
def regiomonitor_csv(request: HttpRequest) -> HttpResponse:
    """The same cells as the page (small numbers hidden alike), one line per area."""
    gebied = _gebied(request)
    periode, jaren = _periode(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="regiomonitor-{periode.label}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(["Schooljaar", "Indicator", "Gebied", "Kolom", "Waarde"])
    for tabel in [*tabellen(gebied, periode), trend(gebied, jaren)]:
        totaal = [("Totaal", tabel.totaal)] if tabel.totaal else []
        for naam, cellen in [*tabel.rijen, *totaal]:
            for kolom, cel in cellen:
                schrijver.writerow([periode.label, tabel.indicator.titel, naam, kolom, cel])
    return response
