"""The route's part of "Mijn werk" (accounts/werk.py): trajecten, MDOs, invitations.

A fixed number of queries for every role: the trajecten in one query, the MDOs (own
invitations, coming meetings, the coördinator's overdue items) in another, each list cut
at LIMIET by the database (accounts/lijsten.py). Outsiders' invitations are checked against
consent for all of them at once.
"""

from django.http import HttpRequest

from accounts.lijsten import LIMIET
from accounts.rollen import ROLLEN, Bereik, Recht, Rol, heeft_recht
from accounts.werk import Werkonderdeel
from arrangeren.route import queries
from arrangeren.route.permissions import rechten_voor_trajecten
from arrangeren.route.tevredenheid import open_vragen

MAX_OP_START = LIMIET


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
    uitnodigingen = queries.mdolijsten(user, school=False, achterstanden=False)["uitnodigingen"]
    tevredenheid = list(open_vragen(user)[:MAX_OP_START])
    return Werkonderdeel(
        items={
            "trajecten": trajecten,
            "toestemmingsvragen": vragen,
            "uitnodigingen": uitnodigingen,
            "tevredenheidsvragen": tevredenheid,
        },
        leerlingen=[t.leerling for t in trajecten]
        + [v.leerling for v in vragen]
        + [g.mdo.traject.leerling for g in uitnodigingen]
        + [m.traject.leerling for m in tevredenheid],
    )


def _voor_school(user, lid) -> Werkonderdeel:
    achterstanden = heeft_recht(lid.rol, Recht.ACHTERSTANDEN_BEWAKEN)
    trajecten = queries.trajectlijsten(user, achterstanden=achterstanden)
    mdos = queries.mdolijsten(user, school=True, achterstanden=achterstanden)
    lijst = trajecten["trajecten"]
    items = {
        "trajecten": lijst,
        "meer_trajecten": len(lijst) == MAX_OP_START,
        "mdos": mdos["mdos"],
        "uitnodigingen": mdos["uitnodigingen"],
    }
    if achterstanden:
        items["achterstanden"] = {
            "evaluatie": trajecten["evaluatie"],
            "zonder_antwoord": mdos["zonder_antwoord"],
            "voorbereiding": mdos["voorbereiding"],
        }
    return Werkonderdeel(
        items=items,
        leerlingen=[t.leerling for t in lijst]
        + [g.mdo.traject.leerling for g in mdos["uitnodigingen"]],
    )


def _voor_buitenstaander(user) -> Werkonderdeel:
    # Outsiders see a meeting only while the parents' consent covers them.
    uitnodigingen = queries.mdolijsten(user, school=False, achterstanden=False)["uitnodigingen"]
    rechten = rechten_voor_trajecten(user, {g.mdo.traject for g in uitnodigingen})
    uitnodigingen = [g for g in uitnodigingen if rechten[g.mdo.traject_id].ziet_uitnodiging(g)]
    trajecten = queries.trajectlijsten(user, achterstanden=False)["trajecten"]
    return Werkonderdeel(
        items={
            "trajecten": trajecten,
            "meer_trajecten": len(trajecten) == MAX_OP_START,
            "uitnodigingen": uitnodigingen,
        },
        leerlingen=[t.leerling for t in trajecten]
        + [g.mdo.traject.leerling for g in uitnodigingen],
    )
