"""Jeugdhulp's part of "Mijn werk" (accounts/werk.py): the kader and late-end signals for
the coördinator and the jeugdteam."""

from django.http import HttpRequest

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
    leerlingen = [i.traject.leerling for i in signalen["te_laat"]] + [
        t.leerling for t in signalen["kader"]
    ]
    return Werkonderdeel(items={"jeugdhulp": signalen}, leerlingen=leerlingen)
