"""The whole route to an MDO in a real browser: the coördinator of De Regenboog opens a
traject for Sam de Vries, records steps 1-3, plans the MDO, invites the jeugdteam once
both parents consented (each in their own browser), and finalises the report.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from accounts.models import User
from arrangeren.route.models import Mdo, Mdoverslag, Traject
from tests.demo_toegang import zonder_demo_toegang

pytestmark = pytest.mark.e2e

CODE = re.compile(r"\b(\d{6})\b")


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def log_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw inlogcode in")


def log_in_with_totp(page: Page, url: str, email: str) -> None:
    device = TOTPDevice.objects.create(
        user=User.objects.get(email=email), name="Telefoon", confirmed=True
    )
    log_in(page, url, email)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def log_in_with_emailed_code(page: Page, url: str, email: str, outbox) -> None:
    """Parents have no authenticator app: the code arrives by e-mail."""
    log_in(page, url, email)
    codemail = [m for m in outbox if m.to == [email] and "inlogcode" in m.subject.lower()]
    assert codemail, f"no login code was mailed to {email}"
    page.get_by_label("Code").fill(CODE.search(codemail[-1].body).group(1))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Toestemming")


def expect_message(page: Page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def record_step(page: Page, nummer: int, velden: dict[str, str]) -> None:
    page.get_by_role("link", name=f"Stap {nummer} vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Stap {nummer}:")
    for label, tekst in velden.items():
        page.get_by_label(label).fill(tekst)
    page.get_by_role("button", name="Opslaan").click()
    expect_message(page, f"Stap {nummer} (")
    expect(page.get_by_role("main")).to_contain_text(next(iter(velden.values())))


def move_to_step(page: Page, nummer: int) -> None:
    page.get_by_role("button", name=f"Naar stap {nummer}").click()
    expect_message(page, f"Het traject staat nu in stap {nummer}.")
    expect(page.get_by_role("note", name="Regie")).to_contain_text(f"Stap {nummer}:")


def parent_gives_consent(browser: Browser, context_args, url, email, outbox) -> None:
    context = browser.new_context(**context_args)
    try:
        page = context.new_page()
        log_in_with_emailed_code(page, url, email, outbox)
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Toestemming"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming")
        vragen = page.get_by_role("button", name=re.compile(r"^Toestemming geven voor Joyce"))
        expect(vragen).to_have_count(2)  # taking part in the MDO, and the documents
        for over in (2, 1):
            vragen.first.click()
            expect_message(page, "Dank u wel, uw antwoord is vastgelegd.")
            expect(vragen).to_have_count(over - 1)
        expect(page.get_by_text("Er staan geen vragen voor u open.")).to_be_visible()
        expect(page.get_by_role("button", name=re.compile(r"^Intrekken"))).to_have_count(2)
    finally:
        context.close()


def invitations(outbox) -> list:
    return [m for m in outbox if m.subject.endswith("Uitnodiging voor een MDO")]


def test_coordinator_takes_sam_from_opening_a_traject_to_a_final_mdo_report(
    live_server, page: Page, browser: Browser, browser_context_args, demo_region, mailoutbox
):
    url = live_server.url
    # Sam without any consent, as the suite has him (tests/demo_toegang.py): the demo's own
    # consent for its medewerker toegang is taken out, whether or not this database had it.
    zonder_demo_toegang()
    vandaag = timezone.localdate()
    mdo_dag = vandaag + timedelta(days=14)
    evaluatie = vandaag + timedelta(days=90)

    # 1. Log in, find Sam, open a traject.
    log_in_with_totp(page, url, "ib@demo.nl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Leerlingen").click()
    page.get_by_label("Zoek op naam").fill("Sam")
    # Wait for htmx to swap in the search results before clicking one of them.
    with page.expect_response(lambda r: r.request.method == "POST" and "/leerlingen/" in r.url):
        page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Noor Visser")).to_have_count(0)  # results swapped
    page.get_by_role("link", name="Sam de Vries", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam de Vries")
    openen = page.get_by_role("link", name="Traject openen")
    expect(openen).to_have_attribute(
        "href", re.compile(r"^/leerlingen/[0-9a-f-]{36}/traject-openen/$")
    )
    openen.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Integraal arrangeren starten voor Sam de Vries"
    )
    page.get_by_label("De route van de eigen ondersteuningsstructuur is gevolgd").check()
    page.get_by_label("De ontwikkeling bleef ondanks die ondersteuning onvoldoende.").check()
    page.get_by_label("Een externe deskundige die aan de school verbonden is").check()
    toelichtingen = page.get_by_label("Toelichting")
    expect(toelichtingen).to_have_count(3)
    toelichtingen.nth(0).fill("Groeiplan rekenen en lezen, twee keer geëvalueerd.")
    toelichtingen.nth(1).fill("Geen vooruitgang op lezen, veel conflicten op het plein.")
    toelichtingen.nth(2).fill("Orthopedagoog van het SWV heeft meegekeken.")
    page.get_by_role("button", name="Traject openen").click()

    expect_message(page, "Het traject is geopend. U staat bij stap 1: Waarnemen.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject van Sam de Vries")
    regie = page.get_by_role("note", name="Regie")
    expect(regie).to_contain_text("Regievoerder: Basisschool De Regenboog")
    expect(regie).to_contain_text("Stap 1:")

    # 2. Steps 1 to 3.
    record_step(
        page,
        1,
        {
            "Observaties": "Sam trekt zich in de klas terug; thuis veel boosheid.",
            "Hypothesen": "Leesproblemen; spanning thuis; te weinig structuur.",
        },
    )
    move_to_step(page, 2)
    record_step(
        page,
        2,
        {
            "Doel van het overleg": "Samen zien wat Sam nodig heeft, thuis en op school.",
            "Voorgestelde deelnemers": "Ouders, leerkracht, jeugdteam Leiden.",
        },
    )
    move_to_step(page, 3)
    # Step 3 asks nothing in free text: room, interpreter and consent come from the MDO.

    # 3. Plan the MDO: the goal of step 2 stands in the form already.
    page.get_by_role("link", name="MDO plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MDO plannen")
    expect(page.get_by_label("Doel van het overleg")).to_have_value(
        "Samen zien wat Sam nodig heeft, thuis en op school."
    )
    page.get_by_label("Doel van het overleg").fill("Een gezamenlijk plan voor Sam.")
    page.get_by_label("Vaste datum en tijd").check()
    page.get_by_label(re.compile(r"^Datum")).fill(mdo_dag.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("11:00")
    page.get_by_label(re.compile(r"^Plaats")).fill("Basisschool De Regenboog, lokaal 4")
    page.get_by_label("Agenda").fill("1. Kennismaken\n2. Wat gaat goed\n3. Afspraken")
    page.get_by_role("checkbox", name=re.compile(r"^Tolk nodig")).check()
    page.get_by_label(re.compile(r"^Taal van de tolk")).fill("Arabisch")
    expect(page.get_by_label("Leerling is bij het overleg")).not_to_be_checked()
    page.get_by_role("button", name="MDO aanmaken").click()

    expect_message(page, "Het MDO is aangemaakt.")
    main = page.get_by_role("main")
    expect(main).to_contain_text(re.compile(r"10:00 \W 11:00 uur"))
    expect(main).to_contain_text("Ja, Arabisch")
    genodigden = page.get_by_role("table", name="Genodigden, toestemming en antwoord")
    for naam in ("Ingrid Bos", "Martijn Kok", "Ellen de Vries", "Mark de Vries"):
        expect(genodigden).to_contain_text(naam)

    # 4. Invite the jeugdteam: consent first.
    persoon = page.get_by_label("Persoon")
    optie = persoon.locator("option", has_text="Jeugdteam Leiden").filter(has_text="Joyce")
    persoon.select_option(label=optie.inner_text().strip())
    page.get_by_role("button", name="Genodigde toevoegen").click()
    expect_message(page, "Joyce El Amrani staat op de lijst met genodigden.")
    expect(genodigden.get_by_role("row", name=re.compile("Joyce El Amrani"))).to_contain_text(
        "Nog niet gegeven"
    )

    expect(page.get_by_label("Deelname aan het MDO", exact=False)).to_be_checked()
    voor = len(mailoutbox)  # the demo seed itself asks Daan's parents (his school move)
    page.get_by_role("button", name="Toestemming vragen").click()
    expect_message(page, "De ouders hebben 4 vragen om toestemming gekregen.")
    gevraagd = {m.to[0] for m in mailoutbox[voor:] if "toestemming" in m.subject}
    assert gevraagd == {"ouder@demo.nl", "ouder2@demo.nl"}

    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator(".utrecht-alert--error")).to_contain_text(
        "De ouders hebben nog geen toestemming gegeven om deze personen uit te nodigen: "
        "Joyce El Amrani."
    )
    assert invitations(mailoutbox) == []

    for ouder in ("ouder@demo.nl", "ouder2@demo.nl"):
        parent_gives_consent(browser, browser_context_args, url, ouder, mailoutbox)

    page.reload()
    expect(genodigden.get_by_role("row", name=re.compile("Joyce El Amrani"))).to_contain_text(
        "Gegeven"
    )
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect_message(page, "De uitnodigingen zijn verstuurd (5 genodigden).")
    expect(main).to_contain_text("Status: Uitnodigingen verstuurd")

    uitnodigingen = invitations(mailoutbox)
    assert sorted(m.to[0] for m in uitnodigingen) == [
        "jeugdteam@demo.nl",
        "mentor@demo.nl",
        "ouder2@demo.nl",
        "ouder@demo.nl",
    ]
    for mail in uitnodigingen:
        assert "Vries" not in mail.subject + mail.body  # no pupil name in the mail
        bijlagen = [(a[0], a[1], a[2]) for a in mail.attachments]
        assert [(naam, soort) for naam, _, soort in bijlagen] == [("mdo.ics", "text/calendar")]
        inhoud = bijlagen[0][1]
        inhoud = inhoud.decode() if isinstance(inhoud, bytes) else inhoud
        assert "BEGIN:VCALENDAR" in inhoud
        assert "DTSTART" in inhoud

    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect_message(page, "De uitnodigingen waren al verstuurd; er is niets opnieuw verstuurd.")
    assert len(invitations(mailoutbox)) == 4

    # 5. Hear Sam beforehand, write and finalise the report.
    expect(main).to_contain_text("Niet bij het overleg; de visie wordt vooraf opgehaald")
    page.get_by_role("link", name="Leerlinggesprek vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leerlinggesprek (hoorrecht)")
    page.get_by_label("Gesprek gevoerd op").fill(vandaag.isoformat())
    page.get_by_label("Wat gaat goed, volgens de leerling").fill("Gym en tekenen.")
    page.get_by_label("Wat is moeilijk, volgens de leerling").fill("Lezen, en ruzie in de pauze.")
    page.get_by_label("Wat wil de leerling").fill("Hulp bij lezen; mama erbij.")
    page.get_by_role("button", name="Opslaan").click()
    expect_message(page, "De visie van de leerling is vastgelegd.")
    expect(main).to_contain_text("Gym en tekenen.")

    page.get_by_role("link", name="Verslag schrijven (concept)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag van het MDO")
    expect(main).to_contain_text("Concept")
    for naam in ("Ingrid Bos", "Martijn Kok", "Ellen de Vries", "Mark de Vries", "Joyce El Amrani"):
        page.get_by_label(naam).check()
    verslagtekst = {
        "Ondersteuningsbehoeften": "Leesbegeleiding en rust in de pauzes.",
        "Wat gaat goed": "Sam is creatief en sportief.",
        "Wat kan beter": "Technisch lezen; omgaan met boosheid.",
        "Wat ouders, kind en netwerk zelf bijdragen": "Ouders lezen elke avond samen.",
        "Integratief beeld": "Leesachterstand en spanning versterken elkaar.",
        "Regieafspraken": "School houdt de regie over het OPP.",
        "Overbruggingsafspraken": "Leerkracht geeft extra leestijd tot de hulp start.",
    }
    for label, tekst in verslagtekst.items():
        page.get_by_label(label).fill(tekst)
    page.get_by_label("Besluiten").fill("Leesbegeleiding op school; gezinscoach via jeugdteam.")
    page.get_by_label("Evaluatiedatum (stap 6)").fill(evaluatie.isoformat())
    page.get_by_role("button", name="Verslag opslaan").click()
    expect_message(page, "Het verslag is opgeslagen.")
    expect(page.get_by_label("Integratief beeld")).to_have_value(verslagtekst["Integratief beeld"])
    expect(page.get_by_label("Joyce El Amrani")).to_be_checked()

    doel = page.get_by_role("group", name="Doel toevoegen")
    doel.get_by_label("Ontwikkelingsdomein").select_option(
        label="d. Schoolse / onderwijsvaardigheden"
    )
    doel.get_by_label("Soort doel").select_option(label="Onderwijsdoel")
    doel.get_by_label("Doel", exact=True).fill("Sam leest over drie maanden op AVI E5.")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect_message(page, "Het doel is toegevoegd.")
    expect(page.get_by_role("heading", name=re.compile("^Doel 1: d. Schoolse"))).to_be_visible()

    page.get_by_text("Inzet toevoegen bij doel 1").click()
    page.get_by_label("Inzet (wat)").fill("Twee keer per week leesbegeleiding.")
    page.get_by_label("Wie").fill("Remedial teacher")
    page.get_by_label("Vanaf").fill(mdo_dag.isoformat())
    page.get_by_label("Tot en met").fill(evaluatie.isoformat())
    page.get_by_label("Uren per week").fill("1.5")
    page.get_by_role("button", name="Inzet toevoegen").click()
    expect_message(page, "De inzet is toegevoegd aan het doel.")
    expect(main).to_contain_text("Twee keer per week leesbegeleiding.")
    expect(page.get_by_text("Nog nodig voor het vaststellen:")).to_have_count(0)
    # Not before the meeting: the page says from when. Then the clock moves past it.
    expect(main).to_contain_text("vanaf dan kunt u het verslag vaststellen")
    expect(page.get_by_role("button", name="Verslag vaststellen")).to_have_count(0)
    nu = timezone.now()
    Mdo.objects.filter(traject__leerling__voornaam="Sam").update(
        start=nu - timedelta(hours=2), eind=nu - timedelta(hours=1)
    )
    page.reload()

    page.get_by_role("button", name="Verslag vaststellen").click()
    expect_message(page, "Het verslag is vastgesteld en gedeeld met de aanwezigen.")
    expect(main).to_contain_text("Definitief, vastgesteld door Ingrid Bos")
    expect(page.get_by_role("button", name="Verslag opslaan")).to_have_count(0)
    expect(page.get_by_role("button", name="Nieuwe versie maken")).to_be_visible()

    traject = Traject.objects.get(leerling__voornaam="Sam", leerling__achternaam="Vries")
    mdo = Mdo.objects.get(traject=traject)
    assert mdo.status == Mdo.Status.GEHOUDEN
    assert mdo.verslagen.get().status == Mdoverslag.Status.DEFINITIEF
    traject.refresh_from_db()
    assert traject.evaluatiedatum == evaluatie
    # The report covers steps 4 to 6: finalising it moved the traject on to step 7.
    assert traject.huidige_stap == 7
