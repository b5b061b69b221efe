"""URL kwargs for the matrix rows: the demo objects each URL is requested for."""

from accounts.models import Leerling
from tests.bestanden import pdf
from tests.conftest import user_by_email


def sam_kwargs():
    return {"uuid": Leerling.objects.get(voornaam="Sam", achternaam="Vries").uuid}


def overstap_oud_kwargs():
    from accounts.demo_overstap import DEMO_OVERSTAP_OUD

    return {"uuid": DEMO_OVERSTAP_OUD}


def _sam_traject():
    from accounts.models import Lidmaatschap
    from arrangeren.route.models import Traject
    from arrangeren.route.services import open_traject
    from arrangeren.route.stappen import Voorwaarde

    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    bestaand = Traject.objects.filter(leerling=sam).first()
    if bestaand:
        return bestaand
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    return open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )


def _sam_mdo():
    from datetime import timedelta

    from django.utils import timezone

    from arrangeren.route.services import plan_mdo, verstuur_uitnodigingen

    traject = _sam_traject()
    if traject.mdos.exists():
        return traject.mdos.get()
    from tests.arrangeren.route_helpers import naar_stap_2

    naar_stap_2(traject, traject.geopend_door)
    start = timezone.now() + timedelta(days=10)
    mdo = plan_mdo(
        traject,
        {"doel": "Plan", "start": start, "eind": start + timedelta(hours=1), "locatie": "School"},
        door=traject.geopend_door,
    )
    verstuur_uitnodigingen(mdo, door=traject.geopend_door)
    return mdo


def opp_kwargs():
    from opp.models import Opp

    return {"uuid": Opp.objects.get(leerling__voornaam="Sam", versie=1).uuid}


def bijlage_kwargs():
    from opp.models import Opp
    from opp.services import voeg_bijlage_toe

    opp = Opp.objects.get(leerling__voornaam="Sam", versie=1)
    bestand = pdf("gezinsplan.pdf", "gezinsplan")
    return {"uuid": voeg_bijlage_toe(opp, "Gezinsplan", bestand, door=opp.gemaakt_door).uuid}


def gezinsplan_kwargs():
    from opp.demo import DEMO_GEZINSPLAN

    return {"uuid": DEMO_GEZINSPLAN}


def gezinsplan_delen(met_school: bool = True, met_tom: bool = False) -> None:
    """The parents' consent to share Sam's gezinsplan with his school (docs/opp.md,
    "Gezinsplan"); `met_tom`: and to let Tom Verbeek (toegang@demo.nl, Jeugdteam Leiden,
    who holds regie over the demo plan) read the OPP, so Sam is within his reach."""
    from accounts.models import Informatiesoort, Lidmaatschap
    from accounts.services import beantwoord_toestemming, vraag_toestemming

    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    ib = user_by_email("ib@demo.nl")
    vragen = []
    if met_school:
        vragen.append(({"ontvanger_organisatie": sam.school}, Informatiesoort.GEZINSPLAN))
    if met_tom:
        tom = Lidmaatschap.objects.get(user__email="toegang@demo.nl")
        vragen.append(
            (
                {"ontvanger_organisatie": tom.organisatie, "ontvanger": tom.user},
                Informatiesoort.OPP_INZAGE,
            )
        )
    for ontvanger, soort in vragen:
        for rij in vraag_toestemming(sam, door=ib, soorten=[soort], **ontvanger):
            beantwoord_toestemming(rij, door=rij.gever, geven=True)


def gezinsplanbestand_kwargs():
    """A file of Sam's demo gezinsplan, added by Tom Verbeek."""
    from opp.models import Gezinsplan, GezinsplanBijlage
    from opp.services import bewaar_gezinsplan

    plan = Gezinsplan.objects.get(uuid=gezinsplan_kwargs()["uuid"])
    bewaar_gezinsplan(
        plan,
        door=plan.regievoerder,
        bewerkingen=plan.bewerkingen,
        regievoerder=plan.regievoerder,
        doelen=plan.doelen,
        datum=plan.datum,
        status=plan.status,
        bestand=pdf("gezinsplan.pdf", "gezinsplan"),
    )
    return {"uuid": GezinsplanBijlage.objects.filter(gezinsplan=plan).latest("pk").uuid}


def gezinsplan_met_tom_kwargs():
    gezinsplan_delen(met_school=False, met_tom=True)
    return gezinsplan_kwargs()


def gezinsplanbijlage_kwargs():
    """An OPP attachment marked as the gezinsplan (shared only with consent, docs/opp.md)."""
    from opp.models import Opp
    from opp.services import voeg_bijlage_toe

    opp = Opp.objects.get(leerling__voornaam="Sam", versie=1)
    bestand = pdf("gezinsplan.pdf", "gezinsplan")
    bijlage = voeg_bijlage_toe(
        opp, "Gezinsplan", bestand, door=opp.gemaakt_door, is_gezinsplan=True
    )
    return {"uuid": bijlage.uuid}


def jeugdhulp_traject_kwargs():
    from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam

    return {"uuid": traject_met_jeugdteam().uuid}


def jeugdhulp_kwargs():
    from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam

    return {"uuid": begeleiding(traject_met_jeugdteam()).uuid}


def thuiszitter_kwargs():
    from fasenmodel.demo import DEMO_THUISZITTER_REGENBOOG

    return {"uuid": DEMO_THUISZITTER_REGENBOOG}


def vrijstelling_kwargs():
    from fasenmodel.demo import DEMO_VRIJSTELLING

    return {"uuid": DEMO_VRIJSTELLING}


def tlv_kwargs(naam):
    def kwargs():
        from arrangeren.tlv import demo

        return {"uuid": getattr(demo, naam)}

    return kwargs


def tlv_bijlage_kwargs():
    from arrangeren.tlv import services
    from arrangeren.tlv.demo import DEMO_TLV_CONCEPT
    from arrangeren.tlv.models import TlvAanvraag

    bijlage = services.voeg_tlv_bijlage_toe(
        TlvAanvraag.objects.get(uuid=DEMO_TLV_CONCEPT),
        "Advies",
        pdf("advies.pdf", "advies"),
        door=user_by_email("ib@demo.nl"),
    )
    return {"uuid": bijlage.uuid}


def traject_kwargs():
    return {"uuid": _sam_traject().uuid}


def mdo_kwargs():
    return {"uuid": _sam_mdo().uuid}


def stuk_kwargs():
    from arrangeren.route.services import upload_stuk

    mdo = _sam_mdo()
    bestand = pdf("verslag.pdf", "testinhoud")
    return {"uuid": upload_stuk(mdo, "Verslag", bestand, door=mdo.voorzitter).uuid}


def mislukt_bericht_van(email):
    from accounts.models import Bericht

    return Bericht.objects.create(
        aan="onbekend@voorbeeld.nl",
        onderwerp="Uitnodiging voor een MDO",
        tekst="Tekst",
        sjabloon="arrangeren/email/uitnodiging.txt",
        status=Bericht.Status.MISLUKT,
        pogingen=6,
        veroorzaakt_door=user_by_email(email),
    )


def melding_kwargs(email="ib@demo.nl"):
    """An unread notification of ib@demo.nl (docs/meldingen.md): only she opens it."""
    from accounts.models import Notificatie

    melding = Notificatie.objects.create(
        ontvanger=user_by_email(email), soort="mdo_uitnodiging", link="/"
    )
    return {"uuid": melding.uuid}


def ongelezen_melding_kwargs():
    melding_kwargs()
    return {}
