"""The overview's bar charts as Chromium draws them (issue 16, part 6): every bar with a
value is drawn inside its chart, and the labels under the bars neither overlap nor fall
outside the picture, on a desktop and on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from .test_opp_ondertekenen import log_in_with_totp

pytestmark = pytest.mark.e2e

MEET = """svg => {
  const box = e => { const r = e.getBoundingClientRect();
    return {l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  return {
    svg: box(svg),
    staven: [...svg.querySelectorAll('.grafiek__staaf')].map(box),
    labels: [...svg.querySelectorAll('.grafiek__label')].map(box),
  };
}"""


def _binnen(vak, rand, speling=0.5):
    return (
        vak["l"] >= rand["l"] - speling
        and vak["r"] <= rand["r"] + speling
        and vak["t"] >= rand["t"] - speling
        and vak["b"] <= rand["b"] + speling
    )


def _overlappen(a, b):
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


@pytest.mark.parametrize("breedte", [1280, 375])
def test_chart_bars_show_and_labels_neither_pile_up_nor_fall_outside(
    live_server, page: Page, demo_region, breedte
):
    page.set_viewport_size({"width": breedte, "height": 900})
    log_in_with_totp(page, live_server.url, "leerplicht@demo.nl")
    page.goto(live_server.url + reverse("fasenmodel:overzicht"))
    svgs = page.locator("svg.grafiek__svg")
    assert svgs.count() == 3
    getekend = 0
    for i in range(3):
        m = svgs.nth(i).evaluate(MEET)
        assert len(m["labels"]) == len(m["staven"]) > 0
        for staaf in m["staven"]:
            assert staaf["w"] > 0 and _binnen(staaf, m["svg"]), staaf
            getekend += staaf["h"] > 0
        for label in m["labels"]:
            assert label["w"] > 0 and _binnen(label, m["svg"]), (label, m["svg"])
        for links, rechts in zip(m["labels"], m["labels"][1:], strict=False):
            assert not _overlappen(links, rechts), (links, rechts)
    assert getekend >= 10  # the demo has thuiszitters and pupils in every phase
