"""The overview's SVG charts are numbers an SVG reader accepts (issue 16, part 6).

With the page in Dutch, Django writes 47.4 as "47,4"; in an SVG attribute that is no
number, so no bar was drawn and the labels piled up at x=0. The chart's coordinates pass
through `|svg` (fasenmodel/grafieken.py) instead; the visible numbers keep the comma.
"""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from fasenmodel.grafieken import regels, staafdiagram, svg_getal

OVERZICHT = reverse("fasenmodel:overzicht")
GETALLEN = {"x", "y", "width", "height", "x1", "x2", "y1", "y2", "dx", "dy"}


def _svgs(html: str) -> list[ET.Element]:
    # Our own page's markup: the standard parser is enough (no entities, no outside input).
    return [ET.fromstring(s) for s in re.findall(r'<svg class="grafiek__svg".*?</svg>', html, re.S)]


def _getal(naam: str, waarde: str) -> float:
    assert re.fullmatch(r"-?\d+(\.\d{1,2})?", waarde), (naam, waarde)  # no comma, <= 2 decimals
    return float(waarde)


@pytest.mark.parametrize("persona", ["swv@demo.nl", "leerplicht@demo.nl"])
def test_every_coordinate_is_a_number_and_every_bar_lies_inside_its_chart(login, persona):
    with translation.override("nl"):
        html = login(persona).get(OVERZICHT).content.decode()
    svgs = _svgs(html)
    assert len(svgs) == 3
    getekend = 0
    for svg in svgs:
        links, boven, breedte, hoogte = (_getal("viewBox", n) for n in svg.get("viewBox").split())
        assert (links, boven) == (0, 0) and breedte > 0 and hoogte > 0
        for element in list(svg.iter())[1:]:  # the <svg> itself is width="100%"
            for naam, waarde in element.attrib.items():
                if naam in GETALLEN:
                    _getal(naam, waarde)
            assert "transform" not in element.attrib  # labels are horizontal, not rotated
        staven = svg.findall("rect")
        waarden = [int(t) for t in re.findall(r": (\d+)", svg.find("desc").text)]
        assert len(staven) == len(waarden) > 0
        for staaf, waarde in zip(staven, waarden, strict=True):
            x, y, w, h = (float(staaf.get(a)) for a in ("x", "y", "width", "height"))
            assert w > 0 and (h > 0) == (waarde > 0), (staaf.attrib, waarde)
            assert 0 <= x <= x + w <= breedte and 0 <= y <= y + h <= hoogte
            getekend += h > 0
        labels = svg.findall("text[@class='grafiek__label']")
        assert len(labels) == len(staven)
        posities = [float(t.find("tspan").get("x")) for t in labels]
        assert len(set(posities)) == len(posities) and posities == sorted(posities)
        for label in labels:
            for regel in label.findall("tspan"):
                assert 0 < float(regel.get("y")) <= hoogte  # no line below the picture
    assert getekend >= 10  # the demo has thuiszitters over several months and every phase


def test_the_table_alternative_keeps_the_same_numbers(login):
    response = login("swv@demo.nl").get(OVERZICHT)
    html = response.content.decode()
    for _, titel, _, _, diagram in response.context["grafieken"]:
        tabel = re.search(rf"{re.escape(titel)} \(tabel\)</caption>(.*?)</table>", html, re.S)
        rijen = re.findall(r'scope="row">([^<]*)</th><td[^>]*>([^<]*)</td>', tabel.group(1))
        assert rijen == [(s.label, str(s.waarde)) for s in diagram.staven]


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (47.4, "47.4"),
        (217.64999999999998, "217.65"),
        (200.0, "200"),
        (640, "640"),
        (-0.001, "0"),
        (Decimal("1234.5"), "1234.5"),
    ],
)
def test_svg_numbers_have_a_dot_and_at_most_two_decimals(waarde, tekst, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override("nl"):
        assert svg_getal(waarde) == tekst


@pytest.mark.parametrize("waarde", ["47,4", None, True])
def test_svg_refuses_what_is_not_a_number(waarde):
    with pytest.raises(TypeError):
        svg_getal(waarde)


def test_long_labels_wrap_within_their_bar_and_the_chart_grows_for_them():
    kort = staafdiagram("Fasen", [(f"Fase {n}", n) for n in range(6, 0, -1)])
    lang = staafdiagram(
        "Fasen",
        [(f"Fase {n}", n) for n in range(6, 1, -1)]
        + [("Fase 4: onderwijs-zorgarrangement (OZA)", 1)],
    )
    assert [r.tekst for r in lang.staven[-1].regels] == [
        "Fase 4:",
        "onderwijs-",
        "zorgarrangement",
        "(OZA)",
    ]
    assert lang.hoogte == kort.hoogte + 3 * 13
    assert max(r.y for s in lang.staven for r in s.regels) < lang.hoogte
    assert regels("jan 2026", 45) == ["jan", "2026"]
    assert regels("minder dan 1 maand", 96) == ["minder dan 1", "maand"]
