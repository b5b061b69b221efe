"""Consent decides content, not only pages: goal lists, redirects and counts show an
outside party only what its consent covers (docs/toestemming.md, "What consent gates")."""

import pytest
from django.urls import reverse

from accounts.models import Informatiesoort, Organisatie
from accounts.services import beantwoord_toestemming, vraag_toestemming
from opp.models import Opp
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam
from tests.conftest import user_by_email

DOELTEKST = "Sam herkent spanning en vraagt zelf om een time-out."


def geef(leerling, *soorten):
    """The jeugdteam's consent of these kinds, given by every required giver."""
    for rij in vraag_toestemming(
        leerling,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        soorten=list(soorten),
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)


@pytest.fixture
def traject(db):
    traject = traject_met_jeugdteam()
    geef(traject.leerling, Informatiesoort.VOORBEREIDINGSSTUKKEN)
    return traject


def test_the_jeugdteam_without_opp_consent_sees_no_goal_in_the_jeugdhulp_form(
    client, login, traject
):
    login("jeugdteam@demo.nl")
    opp = Opp.objects.get(leerling=traject.leerling)
    assert client.get(reverse("opp:opp_detail", args=[opp.uuid])).status_code == 404
    response = client.get(reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid]))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert DOELTEKST not in inhoud
    assert "toestemming" in inhoud and "inzage in het OPP" in inhoud


def test_with_opp_consent_the_jeugdteam_sees_the_goals(client, login, traject):
    geef(traject.leerling, Informatiesoort.OPP_INZAGE)
    login("jeugdteam@demo.nl")
    response = client.get(reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid]))
    assert DOELTEKST in response.content.decode()


def test_a_goal_the_jeugdteam_may_not_read_cannot_be_posted(client, login, traject):
    opp = Opp.objects.get(leerling=traject.leerling)
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_registreren", args=[traject.uuid]),
        {
            "soort": "begeleiding",
            "aanbieder": Organisatie.objects.get(naam="Jeugdteam Leiden (demo)").pk,
            "start": "2026-01-05",
            "geplande_einde": "2026-06-01",
            "uren_per_week": "2",
            "financiering": "gemeente",
            "doelen": [opp.doelen.first().pk],
        },
    )
    assert response.status_code == 200
    assert not traject.jeugdhulp.exists()


def test_the_jeugdhulp_page_shows_goal_texts_only_with_opp_consent(client, login, traject):
    inzet = begeleiding(traject)
    url = reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid])
    login("jeugdteam@demo.nl")
    inhoud = client.get(url).content.decode()
    assert DOELTEKST not in inhoud
    assert "alleen ziet met toestemming van de ouders voor inzage in het OPP" in inhoud
    geef(traject.leerling, Informatiesoort.OPP_INZAGE)
    assert DOELTEKST in client.get(url).content.decode()
    login("ib@demo.nl")
    assert DOELTEKST in client.get(url).content.decode()


def test_the_opp_link_answers_404_alike_for_a_hidden_and_a_missing_opp(
    client, login, traject, noor
):
    login("jeugdteam@demo.nl")
    verborgen = client.get(reverse("opp:leerling_opp", args=[traject.leerling.uuid]))
    assert verborgen.status_code == 404
    geef(noor, Informatiesoort.MDO_DEELNAME)
    assert not Opp.objects.filter(leerling=noor).exists()
    ontbrekend = client.get(reverse("opp:leerling_opp", args=[noor.uuid]))
    assert ontbrekend.status_code == 404


def test_with_opp_consent_the_opp_link_opens_the_opp(client, login, traject):
    geef(traject.leerling, Informatiesoort.OPP_INZAGE)
    login("jeugdteam@demo.nl")
    response = client.get(reverse("opp:leerling_opp", args=[traject.leerling.uuid]))
    assert response.status_code == 302


def test_the_swv_overview_counts_no_concept_requests(client, login, db):
    login("swv@demo.nl")
    inhoud = client.get(reverse("arrangeren:tlv_overzicht")).content.decode()
    assert "Concept" not in inhoud
