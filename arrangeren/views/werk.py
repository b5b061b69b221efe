"""“Mijn werk”: the home page, with each role's work list on top of its start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.models import Toegangslog
from accounts.rollen import ROLLEN, Bereik, Rol
from accounts.services import log_toegang
from accounts.views.home import home_context
from arrangeren import queries


@login_required
def mijn_werk(request):
    context = home_context(request)
    rolcontext = context["rolcontext"]
    lid = rolcontext.lidmaatschap
    bereik = ROLLEN[Rol(lid.rol)].bereik if lid else None
    werk = {}
    leerlingen = []
    if rolcontext.is_ouder:
        trajecten = list(queries.trajecten_overzicht(request.user, alleen_open=False))
        vragen = list(queries.open_toestemmingsvragen(request.user))
        werk = {
            "trajecten": trajecten,
            "toestemmingsvragen": vragen,
            "uitnodigingen": list(queries.mijn_uitnodigingen(request.user)),
        }
        leerlingen = [t.leerling for t in trajecten] + [v.leerling for v in vragen]
    elif bereik in (Bereik.EIGEN_SCHOOL, Bereik.EIGEN_LEERLINGEN):
        trajecten = queries.trajecten_overzicht(request.user)
        lijst = list(trajecten)
        werk = {
            "trajecten": lijst,
            "mdos": list(queries.mdos_voor(request.user, trajecten)),
            "uitnodigingen": list(queries.mijn_uitnodigingen(request.user)),
        }
        if lid.rol == Rol.ONDERSTEUNINGSCOORDINATOR:
            werk["achterstanden"] = queries.achterstanden(trajecten)
        leerlingen = [t.leerling for t in lijst]
    elif bereik == Bereik.MET_TOESTEMMING:
        uitnodigingen = list(queries.mijn_uitnodigingen(request.user))
        trajecten = list(queries.trajecten_overzicht(request.user))
        werk = {"trajecten": trajecten, "uitnodigingen": uitnodigingen}
        leerlingen = [t.leerling for t in trajecten]
    if leerlingen:
        uniek = list({leerling.pk: leerling for leerling in leerlingen}.values())
        log_toegang(request, uniek, Toegangslog.Actie.ZOEKEN, "Mijn werk")
    context["werk"] = werk
    return render(request, "home/index.html", context)
