"""The medewerker jeugdteam registers jeugdhulp for Sam and logs hours, in a real browser.

Before the browser starts, the school has opened Sam's traject and both parents have
consented to the jeugdteam taking part and reading the OPP (both through the services, as
in earlier steps): linking jeugdhulp to OPP goals needs the OPP (docs/jeugdhulp.md).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from arrangeren.jeugdhulp.models import Jeugdhulpinzet

from .test_opp_ondertekenen import (
    expect_message,
    log_in_with_totp,
)

pytestmark = pytest.mark.e2e


def test_jeugdteam_registers_begeleiding_and_logs_hours_for_sam(
    live_server,
    page: Page,
    demo_region,
):
    from accounts.models import Informatiesoort
    from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam

    traject = traject_met_jeugdteam(
        soorten=(Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE)
    )
    vandaag = timezone.localdate()
    start = vandaag - timedelta(days=30)

    log_in_with_totp(page, live_server.url, "jeugdteam@demo.nl")
    page.goto(f"{live_server.url}/trajecten/{traject.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject van Sam de Vries")
    page.get_by_role("link", name="Jeugdhulp registreren").click()

    page.get_by_label("Soort", exact=True).select_option(label="Begeleiding")
    page.get_by_label("Aanbieder").select_option(label="Jeugdteam Leiden (demo)")
    page.get_by_label("Start", exact=True).fill(start.isoformat())
    page.get_by_label("Gepland einde").fill((start + timedelta(days=180)).isoformat())
    page.get_by_label("Geplande uren per week").fill("4")
    page.get_by_label(re.compile("Sam herkent spanning")).check()
    page.get_by_role("button", name="Jeugdhulp registreren").click()
    expect_message(page, "De jeugdhulp is geregistreerd.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Begeleiding voor Sam")

    # Absurd hours are refused in Dutch and nothing is saved.
    page.get_by_label("Week", exact=True).fill(vandaag.isoformat())
    page.get_by_label("Geleverde uren", exact=True).fill("200")
    page.get_by_role("button", name="Uren opslaan").click()
    # The form shows again with the hours marked and named in the summary (issue 16).
    expect(page.locator("#foutoverzicht")).to_contain_text("Geleverde uren")
    expect(page.get_by_label("Geleverde uren", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    assert not Jeugdhulpinzet.objects.get().uren.exists()

    page.get_by_label("Week", exact=True).fill((vandaag - timedelta(days=7)).isoformat())
    page.get_by_label("Geleverde uren", exact=True).fill("4")
    page.get_by_label("Toelichting").fill("Twee gesprekken thuis")
    page.get_by_role("button", name="Uren opslaan").click()
    expect_message(page, "De uren zijn opgeslagen.")
    uren = page.get_by_role("table", name="Geleverde uren per week")
    expect(uren).to_contain_text("Twee gesprekken thuis")
    expect(page.get_by_text(re.compile(r"\b4([.,]0)? van de 52 uur"))).to_be_visible()
    assert Jeugdhulpinzet.objects.get().uren.get().door.email == "jeugdteam@demo.nl"
