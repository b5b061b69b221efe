"""Signing the handelingsdeel of an OPP in a real browser.

The demo data holds an OPP for Sam de Vries that waits for the signatures of both
parents and of the coördinator. One parent signs on her phone, after confirming her
password once more; the other answers "niet akkoord", and the coördinator sees that
answer, with the reason, on her home page.
"""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from accounts.models import User
from opp.models import Ondertekening, Opp
from tests.e2e.telefoon import PHONE, expect_no_horizontal_scroll

pytestmark = pytest.mark.e2e

CODE = re.compile(r"\b(\d{6})\b")
HASH = re.compile(r"^[0-9a-f]{64}$")
REDEN = "Wij willen eerst met de mentor praten over de time-outplek."


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def log_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw inlogcode in")


def log_in_with_emailed_code(page: Page, url: str, email: str, outbox) -> None:
    log_in(page, url, email)
    codemail = [m for m in outbox if m.to == [email] and "inlogcode" in m.subject.lower()]
    assert codemail, f"no login code was mailed to {email}"
    page.get_by_label("Code").fill(CODE.search(codemail[-1].body).group(1))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def log_in_with_totp(page: Page, url: str, email: str) -> None:
    device = TOTPDevice.objects.create(
        user=User.objects.get(email=email), name="Telefoon", confirmed=True
    )
    log_in(page, url, email)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def expect_message(page: Page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def verzoek(email: str) -> Ondertekening:
    return Ondertekening.objects.get(
        opp__leerling__voornaam="Sam",
        opp__leerling__achternaam="Vries",
        ondertekenaar__email=email,
    )


def open_opp_from_home(page: Page) -> None:
    kaart = page.locator(".card").filter(
        has=page.get_by_role("heading", name="Te ondertekenen", level=3)
    )
    expect(kaart).to_be_visible()
    kaart.get_by_role(
        "link", name=re.compile(r"^Handelingsdeel van het OPP van Sam de Vries")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ontwikkelingsperspectiefplan van Sam de Vries"
    )
    expect(page.get_by_role("heading", name="Uw handtekening wordt gevraagd")).to_be_visible()


def test_parent_signs_the_handelingsdeel_on_a_phone(
    live_server, browser: Browser, browser_context_args, demo_region, mailoutbox
):
    url = live_server.url
    context = browser.new_context(**{**browser_context_args, **PHONE})
    try:
        page = context.new_page()
        log_in_with_emailed_code(page, url, "ouder@demo.nl", mailoutbox)
        expect(page.get_by_role("heading", name="Te ondertekenen")).to_be_visible()
        expect_no_horizontal_scroll(page)
        open_opp_from_home(page)

        # Read what she signs: the goals with their inzet.
        handelingsdeel = page.locator("section").filter(
            has=page.get_by_role("heading", name="Handelingsdeel", exact=True)
        )
        expect(handelingsdeel.get_by_text("Sam herkent spanning")).to_be_visible()
        expect(handelingsdeel).to_contain_text("Time-outplek en -kaart in de klas")
        expect_no_horizontal_scroll(page)

        tekenen = page.get_by_role("region", name="Uw handtekening wordt gevraagd")
        tekenen.get_by_label("Opnieuw ingelogd met wachtwoord").check()
        wachtwoord = tekenen.get_by_label("Uw wachtwoord of de code")

        # A wrong password signs nothing; the error summary names the field (issue 16).
        wachtwoord.fill("fout-wachtwoord")
        tekenen.get_by_role("button", name="Ik ga akkoord en onderteken").click()
        expect(page.locator("#foutoverzicht")).to_contain_text(
            "Uw wachtwoord of de code: Het wachtwoord klopt niet"
        )
        expect(page.locator("#foutoverzicht")).to_contain_text("Er is niets ondertekend.")
        expect(wachtwoord).to_have_attribute("aria-invalid", "true")
        assert verzoek("ouder@demo.nl").status == Ondertekening.Status.GEVRAAGD
        expect_no_horizontal_scroll(page)

        # The right one does.
        tekenen.get_by_label("Opnieuw ingelogd met wachtwoord").check()
        wachtwoord.fill("demo")
        tekenen.get_by_role("button", name="Ik ga akkoord en onderteken").click()
        expect_message(page, "U hebt het handelingsdeel ondertekend. Dank u wel.")
        expect(page.get_by_role("heading", name="Uw handtekening wordt gevraagd")).to_have_count(0)

        handtekeningen = page.locator("section").filter(
            has=page.get_by_role("heading", name="Ondertekening van het handelingsdeel")
        )
        ellen = handtekeningen.locator("li.handtekening").filter(has_text="Ellen de Vries")
        expect(ellen).to_contain_text("Getekend (akkoord)")
        expect(ellen).to_contain_text("opnieuw ingelogd met wachtwoord")
        expect(ellen).to_contain_text("Handtekening klopt met deze inhoud")
        mark = handtekeningen.locator("li.handtekening").filter(has_text="Mark de Vries")
        expect(mark).to_contain_text("Wacht op ondertekening")
        expect_no_horizontal_scroll(page)

        rij = verzoek("ouder@demo.nl")
        assert rij.status == Ondertekening.Status.GETEKEND
        assert rij.methode == Ondertekening.Methode.WACHTWOORD
        assert HASH.match(rij.inhoud_hash)
        assert "Sam herkent spanning" in rij.inhoud
        assert rij.ip_adres
        assert rij.user_agent
        assert rij.beantwoord_op is not None
        assert rij.opp.status == Opp.Status.TER_ONDERTEKENING  # the others still sign

        # Her home page no longer asks for this signature.
        page.goto(f"{url}/")
        expect(page.get_by_role("heading", name="Te ondertekenen")).to_have_count(0)
    finally:
        context.close()


def test_second_parent_disagrees_and_the_coordinator_sees_it(
    live_server, browser: Browser, browser_context_args, demo_region, mailoutbox
):
    url = live_server.url

    ouder = browser.new_context(**browser_context_args)
    try:
        page = ouder.new_page()
        log_in_with_emailed_code(page, url, "ouder2@demo.nl", mailoutbox)
        open_opp_from_home(page)
        tekenen = page.get_by_role("region", name="Uw handtekening wordt gevraagd")
        reden = tekenen.get_by_label("Waarom bent u niet akkoord?")
        expect(reden).to_be_hidden()
        tekenen.get_by_text("Ik ben niet akkoord").click()
        expect(reden).to_be_visible()
        reden.fill(REDEN)
        tekenen.get_by_role("button", name="Niet akkoord versturen").click()
        expect_message(page, "Uw antwoord “niet akkoord” is vastgelegd.")
        mark = page.locator("li.handtekening").filter(has_text="Mark de Vries")
        expect(mark).to_contain_text("Niet akkoord")
        expect(mark).to_contain_text(f"Reden: {REDEN}")
    finally:
        ouder.close()

    rij = verzoek("ouder2@demo.nl")
    assert rij.status == Ondertekening.Status.NIET_AKKOORD
    assert rij.reden == REDEN
    assert HASH.match(rij.inhoud_hash)
    assert verzoek("ouder@demo.nl").status == Ondertekening.Status.GEVRAAGD
    assert [
        m.to for m in mailoutbox if m.subject.endswith("Niet akkoord met het handelingsdeel")
    ] == [["ib@demo.nl"]]

    ib = browser.new_context(**browser_context_args)
    try:
        page = ib.new_page()
        log_in_with_totp(page, url, "ib@demo.nl")
        aandacht = page.locator(".card").filter(
            has=page.get_by_role("heading", name="OPP: vraagt aandacht", level=3)
        )
        expect(aandacht).to_be_visible()
        melding = aandacht.get_by_role("listitem").filter(has_text="Niet akkoord")
        expect(melding).to_have_count(1)
        expect(melding).to_contain_text("Mark de Vries")
        expect(melding).to_contain_text(REDEN)
        melding.get_by_role("link", name="OPP Sam de Vries").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Ontwikkelingsperspectiefplan van Sam de Vries"
        )
        expect(page.locator("li.handtekening").filter(has_text="Mark de Vries")).to_contain_text(
            f"Reden: {REDEN}"
        )
    finally:
        ib.close()
