"""The four journeys for a pupil who came in through the UI, in a real browser (issue 15, part 8).

Not the seeded Sam: the schoolbeheerder of De Regenboog imports Roos Lindhout from the
school's own export, and her mother activates her account on her phone. Then, each person
in a browser of their own that stays open, as people keep a tab or a phone:

1. the coördinator opens a traject and asks consent for the jeugdteam; the mother gives it;
2. the coördinator plans the MDO and invites the jeugdteam, who sees the invitation;
3. after the meeting the coördinator finalises the report and takes it over into the OPP;
4. the OPP goes out for signing; mother, school and jeugdteam sign; it is vastgesteld;
5. the jeugdteam registers a short begeleiding and logs hours; the school hears it ends
   within 6 weeks;
6. the school submits a TLV request; the SWV finds it, takes it on and grants it.

At each hand-over the next person sees it on her own screen: the bell in the header counts
an unread notification of that kind, opening it leads to the item (and the count drops),
and where "Mijn werk" lists the item, it is there too. The clock is moved once, past the
meeting, in the database: the one step no user can take.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.models import Leerling
from arrangeren.jeugdhulp.meldingen import meld_aflopende_jeugdhulp
from arrangeren.route.models import Mdo
from arrangeren.tlv.models import TlvAanvraag
from opp.models import Opp

from . import nieuwe_leerling_stappen as stap
from .telefoon import PHONE, expect_no_horizontal_scroll
from .test_opp_ondertekenen import expect_message, log_in_with_totp

pytestmark = pytest.mark.e2e

DOEL = "Samen zien wat Roos nodig heeft, thuis en op school."


@pytest.fixture
def browser_van(live_server, browser: Browser, browser_context_args):
    """A browser of one's own, logged in or not, on a computer or a phone; all closed after."""
    contexten = []

    def openen(email: str | None = None, telefoon: bool = False) -> Page:
        context = browser.new_context(**browser_context_args, **(PHONE if telefoon else {}))
        contexten.append(context)
        page = context.new_page()
        if email:
            log_in_with_totp(page, live_server.url, email)
        return page

    yield openen
    for context in contexten:
        context.close()


