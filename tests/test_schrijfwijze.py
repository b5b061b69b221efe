"""MDO, OPP, TLV and SWV are written in capitals in everything a user reads. Checked on
the rendered pages of the main journeys (visible text, not code or URLs), and on the
helper that writes a label in lower case inside a sentence (accounts/schrijfwijze.py)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.models import Informatiesoort, Organisatie
from accounts.schrijfwijze import klein
from accounts.services import vraag_toestemming
from arrangeren.route.models import Traject
from arrangeren.tlv.demo import DEMO_TLV_INGEDIEND
from arrangeren.tlv.models import TlvAanvraag
from opp.models import Opp
from tests.conftest import user_by_email

KLEIN_GESCHREVEN = re.compile(r"\b(mdo|opp|tlv|swv|Mdo|Opp|Tlv|Swv)\b")


class ZichtbareTekst(HTMLParser):
    """The text a user reads or hears: content, and labels in title/aria-label/alt."""

    def __init__(self):
        super().__init__()
        self.delen: list[str] = []
        self._verborgen = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._verborgen += 1
        self.delen += [w for k, w in attrs if k in ("title", "aria-label", "alt") and w]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._verborgen -= 1

    def handle_data(self, data):
        if not self._verborgen:
            self.delen.append(data)


def zichtbaar(html: str) -> str:
    parser = ZichtbareTekst()
    parser.feed(html)
    return " ".join(parser.delen)


@pytest.mark.parametrize(
    ("label", "verwacht"),
    [
        (
            "Deelname aan het MDO (en het verslag ervan)",
            "deelname aan het MDO (en het verslag ervan)",
        ),
        ("Inzage in het OPP", "inzage in het OPP"),
        ("Ingediend bij het SWV", "ingediend bij het SWV"),
        ("Vaste contactpersoon S(B)O", "vaste contactpersoon S(B)O"),
        ("Ouder / verzorger", "ouder / verzorger"),
    ],
)
def test_klein_keeps_abbreviations_in_capitals(label, verwacht):
    assert klein(label) == verwacht


@pytest.fixture
def paginas(sam):
    """The pages of the journeys, per persona, with consent questions open for Sam's
    parents so that the consent labels show."""
    vraag_toestemming(
        sam,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        soorten=[Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE],
    )
    traject = Traject.objects.filter(leerling=sam).first()
    opp = Opp.objects.filter(leerling=sam).first()
    tlv = TlvAanvraag.objects.get(uuid=DEMO_TLV_INGEDIEND)
    school = [
        reverse("home"),
        reverse("arrangeren:traject_list"),
        reverse("accounts:leerling_detail", args=[sam.uuid]),
        reverse("accounts:leerling_toestemming", args=[sam.uuid]),
        reverse("opp:opp_detail", args=[opp.uuid]),
        reverse("arrangeren:tlv_lijst"),
        reverse("arrangeren:tlv_detail", args=[tlv.uuid]),
    ]
    if traject:
        school.append(reverse("arrangeren:traject_detail", args=[traject.uuid]))
        school += [reverse("arrangeren:mdo_detail", args=[m.uuid]) for m in traject.mdos.all()]
    ouder = [
        reverse("home"),
        reverse("accounts:toestemmingen"),
        reverse("accounts:leerling_detail", args=[sam.uuid]),
        reverse("opp:opp_detail", args=[opp.uuid]),
    ]
    swv = [
        reverse("home"),
        reverse("arrangeren:tlv_lijst"),
        reverse("arrangeren:tlv_detail", args=[tlv.uuid]),
    ]
    return {"ib@demo.nl": school, "ouder@demo.nl": ouder, "swv@demo.nl": swv}


def test_pages_of_the_journeys_write_mdo_opp_tlv_in_capitals(login, paginas):
    fouten = []
    for email, urls in paginas.items():
        client = login(email)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (email, url)
            tekst = zichtbaar(response.content.decode())
            fouten += [
                f"{email} {url}: …{tekst[max(0, m.start() - 30) : m.end() + 10]}…"
                for m in KLEIN_GESCHREVEN.finditer(tekst)
            ]
    assert not fouten, "\n".join(fouten)


def test_the_parents_consent_page_names_the_mdo_in_capitals(login, paginas):
    tekst = zichtbaar(
        login("ouder@demo.nl").get(reverse("accounts:toestemmingen")).content.decode()
    )
    assert "deelname aan het MDO" in tekst
