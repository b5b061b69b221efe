"""Search and filters on the trajecten and TLV lists: by the pupil's name and by status,
step, kind and school, only within what the user may see (a pupil out of reach is not
found), by POST (no name in the URL), kept over the pages, at a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Lidmaatschap, Organisatie, Toegangslog
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import Voorwaarde
from arrangeren.tlv.demo import DEMO_TLV_ANDER_SWV, DEMO_TLV_INGEDIEND
from arrangeren.tlv.models import TlvAanvraag
from tests.factories import LeerlingFactory

LIJST = reverse("arrangeren:traject_list")
TLV = reverse("arrangeren:tlv_lijst")
ALLE_VOORWAARDEN = {v.value: "ja" for v in Voorwaarde}


def namen(response) -> list[str]:
    """The pupils' names in the list's table rows."""
    return re.findall(
        r'<td [^>]*class="utrecht-table__cell"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


def traject_voor(email: str, **leerling):
    lid = Lidmaatschap.objects.get(user__email=email)
    kind = LeerlingFactory(school=lid.organisatie, **leerling)
    return open_traject(leerling=kind, door=lid.user, namens=lid, voorwaarden=ALLE_VOORWAARDEN)


@pytest.fixture
def trajecten(db):
    return {
        "eigen": traject_voor("ib@demo.nl", voornaam="Zwaantje", achternaam="Zoekbaar"),
        "tweede": traject_voor("ib@demo.nl", voornaam="Daan", achternaam="Anders"),
        "buiten_bereik": traject_voor(
            "ib.andere@demo.nl", voornaam="Zwaantje", achternaam="Elders"
        ),
    }


def test_searching_trajecten_by_name_finds_only_pupils_in_reach(login, trajecten):
    client = login("ib@demo.nl")
    assert namen(client.post(LIJST, {"zoekterm": "zwaantje"})) == ["Zwaantje Zoekbaar"]
    # The pupil of another school: not found, whatever is typed.
    assert namen(client.post(LIJST, {"zoekterm": "Elders"})) == []
    assert "Geen trajecten gevonden." in client.post(LIJST, {"zoekterm": "Elders"}).content.decode()
    # Her own coördinator finds her.
    assert namen(login("ib.andere@demo.nl").post(LIJST, {"zoekterm": "Zwaantje"})) == [
        "Zwaantje Elders"
    ]


def test_the_search_is_logged_as_a_search_without_the_term(login, trajecten):
    login("ib@demo.nl").post(LIJST, {"zoekterm": "Zoekbaar"})
    regel = Toegangslog.objects.filter(leerling=trajecten["eigen"].leerling).latest("pk")
    assert regel.actie == Toegangslog.Actie.ZOEKEN
    assert "Zoekbaar" not in str(regel.__dict__)


def test_filters_by_step_and_status(login, trajecten):
    client = login("ib@demo.nl")
    eerste = namen(client.post(LIJST, {"stap": "1"}))
    assert {"Zwaantje Zoekbaar", "Daan Anders"} <= set(eerste)
    assert namen(client.post(LIJST, {"stap": "9", "zoekterm": "Zoekbaar"})) == []
    assert namen(client.post(LIJST, {"status": "afgesloten", "zoekterm": "Zoekbaar"})) == []
    assert namen(client.post(LIJST, {"status": "alle", "zoekterm": "Zoekbaar"})) == [
        "Zwaantje Zoekbaar"
    ]


def test_a_filter_value_that_is_not_offered_shows_a_message_and_no_list(login, trajecten):
    response = login("ib@demo.nl").post(LIJST, {"stap": "99"})
    assert namen(response) == []
    assert "utrecht-form-field-error-message" in response.content.decode()


def test_the_search_form_is_labelled_and_posts(login):
    html = login("ib@demo.nl").get(LIJST).content.decode()
    assert 'role="search"' in html and '<form method="post"' in html
    for veld, label in (
        ("zoekterm", "Zoek op naam van de leerling"),
        ("status", "Status"),
        ("stap", "Huidige stap"),
    ):
        assert re.search(rf'<label[^>]*for="id_{veld}"[^>]*>{label}', html), veld


def test_the_next_page_keeps_the_search(login, trajecten, monkeypatch):
    monkeypatch.setattr("arrangeren.route.views.traject.PER_PAGINA", 1)
    traject_voor("ib@demo.nl", voornaam="Zwaantje", achternaam="Tweede")
    client = login("ib@demo.nl")
    eerste = client.post(LIJST, {"zoekterm": "Zwaantje"})
    html = eerste.content.decode()
    assert 'name="zoekterm" value="Zwaantje"' in html  # carried by the page buttons
    assert 'name="pagina" value="2"' in html
    tweede = client.post(LIJST, {"zoekterm": "Zwaantje", "pagina": "2"})
    assert len(namen(eerste)) == len(namen(tweede)) == 1
    assert set(namen(eerste) + namen(tweede)) == {"Zwaantje Zoekbaar", "Zwaantje Tweede"}


def test_searching_trajecten_costs_the_same_queries_with_more_trajecten(login, trajecten):
    client = login("ib@demo.nl")

    def tel() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.post(LIJST, {"zoekterm": "a", "status": "alle"}).status_code == 200
        return len(queries)

    tel()  # the first request of the session sets up what later ones reuse
    voor = tel()
    for i in range(3):
        traject_voor("ib@demo.nl", voornaam=f"Extra{i}", achternaam="Aanvullend")
    assert tel() == voor


@pytest.fixture
def aanvragen(db):
    return (
        TlvAanvraag.objects.select_related("leerling").get(uuid=DEMO_TLV_INGEDIEND),
        TlvAanvraag.objects.select_related("leerling").get(uuid=DEMO_TLV_ANDER_SWV),
    )


def test_searching_tlv_requests_by_name_stays_within_reach(login, aanvragen):
    eigen, ander = aanvragen
    for email in ("ib@demo.nl", "swv@demo.nl"):
        client = login(email)
        assert eigen.leerling.volledige_naam in namen(
            client.post(TLV, {"zoekterm": eigen.leerling.achternaam})
        )
        # A request in another SWV, asked by its pupil's name: not there.
        assert ander.leerling.volledige_naam not in namen(
            client.post(TLV, {"zoekterm": ander.leerling.voornaam})
        )


def test_tlv_requests_filter_by_status_kind_and_school(login, aanvragen):
    eigen, _ = aanvragen
    client = login("swv@demo.nl")
    gevonden = namen(client.post(TLV, {"status": eigen.status}))
    assert eigen.leerling.volledige_naam in gevonden
    anders = "afgewezen" if eigen.status != "afgewezen" else "toegekend"
    zoek = {"zoekterm": eigen.leerling.achternaam}
    assert eigen.leerling.volledige_naam not in namen(client.post(TLV, {**zoek, "status": anders}))
    assert eigen.leerling.volledige_naam in namen(client.post(TLV, {**zoek, "soort": eigen.soort}))
    html = client.get(TLV).content.decode()
    assert 'for="id_school"' in html  # the SWV's list spans several schools
    andere_school = Organisatie.objects.filter(soort="school").exclude(pk=eigen.school_id).first()
    assert eigen.leerling.volledige_naam in namen(
        client.post(TLV, {**zoek, "school": eigen.school_id})
    )
    assert namen(client.post(TLV, {**zoek, "school": andere_school.pk})) == []


def test_searching_tlv_requests_costs_the_same_queries_as_listing_them(login, aanvragen):
    client = login("swv@demo.nl")

    def tel(data) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.post(TLV, data).status_code == 200
        return len(queries)

    tel({})  # the first request of the session sets up what later ones reuse
    assert tel({"zoekterm": "a", "status": "ingediend"}) == tel({"zoekterm": ""})
    for i in range(3):
        traject_voor("ib@demo.nl", voornaam=f"Extra{i}", achternaam="Aanvullend")
    assert tel({"zoekterm": "a"}) == tel({"zoekterm": ""})
