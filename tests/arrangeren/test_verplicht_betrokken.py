"""Parties the pupil's situation requires at the MDO: proposed with the reason, warned
about when missing, never invited by themselves; leerplicht joins the invite circle only
while it is required, and only the office of the school's municipality."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap, Organisatie
from accounts.rollen import Rol, Soort
from arrangeren.route.betrokkenheid import (
    VERPLICHT_BETROKKEN,
    Kenmerk,
    Partij,
    Situatie,
    vereist,
)
from arrangeren.route.models import Traject
from arrangeren.route.personen import in_de_kring
from arrangeren.route.services import open_traject, plan_mdo, voeg_genodigde_toe, zet_kenmerken
from arrangeren.route.stappen import Voorwaarde
from arrangeren.route.voorstellen import voorstellen
from fasenmodel.models import Thuiszitter
from tests.arrangeren.route_helpers import naar_stap_2
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ib(db) -> Lidmaatschap:
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def traject(sam, ib) -> Traject:
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    naar_stap_2(traject, ib.user)
    return traject


@pytest.fixture
def mdo(traject, ib):
    start = timezone.now() + timedelta(days=10)
    return plan_mdo(
        traject,
        {"doel": "Plan maken", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib.user,
    )


def thuis(sam):
    leerplicht = Lidmaatschap.objects.get(user__email="leerplicht@demo.nl")
    return Thuiszitter.objects.create(
        leerling=sam,
        sinds=timezone.localdate() - timedelta(days=30),
        soort="relatief",
        ingevoerd_door=leerplicht.user,
    )


def test_the_table_maps_each_situation_to_its_party_with_the_regions_words():
    assert vereist([Situatie.THUISZITTER]) == {
        Partij.SWV: [Situatie.THUISZITTER],
        Partij.LEERPLICHT: [Situatie.THUISZITTER],
    }
    for situatie in (Situatie.RISICOGEDRAG, Situatie.COMPLEX, Situatie.ONTHEFFING):
        assert vereist([situatie]) == {Partij.SWV: [situatie]}
    assert vereist([Situatie.VERZUIM]) == {Partij.LEERPLICHT: [Situatie.VERZUIM]}
    assert vereist([]) == {}
    assert all(regel.bron for regel in VERPLICHT_BETROKKEN)
    # Every kenmerk the school records is a situation of the table.
    assert set(Kenmerk.values) <= {regel.situatie for regel in VERPLICHT_BETROKKEN}


def test_a_thuiszitter_makes_the_planner_propose_swv_and_leerplicht_without_inviting(
    client, login, sam, mdo
):
    """Routekaart integraal arrangeren, Toelichting: "Het SWV wordt in ieder geval bij de
    volgende situaties ook altijd betrokken: thuiszittersproblematiek, risicogedrag,
    complexe casuïstiek en ontheffing van leerplicht"; leerrecht/leerplicht "als er verzuim
    aan de orde is". The planner proposes them with the reason; it does not invite."""
    thuis(sam)
    genodigden = set(mdo.genodigden.values_list("pk", flat=True))
    html = login("ib@demo.nl").get(reverse("arrangeren:mdo_detail", args=[mdo.uuid]))
    html = html.content.decode()
    assert "Voorgesteld: SWV \u2013 thuiszittersproblematiek" in html
    assert "Voorgesteld: Leerplicht \u2013 thuiszittersproblematiek" in html
    assert "SWV staat nog niet op de lijst" in html
    assert "Leerplicht staat nog niet op de lijst" in html
    assert set(mdo.genodigden.values_list("pk", flat=True)) == genodigden  # no auto-invite


def test_the_warning_goes_once_the_party_is_on_the_list(client, login, sam, mdo, ib):
    zet_kenmerken(mdo.traject, [Kenmerk.RISICOGEDRAG], door=ib.user)
    mdo.traject.refresh_from_db()
    [voorstel] = voorstellen(mdo.traject, list(mdo.genodigden.all()))
    assert voorstel.partij == Partij.SWV and voorstel.reden == "risicogedrag"
    consulent = voorstel.leden[0]
    voeg_genodigde_toe(mdo, consulent.user, consulent.organisatie, door=ib.user)
    html = login("ib@demo.nl").get(reverse("arrangeren:mdo_detail", args=[mdo.uuid]))
    html = html.content.decode()
    assert "Voorgesteld: SWV \u2013 risicogedrag (staat op de lijst)" in html
    assert "SWV staat nog niet op de lijst" not in html


def test_no_situation_no_proposal(mdo):
    assert voorstellen(mdo.traject, list(mdo.genodigden.all())) == []


def test_leerplicht_joins_the_circle_only_while_required_and_only_its_own_office(sam, mdo, ib):
    traject = mdo.traject
    leerplicht = Lidmaatschap.objects.get(user__email="leerplicht@demo.nl")
    # Another municipality's leerplicht office and another SWV's consultant.
    elders = Organisatie.objects.create(naam="Gemeente Elders", soort=Soort.GEMEENTE)
    kantoor = Organisatie.objects.create(
        naam="Leerplicht Elders", soort=Soort.LEERPLICHT, gemeente=elders
    )
    ander_leerplicht = LidmaatschapFactory(
        user=UserFactory(), organisatie=kantoor, rol=Rol.LEERPLICHTAMBTENAAR
    )
    ander_swv = Organisatie.objects.create(naam="SWV Elders", soort=Soort.SWV, code="XX-1")
    andere_consulent = LidmaatschapFactory(
        user=UserFactory(), organisatie=ander_swv, rol=Rol.CONSULENT_SWV
    )

    def kring():
        return set(in_de_kring(traject).values_list("pk", flat=True))

    assert leerplicht.pk not in kring()
    zet_kenmerken(traject, [Kenmerk.VERZUIM], door=ib.user)
    traject.refresh_from_db()
    assert leerplicht.pk in kring()
    assert ander_leerplicht.pk not in kring() and andere_consulent.pk not in kring()

    zet_kenmerken(traject, [], door=ib.user)
    traject.refresh_from_db()
    assert leerplicht.pk not in kring()
    thuis(sam)
    assert leerplicht.pk in kring()  # the register counts too
    assert ander_leerplicht.pk not in kring() and andere_consulent.pk not in kring()


def test_the_proposed_leerplicht_officer_can_be_added_from_the_page(client, login, sam, mdo):
    thuis(sam)
    leerplicht = Lidmaatschap.objects.get(user__email="leerplicht@demo.nl")
    client = login("ib@demo.nl")
    url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    client.post(url, {"actie": "genodigde_toevoegen", "lidmaatschap": leerplicht.pk})
    assert mdo.genodigden.filter(user=leerplicht.user).exists()


def test_the_coordinator_records_what_plays(client, login, traject):
    client = login("ib@demo.nl")
    url = reverse("arrangeren:traject_kenmerken", args=[traject.uuid])
    assert Kenmerk.COMPLEX.label in client.get(url).content.decode()
    response = client.post(
        url, {"kenmerken": [Kenmerk.COMPLEX, Kenmerk.VERZUIM], "versie": traject.versie}
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.kenmerken == [Kenmerk.VERZUIM, Kenmerk.COMPLEX]
    html = client.get(reverse("arrangeren:traject_detail", args=[traject.uuid])).content
    assert "Langdurig of ongeoorloofd schoolverzuim, Complexe casuïstiek" in html.decode()
