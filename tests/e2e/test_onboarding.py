"""A school comes in from its own export, in a real browser.

The schoolbeheerder of De Regenboog uploads the ParnasSys sample export, reads the
preview, confirms; a parent with custody gets the invitation, activates her account on
her phone from the e-mail link (choosing her own password) and sees her child. A new
teacher is invited, a second beheerder confirms her role, and she activates her own
account with her authenticator app.
"""

import base64
import re
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from accounts.models import Leerling, Leerlingimport, Lidmaatschap, Toegangslog, User
from tests.e2e.telefoon import PHONE, expect_no_horizontal_scroll
from tests.e2e.test_opp_ondertekenen import log_in_with_totp

pytestmark = pytest.mark.e2e

VOORBEELD = Path(__file__).resolve().parents[2] / "docs/voorbeelden/parnassys_de_regenboog.csv"
LINK = re.compile(r"https?://\S+?(/activeren/\S+/)")
WACHTWOORD = "Zomer-Vlieger-Kaart-27"


def activatielink(outbox, email: str) -> str:
    mails = [m for m in outbox if m.to == [email] and "Activeer" in m.subject]
    assert mails, f"no activation mail to {email}"
    return LINK.search(mails[-1].body).group(1)


def test_schoolbeheerder_imports_the_export_and_a_parent_activates_her_account(
    live_server, browser: Browser, browser_context_args, page: Page, demo_region, mailoutbox
):
    url = live_server.url
    log_in_with_totp(page, url, "schoolbeheer@demo.nl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Leerlingen importeren"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leerlingen importeren")
    page.get_by_label("Export uit de leerlingadministratie").set_input_files(VOORBEELD)
    page.get_by_role("button", name="Voorbeeld bekijken").click()

    # The preview writes nothing yet.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voorbeeld")
    expect(page.get_by_role("rowheader", name="Nieuwe leerlingen")).to_be_visible()
    expect(page.get_by_role("table", name="Nieuwe leerlingen")).to_contain_text("Bakker")
    assert not Leerling.objects.filter(voornaam="Zoë", achternaam="Bakker").exists()
    assert not User.objects.filter(email="anouk.bakker@demo.nl").exists()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=2, name="Resultaat")).to_be_visible()

    zoe = Leerling.objects.get(voornaam="Zoë", achternaam="Bakker")
    assert zoe.school.naam == "Basisschool De Regenboog" and zoe.leerlingnummer == "10003"
    assert Leerlingimport.objects.get().status == Leerlingimport.Status.VERWERKT
    assert Toegangslog.objects.filter(
        leerling=zoe, actie=Toegangslog.Actie.IMPORTEREN, gebruiker__email="schoolbeheer@demo.nl"
    ).exists()

    # The mother activates her account on her phone from the e-mail.
    pad = activatielink(mailoutbox, "anouk.bakker@demo.nl")
    telefoon = browser.new_context(**{**browser_context_args, **PHONE})
    try:
        ouder = telefoon.new_page()
        ouder.goto(f"{url}{pad}")
        expect(ouder).to_have_url(f"{url}/activeren/")  # the token left the address bar
        expect(ouder.get_by_role("heading", level=1)).to_have_text("Account activeren")
        ouder.get_by_label("Kies een wachtwoord").fill("kort")
        ouder.get_by_label("Herhaal het wachtwoord").fill("kort")
        ouder.get_by_role("button", name="Account activeren").click()
        # In the error summary and at the field (issue 16).
        expect(ouder.locator("#foutoverzicht")).to_contain_text("Dit wachtwoord is te kort")
        ouder.get_by_label("Kies een wachtwoord").fill(WACHTWOORD)
        ouder.get_by_label("Herhaal het wachtwoord").fill(WACHTWOORD)
        ouder.get_by_role("button", name="Account activeren").click()
        expect(ouder.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
        expect(ouder.get_by_text("Zoë Bakker").first).to_be_visible()
        expect_no_horizontal_scroll(ouder)

        # The link works once.
        ouder.goto(f"{url}{pad}")
        expect(ouder.get_by_role("alert")).to_contain_text("al gebruikt")
    finally:
        telefoon.close()


def test_a_new_teacher_gets_her_role_only_after_a_second_beheerder_confirms(
    live_server, browser: Browser, browser_context_args, page: Page, demo_region, mailoutbox
):
    url = live_server.url
    log_in_with_totp(page, url, "schoolbeheer@demo.nl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Medewerkers en rollen"
    ).click()
    uitnodigen = page.locator("form").filter(
        has=page.get_by_role("heading", name="Medewerker uitnodigen")
    )
    uitnodigen.get_by_label("Naam", exact=True).fill("Lotte Lerares")
    uitnodigen.get_by_label("E-mailadres", exact=True).fill("lotte@demo.nl")
    uitnodigen.get_by_label("Rol", exact=True).select_option(label="Leerkracht / mentor")
    uitnodigen.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator(".messages")).to_be_visible()
    lotte = User.objects.get(email="lotte@demo.nl")
    assert not Lidmaatschap.objects.filter(user=lotte).exists()  # not on her word alone

    # The director, the school's second beheerder, confirms.
    directie = browser.new_context(**browser_context_args)
    try:
        tweede = directie.new_page()
        log_in_with_totp(tweede, url, "directie@demo.nl")
        # He is also the director: he switches to his beheerder role first.
        tweede.get_by_label("Werken als").select_option(
            label="Beheerder van de organisatie · Basisschool De Regenboog"
        )
        tweede.get_by_role("button", name="Wissel").click()
        tweede.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Medewerkers en rollen"
        ).click()
        voorstel = tweede.locator("tr").filter(has_text="Lotte Lerares")
        voorstel.get_by_role("button", name="Bevestigen").click()
        expect(tweede.locator(".messages")).to_be_visible()
    finally:
        directie.close()
    assert Lidmaatschap.objects.filter(user=lotte, rol="leerkracht").exists()

    # Lotte activates her own account: her password, then her authenticator app.
    nieuw = browser.new_context(**browser_context_args)
    try:
        lp = nieuw.new_page()
        lp.goto(f"{url}{activatielink(mailoutbox, 'lotte@demo.nl')}")
        lp.get_by_label("Kies een wachtwoord").fill(WACHTWOORD)
        lp.get_by_label("Herhaal het wachtwoord").fill(WACHTWOORD)
        lp.get_by_role("button", name="Account activeren").click()
        expect(lp.get_by_role("heading", level=1)).to_have_text("Koppel uw authenticator-app")
        key = base64.b32decode(lp.locator("code.secret").inner_text().replace(" ", ""))
        lp.get_by_label("Code").fill(f"{TOTP(key).token():06d}")
        lp.get_by_role("button", name="Koppelen").click()
        expect(lp.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
        expect(lp.locator(".site-header__rol")).to_contain_text("Leerkracht")
    finally:
        nieuw.close()
