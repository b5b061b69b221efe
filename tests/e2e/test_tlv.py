"""The SWV consulent reviews and grants a TLV request in a real browser.

The demo data holds a complete request at status "ingediend" for a pupil of De
Regenboog (arrangeren.tlv.demo.DEMO_TLV_INGEDIEND). swv@demo.nl opens the queue, opens the
request, sees every item of the procedural check in order, takes it in behandeling,
grants it and downloads the decision letter.
"""

import pytest
from playwright.sync_api import Browser, expect

from arrangeren.tlv.demo import DEMO_TLV_INGEDIEND
from arrangeren.tlv.models import TlvAanvraag

from .test_opp_ondertekenen import expect_message, log_in_with_totp

pytestmark = pytest.mark.e2e


def test_swv_reviews_and_grants_a_request(
    live_server,
    browser: Browser,
    browser_context_args,
    demo_region,
):
    aanvraag = TlvAanvraag.objects.select_related("leerling").get(uuid=DEMO_TLV_INGEDIEND)
    naam = aanvraag.leerling.volledige_naam
    context = browser.new_context(**browser_context_args, accept_downloads=True)
    try:
        page = context.new_page()
        log_in_with_totp(page, live_server.url, "swv@demo.nl")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="TLV").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("TLV-aanvragen")
        lopend = page.get_by_role("region", name="Lopende aanvragen")
        lopend.get_by_role("link", name=naam).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"TLV-aanvraag van {naam}")

        toets = page.get_by_role("region", name="Procedurele toets")
        expect(toets.locator("li[data-ok='ja']")).to_have_count(8)
        expect(toets.locator("li[data-ok='nee']")).to_have_count(0)
        expect(toets).to_contain_text("Alle onderdelen zijn in orde.")

        page.get_by_role("button", name="In behandeling nemen").click()
        expect_message(page, "U hebt de aanvraag in behandeling genomen.")
        expect(page.get_by_text("Status: In behandeling")).to_be_visible()

        page.get_by_label("Toekennen").check()
        page.get_by_label("Motivering van het besluit").fill(
            "Het advies van beide deskundigen is overgenomen."
        )
        page.get_by_role("button", name="Besluit vastleggen").click()
        expect_message(page, "Het besluit is vastgelegd")
        nummer = TlvAanvraag.objects.get(uuid=DEMO_TLV_INGEDIEND).tlv.nummer
        expect(page.get_by_role("region", name="Besluit: toegekend")).to_contain_text(nummer)

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Besluitbrief (pdf)").click()
        pad = download_info.value.path()
        with open(pad, "rb") as bestand:
            assert bestand.read(4) == b"%PDF"
    finally:
        context.close()
