"""Accessible errors in a real browser (issue 16, part 3): after a failed submit the focus
is on the error summary, a link in it moves the focus to its field, and a required field
is not red before anything was sent."""

import pytest
from playwright.sync_api import Page, expect

from .test_opp_ondertekenen import log_in_with_emailed_code, open_opp_from_home

pytestmark = pytest.mark.e2e

ROOD = "rgb(153, 0, 0)"  # --utrecht-color-invalid


def actief(page: Page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_an_empty_login_focuses_the_summary_and_its_link_the_field(
    live_server, page: Page, transactional_db
):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("button", name="Inloggen").click()

    overzicht = page.locator("#foutoverzicht")
    expect(overzicht).to_be_visible()
    expect(overzicht).to_contain_text("Er ging iets mis")
    # Waits for the page's scripts; then the element with the focus is the summary.
    expect(overzicht).to_be_focused()
    assert actief(page) == "foutoverzicht"

    page.locator("#foutoverzicht a[href='#id_password']").click()
    assert actief(page) == "id_password"
    page.locator("#foutoverzicht a[href='#id_username']").click()
    assert actief(page) == "id_username"
    expect(page.locator("#id_username")).to_have_attribute("aria-invalid", "true")


def test_niet_akkoord_without_a_reason_opens_the_form_and_focuses_the_summary(
    live_server, page: Page, demo_region, mailoutbox
):
    log_in_with_emailed_code(page, live_server.url, "ouder@demo.nl", mailoutbox)
    open_opp_from_home(page)
    reden = page.locator("#id_na-reden")
    # Required and empty, but nothing was sent yet: not red.
    assert reden.evaluate("e => getComputedStyle(e).borderTopColor") != ROOD
    assert not page.locator("#foutoverzicht").count()

    page.get_by_text("Ik ben niet akkoord").click()
    page.get_by_role("button", name="Niet akkoord versturen").click()

    expect(page.locator("#foutoverzicht")).to_contain_text(
        "Waarom bent u niet akkoord?: Schrijf waarom u niet akkoord bent."
    )
    expect(page.locator("#foutoverzicht")).to_be_focused()
    assert actief(page) == "foutoverzicht"
    page.locator("#foutoverzicht a").click()
    assert actief(page) == "id_na-reden"
    expect(reden).to_have_attribute("aria-invalid", "true")
    assert reden.evaluate("e => getComputedStyle(e).borderTopColor") == ROOD
