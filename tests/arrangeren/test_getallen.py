"""Numbers with a Dutch decimal comma everywhere a user reads them ("44,5 van de 52 uur",
never "44.5" beside "44,5"), while machine-readable values (progress, SVG coordinates)
keep their dot."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.schrijfwijze import getal
from arrangeren.jeugdhulp import kaders
from fasenmodel.grafieken import staafdiagram
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [(Decimal("44.50"), "44,5"), (Decimal("52"), "52"), (Decimal("100.00"), "100"), (0.25, "0,25")],
)
def test_getal_writes_a_decimal_comma_without_trailing_zeros(waarde, verwacht):
    assert getal(waarde) == verwacht


@pytest.fixture
def inzet(db):
    deze_week = kaders.maandag(timezone.localdate())
    return begeleiding(traject_met_jeugdteam(), start=deze_week - timedelta(days=60))


def test_hours_typed_with_a_comma_are_shown_with_a_comma_everywhere(client, login, inzet):
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_uren", args=[inzet.uuid]),
        {"week": timezone.localdate().isoformat(), "uren": "44,5"},
        follow=True,
    )
    html = response.content.decode()
    assert "De uren zijn opgeslagen" in html
    assert "Let op: 44,5 van de 52 uur" in html  # the kader warning
    assert "44,5 van de 52 uur</strong>" in html  # the kader on the page
    assert 'value="44.5"' in html  # <progress> needs a number with a dot
    zichtbaar = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\b\d+\.\d+\s*(uur|van)", zichtbaar)


def test_a_refused_week_names_the_hours_with_a_comma(client, login, inzet):
    login("jeugdteam@demo.nl")
    response = client.post(
        reverse("arrangeren:jeugdhulp_uren", args=[inzet.uuid]),
        {"week": timezone.localdate().isoformat(), "uren": "52,5"},
        follow=True,
    )
    assert "op 52,5 uur in dit halfjaar" in response.content.decode()


def test_chart_coordinates_keep_a_dot_and_its_numbers_read_as_dutch():
    diagram = staafdiagram("Leerlingen per fase", [("Fase 1", 3), ("Fase 2", 7), ("Fase 3", 1)])
    assert any(s.x != int(s.x) for s in diagram.staven)  # fractional coordinates
    html = render_to_string(
        "fasenmodel/_staafdiagram.html", {"d": diagram, "id": "g", "titel": "T", "kolom": "Fase"}
    )
    for naam, waarde in re.findall(r'\b(x|y|width|height|x1|x2|y1|y2)="([^"]*)"', html):
        assert re.fullmatch(r"-?\d+(\.\d+)?%?", waarde), (naam, waarde)
    assert "Fase 2: 7" in html
