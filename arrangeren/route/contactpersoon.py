"""The vaste contactpersoon S(B)O's part of "Mijn werk" (accounts/werk.py).

Holland Rijnland Methode, stap 2: she "analyseert samen met school de
ondersteuningsvraag", "werkt met school aan het OPP" and "evalueert en stelt het
hulpverleningsonderdeel bij". Her list shows, for the S(B)O schools she is bound to
(accounts/schoolcontacten.py) and only for the pupils she reaches (consent, as every
jeugdteam member): open trajecten before the arrangement (steps 1 to 6) with nobody of a
jeugdteam invited to an MDO yet, and vastgestelde OPPs whose evaluation date has passed or
comes within four weeks. A fixed number of queries, whatever the data.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone

from accounts.lijsten import LIMIET
from accounts.rollen import Recht, Soort, heeft_recht
from accounts.schoolcontacten import scholen_van
from accounts.werk import Werkonderdeel
from arrangeren.route.models import Genodigde, Traject
from arrangeren.route.stappen import NA_MDO_VANAF
from opp.models import Opp
from opp.permissions import rechten_voor_opps

# An OPP's evaluation shows this long before its date.
EVALUATIE_VOORUIT = timedelta(weeks=4)


def werk_voor_contactpersoon(
    request: HttpRequest, rolcontext, onderdeel: Werkonderdeel | None
) -> Werkonderdeel | None:
    """Add her tasks to the route's part; no query for any other role."""
    lid = rolcontext.lidmaatschap
    if rolcontext.is_ouder or lid is None or not heeft_recht(lid.rol, Recht.CONTACTPERSOON_SBO):
        return onderdeel
    user = request.user
    scholen = scholen_van(user).values("pk")
    jeugdteam_genodigd = Genodigde.objects.filter(
        mdo__traject=OuterRef("pk"), organisatie__soort=Soort.JEUGDTEAM
    )
    trajecten = list(
        Traject.objects.for_user(user)
        .open()
        .filter(leerling__school__in=scholen, huidige_stap__lt=NA_MDO_VANAF)
        .exclude(Exists(jeugdteam_genodigd))
        .select_related("leerling")
        .order_by("geopend_op")[:LIMIET]
    )
    grens = timezone.localdate() + EVALUATIE_VOORUIT
    kandidaten = list(
        Opp.objects.for_user(user)
        .filter(
            school__in=scholen,
            status=Opp.Status.VASTGESTELD,
            evaluatiedatum__isnull=False,
            evaluatiedatum__lte=grens,
        )
        .select_related("leerling")
        .order_by("evaluatiedatum")[:LIMIET]
    )
    rechten = rechten_voor_opps(user, kandidaten)
    opps = [opp for opp in kandidaten if rechten[opp.pk].lezen]
    onderdeel = onderdeel or Werkonderdeel()
    if trajecten or opps:
        onderdeel.items["contactpersoon_sbo"] = {"trajecten": trajecten, "opps": opps}
        onderdeel.leerlingen += [t.leerling for t in trajecten] + [o.leerling for o in opps]
    return onderdeel
