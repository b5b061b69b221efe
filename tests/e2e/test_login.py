"""A coördinator logs in in a real browser, with her authenticator app, and sees her home."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import User

pytestmark = pytest.mark.e2e


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_ib_logs_in_with_totp_and_sees_her_home_page(live_server, page: Page, demo_region):
    ib = User.objects.get(email="ib@demo.nl")
    device = TOTPDevice.objects.create(user=ib, name="Telefoon", confirmed=True)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/inloggen/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")

    page.get_by_label("E-mailadres").fill("ib@demo.nl")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw inlogcode in")
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Ingrid")
    expect(
        page.get_by_text("Ondersteuningscoördinator (IB'er) · Basisschool De Regenboog").first
    ).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Leerlingen")


def test_wrong_password_in_the_browser_shows_a_dutch_message(live_server, page: Page, demo_region):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("E-mailadres").fill("ib@demo.nl")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Het e-mailadres of het wachtwoord klopt niet"
    )
