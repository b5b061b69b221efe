"""The fasenmodel's part of "Mijn werk" (accounts/werk.py): thuiszitters and continuum
signals (logged with the thuiszitters register as ground where that applies), exemptions
running out (the periodic review of leerplicht, the SWV and the care side; logged with the
vrijstelling route as ground) and the school's deviations from the minimum teaching time
that end (Variawet; the school's own pupils)."""

from django.http import HttpRequest
from django.utils import timezone

from accounts.werk import Inzage, Werkonderdeel
from fasenmodel import queries, queries_leerplicht
from fasenmodel.permissions import registergronden
from fasenmodel.permissions_leerplicht import mag_vrijstellingen_zien, vrijstellingsgronden


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    vandaag = timezone.localdate()
    items = queries.werklijst(request.user, vandaag)
    vrijstellingen = (
        queries_leerplicht.vrijstelling_werkitems(request.user, vandaag)
        if mag_vrijstellingen_zien(request.user)
        else []
    )
    onderwijstijd = queries_leerplicht.onderwijstijd_werkitems(request.user, vandaag)
    # One list, most urgent first, at most WERK_MAX; each part logs only what is shown.
    getoond = sorted(
        [*items, *vrijstellingen, *onderwijstijd], key=lambda i: (not i.urgent, i.datum)
    )[: queries.WERK_MAX]
    if not getoond:
        return None
    ids = {id(i) for i in getoond}
    items, vrijstellingen, onderwijstijd = (
        [i for i in deel if id(i) in ids] for deel in (items, vrijstellingen, onderwijstijd)
    )
    inzagen = []
    if items:
        leerlingen = [i.leerling for i in items]
        inzagen.append(
            Inzage(
                leerlingen,
                "Mijn werk: thuiszitters en fasen",
                aanvullend=registergronden(request.user, leerlingen),
            )
        )
    if vrijstellingen:
        inzagen.append(
            Inzage(
                [i.leerling for i in vrijstellingen],
                "Mijn werk: aflopende vrijstellingen",
                aanvullend=vrijstellingsgronden(request.user),
            )
        )
    return Werkonderdeel(
        items={"fasenmodel": getoond},
        leerlingen=[i.leerling for i in onderwijstijd],
        inzagen=inzagen,
    )
