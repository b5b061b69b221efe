"""Sam with a traject, the jeugdteam's consent and a registered begeleiding."""

from datetime import date, timedelta

from accounts.models import Informatiesoort, Leerling, Lidmaatschap, Organisatie
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.jeugdhulp.services import registreer_inzet
from arrangeren.route.models import Traject
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import Voorwaarde
from opp.models import Opp


def traject_met_jeugdteam(soorten=(Informatiesoort.MDO_DEELNAME,)) -> Traject:
    """Sam's traject with the parents' consent for Jeugdteam Leiden: taking part in the
    MDO, and whatever else `soorten` names (OPP_INZAGE to link jeugdhulp to OPP goals)."""
    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    traject = Traject.objects.filter(leerling=sam).first()
    if traject is None:
        ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
        traject = open_traject(
            leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
        )
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        sam,
        door=traject.geopend_door,
        ontvanger_organisatie=org,
        soorten=list(soorten),
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    return traject


def begeleiding(traject, start=None, **extra):
    jeugdteam = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    opp = Opp.objects.filter(leerling=traject.leerling).first()
    start = start or date.today() - timedelta(days=200)
    data = {
        "aanbieder": jeugdteam.organisatie,
        "soort": "begeleiding",
        "start": start,
        "geplande_einde": start + timedelta(days=500),
        "uren_per_week": 4,
        "financiering": "gemeente",
        **extra,
    }
    return registreer_inzet(traject, data, list(opp.doelen.all()[:1]), door=jeugdteam.user)


def kaderuitzondering_kwargs() -> dict:
    """An exception to the kader for Sam, proposed by the school (ib@), waiting for the
    SWV's agreement (docs/jeugdhulp.md)."""
    from accounts.models import User
    from arrangeren.jeugdhulp.models import Kaderuitzondering
    from arrangeren.jeugdhulp.services import leg_uitzondering_vast

    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    voorstel = Kaderuitzondering.objects.filter(leerling=sam, akkoord_op__isnull=True).first()
    if voorstel is None:
        voorstel = leg_uitzondering_vast(
            sam,
            date.today(),
            door=User.objects.get(email="ib@demo.nl"),
            onderwijsarrangement="Arrangement rustige werkplek met het SWV",
            reden="Structurele ondersteuning naast het onderwijsarrangement",
        )
    return {"uuid": voorstel.uuid}
