"""The OPP's part of "Mijn werk" (accounts/werk.py): signatures asked of the user and,
for the coördinator, the school's overdue OPP terms and open signature requests."""

from django.http import HttpRequest

from accounts.models import Leerling
from accounts.rollen import Recht, heeft_recht
from accounts.werk import Werkonderdeel
from opp import termijnen


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    lid = rolcontext.lidmaatschap
    if not (rolcontext.is_ouder or lid):
        return None
    onderdeel = Werkonderdeel()
    if lid and not rolcontext.is_ouder and heeft_recht(lid.rol, Recht.ACHTERSTANDEN_BEWAKEN):
        _voor_coordinator(request.user, lid, onderdeel)
    te_ondertekenen = termijnen.mijn_ondertekeningen(request.user)
    if te_ondertekenen:
        onderdeel.items["te_ondertekenen"] = te_ondertekenen
        onderdeel.leerlingen += [o.opp.leerling for o in te_ondertekenen]
    return onderdeel


def _voor_coordinator(user, lid, onderdeel: Werkonderdeel) -> None:
    school = Leerling.objects.for_user(user).filter(school=lid.organisatie).ingeschreven()
    opp_termijnen = termijnen.achterstallig(school)
    handtekeningen = termijnen.handtekeningen(school)
    onderdeel.items.update(opp_termijnen=opp_termijnen, handtekeningen=handtekeningen)
    onderdeel.leerlingen += [o.leerling for o in opp_termijnen["evaluatiedatum"]]
    onderdeel.leerlingen += [o.leerling for o in opp_termijnen["schooljaar"]]
    onderdeel.leerlingen += opp_termijnen["plaatsing"]
    onderdeel.leerlingen += [o.opp.leerling for lijst in handtekeningen.values() for o in lijst]
