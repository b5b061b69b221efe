"""On a phone (375 px) no page scrolls sideways, and tables are readable (issue 16, part 2).

Tables below 40em become stacked cards: each row a card, each value under its column's
label (`data-label`, shown by static/css/telefoon.css). A matrix that must stay a table
scrolls sideways inside a region a keyboard can reach, with a visible hint. The crawl
(test_paginas.py) checks every page for sideways scrolling; this test checks a few
pages where it went wrong, and what the cards and the region show.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.accounts.permissiematrix.kwargs import _sam_traject
from tests.accounts.permissiematrix.matrix import MATRIX
from tests.e2e.axe import axe_violations
from tests.e2e.paginas import log_in
from tests.e2e.telefoon import PHONE_SMALL, expect_no_horizontal_scroll

pytestmark = pytest.mark.e2e

# (persona, page): the pages that scrolled sideways, or that a parent signs on.
PAGINAS = [
    ("ib@demo.nl", "opp:opp_detail"),
    ("ouder@demo.nl", "opp:opp_detail"),
    ("ib@demo.nl", "accounts:leerling_detail"),
    ("ib@demo.nl", "arrangeren:traject_detail"),
    ("ib@demo.nl", "arrangeren:traject_open"),
    ("ib@demo.nl", "arrangeren:mdo_detail"),
    ("ib@demo.nl", "fasenmodel:thuiszitter_nieuw"),
    ("swv@demo.nl", "arrangeren:tlv_detail"),
    ("leerplicht@demo.nl", "fasenmodel:thuiszitters"),
]


def url(naam: str) -> str:
    entry = MATRIX[naam]
    return reverse(naam, kwargs=entry.kwargs() if entry.kwargs else {})


def phone_page(browser: Browser, live_server, persona: str, **extra) -> Page:
    context = browser.new_context(**PHONE_SMALL, locale="nl-NL", **extra)
    log_in(context, persona, live_server.url)
    return context.new_page()


def label(cell) -> str:
    """What the stacked card shows in front of a cell's value (its ::before)."""
    return cell.evaluate("(td) => getComputedStyle(td, '::before').content").strip('"')


def test_pages_fit_a_375px_phone(live_server, browser, demo_region):
    te_breed = []
    for persona, naam in PAGINAS:
        page = phone_page(browser, live_server, persona)
        page.goto(live_server.url + url(naam))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        try:
            expect_no_horizontal_scroll(page)
        except AssertionError as fout:
            te_breed.append(f"{naam} ({persona}): {fout}")
        if naam == "fasenmodel:thuiszitters":
            # The list of pupils at home: a card per pupil, each value under its label.
            cel = page.locator('table tbody tr td[data-label="Dagen thuis"]').first
            expect(cel).to_be_visible()
            assert label(cel) == "Dagen thuis"
        page.context.close()
    assert not te_breed, "\n".join(te_breed)


def test_parent_reads_the_inzet_she_signs_as_cards(live_server, browser, demo_region):
    page = phone_page(browser, live_server, "ouder@demo.nl")
    page.goto(live_server.url + url("opp:opp_detail"))
    expect(page.get_by_role("region", name="Uw handtekening wordt gevraagd")).to_be_visible()
    handelingsdeel = page.locator("section").filter(
        has=page.get_by_role("heading", name="Handelingsdeel", exact=True)
    )
    inzet = handelingsdeel.get_by_role("table").first
    # The column headers are out of sight; each value carries its own label, on screen.
    assert inzet.locator("thead").bounding_box()["height"] <= 1
    rij = inzet.locator("tbody tr").filter(has_text="Time-outplek").first
    for kolom in ("Inzet", "Door", "Periode", "Uren/week", "Betaalt"):
        cel = rij.locator(f'td[data-label="{kolom}"]')
        expect(cel).to_be_visible()
        assert label(cel) == kolom
        vak = cel.bounding_box()
        assert vak["x"] >= 0 and vak["x"] + vak["width"] <= 375, f"{kolom} is off-screen: {vak}"
    expect_no_horizontal_scroll(page)


def test_the_time_poll_stays_a_table_a_keyboard_can_scroll(live_server, browser, demo_region):
    """Who can when: people by proposed times, a matrix that stays a table. It scrolls
    inside a region with a name and tabindex, and says so."""
    from arrangeren.route.services import plan_mdo, stel_tijdsloten_voor
    from tests.arrangeren.route_helpers import naar_stap_2

    traject = _sam_traject()
    if not traject.stap.mdo_mogelijk:
        naar_stap_2(traject, traject.geopend_door)
    ib = traject.geopend_door
    mdo = plan_mdo(traject, {"doel": "Overleg", "planning": "kiezen", "locatie": "School"}, door=ib)
    begin = (timezone.localtime() + timedelta(days=10)).replace(hour=9, minute=0)
    tijden = [(begin + timedelta(days=d), begin + timedelta(days=d, hours=1)) for d in range(4)]
    stel_tijdsloten_voor(mdo, tijden, door=ib)

    page = phone_page(browser, live_server, "ib@demo.nl", bypass_csp=True)
    page.goto(live_server.url + reverse("arrangeren:mdo_detail", args=[mdo.uuid]))
    regio = page.get_by_role("region", name="Wie kan wanneer")
    expect(regio).to_have_attribute("tabindex", "0")
    expect(page.get_by_text("Schuif opzij voor meer kolommen")).to_be_visible()
    assert regio.evaluate("(el) => el.scrollWidth > el.clientWidth"), "the poll fits: no test"
    regio.focus()
    page.keyboard.press("ArrowRight")
    # The keyboard scrolls it (smoothly: wait for it).
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=regio.element_handle(), timeout=3000)
    expect_no_horizontal_scroll(page)
    regels = {v["id"] for v in axe_violations(page)}
    assert "scrollable-region-focusable" not in regels
