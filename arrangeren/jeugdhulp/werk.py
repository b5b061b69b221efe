"""Jeugdhulp's part of "Mijn werk" (accounts/werk.py): the kader and late-end signals for
the coördinator and the jeugdteam."""

from django.http import HttpRequest

from accounts.rollen import Recht, heeft_recht
from accounts.werk import Werkonderdeel
from arrangeren.jeugdhulp.afsluiting import zonder_eindafspraken
from arrangeren.jeugdhulp.queries import jeugdhulp_signalen, wachtende_uitzonderingen
from arrangeren.route import queries


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    lid = rolcontext.lidmaatschap
    if rolcontext.is_ouder or lid is None:
        return None
    # Exceptions to the kader waiting for this school's or SWV's agreement (a count).
    wachtend = (
        {"kaderuitzonderingen": wachtende_uitzonderingen(lid)}
        if heeft_recht(lid.rol, Recht.KADERUITZONDERING_VASTLEGGEN)
        else {}
    )
    if not heeft_recht(lid.rol, Recht.JEUGDHULP_BEWAKEN):
        return Werkonderdeel(items=wachtend) if any(wachtend.values()) else None
    lopend = queries.werkvoorraad(queries.trajecten_overzicht(request.user))
    signalen = jeugdhulp_signalen(lopend)
    # Ending (or ended) without agreements on the return to education (afsluiting.py).
    signalen["zonder_eindafspraken"] = zonder_eindafspraken(lopend)
    leerlingen = [i.traject.leerling for i in signalen["te_laat"]] + [
        t.leerling for t in signalen["kader"]
    ]
    leerlingen += [i.traject.leerling for i in signalen["zonder_eindafspraken"]]
    return Werkonderdeel(items={"jeugdhulp": signalen, **wachtend}, leerlingen=leerlingen)