def test_a_new_pupil_goes_through_the_four_journeys(
    live_server, browser_van, demo_region, mailoutbox, tmp_path
):
    url = live_server.url
    vandaag = timezone.localdate()
    mdo_dag = vandaag + timedelta(days=7)
    evaluatie = vandaag + timedelta(days=90)
    einde_hulp = vandaag + timedelta(days=35)  # a short begeleiding: ends within 6 weeks

    # The school brings Roos in from its own export; her mother activates her account.
    beheer = browser_van("schoolbeheer@demo.nl")
    stap.importeer(beheer, stap.schrijf_export(tmp_path))
    assert Leerling.objects.filter(voornaam="Roos", achternaam="Lindhout").exists()
    ouder = browser_van(telefoon=True)
    stap.activeer(ouder, url, stap.activatielink(mailoutbox, stap.OUDER_EMAIL))
    expect(ouder.get_by_text(stap.LEERLING).first).to_be_visible()

    # 1. The coördinator opens a traject and asks consent for the jeugdteam.
    ib = browser_van("ib@demo.nl")
    stap.open_leerling(ib)
    stap.open_traject(ib)
    traject_url = ib.url
    stap.vraag_toestemming_voor_jeugdteam(ib)

    # The mother sees the questions on her phone, in "Mijn werk" and by the bell.
    stap.naar_start(ouder, url)
    vragen = (
        stap.mijn_werk(ouder)
        .locator(".card")
        .filter(has=ouder.get_by_role("heading", name="Vragen om uw toestemming"))
    )
    expect(vragen.get_by_role("listitem")).to_have_count(3)
    stap.open_melding(ouder, url, "toestemming_gevraagd")
    stap.geef_alle_toestemming(ouder)

    # The coördinator hears of it.
    stap.open_melding(ib, url, "toestemming_gegeven")
    expect(ib.get_by_role("main")).to_contain_text("Joyce El Amrani")

    # 2. Steps 1 and 2, then the MDO with the jeugdteam invited.
    ib.goto(traject_url)
    stap.record_step(
        ib,
        1,
        {
            "Observaties": "Roos zegt in de klas weinig; moeder ziet thuis veel spanning.",
            "Hypothesen": "Spanning thuis; faalangst; te weinig rust in de klas.",
        },
    )
    stap.move_to_step(ib, 2)
    stap.record_step(
        ib,
        2,
        {
            "Doel van het overleg": DOEL,
            "Voorgestelde deelnemers": "Moeder, mentor, jeugdteam Leiden.",
        },
    )
    stap.move_to_step(ib, 3)
    stap.plan_mdo(ib, mdo_dag, doel=DOEL)
    mdo_url = ib.url
    stap.nodig_jeugdteam_uit(ib)

    # The jeugdteam sees the invitation in "Mijn werk" and by the bell, and answers.
    jeugdteam = browser_van("jeugdteam@demo.nl")
    expect(
        stap.mijn_werk(jeugdteam).get_by_role("link", name=f"MDO {stap.LEERLING}")
    ).to_be_visible()
    stap.open_melding(jeugdteam, url, "mdo_uitnodiging")
    expect(jeugdteam.get_by_role("heading", level=1)).to_contain_text("MDO")
    stap.antwoord_ik_kom(jeugdteam)

    # The mother too, on her phone.
    stap.naar_start(ouder, url)
    expect(stap.mijn_werk(ouder).get_by_role("link", name=f"MDO {stap.LEERLING}")).to_be_visible()
    stap.open_melding(ouder, url, "mdo_uitnodiging")
    stap.antwoord_ik_kom(ouder)

    # Her mentor, invited with the school, can open the meeting he is told of.
    mentor = browser_van("mentor@demo.nl")
    stap.open_melding(mentor, url, "mdo_uitnodiging")
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("MDO")
    stap.antwoord_ik_kom(mentor)

    # 3. The coördinator drafts the report; before the meeting it cannot be made final.
    ib.goto(mdo_url)
    stap.schrijf_verslag(
        ib,
        evaluatie,
        ("Ingrid Bos", "Martijn Kok", stap.OUDER, "Joyce El Amrani", "Roos (leerling)"),
    )
    stap.voeg_doel_en_inzet_toe(ib, vandaag, evaluatie)
    expect(ib.get_by_role("button", name="Verslag vaststellen")).to_have_count(0)

    # The meeting took place: the clock moves past it (the one step no user can take).
    mdo = Mdo.objects.get(traject__leerling__voornaam="Roos")
    nu = timezone.now()
    Mdo.objects.filter(pk=mdo.pk).update(
        start=nu - timedelta(hours=2), eind=nu - timedelta(hours=1)
    )
    ib.reload()
    ib.get_by_role("button", name="Verslag vaststellen").click()
    expect_message(ib, "Het verslag is vastgesteld")
    ib.get_by_role("button", name="Overnemen in het OPP").click()
    expect(ib.locator(".messages")).to_be_visible()

    # The attendees hear the report is ready: the mother reads it on her phone.
    stap.open_melding(ouder, url, "mdo_verslag")
    expect(ouder.get_by_role("heading", level=1)).to_contain_text("Verslag van het MDO")
    expect(ouder.get_by_role("main")).to_contain_text("Roos vertelt wekelijks")
    with ouder.expect_download() as download:
        ouder.get_by_role("link", name="Download als pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    stap.open_melding(mentor, url, "mdo_verslag")
    expect(mentor.get_by_role("main")).to_contain_text("Roos vertelt wekelijks")

    # 4. The OPP goes out for signing, the jeugdteam's medewerker toegang included.
    ib.goto(traject_url)
    stap.naar_stap_7(ib)
    ib.goto(f"{url}/leerlingen/{Leerling.objects.get(voornaam='Roos').uuid}/opp/")
    versturen = ib.locator("form").filter(
        has=ib.get_by_role("button", name="Ter ondertekening versturen")
    )
    versturen.get_by_label("Medewerker toegang (jeugdteam) die tekent").select_option(
        label=stap.JOYCE
    )
    versturen.get_by_role("button", name="Ter ondertekening versturen").click()
    expect(ib.locator(".messages")).to_be_visible()

    # The mother: in "Mijn werk" and by the bell; she signs with a code by e-mail.
    stap.naar_start(ouder, url)
    expect(stap.mijn_werk(ouder)).to_contain_text("Te ondertekenen")
    stap.open_melding(ouder, url, "opp_ondertekenen")
    expect(ouder.get_by_role("heading", level=1)).to_have_text(stap.OPP_KOP)
    expect_no_horizontal_scroll(ouder)
    stap.onderteken_met_code(ouder, mailoutbox, stap.OUDER_EMAIL)
    # The school signs from "Mijn werk", the jeugdteam from its bell, last.
    stap.open_te_ondertekenen(ib, url)
    stap.onderteken(ib, "demo")
    stap.open_melding(jeugdteam, url, "opp_ondertekenen")
    expect(jeugdteam.get_by_role("heading", level=1)).to_have_text(stap.OPP_KOP)
    stap.onderteken(jeugdteam, "demo")
    expect(jeugdteam.get_by_text(re.compile(r"Vastgesteld op"))).to_be_visible()
    opp = Opp.objects.get(leerling__voornaam="Roos")
    assert opp.status == Opp.Status.VASTGESTELD

    # Parents and school hear the OPP is vastgesteld.
    for wie in (ouder, ib):
        stap.open_melding(wie, url, "opp_vastgesteld")
        expect(wie.get_by_role("heading", level=1)).to_have_text(stap.OPP_KOP)
        expect(wie.get_by_text(re.compile(r"Vastgesteld op"))).to_be_visible()

    # 5. The jeugdteam registers its begeleiding and logs this week's hours.
    jeugdteam.goto(traject_url)
    jeugdteam.get_by_role("link", name="Jeugdhulp registreren").click()
    jeugdteam.get_by_label("Soort", exact=True).select_option(label="Begeleiding")
    jeugdteam.get_by_label("Aanbieder").select_option(label="Jeugdteam Leiden (demo)")
    jeugdteam.get_by_label("Start", exact=True).fill(vandaag.isoformat())
    jeugdteam.get_by_label("Gepland einde").fill(einde_hulp.isoformat())
    jeugdteam.get_by_label("Geplande uren per week").fill("2")
    jeugdteam.get_by_label("Roos vertelt wekelijks", exact=False).check()
    jeugdteam.get_by_role("button", name="Jeugdhulp registreren").click()
    expect_message(jeugdteam, "De jeugdhulp is geregistreerd.")
    jeugdteam.get_by_label("Week", exact=True).fill(vandaag.isoformat())
    jeugdteam.get_by_label("Geleverde uren", exact=True).fill("2")
    jeugdteam.get_by_label("Toelichting").fill("Eerste gesprek thuis")
    jeugdteam.get_by_role("button", name="Uren opslaan").click()
    expect_message(jeugdteam, "De uren zijn opgeslagen.")
    uren = jeugdteam.get_by_role("table", name="Geleverde uren per week")
    expect(uren).to_contain_text("Eerste gesprek thuis")

    # The nightly job (accounts/planner.py) finds the begeleiding ends within 6 weeks:
    # the school hears, to agree in time how education goes on.
    meld_aflopende_jeugdhulp()
    stap.open_melding(ib, url, "jeugdhulp_eindigt")
    expect(ib.get_by_role("heading", level=1)).to_contain_text("Begeleiding voor Roos")

    # 6. The school prepares and submits a TLV request.
    ib.goto(traject_url)
    ib.get_by_role("link", name="TLV aanvragen").click()
    ib.get_by_label("Gevraagd soort onderwijs").select_option(label="Speciaal basisonderwijs (SBO)")
    ib.get_by_label("Gevraagde startdatum").fill((vandaag + timedelta(days=60)).isoformat())
    ib.get_by_label("Gevraagde einddatum").fill((vandaag + timedelta(days=425)).isoformat())
    ib.get_by_label("Motivering").fill("Ondanks de inzet blijft Roos stilvallen.")
    ib.get_by_label("Zienswijze van de ouders").fill("Moeder steunt de overstap naar het SBO.")
    ib.get_by_role("button", name="Aanvraag aanmaken").click()
    expect_message(ib, "aangemaakt")
    for legend, soort, naam in (
        ("Advies eerste deskundige", "Orthopedagoog", "Drs. A. Smit"),
        ("Advies tweede deskundige", "Maatschappelijk werker", "B. de Boer"),
    ):
        advies = ib.locator("fieldset").filter(has_text=legend)
        advies.get_by_label(re.compile(r"^Soort deskundige")).select_option(label=soort)
        advies.get_by_label(re.compile(r"^Naam van de deskundige")).fill(naam)
        advies.get_by_label(re.compile(r"^Datum van het advies")).fill(vandaag.isoformat())
        advies.get_by_label(re.compile(r"^Geadviseerd soort onderwijs")).select_option(
            label="Speciaal basisonderwijs (SBO)"
        )
        advies.get_by_role("textbox", name=re.compile(r"^Advies")).fill(
            "SBO past bij wat Roos nodig heeft."
        )
    ib.get_by_role("button", name="Opslaan").click()
    expect_message(ib, "De aanvraag is opgeslagen.")
    toets = ib.get_by_role("region", name="Procedurele toets")
    expect(toets).to_contain_text("Alle onderdelen zijn in orde.")
    ib.get_by_role("button", name="Indienen bij het SWV").click()
    expect(ib.locator(".messages")).to_be_visible()
    aanvraag = TlvAanvraag.objects.get(leerling__voornaam="Roos")
    assert aanvraag.status == "ingediend"

    # The SWV finds it in "Mijn werk", in its queue and by the bell.
    swv = browser_van("swv@demo.nl")
    expect(
        stap.mijn_werk(swv).get_by_role("link", name=re.compile(f"^{stap.LEERLING}"))
    ).to_be_visible()
    stap.hoofdmenu(swv, "TLV")
    lopend = swv.get_by_role("region", name="Lopende aanvragen")
    expect(lopend.get_by_role("link", name=stap.LEERLING)).to_be_visible()
    stap.open_melding(swv, url, "tlv_ingediend")
    expect(swv.get_by_role("heading", level=1)).to_have_text(f"TLV-aanvraag van {stap.LEERLING}")
    swv.get_by_role("button", name="In behandeling nemen").click()
    expect_message(swv, "U hebt de aanvraag in behandeling genomen.")
    swv.get_by_label("Toekennen").check()
    swv.get_by_label("Motivering van het besluit").fill("Het advies is overgenomen.")
    swv.get_by_role("button", name="Besluit vastleggen").click()
    expect_message(swv, "Het besluit is vastgelegd")
    aanvraag.refresh_from_db()
    assert aanvraag.status == "toegekend"

    # School and mother hear of the decision.
    for wie in (ib, ouder):
        stap.open_melding(wie, url, "tlv_besluit")
        expect(wie.get_by_role("region", name="Besluit: toegekend")).to_contain_text(
            aanvraag.tlv.nummer
        )

    # No e-mail of the whole journey names the pupil or her mother: only that something
    # waits, and a link (docs/productie.md).
    stap.geen_namen_in_mails(mailoutbox)
