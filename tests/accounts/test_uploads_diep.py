"""Uploads are checked as a whole, not by their first 8 KB only: a file that starts as a
PDF and goes on as a web page is refused, and so are Office files that unpack to far
more than was sent (a zip bomb), hold thousands of parts, lack the parts Word writes or
name a path outside the archive. Each refusal says why, in Dutch."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.uploads import controleer_bestand
from tests.bestanden import docx_bytes, pdf_bytes

GIB = 1024**3


def _startxref(inhoud: bytes, offset: int) -> bytes:
    kop, _oud = inhoud.rsplit(b"startxref\n", 1)
    return kop + b"startxref\n%d\n%%%%EOF\n" % offset


def weigering(naam: str, inhoud: bytes) -> str:
    with pytest.raises(ValidationError) as fout:
        controleer_bestand(SimpleUploadedFile(naam, inhoud))
    return fout.value.messages[0]


def test_a_real_pdf_and_a_real_word_file_are_accepted():
    assert controleer_bestand(SimpleUploadedFile("plan.pdf", pdf_bytes())) == (
        "plan.pdf",
        "application/pdf",
    )
    naam, mimetype = controleer_bestand(SimpleUploadedFile("plan.docx", docx_bytes()))
    assert naam == "plan.docx" and mimetype.endswith("wordprocessingml.document")


@pytest.mark.django_db
def test_a_pdf_made_by_samenplan_itself_is_accepted():
    from arrangeren.tlv import brief
    from tests.arrangeren.tlv_helpers import aanvraag_met_dossier

    inhoud = brief.render_pdf(aanvraag_met_dossier())
    assert controleer_bestand(SimpleUploadedFile("brief.pdf", inhoud))[1] == "application/pdf"


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        # The black-box test's file: a PDF header, then a web page.
        (
            b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n",
            "geen geldige PDF",
        ),
        # ...with a PDF's ending, or a real PDF with a page appended.
        (
            b"%PDF-1.7\n<!DOCTYPE html><html><script>x()</script></html>\nstartxref\n0\n%%EOF\n",
            "geen geldige PDF",
        ),
        (pdf_bytes() + b"<html><script>x()</script></html>", "geen geldige PDF"),
        # A well-built PDF with a page inside it, beyond the first 8 KB.
        (pdf_bytes("x" * 9000 + "<script>x()</script>"), "code van een webpagina (HTML)"),
    ],
)
def test_a_pdf_that_carries_a_web_page_is_refused(inhoud, melding):
    assert melding in weigering("verslag.pdf", inhoud)


@pytest.mark.parametrize(
    "inhoud",
    [
        b"%PDF-1.4\n" + b"x" * 10_000,  # no trailer at all
        pdf_bytes().replace(b"startxref", b"startxrf"),
        pdf_bytes().replace(b"%%EOF", b"%%EOT"),
        pdf_bytes() + b"PK\x03\x04 an appended archive",  # something after %%EOF
        _startxref(pdf_bytes(), 99999),  # beyond the end
        _startxref(pdf_bytes(), 30),  # not at the cross-reference table
    ],
)
def test_a_pdf_without_its_structure_is_refused_in_dutch(inhoud):
    assert "geen geldige PDF" in weigering("verslag.pdf", inhoud)


def test_an_image_that_carries_a_web_page_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100 + b"<html><script>x()</script></html>"
    assert "HTML" in weigering("foto.png", png)


def _met_opgegeven_grootte(inhoud: bytes, lid: str, grootte: int) -> bytes:
    """The archive with `lid`'s uncompressed size set to `grootte` in its local header
    and the central directory: a small file that says it unpacks to `grootte` bytes."""
    data = bytearray(inhoud)
    naam = lid.encode()
    for handtekening, plek in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        begin = 0
        while (begin := data.find(handtekening, begin)) >= 0:
            naamplek = begin + (30 if handtekening == b"PK\x03\x04" else 46)
            if data[naamplek : naamplek + len(naam)] == naam:
                data[begin + plek : begin + plek + 4] = grootte.to_bytes(4, "little")
            begin += 4
    return bytes(data)


def test_a_word_file_with_a_member_of_1_gib_is_refused():
    bom = _met_opgegeven_grootte(docx_bytes(), "word/document.xml", GIB)
    with zipfile.ZipFile(io.BytesIO(bom)) as archief:  # the crafted size is what zip reads
        assert archief.getinfo("word/document.xml").file_size == GIB
    melding = weigering("groei.docx", bom)
    assert "uitgepakt groter dan 256 MB" in melding and "zip-bom" in melding


def test_a_highly_compressed_member_is_refused():
    bom = docx_bytes({"word/media/leeg.bin": b"\x00" * (2 * 1024 * 1024)})
    assert "ongewoon sterk samengeperst" in weigering("groei.docx", bom)


def test_a_member_larger_than_it_says_is_refused():
    # Says 10 bytes, holds 13: the check reads every part and finds the CRC wrong.
    inhoud = _met_opgegeven_grootte(docx_bytes(), "word/document.xml", 10)
    assert "beschadigd" in weigering("groei.docx", inhoud)


def test_an_archive_of_thousands_of_parts_is_refused():
    veel = docx_bytes({f"word/deel{i}.xml": b"<x/>" for i in range(2001)})
    assert "te veel onderdelen" in weigering("groei.docx", veel)


@pytest.mark.parametrize(
    "naam", ["../../etc/cron.d/x", "/etc/passwd", "word/../../x.xml", "C:/Windows/x", "a\\b"]
)
def test_a_part_named_outside_the_archive_is_refused(naam):
    assert "ongeldige of dubbele naam" in weigering("groei.docx", docx_bytes({naam: b"x"}))


def test_a_zip_without_the_parts_of_its_kind_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("word/document.xml", "<w:document/>")
    assert "geen echt Word-bestand" in weigering("groei.docx", buffer.getvalue())
    # A Word file named as a spreadsheet has no xl/ folder.
    assert "geen echt Excel-bestand" in weigering("cijfers.xlsx", docx_bytes())


@pytest.mark.django_db
def test_the_opp_page_says_why_a_file_is_refused(login):
    from opp.models import Opp

    opp = Opp.objects.get(leerling__voornaam="Sam", versie=1)  # the demo's concept
    client = login("ib@demo.nl")
    nep = SimpleUploadedFile("gezinsplan.pdf", b"%PDF-1.4\n<html><script>x()</script></html>")
    response = client.post(
        reverse("opp:bijlage_toevoegen", args=[opp.uuid]),
        {"titel": "Gezinsplan", "bestand": nep},
        follow=True,
    )
    assert "Dit bestand is geen geldige PDF" in response.content.decode()
    assert not opp.bijlagen.filter(titel="Gezinsplan").exists()
