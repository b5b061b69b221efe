"""The PDF reads only the bundled fonts, and a name cannot break out of the letterhead.

Issue 14, part 4: the fonts check did not percent-decode the URL, so
``file://…/fonts/%2e%2e/…`` read any file; and css_tekst let CR and form feed end the
CSS string in the letterhead, so an organisation's name could pull a local file into
every PDF of that school. See opp/pdf.py.
"""

import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
import tinycss2
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from opp import pdf
from opp.models import Opp
from tests.pdftekst import alle_bytes, tekst

GEHEIM = "GEHEIMEINHOUDBUITENDELETTERTYPEN"
FONT = "source-sans-3-400.woff"
OMHOOG = 12  # enough ``..`` steps from the fonts folder to reach /


@pytest.fixture
def geheim(tmp_path: Path) -> Path:
    """A file outside the fonts folder that would show as text if it got into the PDF."""
    bestand = tmp_path / "geheim.svg"
    bestand.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">'
        f'<text x="0" y="20" font-size="12">{GEHEIM}</text></svg>'
    )
    return bestand


def _omhoog(stap: str, doel: Path) -> str:
    """A URL from inside the fonts folder up to / and down to doel, steps spelt `stap`."""
    naar = str(doel).lstrip("/").replace("/", stap[-1] if stap[-1] in "/\\" else "/")
    return f"{pdf.FONT_DIR.as_uri()}/{stap * OMHOOG}{naar}"


def _pogingen(doel: Path) -> dict[str, str]:
    fonts = pdf.FONT_DIR.as_uri()
    pad = str(doel)
    return {
        "..": _omhoog("../", doel),
        "%2e%2e": _omhoog("%2e%2e/", doel),
        "%2E%2E": _omhoog("%2E%2E/", doel),
        "%252e%252e (double)": _omhoog("%252e%252e/", doel),
        "..%2f": _omhoog("..%2f", doel),
        "%2e%2e%2f": _omhoog("%2e%2e%2f", doel),
        "..\\ (backslash)": _omhoog("..\\", doel),
        "..%5c": _omhoog("..%5c", doel),
        "absolute path": Path(pad).as_uri(),
        "absolute path after the fonts folder": f"{fonts}/%2f{pad.lstrip('/')}",
        "NUL byte": f"{fonts}/{FONT}%00/../{pad}",
        "file://localhost/": f"file://localhost{pad}",
        "file://localhost/ to a font": f"file://localhost{pdf.FONT_DIR}/{FONT}",
        "file://otherhost/": f"file://otherhost{pad}",
        "capital scheme": f"FILE://{pad}",
        "/etc/passwd": "file:///etc/passwd",
        "%2e%2e to /etc/passwd": _omhoog("%2e%2e/", Path("/etc/passwd")),
        "query": f"{fonts}/{FONT}?../../{pad}",
        "fragment": f"{fonts}/{FONT}#x",
        "https": "https://fonts.example/font.woff",
        "http": "http://127.0.0.1/",
        "data:": "data:image/svg+xml;base64,PHN2Zy8+",
        "ftp": "ftp://example.org/font.woff",
    }


def _weigert(url: str) -> bool:
    from weasyprint.urls import FatalURLFetchingError  # imported only where a PDF is read

    try:
        pdf._fetcher()(url)
    except FatalURLFetchingError:
        return True
    return False


def test_the_fetcher_refuses_traversal_in_every_encoding(geheim):
    doorgelaten = [naam for naam, url in _pogingen(geheim).items() if not _weigert(url)]
    assert doorgelaten == []


def test_a_symlink_in_the_fonts_folder_that_points_out_is_refused(tmp_path, geheim, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / FONT).write_bytes((pdf.FONT_DIR / FONT).read_bytes())
    (fonts / "uit.woff").symlink_to(geheim)
    (fonts / "map").symlink_to(geheim.parent, target_is_directory=True)
    buren = tmp_path / "fonts-buren"  # a folder whose name starts like the fonts folder
    buren.mkdir()
    (buren / FONT).write_bytes(b"niet van ons")
    monkeypatch.setattr(pdf, "FONT_DIR", fonts)

    assert _weigert((fonts / "uit.woff").as_uri())
    assert _weigert(f"{fonts.as_uri()}/map/{geheim.name}")
    assert _weigert((buren / FONT).as_uri())
    assert _weigert(f"{fonts.as_uri()}/../fonts-buren/{FONT}")
    assert _weigert(fonts.as_uri())  # the folder itself is no font
    # The real font next to them still loads, by its own name.
    assert _weigert((fonts / FONT).as_uri()) is False


def test_the_fonts_folder_behind_a_symlink_still_loads(tmp_path, monkeypatch):
    (tmp_path / "echt").mkdir()
    (tmp_path / "echt" / FONT).write_bytes((pdf.FONT_DIR / FONT).read_bytes())
    os.symlink(tmp_path / "echt", tmp_path / "fonts")
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "fonts")
    antwoord = pdf._fetcher()((tmp_path / "fonts" / FONT).as_uri())
    assert antwoord.read() == (pdf.FONT_DIR / FONT).read_bytes()


