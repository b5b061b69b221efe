"""The OPP, the MDO report and the TLV decision letter are accessible PDFs (issue 16,
part 7): tagged (PDF/UA-1), in Dutch, with a title a reader shows and bookmarks from the
headings, each table cell linked to its header; WeasyPrint reports no problem making them.

Before, they were untagged: a screen reader found no headings, tables or reading order.
"""

import logging

import pytest

from accounts.models import Lidmaatschap
from arrangeren.route.pdf import render_verslag_pdf
from arrangeren.route.services import open_traject
from arrangeren.route.uitkomsten import huidig_mdo, laatste_verslag
from arrangeren.tlv import brief
from arrangeren.tlv.demo import DEMO_TLV_TOEGEKEND
from arrangeren.tlv.models import TlvAanvraag
from opp.models import Opp
from opp.pdf import render_pdf
from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit, schrijf_verslag
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.conftest import user_by_email
from tests.opp.helpers import alle_tekenen
from tests.pdfcheck import lees


def opp_pdf(sam) -> tuple[bytes, str, str]:
    opp = Opp.objects.get(leerling=sam, versie=1)
    alle_tekenen(opp)
    return render_pdf(opp), "OPP Sam de Vries — versie 1", "Handelingsdeel"


def verslag_pdf(sam) -> tuple[bytes, str, str]:
    ib = user_by_email("ib@demo.nl")
    namens = Lidmaatschap.objects.get(user=ib, organisatie__naam="Basisschool De Regenboog")
    traject = naar_stap_2(
        open_traject(leerling=sam, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN), ib
    )
    plan_en_nodig_uit(traject, ib)
    schrijf_verslag(traject, ib, vaststellen=True)
    mdo = huidig_mdo(traject)
    pdf = render_verslag_pdf(mdo, laatste_verslag(mdo))
    return pdf, "Verslag MDO Sam de Vries — versie 1", "Doelen en afspraken"


def tlv_brief(sam) -> tuple[bytes, str, str]:
    aanvraag = TlvAanvraag.objects.get(uuid=DEMO_TLV_TOEGEKEND)
    titel = f"Besluit toelaatbaarheidsverklaring {aanvraag.leerling.volledige_naam}"
    return brief.render_pdf(aanvraag), titel, "Bezwaar maken"


@pytest.mark.parametrize("maak", [opp_pdf, verslag_pdf, tlv_brief], ids=lambda f: f.__name__)
def test_the_pdf_is_tagged_in_dutch_with_a_title_and_bookmarks(sam, caplog, maak):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    pdf, titel, kop = maak(sam)
    # WeasyPrint logs what PDF/UA lacks (no lang, an image without alt) as an error.
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    t = lees(pdf)
    assert t.pdfua_deel == "1"
    assert t.gemarkeerd and t.structuur[0] == "Document"
    assert t.taal == "nl"
    assert t.titel == t.xmp_titel == titel and t.toont_titel
    # The headings are structure elements in order and bookmarks to jump to.
    assert t.structuur.count("H1") == 1 and t.structuur.index("H1") < t.structuur.index("H2")
    assert kop in t.bladwijzers and len(t.bladwijzers) >= 3
    # Every data cell is linked to its row or column header, so it is read with it.
    assert "TH" in t.structuur and t.structuur.count("TD") >= 3
    assert t.cellen_zonder_kop == []
