"""The traject, MDO and report pages as users meet them: consent gating, double clicks,
concurrent edits, and query budgets that do not grow with the number of trajecten."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie, Toestemming
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route.models import Genodigde, Mdoverslag
from arrangeren.route.services import (
    open_traject,
    plan_mdo,
    verstuur_uitnodigingen,
    voeg_genodigde_toe,
)
from arrangeren.route.stappen import Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory

ALLE_VOORWAARDEN = {v.value: "ja" for v in Voorwaarde}


@pytest.fixture
def ib_lid(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def traject(sam, ib_lid):
    return open_traject(leerling=sam, door=ib_lid.user, namens=ib_lid, voorwaarden=ALLE_VOORWAARDEN)


@pytest.fixture
def mdo(traject, ib_lid):
    naar_stap_2(traject, ib_lid.user)
    start = timezone.now() + timedelta(days=10)
    return plan_mdo(
        traject,
        {"doel": "Plan maken", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib_lid.user,
    )


@pytest.fixture
def jeugdteam(db):
    return user_by_email("jeugdteam@demo.nl")


def geef_toestemming(leerling, ontvanger, soorten, door):
    organisatie = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        leerling, door=door, ontvanger_organisatie=organisatie, ontvanger=ontvanger, soorten=soorten
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


def test_the_mdo_page_needs_the_parents_consent_for_the_jeugdteam(
    client, login, sam, mdo, ib_lid, jeugdteam
):
    url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    voeg_genodigde_toe(
        mdo, jeugdteam, jeugdteam.lidmaatschappen.get().organisatie, door=ib_lid.user
    )
    login("jeugdteam@demo.nl")
    assert client.get(url).status_code == 404  # invited, but no consent yet

    # Consent for the documents alone does not open the meeting itself.
    geef_toestemming(sam, jeugdteam, [Informatiesoort.VOORBEREIDINGSSTUKKEN], ib_lid.user)
    assert client.get(url).status_code == 404

    geef_toestemming(sam, jeugdteam, [Informatiesoort.MDO_DEELNAME], ib_lid.user)
    response = client.get(url)
    assert response.status_code == 200
    assert "Plan maken" in response.content.decode()

    # One parent withdraws: the page is gone at once.
    rij = Toestemming.objects.filter(
        soort=Informatiesoort.MDO_DEELNAME, gever=user_by_email("ouder2@demo.nl")
    ).get()
    client.force_login(rij.gever)
    from accounts.services import trek_toestemming_in

    trek_toestemming_in(rij, door=rij.gever)
    login("jeugdteam@demo.nl")
    assert client.get(url).status_code == 404


def test_a_double_click_on_uitnodigingen_versturen_sends_one_set(client, login, mdo):
    login("ib@demo.nl")
    url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    with pytest.MonkeyPatch.context():
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            first = client.post(url, {"actie": "uitnodigen"})
        with TestCase.captureOnCommitCallbacks(execute=True):
            second = client.post(url, {"actie": "uitnodigen"})
    assert first.status_code == second.status_code == 302
    ontvangers = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    # Mentor and both parents; the coördinator who sends does not mail herself.
    assert ontvangers == ["mentor@demo.nl", "ouder2@demo.nl", "ouder@demo.nl"]
    assert all(b.attachments[0][2] == "text/calendar" for b in mail.outbox)
    for bericht in mail.outbox:  # no pupil's name travels by e-mail
        assert not re.search(r"\bSam\b|Vries", bericht.subject + bericht.body)
    follow = client.get(url)
    assert "al verstuurd" in follow.content.decode()


def test_two_people_editing_the_report_the_second_gets_a_conflict_and_keeps_the_text(
    client, login, mdo, ib_lid
):
    verstuur_uitnodigingen(mdo, door=ib_lid.user)
    verslag = Mdoverslag.objects.get(mdo=mdo)
    url = reverse("arrangeren:verslag", args=[mdo.uuid])
    login("ib@demo.nl")
    basis = {"actie": "bewaren", "bewerkingen": verslag.bewerkingen}
    eerste = client.post(url, {**basis, "ondersteuningsbehoeften": "Eerste versie"})
    assert eerste.status_code == 302
    tweede = client.post(url, {**basis, "ondersteuningsbehoeften": "Mijn eigen tekst"})
    assert tweede.status_code == 409
    inhoud = tweede.content.decode()
    assert "intussen" in inhoud
    assert "Mijn eigen tekst" in inhoud  # nothing lost
    assert "Eerste versie" in inhoud  # the saved text beside it
    verslag.refresh_from_db()
    assert verslag.velden["ondersteuningsbehoeften"] == "Eerste versie"


def test_a_mdo_in_the_past_is_refused_with_a_dutch_message_and_nothing_saved(
    client, login, traject, ib_lid
):
    naar_stap_2(traject, ib_lid.user)
    login("ib@demo.nl")
    gisteren = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("arrangeren:mdo_plannen", args=[traject.uuid]),
        {
            "doel": "Overleg",
            "planning": "vast",
            "datum": gisteren.isoformat(),
            "begintijd": "10:00",
            "eindtijd": "11:00",
            "locatie": "School",
        },
    )
    assert response.status_code == 200
    assert "in het verleden" in response.content.decode()
    assert not traject.mdos.exists()


def test_an_end_before_the_start_is_refused(client, login, traject, ib_lid):
    naar_stap_2(traject, ib_lid.user)
    login("ib@demo.nl")
    morgen = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("arrangeren:mdo_plannen", args=[traject.uuid]),
        {
            "doel": "Overleg",
            "planning": "vast",
            "datum": morgen.isoformat(),
            "begintijd": "11:00",
            "eindtijd": "10:00",
            "locatie": "School",
        },
    )
    assert "eindtijd ligt vóór" in response.content.decode()
    assert not traject.mdos.exists()


def test_a_refused_step_move_shows_why(client, login, traject):
    login("ib@demo.nl")
    response = client.post(
        reverse("arrangeren:traject_actie", args=[traject.uuid, "verplaatsen"]),
        {"naar": 3, "versie": traject.versie},
        follow=True,
    )
    assert "niet overgeslagen" in response.content.decode()
    traject.refresh_from_db()
    assert traject.huidige_stap == 1


def test_every_traject_page_shows_the_regievoerder(client, login, mdo, traject):
    login("ib@demo.nl")
    for url in (
        reverse("arrangeren:traject_detail", args=[traject.uuid]),
        reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
        reverse("arrangeren:stap_bewerken", args=[traject.uuid, 1]),
        reverse("arrangeren:mdo_bewerken", args=[mdo.uuid]),
    ):
        inhoud = client.get(url).content.decode()
        assert "Regievoerder:</strong> Basisschool De Regenboog" in inhoud, url


def maak_trajecten(aantal, school, ib_lid):
    for _ in range(aantal):
        leerling = LeerlingFactory(school=school)
        GezagFactory(leerling=leerling)
        traject = open_traject(
            leerling=leerling, door=ib_lid.user, namens=ib_lid, voorwaarden=ALLE_VOORWAARDEN
        )
        naar_stap_2(traject, ib_lid.user)
        start = timezone.now() + timedelta(days=5)
        mdo = plan_mdo(
            traject,
            {"doel": "x", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
            door=ib_lid.user,
        )
        verstuur_uitnodigingen(mdo, door=ib_lid.user)
        Genodigde.objects.filter(mdo=mdo).update(uitgenodigd_op=timezone.now() - timedelta(days=5))


def queries_for(client, url):
    client.get(url)  # warm up: session and second-factor bookkeeping of a first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["home", "arrangeren:traject_list"])
def test_list_query_budget_does_not_grow_with_trajecten(client, login, ib_lid, url_name):
    login("ib@demo.nl")
    url = reverse(url_name)
    maak_trajecten(1, ib_lid.organisatie, ib_lid)
    weinig = queries_for(client, url)
    maak_trajecten(6, ib_lid.organisatie, ib_lid)
    veel = queries_for(client, url)
    assert veel == weinig
    assert veel <= 45  # home: trajecten, MDOs, OPP timers, signatures, jeugdhulp, fasen


def test_detail_query_budget_does_not_grow_with_trajecten(client, login, ib_lid, traject):
    login("ib@demo.nl")
    url = reverse("arrangeren:traject_detail", args=[traject.uuid])
    weinig = queries_for(client, url)
    maak_trajecten(5, ib_lid.organisatie, ib_lid)
    assert queries_for(client, url) == weinig <= 35


def test_coordinator_home_lists_overdue_items(client, login, ib_lid):
    maak_trajecten(1, ib_lid.organisatie, ib_lid)
    login("ib@demo.nl")
    inhoud = client.get(reverse("home")).content.decode()
    assert "Mijn werk" in inhoud
    assert "Uitnodigingen zonder antwoord" in inhoud
    assert "Voorbereiding ontbreekt" in inhoud  # the MDO is in 5 days without a leerlinggesprek


def test_parent_home_shows_consent_questions_and_meetings(
    client, login, sam, mdo, ib_lid, jeugdteam
):
    voeg_genodigde_toe(
        mdo, jeugdteam, jeugdteam.lidmaatschappen.get().organisatie, door=ib_lid.user
    )
    from arrangeren.route.services import vraag_toestemming_voor_genodigden

    vraag_toestemming_voor_genodigden(mdo, [Informatiesoort.MDO_DEELNAME], door=ib_lid.user)
    login("ouder@demo.nl")
    inhoud = client.get(reverse("home")).content.decode()
    assert "Vragen om uw toestemming" in inhoud
    assert "Jeugdteam Leiden (demo)" in inhoud
    assert "Trajecten van uw kind" in inhoud


@pytest.mark.parametrize(
    "data",
    [
        {"actie": "genodigde_verwijderen", "genodigde": "abc"},
        {"actie": "tijd_kiezen", "tijdslot": "1; DROP", "versie": "x"},
        {"actie": "onbekend"},
        {"actie": "toestemming_vragen"},
    ],
)
def test_garbage_in_mdo_actions_gets_a_message_or_404_never_a_500(client, login, mdo, data):
    login("ib@demo.nl")
    response = client.post(reverse("arrangeren:mdo_detail", args=[mdo.uuid]), data)
    assert response.status_code in (302, 404)


def test_garbage_in_report_actions_gets_a_message_not_a_500(client, login, mdo, ib_lid):
    verstuur_uitnodigingen(mdo, door=ib_lid.user)
    login("ib@demo.nl")
    url = reverse("arrangeren:verslag", args=[mdo.uuid])
    for data in (
        {"actie": "doel_verwijderen", "doel": "x"},
        {"actie": "afspraak_toevoegen", "doel": "2x"},
        {"actie": "vaststellen", "bewerkingen": "nee"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert response.context["messages"]
