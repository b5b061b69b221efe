"""The final MDO report as a PDF: its headings and goals, for whoever reads the report,
logged; out of reach or only a concept gives 404."""

import pytest
from django.urls import reverse

from accounts.models import Lidmaatschap, Toegangslog
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import stap_met
from arrangeren.route.uitkomsten import huidig_mdo
from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit, schrijf_verslag
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.conftest import user_by_email
from tests.pdftekst import objecten, tekst


@pytest.fixture
def traject(sam):
    ib = user_by_email("ib@demo.nl")
    namens = Lidmaatschap.objects.get(user=ib, organisatie__naam="Basisschool De Regenboog")
    traject = naar_stap_2(
        open_traject(leerling=sam, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN), ib
    )
    plan_en_nodig_uit(traject, ib)
    return traject


def pdf_url(traject) -> str:
    return reverse("arrangeren:verslag_pdf", args=[huidig_mdo(traject).uuid])


def test_the_final_report_as_pdf_holds_its_headings_and_goals(client, login, traject, sam):
    schrijf_verslag(traject, traject.geopend_door, vaststellen=True)
    login("ouder@demo.nl")
    voor = Toegangslog.objects.filter(leerling=sam).count()
    response = client.get(pdf_url(traject))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "verslag-mdo-versie-1.pdf" in response["Content-Disposition"]
    inhoud = tekst(response.content)
    assert "Verslag van het MDO" in inhoud
    assert sam.volledige_naam in inhoud
    assert f"Stap {stap_met('doelen').nummer}" in inhoud
    assert "Doelen en afspraken" in inhoud and "Besluiten" in inhoud
    assert "Rust" in inhoud and "Time-out plek" in inhoud  # the goal and its inzet
    assert "Besloten: samen verder" in inhoud
    # The house font is embedded (templates/includes/pdf_lettertypen.html), as in the OPP.
    assert any(
        b"/FontFamily (Source Sans 3)" in body for body in objecten(response.content).values()
    )
    regel = Toegangslog.objects.filter(leerling=sam).order_by("-pk").first()
    assert Toegangslog.objects.filter(leerling=sam).count() == voor + 1
    assert regel.onderdeel == "MDO: verslag (pdf)" and regel.gebruiker.email == "ouder@demo.nl"
    # Data that leaves Samenplan is logged as such, as the OPP's PDF is.
    assert regel.actie == Toegangslog.Actie.AFDRUKKEN


@pytest.mark.parametrize("email", ["ouder.andere@demo.nl", "ib.andere@demo.nl"])
def test_out_of_reach_gets_404_and_no_log(client, login, traject, sam, email):
    schrijf_verslag(traject, traject.geopend_door, vaststellen=True)
    login(email)
    voor = Toegangslog.objects.filter(leerling=sam).count()
    assert client.get(pdf_url(traject)).status_code == 404
    assert Toegangslog.objects.filter(leerling=sam).count() == voor


def test_a_concept_has_no_pdf(client, login, traject):
    schrijf_verslag(traject, traject.geopend_door, vaststellen=False)
    login("ib@demo.nl")
    assert client.get(pdf_url(traject)).status_code == 404


def test_the_report_page_offers_the_pdf_once_final(client, login, traject):
    schrijf_verslag(traject, traject.geopend_door, vaststellen=True)
    login("ib@demo.nl")
    url = reverse("arrangeren:verslag", args=[huidig_mdo(traject).uuid])
    assert "Download als pdf" in client.get(url).content.decode()
    assert client.post(pdf_url(traject)).status_code == 405
