"""Leerplicht keeps the thuiszitters in view, from the demo data, in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from .test_opp_ondertekenen import (
    log_in_with_totp,
)

pytestmark = pytest.mark.e2e


def test_leerplicht_sees_the_register_by_urgency_and_the_overviews(
    live_server,
    page: Page,
    demo_region,
):
    log_in_with_totp(page, live_server.url, "leerplicht@demo.nl")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Thuiszitters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thuiszittersregister")
    register = page.get_by_role("table", name="Thuiszitters, meest urgent eerst")
    rijen = register.locator("tbody tr")
    expect(rijen).to_have_count(7)
    # The most urgent first: the top row is past the 3-month term of the Thuiszitterspact.
    dagen = [int(rij.locator("td").nth(2).inner_text()) for rij in rijen.all()]
    assert dagen[0] > 90
    expect(register).to_contain_text("Leerplicht")  # a procesregie taken over

    menu.get_by_role("link", name="Overzichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht thuiszitters en fasen")
    # Every chart has a table alternative for screen readers.
    figuren = page.locator("figure")
    expect(figuren.first).to_be_visible()
    assert figuren.count() >= 3
    assert page.locator("figure svg").count() >= 3
    assert page.locator("table").count() >= 3
