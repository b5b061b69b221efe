"""Everyone signs the handelingsdeel and the OPP is vastgesteld, all in a real browser.

Sam de Vries's plan holds youth care, so besides both parents and the school the
medewerker toegang (jeugdteam) signs too. She may only be asked once both parents have
consented to her seeing the OPP, so the coördinator first asks that consent.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from opp.models import Opp
from tests.demo_toegang import zonder_demo_toegang

from .test_opp_ondertekenen import (
    expect_message,
    log_in_with_emailed_code,
    log_in_with_totp,
    open_opp_from_home,
)

pytestmark = pytest.mark.e2e

OPP_KOP = "Ontwikkelingsperspectiefplan van Sam de Vries"
JOYCE = "Joyce El Amrani — Jeugdteam Leiden (demo)"
TOEGANG_ONTBREEKT = "de medewerker toegang (jeugdteam): dit plan bevat jeugdhulp"


def open_opp_of_sam(page: Page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Leerlingen").click()
    page.get_by_role("link", name="Sam de Vries", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam de Vries")
    page.get_by_role("link", name="Ontwikkelingsperspectiefplan (OPP)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OPP_KOP)


def status_line(page: Page):
    return page.get_by_role("paragraph").filter(has_text=re.compile(r"^Versie \d+ ·"))


def ondertekening(page: Page):
    return page.locator("section").filter(
        has=page.get_by_role("heading", name="Ondertekening van het handelingsdeel")
    )


def sign_with_password(page: Page) -> None:
    tekenen = page.get_by_role("region", name="Uw handtekening wordt gevraagd")
    expect(tekenen).to_be_visible()
    tekenen.get_by_label("Opnieuw ingelogd met wachtwoord").check()
    tekenen.get_by_label("Uw wachtwoord of de code").fill("demo")
    tekenen.get_by_role("button", name="Ik ga akkoord en onderteken").click()
    expect_message(page, "U hebt het handelingsdeel ondertekend. Dank u wel.")
    expect(page.get_by_role("heading", name="Uw handtekening wordt gevraagd")).to_have_count(0)


def parent_consents_and_signs(browser: Browser, args, url: str, email: str, outbox) -> None:
    context = browser.new_context(**args)
    try:
        page = context.new_page()
        log_in_with_emailed_code(page, url, email, outbox)
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Toestemming"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming")
        vragen = page.get_by_role("region", name="Vragen aan u")
        vraag = vragen.locator(".card").filter(
            has=page.get_by_role("heading", name="Sam: Inzage in het OPP")
        )
        expect(vraag).to_have_count(1)
        expect(vraag).to_contain_text("Joyce El Amrani")
        vraag.get_by_role("button", name=re.compile(r"^Toestemming geven")).click()
        expect_message(page, "Dank u wel, uw antwoord is vastgelegd.")
        antwoorden = page.get_by_role("region", name="Uw antwoorden")
        expect(
            antwoorden.get_by_role("listitem").filter(has_text="inzage in het opp")
        ).to_contain_text("gegeven")

        page.goto(f"{url}/")
        open_opp_from_home(page)
        sign_with_password(page)
    finally:
        context.close()


def test_everyone_signs_and_the_opp_is_vastgesteld(
    live_server,
    browser: Browser,
    browser_context_args,
    demo_region,
    mailoutbox,
):
    url = live_server.url
    # This journey starts from the round as sent before the jeugdteam was asked: the demo's
    # own request to its medewerker toegang (opp/demo.py) and the parents' consent for him
    # are taken out, as for the rest of the suite (tests/demo_toegang.py); Joyce is asked here.
    zonder_demo_toegang()

    # The coördinator stays logged in on her own computer while the parents answer.
    ib = browser.new_context(**browser_context_args)
    try:
        # 1. She sees the jeugdteam is still missing and asks the parents' consent.
        page = ib.new_page()
        log_in_with_totp(page, url, "ib@demo.nl")
        open_opp_of_sam(page)
        expect(ondertekening(page).get_by_text("Nog nodig voor vaststelling:")).to_be_visible()
        expect(
            ondertekening(page).get_by_role("listitem").filter(has_text=TOEGANG_ONTBREEKT)
        ).to_be_visible()
        page.get_by_role("link", name="Toestemmingen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming voor Sam de Vries")
        vragen = page.locator("form").filter(
            has=page.get_by_role("heading", name="Ouders om toestemming vragen")
        )
        vragen.get_by_label("Wie mag het ontvangen").select_option(label=JOYCE)
        vragen.get_by_label("Inzage in het OPP").check()
        vragen.get_by_role("button", name="Toestemming vragen").click()
        expect_message(page, "De ouders hebben 2 vragen gekregen.")

        # 2. Both parents consent and sign, each in a browser of their own.
        for email in ("ouder@demo.nl", "ouder2@demo.nl"):
            parent_consents_and_signs(browser, browser_context_args, url, email, mailoutbox)

        # 3. She asks Joyce to sign and signs for the school.
        open_opp_of_sam(page)
        toegang = page.locator("form").filter(
            has=page.get_by_role("button", name="Medewerker toegang laten tekenen")
        )
        toegang.get_by_label("Medewerker toegang (jeugdteam) die tekent").select_option(label=JOYCE)
        toegang.get_by_role("button", name="Medewerker toegang laten tekenen").click()
        expect_message(page, "Joyce El Amrani is gevraagd te tekenen.")
        joyce = ondertekening(page).locator("li.handtekening").filter(has_text="Joyce El Amrani")
        expect(joyce).to_contain_text("Wacht op ondertekening")
        sign_with_password(page)
        expect(status_line(page)).to_contain_text("Ter ondertekening")
        expect(
            ondertekening(page).get_by_role("listitem").filter(has_text=TOEGANG_ONTBREEKT)
        ).to_be_visible()
    finally:
        ib.close()

    # 4. Joyce signs last.
    jeugdteam = browser.new_context(**browser_context_args)
    try:
        page = jeugdteam.new_page()
        log_in_with_totp(page, url, "jeugdteam@demo.nl")
        open_opp_from_home(page)
        sign_with_password(page)

        # 5. The OPP is vastgesteld, and its pdf downloads.
        expect(status_line(page)).to_contain_text("Vastgesteld op")
        expect(ondertekening(page).get_by_text("Nog nodig voor vaststelling:")).to_have_count(0)
        handtekeningen = ondertekening(page).locator("li.handtekening")
        expect(handtekeningen.filter(has_text="Getekend (akkoord)")).to_have_count(4)

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download als pdf").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".pdf")
        with open(download.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"

        href = page.get_by_role("link", name="Download als pdf").get_attribute("href")
        response = jeugdteam.request.get(f"{url}{href}")
        assert response.ok
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    finally:
        jeugdteam.close()

    opp = Opp.objects.get(leerling__voornaam="Sam", leerling__achternaam="Vries")
    assert opp.status == Opp.Status.VASTGESTELD
    assert opp.vastgesteld_op is not None
