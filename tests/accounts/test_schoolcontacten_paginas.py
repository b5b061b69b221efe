"""What users notice of a school's contactpersonen: the pupil page, the OPP page, the
vaste contactpersoon's work list and the MDO planner's circle; and what schools call the
ondersteuningscoördinator (docs/rollen.md, "Contactpersonen van een school", "Wat scholen
zeggen")."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts.models import Gezag, Informatiesoort, Lidmaatschap, Organisatie
from accounts.rollen import Rol, rol_uit_naam
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route.personen import betrokken
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import Voorwaarde
from opp.services import maak_opp
from tests.conftest import login_verified, user_by_email
from tests.factories import GezagFactory, LeerlingFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db

VERA = "contactpersoon.sbo@demo.nl"  # the demo's vaste contactpersoon of SBO De Brug


@pytest.fixture
def brug():
    """A pupil of SBO De Brug with a parent, and the school's coördinator."""
    school = Organisatie.objects.get(naam="SBO De Brug")
    ib = LidmaatschapFactory(organisatie=school, rol=Rol.ONDERSTEUNINGSCOORDINATOR)
    leerling = LeerlingFactory(school=school, voornaam="Fenna", achternaam="Brugman")
    GezagFactory(leerling=leerling, relatie=Gezag.Relatie.MOEDER)
    return leerling, ib


def _toestemming(leerling, door):
    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        leerling,
        door=door,
        ontvanger_organisatie=jeugdteam,
        soorten=[Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


def test_pupil_page_names_the_schools_contactpersoon_gemeentelijke_toegang(client, sam):
    """Regionale afspraken Duin- en Bollenstreek, Leidende principes 2: "Elke school heeft
    een contactpersoon binnen de gemeentelijke toegang om vroegtijdig mee op te kunnen
    trekken"."""
    login_verified(client, user_by_email("ib@demo.nl"))
    html = client.get(reverse("accounts:leerling_detail", kwargs={"uuid": sam.uuid}))
    html = html.content.decode()
    assert "<dt>Contactpersoon gemeentelijke toegang</dt>" in html
    assert "Joyce El Amrani (Jeugdteam Leiden (demo))" in html


def test_opp_page_names_the_vaste_contactpersoon_as_responsible_for_the_hulpverlening(client, brug):
    """Holland Rijnland Methode, stap 2: the vaste contactpersoon "Is verantwoordelijk voor
    het hulpverleningsonderdeel van het OPP. De eindverantwoording van het plan ligt bij de
    school." Before, the OPP page named nobody for that part."""
    leerling, ib = brug
    opp = maak_opp(leerling, door=ib.user)
    login_verified(client, ib.user)
    html = client.get(reverse("opp:opp_detail", kwargs={"uuid": opp.uuid})).content.decode()
    assert (
        "Verantwoordelijk voor het hulpverleningsonderdeel: Vera Jansen (Jeugdteam Leiden "
        "(demo)), vaste contactpersoon S(B)O. De eindverantwoording van het plan ligt bij de "
        "school." in html
    )


def test_opp_page_of_a_regular_school_names_no_vaste_contactpersoon(client, sam):
    from opp.models import Opp

    opp = Opp.objects.filter(leerling=sam).first()
    login_verified(client, user_by_email("ib@demo.nl"))
    html = client.get(reverse("opp:opp_detail", kwargs={"uuid": opp.uuid})).content.decode()
    assert "Verantwoordelijk voor het hulpverleningsonderdeel" not in html


def test_vaste_contactpersoon_sees_trajecten_without_a_jeugdteam_at_the_table(client, brug):
    """Holland Rijnland Methode, stap 2: she "analyseert samen met school de
    ondersteuningsvraag" - an open traject of her school with no jeugdteam invited is on
    her work list, but only once the parents' consent lets her see the pupil."""
    leerling, ib = brug
    open_traject(
        leerling=leerling,
        door=ib.user,
        namens=ib,
        voorwaarden={v.value: "ja" for v in Voorwaarde},
    )
    login_verified(client, user_by_email(VERA))
    html = client.get(reverse("home")).content.decode()
    assert "Fenna Brugman" not in html  # no consent: no reach, no name
    _toestemming(leerling, ib.user)
    html = client.get(reverse("home")).content.decode()
    assert "Als vaste contactpersoon S(B)O" in html
    assert "nog niemand van het jeugdteam uitgenodigd" in html
    assert "Fenna Brugman" in html


def test_vaste_contactpersoon_sees_opps_whose_evaluation_is_due(client, brug):
    """Holland Rijnland Methode, stap 2: she "evalueert en stelt het hulpverleningsonderdeel
    bij"."""
    leerling, ib = brug
    opp = maak_opp(leerling, door=ib.user)
    from opp.models import Opp

    Opp.objects.filter(pk=opp.pk).update(
        status=Opp.Status.VASTGESTELD, evaluatiedatum=date.today() + timedelta(days=7)
    )
    _toestemming(leerling, ib.user)
    login_verified(client, user_by_email(VERA))
    html = client.get(reverse("home")).content.decode()
    assert "Hulpverleningsonderdeel evalueren" in html
    assert "OPP Fenna Brugman" in html


def test_mdo_circle_holds_the_schools_contactpersonen(brug):
    leerling, ib = brug
    traject = open_traject(
        leerling=leerling,
        door=ib.user,
        namens=ib,
        voorwaarden={v.value: "ja" for v in Voorwaarde},
    )
    emails = {lid.user.email for lid in betrokken(traject)}
    assert VERA in emails
    assert "jeugdteam@demo.nl" in emails


# What schools call the role ---------------------------------------------------------------


@pytest.mark.parametrize(
    "naam",
    [
        "IB'er",
        "IB\u2019er",  # a typographic apostrophe
        "intern begeleider",
        "Intern Begeleider",
        "zorgcoördinator",
        "Zorgcoordinator",
        "coördinator passend onderwijs",
        "Ondersteuningscoördinator",
        "ondersteuningscoordinator",
    ],
)
def test_what_schools_call_the_ondersteuningscoordinator_is_understood(naam):
    """Regionale afspraken Duin- en Bollenstreek, Toelichting: "Ondersteuningscoördinator/
    coördinator passend onderwijs/ intern begeleider"; Samen om het kind (deel 3) speaks of
    "intern begeleider" and "zorgcoördinatoren"."""
    assert rol_uit_naam(naam) == Rol.ONDERSTEUNINGSCOORDINATOR


def test_an_unknown_role_name_is_no_role():
    assert rol_uit_naam("bakker") is None
    assert rol_uit_naam("") is None


def test_role_picker_names_the_ib_er(client):
    login_verified(client, user_by_email("schoolbeheer@demo.nl"))
    html = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert "Ondersteuningscoördinator (IB&#x27;er)" in html
    assert Lidmaatschap.objects.filter(user__email="ib@demo.nl").get().get_rol_display() == (
        "Ondersteuningscoördinator (IB'er)"
    )
