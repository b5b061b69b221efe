"""The route's part of "Mijn werk" (accounts/werk.py): trajecten, MDOs, invitations."""

from django.http import HttpRequest

from accounts.rollen import ROLLEN, Bereik, Recht, Rol, heeft_recht
from accounts.werk import Werkonderdeel
from arrangeren.route import queries
from arrangeren.route.permissions import rechten_voor

# The start page shows the first of each list; the trajecten page has them all.
MAX_OP_START = 25


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    user = request.user
    lid = rolcontext.lidmaatschap
    bereik = ROLLEN[Rol(lid.rol)].bereik if lid else None
    if rolcontext.is_ouder:
        return _voor_ouder(user)
    if bereik in (Bereik.EIGEN_SCHOOL, Bereik.EIGEN_LEERLINGEN):
        return _voor_school(user, lid)
    if bereik == Bereik.MET_TOESTEMMING:
        return _voor_buitenstaander(user)
    return None


def _voor_ouder(user) -> Werkonderdeel:
    trajecten = list(queries.trajecten_overzicht(user, alleen_open=False))
    vragen = list(queries.open_toestemmingsvragen(user))
    uitnodigingen = list(queries.mijn_uitnodigingen(user)[:MAX_OP_START])
    return Werkonderdeel(
        items={
            "trajecten": trajecten,
            "toestemmingsvragen": vragen,
            "uitnodigingen": uitnodigingen,
        },
        leerlingen=[t.leerling for t in trajecten]
        + [v.leerling for v in vragen]
        + [g.mdo.traject.leerling for g in uitnodigingen],
    )


def _voor_school(user, lid) -> Werkonderdeel:
    trajecten = queries.werkvoorraad(queries.trajecten_overzicht(user))
    lijst = list(trajecten[:MAX_OP_START])
    uitnodigingen = list(queries.mijn_uitnodigingen(user)[:MAX_OP_START])
    items = {
        "trajecten": lijst,
        "meer_trajecten": len(lijst) == MAX_OP_START,
        "mdos": list(queries.mdos_voor(user, trajecten)[:MAX_OP_START]),
        "uitnodigingen": uitnodigingen,
    }
    if heeft_recht(lid.rol, Recht.ACHTERSTANDEN_BEWAKEN):
        items["achterstanden"] = queries.achterstanden(trajecten)
    return Werkonderdeel(
        items=items,
        leerlingen=[t.leerling for t in lijst] + [g.mdo.traject.leerling for g in uitnodigingen],
    )


def _voor_buitenstaander(user) -> Werkonderdeel:
    # Outsiders see a meeting only while the parents' consent covers them.
    uitnodigingen = [
        g
        for g in queries.mijn_uitnodigingen(user)[:MAX_OP_START]
        if rechten_voor(user, g.mdo.traject).ziet_mdo(g.mdo)
    ]
    trajecten = list(queries.werkvoorraad(queries.trajecten_overzicht(user))[:MAX_OP_START])
    return Werkonderdeel(
        items={
            "trajecten": trajecten,
            "meer_trajecten": len(trajecten) == MAX_OP_START,
            "uitnodigingen": uitnodigingen,
        },
        leerlingen=[t.leerling for t in trajecten]
        + [g.mdo.traject.leerling for g in uitnodigingen],
    )
