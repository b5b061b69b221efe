"""The SWV's overview of its TLV requests and their CSV export."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Toegangslog
from arrangeren.tlv import queries as queries_tlv
from arrangeren.tlv.permissions import is_swv
from arrangeren.tlv.views.common import log


def _vereis_swv(request: HttpRequest) -> None:
    if not is_swv(request.user):
        raise Http404("Niet gevonden.")


@login_required
@require_GET
def tlv_overzicht(request: HttpRequest) -> HttpResponse:
    _vereis_swv(request)
    gegevens = queries_tlv.overzicht(request.user)
    log(request, [a.leerling for a in gegevens.te_laat], Toegangslog.Actie.ZOEKEN, "TLV-overzicht")
    return render(request, "arrangeren/tlv/overzicht.html", {"o": gegevens})


@login_required
@require_GET
def tlv_export(request: HttpRequest) -> HttpResponse:
    _vereis_swv(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tlv-aanvragen.csv"'
    response.write("\ufeff")
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(queries_tlv.EXPORT_KOLOMMEN)
    # Read in chunks and written as read; the rows leave only after the log is written.
    leerlingen = []
    aanvragen = queries_tlv.export_aanvragen(request.user)
    for aanvraag in aanvragen.iterator(chunk_size=queries_tlv.EXPORT_PER_KEER):
        schrijver.writerow([_veilig(v) for v in queries_tlv.export_rij(aanvraag)])
        leerlingen.append(aanvraag.leerling)
    log(request, leerlingen, Toegangslog.Actie.EXPORTEREN, "TLV-aanvragen: CSV-export")
    return response


# What a spreadsheet reads as the start of a formula or command (OWASP, CSV injection):
# = + - @, TAB and CR (which some skip before a formula) and the pipe (DDE).
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r", "|")


def _veilig(waarde: str) -> str:
    """No spreadsheet formulas from data: such a cell starts with a quote, read as text."""
    return "'" + waarde if waarde[:1] in FORMULETEKENS else waarde
