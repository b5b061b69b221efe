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
    school = None
    if lid and not rolcontext.is_ouder and heeft_recht(lid.rol, Recht.ACHTERSTANDEN_BEWAKEN):
        school = Leerling.objects.for_user(request.user).filter(school=lid.organisatie)
        school = school.ingeschreven()
        _voor_coordinator(school, onderdeel)
    lijsten = termijnen.ondertekeningslijsten(request.user, school)
    if school is not None:
        handtekeningen = {"niet_akkoord": lijsten["niet_akkoord"], "wacht": lijsten["wacht"]}
        onderdeel.items["handtekeningen"] = handtekeningen
        onderdeel.leerlingen += [o.opp.leerling for lijst in handtekeningen.values() for o in lijst]
    te_ondertekenen = lijsten["te_ondertekenen"]
    if te_ondertekenen:
        onderdeel.items["te_ondertekenen"] = te_ondertekenen
        onderdeel.leerlingen += [o.opp.leerling for o in te_ondertekenen]
    return onderdeel


def _voor_coordinator(school, onderdeel: Werkonderdeel) -> None:
    opp_termijnen = termijnen.achterstallig(school)
    onderdeel.items["opp_termijnen"] = opp_termijnen
    onderdeel.leerlingen += [o.leerling for o in opp_termijnen["evaluatiedatum"]]
    onderdeel.leerlingen += [o.leerling for o in opp_termijnen["schooljaar"]]
    onderdeel.leerlingen += opp_termijnen["plaatsing"]
