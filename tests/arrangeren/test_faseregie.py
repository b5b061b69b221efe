"""Issue 17, misreading 8: the regie per phase of the fasenmodel, proposed where a phase is
recorded and on the traject; phase 4 always has an OPP. Source: Regionale afspraken
Duin- en Bollenstreek, Fasenmodel onderwijszorg-continuüm."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap, Organisatie, User
from accounts.rollen import Soort
from arrangeren.route.faseregie import faseregie, zonder_opp
from arrangeren.route.services import draag_regie_over, open_traject
from arrangeren.route.stappen import Voorwaarde
from fasenmodel import services as fasenmodel_services
from fasenmodel.fasen import FASEN, Regiehouder
from tests.factories import LeerlingFactory


@pytest.fixture
def ib(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


def plaats(leerling, lid, fase):
    return fasenmodel_services.registreer_plaatsing(
        leerling,
        fase=fase,
        startdatum=timezone.localdate(),
        locatiesoort="zorglocatie",
        locatie="Zorgaanbieder De Horizon (demo)",
        reden="Besproken in het MDO.",
        door=lid.user,
        namens=lid,
    )


def test_regie_per_phase_as_in_the_fasenmodel():
    """Fasenmodel, per phase: 6 and 5 "Regie plan bij school."; 4 (OZA) "Gezamenlijke regie
    plan en bekostiging."; 3 (ZOA) "Regie plan bij zorg in afstemming met het onderwijs.";
    2-1 (Zorg) "Regie plan bij zorg." Phases 4 to 1 propose a handover of the regie."""
    regie = {n: f.regie_bij for n, f in FASEN.items()}
    assert regie == {
        6: Regiehouder.SCHOOL,
        5: Regiehouder.SCHOOL,
        4: Regiehouder.GEZAMENLIJK,
        3: Regiehouder.ZORG,
        2: Regiehouder.ZORG,
        1: Regiehouder.ZORG,
    }
    assert "Gezamenlijke regie plan en bekostiging" in FASEN[4].regie_bron
    assert "Regie plan bij zorg in afstemming met" in FASEN[3].regie_bron
    assert [n for n, f in FASEN.items() if f.regievoorstel] == [4, 3, 2, 1]


def test_phase_page_proposes_the_handover_and_the_traject_says_it_until_it_is_done(login, sam, ib):
    """Fasenmodel, fase 3: "Regie plan bij zorg in afstemming met het onderwijs." A
    placement in phase 3 proposes handing the regie to the care side; the traject page says
    so while the school still holds the traject's regie."""
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    client = login("ib@demo.nl")
    antwoord = client.post(
        reverse("fasenmodel:leerling_fase", args=[sam.uuid]),
        {
            "fase": 3,
            "startdatum": timezone.localdate().isoformat(),
            "locatiesoort": "zorglocatie",
            "locatie": "Zorgaanbieder De Horizon (demo)",
            "reden": "Besproken in het MDO.",
        },
        follow=True,
    )
    inhoud = antwoord.content.decode()
    assert "ligt de regie over het plan bij de zorg" in inhoud
    assert reverse("arrangeren:traject_detail", args=[traject.uuid]) in inhoud
    pagina = client.get(reverse("arrangeren:traject_detail", args=[traject.uuid]))
    assert "Volgens het fasenmodel (fase 3) ligt de regie bij de zorg" in pagina.content.decode()
    jeugdteam = Organisatie.objects.filter(soort=Soort.JEUGDTEAM).first()
    draag_regie_over(traject, jeugdteam, door=ib.user, reden="De zorg voert de regie.")
    traject.refresh_from_db()
    assert faseregie(traject).past
    pagina = client.get(reverse("arrangeren:traject_detail", args=[traject.uuid]))
    assert "Volgens het fasenmodel (fase" not in pagina.content.decode()


def test_shared_regie_in_phase_4_fits_school_or_jeugdteam(sam, ib):
    """Fasenmodel, fase 4 (OZA): "Gezamenlijke regie plan en bekostiging." Either party
    may voer the traject's regie; the page proposes agreeing who."""
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    plaats(sam, ib, 4)
    regie = faseregie(traject)
    assert regie.fase == 4 and regie.past and "spreek af wie" in regie.voorstel


def test_phase_4_without_opp_is_signalled_to_school_and_swv(login, sam, ib):
    """Fasenmodel, fase 4 (OZA): "Er is altijd sprake van een OPP." """
    zonder = LeerlingFactory(school=ib.organisatie, geboortedatum=date(2015, 5, 1))
    plaats(zonder, ib, 4)
    plaats(sam, ib, 4)  # Sam has an OPP
    for email in ("ib@demo.nl", "swv@demo.nl"):
        leerlingen, _ = zonder_opp(User.objects.get(email=email))
        assert zonder in leerlingen and sam not in leerlingen
    _, gronden = zonder_opp(User.objects.get(email="swv@demo.nl"))
    assert "OZA zonder OPP" in gronden[zonder.pk].rol
    assert zonder_opp(User.objects.get(email="ib.andere@demo.nl"))[0] == []
    pagina = login("swv@demo.nl").get("/").content.decode()
    assert "Fase 4 (OZA) zonder OPP" in pagina and zonder.volledige_naam in pagina
