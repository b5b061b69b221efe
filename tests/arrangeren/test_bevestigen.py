"""Removing an invitee, a goal or an inzet asks first, without JavaScript: the first post
removes nothing and shows the question; the post that confirms (bevestig=1) removes."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route import services
from arrangeren.route.models import Afspraak, Doel, Genodigde
from arrangeren.route.services import open_traject, plan_mdo, voeg_genodigde_toe
from arrangeren.route.stappen import Voorwaarde
from arrangeren.route.uitkomsten import laatste_verslag
from opp.models import Inzet, Opp, OppDoel
from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit
from tests.conftest import user_by_email


@pytest.fixture
def ib(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def traject(sam, ib):
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    return naar_stap_2(traject, ib.user)


def bevestigknop(html: str) -> dict:
    """The hidden fields of the confirmation form: what the "Ja, …" button sends."""
    formulieren = re.findall(r'<form method="post"[^>]*>(.*?)</form>', html, re.S)
    formulier = next(f for f in formulieren if 'name="bevestig"' in f)
    velden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', formulier))
    velden.pop("csrfmiddlewaretoken", None)
    return velden


def vraag_en_bevestig(client, url: str, data: dict, vraag: str):
    eerste = client.post(url, data)
    assert eerste.status_code == 200
    html = eerste.content.decode()
    assert vraag in html
    assert "Nee, terug zonder iets te verwijderen" in html
    velden = bevestigknop(html)
    assert velden["bevestig"] == "1"
    return lambda: client.post(url, velden)


def test_removing_an_invitee_asks_first_then_removes(client, login, traject, ib):
    start = timezone.now() + timedelta(days=10)
    mdo = plan_mdo(
        traject,
        {"doel": "Plan", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib.user,
    )
    mentor = user_by_email("mentor@demo.nl")
    genodigde = mdo.genodigden.filter(user=mentor).first() or voeg_genodigde_toe(
        mdo, mentor, ib.organisatie, door=ib.user
    )
    login("ib@demo.nl")
    url = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    bevestig = vraag_en_bevestig(
        client,
        url,
        {"actie": "genodigde_verwijderen", "genodigde": genodigde.pk},
        f"{genodigde.naam} van de lijst met genodigden halen?",
    )
    assert Genodigde.objects.filter(pk=genodigde.pk).exists()  # nothing removed yet
    assert bevestig().status_code == 302
    assert not Genodigde.objects.filter(pk=genodigde.pk).exists()


def test_removing_a_goal_and_an_inzet_of_the_report_asks_first(client, login, traject, ib):
    mdo = plan_en_nodig_uit(traject, ib.user)
    verslag = laatste_verslag(mdo)
    doel = services.voeg_doel_toe(
        verslag, door=ib.user, domein="emotieregulatie", soort="beide", omschrijving="Rustig"
    )
    afspraak = services.voeg_afspraak_toe(
        doel, door=ib.user, inzet="Time-out", uitvoerder="IB", vanaf=date(2026, 1, 1)
    )
    login("ib@demo.nl")
    url = reverse("arrangeren:verslag", args=[mdo.uuid])
    bevestig = vraag_en_bevestig(
        client,
        url,
        {"actie": "afspraak_verwijderen", "afspraak": afspraak.pk},
        "Inzet “Time-out” verwijderen?",
    )
    assert Afspraak.objects.filter(pk=afspraak.pk).exists()
    bevestig()
    assert not Afspraak.objects.filter(pk=afspraak.pk).exists()
    bevestig = vraag_en_bevestig(
        client, url, {"actie": "doel_verwijderen", "doel": doel.pk}, "Doel “Rustig” verwijderen?"
    )
    assert Doel.objects.filter(pk=doel.pk).exists()
    bevestig()
    assert not Doel.objects.filter(pk=doel.pk).exists()


def test_removing_a_goal_and_an_inzet_of_the_opp_asks_first(client, login, sam):
    opp = Opp.objects.get(leerling=sam, versie=1)
    doel = opp.doelen.first()
    inzet = Inzet.objects.create(
        doel=doel, wat="Extra begeleiding", wie="Mentor", vanaf=date(2026, 1, 1)
    )
    login("ib@demo.nl")
    bevestig = vraag_en_bevestig(
        client,
        reverse("opp:inzet_verwijderen", args=[opp.uuid]),
        {"inzet": inzet.pk},
        "Inzet “Extra begeleiding” verwijderen?",
    )
    assert Inzet.objects.filter(pk=inzet.pk).exists()
    assert bevestig().status_code == 302
    assert not Inzet.objects.filter(pk=inzet.pk).exists()
    bevestig = vraag_en_bevestig(
        client, reverse("opp:doel_verwijderen", args=[opp.uuid]), {"doel": doel.pk}, "verwijderen?"
    )
    assert OppDoel.objects.filter(pk=doel.pk).exists()
    bevestig()
    assert not OppDoel.objects.filter(pk=doel.pk).exists()