def test_the_bundled_fonts_are_read_as_fonts():
    for font in sorted(pdf.FONT_DIR.glob("*.woff")):
        antwoord = pdf._fetcher()(font.as_uri())
        assert antwoord.read() == font.read_bytes()
        assert antwoord.content_type == "font/woff"


def test_an_image_reached_by_an_encoded_path_stops_the_pdf(geheim):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    for url in (_omhoog("%2e%2e/", geheim), _omhoog("%252e%252e/", geheim)):
        with pytest.raises(FatalURLFetchingError):
            HTML(string=f'<img src="{url}">', url_fetcher=pdf._fetcher()).write_pdf()


# The text inside the letterhead's CSS string reads back as itself, whatever it holds.
def _als_css_string(tekst_: str) -> list:
    return tinycss2.parse_component_value_list(f'"{pdf.css_tekst(tekst_)}"')


def _gelezen(naam: str) -> str:
    """What the letterhead shows: the name, a control character (line break) as a space."""
    return "".join(" " if unicodedata.category(t) == "Cc" else t for t in naam)


@pytest.mark.parametrize(
    "naam",
    [
        '\'t Kompas & "Zn"',
        "De Ster\r; content: url(file:///etc/passwd); x: ",
        "De Ster\f} @top-right { content: url(file:///etc/passwd) }",
        'Back\\slash \\"; content: url(x)',
        "</style><img src=x>",
        "École Ünïcode — 日本 🙂",
        "tab\tlf\ncr\rff\fnul\x00",
    ],
)
def test_a_name_stays_one_css_string(naam):
    waarden = _als_css_string(naam)
    assert [w.type for w in waarden] == ["string"]
    assert waarden[0].value == _gelezen(naam)
    assert "<" not in pdf.css_tekst(naam)


@given(st.text())
def test_any_text_stays_one_css_string(naam):
    waarden = _als_css_string(naam)
    assert [w.type for w in waarden] == ["string"]
    assert waarden[0].value == _gelezen(naam)


# End to end: a school with such a name, its OPP downloaded as PDF.
@pytest.fixture
def kort_geheim(geheim: Path):
    """The same file at a short path: an organisation's name holds at most 200 characters."""
    kort = Path(tempfile.mkdtemp(prefix="pdf", dir="/tmp")) / "g.svg"
    kort.write_bytes(geheim.read_bytes())
    yield kort
    shutil.rmtree(kort.parent)


def _namen_met_trucs(geheim: Path) -> dict[str, str]:
    # Relative to the letterhead's base URL (the fonts folder), exactly up to /.
    stappen = len(Path(os.path.realpath(pdf.FONT_DIR)).parts) - 1
    via_fonts = f"fonts/{'%2e%2e/' * stappen}{str(geheim).lstrip('/')}"
    return {
        "CR, through the fonts folder": f"School De Ster\r; content: url({via_fonts}); x: ",
        "form feed, through the fonts folder": f"De Ster\f; content: url({via_fonts}); x: ",
        "quotes, backslashes, /etc/passwd": (
            'School "De Ster" \\ \r; content: url(file:///etc/passwd); y: '
            '\f\\"; content: url(file:///etc/passwd)'
        ),
    }


def _pdf(client, opp: Opp, naam: str) -> tuple[str, bytes]:
    """The OPP's PDF for a school named `naam`: its text without whitespace (a long name
    wraps anywhere in the margin), and the file itself."""
    opp.school.naam = naam
    opp.school.save(update_fields=["naam"])
    response = client.get(reverse("opp:opp_pdf", args=[opp.uuid]))
    assert response.status_code == 200
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    return "".join(tekst(inhoud).split()), inhoud


def _keer(gelezen: str, naam: str) -> int:
    return gelezen.count("".join(naam.split()))


@pytest.mark.django_db
@pytest.mark.parametrize("truc", list(_namen_met_trucs(Path("/x"))))
def test_a_school_name_with_css_tricks_pulls_no_file_into_the_pdf(
    client, login, sam, kort_geheim, truc
):
    opp = Opp.objects.get(leerling=sam, versie=1)
    login("ib@demo.nl")
    gewoon, _ = _pdf(client, opp, "Schoolnaamproef")
    naam = _namen_met_trucs(kort_geheim)[truc]
    assert len(naam) <= 200

    gelezen, inhoud = _pdf(client, opp, naam)

    assert GEHEIM not in gelezen
    assert GEHEIM.encode() not in alle_bytes(inhoud)
    assert b"root:x:0:0" not in alle_bytes(inhoud)
    # The name itself is printed as typed, wherever a plain name is: the body and the
    # letterhead of every page.
    assert _keer(gelezen, _gelezen(naam)) == _keer(gewoon, "Schoolnaamproef") >= 2


@pytest.mark.django_db
def test_a_plain_school_name_prints_in_every_letterhead(client, login, sam):
    opp = Opp.objects.get(leerling=sam, versie=1)
    login("ib@demo.nl")
    gewoon, _ = _pdf(client, opp, "Schoolnaamproef")
    paginas = gewoon.count("Ontwikkelingsperspectiefplan—vertrouwelijk")
    naam = 'Basisschool \'t Kompas & "Zn" — Leiden'

    gelezen, _ = _pdf(client, opp, naam)

    assert paginas >= 1
    assert _keer(gelezen, naam) == _keer(gewoon, "Schoolnaamproef") >= paginas + 1
