"""Jeugdhulp's part of "Mijn werk" (accounts/werk.py): the kader and late-end signals for
the coördinator and the jeugdteam."""

from django.http import HttpRequest

from accounts.models import Leerling
from accounts.rollen import Recht, heeft_recht
from accounts.werk import Werkonderdeel
from arrangeren.jeugdhulp.queries import jeugdhulp_signalen
from arrangeren.route import queries


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    lid = rolcontext.lidmaatschap
    if rolcontext.is_ouder or lid is None or not heeft_recht(lid.rol, Recht.JEUGDHULP_BEWAKEN):
        return None
    lopend = queries.werkvoorraad(queries.trajecten_overzicht(request.user))
    signalen = jeugdhulp_signalen(lopend)
    if not (signalen["kader"] or signalen["te_laat"]):
        return Werkonderdeel(items={"jeugdhulp": signalen})
    leerlingen = [i.traject.leerling for i in signalen["te_laat"]] + list(
        Leerling.objects.filter(
            trajecten__uuid__in=[k["inzet__traject__uuid"] for k in signalen["kader"]]
        )
    )
    return Werkonderdeel(items={"jeugdhulp": signalen}, leerlingen=leerlingen)
