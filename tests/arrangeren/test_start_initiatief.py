"""Who starts integraal arrangeren: the school after its own support route, or the
jeugdteam on a signal from outside education, which then involves the school."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from guardian.shortcuts import assign_perm

from accounts.models import Lidmaatschap, Notificatie
from arrangeren.route.models import Traject
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import STARTS, Initiatief, JeugdteamVoorwaarde, Voorwaarde

pytestmark = pytest.mark.django_db

SCHOOL = {v.value: "ja" for v in Voorwaarde}
JEUGDTEAM = {v.value: "ja" for v in JeugdteamVoorwaarde}
SIGNAAL = "Moeder meldt bij het jeugdteam dat Sam 's nachts niet slaapt en thuis ontploft."


@pytest.fixture
def jeugdteam(db, sam) -> Lidmaatschap:
    """The jeugdteam of Sam's municipality, with the reach the parents' consent gives."""
    lid = Lidmaatschap.objects.select_related("organisatie", "user").get(
        user__email="jeugdteam@demo.nl"
    )
    assign_perm("accounts.view_leerling", lid.user, sam)
    return lid


@pytest.fixture
def ib(db) -> Lidmaatschap:
    return Lidmaatschap.objects.select_related("organisatie", "user").get(user__email="ib@demo.nl")


def test_the_jeugdteam_starts_on_its_own_conditions_not_the_schools_route(sam, jeugdteam):
    """Routekaart integraal arrangeren, Toelichting: "Wordt er iets gesignaleerd buiten het
    onderwijs? Dan neemt medewerker jeugdteam het initiatief om tot een plan te komen en
    betrekken zij school." The school's own route ("Voordat er gestart wordt met integraal
    arrangeren is de route van de eigen ondersteuningsstructuur van de school gevolgd ...")
    is the school's precondition, not one the jeugdteam can confirm."""
    traject = open_traject(
        leerling=sam,
        door=jeugdteam.user,
        namens=jeugdteam,
        voorwaarden=JEUGDTEAM,
        aanleiding=SIGNAAL,
    )
    assert traject.initiatief == Initiatief.JEUGDTEAM
    assert traject.aanleiding == SIGNAAL
    assert traject.regievoerder == jeugdteam.organisatie
    assert {v.voorwaarde for v in traject.voorwaarden.all()} == set(JeugdteamVoorwaarde.values)


def test_the_jeugdteam_describes_the_signal_and_confirms_its_conditions(sam, jeugdteam):
    with pytest.raises(ValidationError, match="gesignaleerd"):
        open_traject(leerling=sam, door=jeugdteam.user, namens=jeugdteam, voorwaarden=JEUGDTEAM)
    with pytest.raises(ValidationError) as fout:
        open_traject(
            leerling=sam,
            door=jeugdteam.user,
            namens=jeugdteam,
            voorwaarden=SCHOOL,  # the school's route is no substitute for its own
            aanleiding=SIGNAAL,
        )
    assert JeugdteamVoorwaarde.OUDERS.label in fout.value.messages
    assert not Traject.objects.filter(leerling=sam).exists()


def test_the_schools_coordinators_are_told_and_see_who_started_it_and_why(
    client, login, sam, jeugdteam
):
    traject = open_traject(
        leerling=sam,
        door=jeugdteam.user,
        namens=jeugdteam,
        voorwaarden=JEUGDTEAM,
        aanleiding=SIGNAAL,
    )
    melding = Notificatie.objects.get(ontvanger__email="ib@demo.nl", soort="traject_jeugdteam")
    assert melding.link == reverse("arrangeren:traject_detail", args=[traject.uuid])
    assert not Notificatie.objects.filter(
        ontvanger=jeugdteam.user, soort="traject_jeugdteam"
    ).exists()
    html = login("ib@demo.nl").get(melding.link).content.decode()
    assert "Het jeugdteam (signaal buiten het onderwijs)" in html
    assert jeugdteam.organisatie.naam in html
    assert "Sam &#x27;s nachts niet slaapt" in html or "Sam 's nachts niet slaapt" in html


def test_the_school_starts_after_its_own_route_and_nobody_is_told(sam, ib):
    traject = open_traject(leerling=sam, door=ib.user, namens=ib, voorwaarden=SCHOOL)
    assert traject.initiatief == Initiatief.SCHOOL and traject.aanleiding == ""
    assert traject.regievoerder == sam.school
    assert {v.voorwaarde for v in traject.voorwaarden.all()} == set(Voorwaarde.values)
    assert not Notificatie.objects.filter(soort="traject_jeugdteam").exists()


def test_the_start_table_names_each_initiatives_conditions():
    assert STARTS[Initiatief.SCHOOL].voorwaarden == tuple(Voorwaarde)
    assert STARTS[Initiatief.JEUGDTEAM].voorwaarden == tuple(JeugdteamVoorwaarde)
    assert STARTS[Initiatief.JEUGDTEAM].aanleiding_verplicht
    assert not STARTS[Initiatief.SCHOOL].aanleiding_verplicht


def test_the_open_page_asks_each_their_own_conditions(client, login, sam, jeugdteam):
    url = reverse("arrangeren:traject_open", args=[sam.uuid])
    jeugdteam_html = login("jeugdteam@demo.nl").get(url).content.decode()
    assert JeugdteamVoorwaarde.SIGNAAL.label in jeugdteam_html
    assert Voorwaarde.EIGEN_ROUTE.label not in jeugdteam_html
    school_html = login("ib@demo.nl").get(url).content.decode()
    assert Voorwaarde.EIGEN_ROUTE.label in school_html
    assert JeugdteamVoorwaarde.SIGNAAL.label not in school_html


def test_the_jeugdteam_opens_through_the_page(client, login, sam, jeugdteam):
    client = login("jeugdteam@demo.nl")
    data = dict.fromkeys(JEUGDTEAM, "on") | {"aanleiding": SIGNAAL}
    response = client.post(reverse("arrangeren:traject_open", args=[sam.uuid]), data)
    traject = Traject.objects.get(leerling=sam)
    assert response.status_code == 302
    assert traject.initiatief == Initiatief.JEUGDTEAM and traject.aanleiding == SIGNAAL
