"""Dutch counts through one helper (accounts/aantallen.py): no "6 vraagen" and no
"3 vraag/vragen" on any page or in any message."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from accounts.aantallen import AantalFormatter, aantal, vorm
from accounts.planner import Taak


@pytest.mark.parametrize(
    ("n", "verwacht"), [(0, "0 vragen"), (1, "1 vraag"), (2, "2 vragen"), (6, "6 vragen")]
)
def test_aantal_uses_singular_only_for_one(n, verwacht):
    assert aantal(n, "vraag,vragen") == verwacht


def test_vorm_gives_the_verb_that_agrees_with_the_count():
    assert vorm(1, "staat,staan") == "staat"
    assert vorm(0, "staat,staan") == "staan"


def test_aantal_without_a_plural_is_a_programming_error():
    with pytest.raises(ValueError):
        aantal(2, "vraag")


@pytest.mark.parametrize(
    ("waarde", "verwacht"), [(0, "0 vragen"), (1, "1 vraag"), ([1] * 6, "6 vragen")]
)
def test_template_filter_counts_numbers_and_lists(waarde, verwacht):
    template = Template('{% load aantal %}{{ n|aantal:"vraag,vragen" }}')
    assert template.render(Context({"n": waarde})) == verwacht


def test_formatter_counts_inside_a_format_string():
    tekst = "{aantal:regel,regels} gewist, {rest} over"
    assert AantalFormatter().format(tekst, aantal=1, rest=3) == "1 regel gewist, 3 over"


def test_report_of_a_scheduled_job_uses_the_right_form():
    taak = Taak("t", "x.y", "", elke=60, verslag="{aantal:herinnering,herinneringen} verstuurd.")
    assert taak.beschrijf(1) == "1 herinnering verstuurd."
    assert taak.beschrijf(0) == "0 herinneringen verstuurd."


@pytest.mark.parametrize(
    ("vragen", "verwacht"),
    [(1, "Er staat 1 vraag voor u klaar."), (6, "Er staan 6 vragen voor u klaar.")],
)
def test_my_work_counts_open_consent_questions_in_dutch(vragen, verwacht):
    html = render_to_string(
        "home/_werk.html", {"werk": {"toestemmingsvragen": [object()] * vragen}}
    )
    assert verwacht in html
    assert "vraagen" not in html


def test_thuiszitter_deadline_says_one_day_not_one_days():
    from types import SimpleNamespace

    pact = SimpleNamespace(status="bijna", dagen_tot_grens=1, grens=None, label="")
    html = render_to_string("fasenmodel/_pact.html", {"regel": SimpleNamespace(pact=pact)})
    assert "Nog 1 dag</strong>" in html
