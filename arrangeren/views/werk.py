"""“Mijn werk”: the home page, with each role's work list on top of its start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Leerling, Toegangslog
from accounts.rollen import ROLLEN, Bereik, Rol
from accounts.services import log_toegang
from accounts.views.home import home_context
from arrangeren import queries, queries_tlv
from arrangeren.permissions import rechten_voor
from arrangeren.permissions_tlv import tlv_gronden
from fasenmodel import queries as fasenmodel_queries
from fasenmodel.permissions import registergronden
from opp import termijnen

# The start page shows the first of each list; the trajecten page has them all.
MAX_OP_START = 25


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
            "uitnodigingen": list(queries.mijn_uitnodigingen(request.user)[:MAX_OP_START]),
        }
        leerlingen = [t.leerling for t in trajecten] + [v.leerling for v in vragen]
    elif bereik in (Bereik.EIGEN_SCHOOL, Bereik.EIGEN_LEERLINGEN):
        trajecten = queries.werkvoorraad(queries.trajecten_overzicht(request.user))
        lijst = list(trajecten[:MAX_OP_START])
        werk = {
            "trajecten": lijst,
            "meer_trajecten": len(lijst) == MAX_OP_START,
            "mdos": list(queries.mdos_voor(request.user, trajecten)[:MAX_OP_START]),
            "uitnodigingen": list(queries.mijn_uitnodigingen(request.user)[:MAX_OP_START]),
        }
        leerlingen = [t.leerling for t in lijst]
        if lid.rol == Rol.ONDERSTEUNINGSCOORDINATOR:
            werk["achterstanden"] = queries.achterstanden(trajecten)
            werk["jeugdhulp"] = queries.jeugdhulp_signalen(trajecten)
            school = (
                Leerling.objects.for_user(request.user)
                .filter(school=lid.organisatie)
                .ingeschreven()
            )
            werk["opp_termijnen"] = termijnen.achterstallig(school)
            werk["handtekeningen"] = termijnen.handtekeningen(school)
            leerlingen += [o.leerling for o in werk["opp_termijnen"]["evaluatiedatum"]]
            leerlingen += [o.leerling for o in werk["opp_termijnen"]["schooljaar"]]
            leerlingen += werk["opp_termijnen"]["plaatsing"]
            leerlingen += [
                o.opp.leerling for lijst in werk["handtekeningen"].values() for o in lijst
            ]
    elif bereik == Bereik.MET_TOESTEMMING:
        uitnodigingen = list(queries.mijn_uitnodigingen(request.user)[:MAX_OP_START])
        lopend = queries.werkvoorraad(queries.trajecten_overzicht(request.user))
        trajecten = list(lopend[:MAX_OP_START])
        if lid.rol == Rol.MEDEWERKER_JEUGDTEAM:
            werk["jeugdhulp"] = queries.jeugdhulp_signalen(lopend)
        werk = {
            **werk,
            "trajecten": trajecten,
            "meer_trajecten": len(trajecten) == MAX_OP_START,
            "uitnodigingen": uitnodigingen,
        }
        leerlingen = [t.leerling for t in trajecten]
    if lid and lid.rol in (Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR, Rol.CONSULENT_SWV):
        aflopend = queries_tlv.aflopende_tlvs(request.user, timezone.localdate())[:MAX_OP_START]
        if aflopend:
            werk["tlv_aflopend"] = aflopend
            log_toegang(
                request,
                list({t.aanvraag.leerling.pk: t.aanvraag.leerling for t in aflopend}.values()),
                Toegangslog.Actie.ZOEKEN,
                "Mijn werk: aflopende TLV's",
                aanvullend=tlv_gronden(request.user),
            )
    fase_items = fasenmodel_queries.werklijst(request.user)
    if fase_items:
        werk["fasenmodel"] = fase_items
    if werk.get("jeugdhulp"):
        signalen = werk["jeugdhulp"]
        leerlingen += [i.traject.leerling for i in signalen["te_laat"]]
        leerlingen += list(
            Leerling.objects.filter(
                trajecten__uuid__in=[k["inzet__traject__uuid"] for k in signalen["kader"]]
            )
        )
    if rolcontext.is_ouder or lid:
        te_ondertekenen = termijnen.mijn_ondertekeningen(request.user)
        if te_ondertekenen:
            werk["te_ondertekenen"] = te_ondertekenen
            leerlingen += [o.opp.leerling for o in te_ondertekenen]
    if bereik == Bereik.MET_TOESTEMMING and werk.get("uitnodigingen"):
        # Outsiders see a meeting only while the parents' consent covers them.
        werk["uitnodigingen"] = [
            g
            for g in werk["uitnodigingen"]
            if rechten_voor(request.user, g.mdo.traject).ziet_mdo(g.mdo)
        ]
    if werk.get("uitnodigingen"):
        leerlingen += [g.mdo.traject.leerling for g in werk["uitnodigingen"]]
    if fase_items:
        # Register items may name pupils reached through the thuiszitters register.
        log_toegang(
            request,
            list({i.leerling.pk: i.leerling for i in fase_items}.values()),
            Toegangslog.Actie.ZOEKEN,
            "Mijn werk: thuiszitters en fasen",
            aanvullend=registergronden(request.user, [i.leerling for i in fase_items]),
        )
    if leerlingen:
        uniek = list({leerling.pk: leerling for leerling in leerlingen}.values())
        log_toegang(request, uniek, Toegangslog.Actie.ZOEKEN, "Mijn werk")
    context["werk"] = werk
    return render(request, "home/index.html", context)
