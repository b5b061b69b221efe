"""Steps of the browser journey for a pupil created through the UI (test_nieuwe_leerling.py).

Each person has a browser of their own (a context) that stays open through the journey,
as a coördinator keeps her tab open and a parent her phone. What one person does, the next
person sees: those checks are in the journey itself; these helpers only act.
"""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from accounts.notificaties import titel
from tests.e2e.test_opp_ondertekenen import expect_message

VOORBEELD = Path(__file__).resolve().parents[2] / "docs/voorbeelden/parnassys_de_regenboog.csv"

# A pupil the demo seed does not hold (it holds a Noor Visser already), with one parent.
VOORNAAM, ACHTERNAAM = "Roos", "Lindhout"
LEERLING = f"{VOORNAAM} {ACHTERNAAM}"
OUDER, OUDER_EMAIL = "Iris Lindhout", "iris.lindhout@demo.nl"
WACHTWOORD = "Tulp-Fiets-Haven-41"
OPP_KOP = f"Ontwikkelingsperspectiefplan van {LEERLING}"
JOYCE = "Joyce El Amrani — Jeugdteam Leiden (demo)"
RIJ = (
    f"10077;{VOORNAAM};{VOORNAAM} Sophie;;{ACHTERNAAM};11-06-2016;groep 6;23-08-2021;"
    f"mentor@demo.nl;{OUDER};{OUDER_EMAIL};06-12345699;ja;;;;;99AA"
)
ACTIVEREN = re.compile(r"https?://\S+?(/activeren/\S+/)")
BEL = re.compile(r"^Meldingen, (\d+|geen) ongelezen$")
TEKENCODE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)


def schrijf_export(map_: Path) -> Path:
    """The school's full export, as ParnasSys writes it: the pupils Samenplan already holds
    (Sam and Noor, lines of the sample export) and Roos, who is new."""
    kop, *rijen = VOORBEELD.read_bytes().decode("cp1252").splitlines()
    bekend = [r for r in rijen if r.startswith(("10001;", "10002;"))]
    pad = map_ / "export_groep5_6.csv"
    pad.write_bytes("\r\n".join([kop, *bekend, RIJ, ""]).encode("cp1252"))
    return pad


def activatielink(outbox, email: str) -> str:
    mails = [m for m in outbox if m.to == [email] and "Activeer" in m.subject]
    assert mails, f"no activation mail to {email}"
    return ACTIVEREN.search(mails[-1].body).group(1)


def hoofdmenu(page: Page, naam: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=naam).click()


def naar_start(page: Page, url: str) -> None:
    page.goto(f"{url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def mijn_werk(page: Page):
    return page.get_by_role("region", name="Mijn werk")


def importeer(page: Page, export: Path) -> None:
    hoofdmenu(page, "Leerlingen importeren")
    page.get_by_label("Export uit de leerlingadministratie").set_input_files(export)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_role("table", name="Nieuwe leerlingen")).to_contain_text(ACHTERNAAM)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=2, name="Resultaat")).to_be_visible()


def activeer(page: Page, url: str, pad: str) -> None:
    page.goto(f"{url}{pad}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account activeren")
    page.get_by_label("Kies een wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Herhaal het wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Account activeren").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def open_leerling(page: Page) -> None:
    hoofdmenu(page, "Leerlingen")
    page.get_by_label("Zoek op naam").fill(VOORNAAM)
    with page.expect_response(lambda r: r.request.method == "POST" and "/leerlingen/" in r.url):
        page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=LEERLING, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LEERLING)


def open_traject(page: Page) -> None:
    page.get_by_role("link", name="Traject openen").click()
    page.get_by_label("De route van de eigen ondersteuningsstructuur is gevolgd").check()
    page.get_by_label("De ontwikkeling bleef ondanks die ondersteuning onvoldoende.").check()
    page.get_by_label("Een externe deskundige die aan de school verbonden is").check()
    toelichtingen = page.get_by_label("Toelichting")
    toelichtingen.nth(0).fill("Groeiplan sociaal-emotioneel, twee keer geëvalueerd.")
    toelichtingen.nth(1).fill("Roos blijft dichtklappen; thuis veel spanning.")
    toelichtingen.nth(2).fill("De orthopedagoog van het SWV heeft meegekeken.")
    page.get_by_role("button", name="Traject openen").click()
    expect_message(page, "Het traject is geopend.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Traject van {LEERLING}")


def vraag_toestemming_voor_jeugdteam(page: Page) -> None:
    page.get_by_role("link", name="Toestemmingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toestemming voor {LEERLING}")
    vragen = page.locator("form").filter(
        has=page.get_by_role("heading", name="Ouders om toestemming vragen")
    )
    vragen.get_by_label("Wie mag het ontvangen").select_option(label=JOYCE)
    for soort in ("Deelname aan het MDO", "Voorbereidingsstukken", "Inzage in het OPP"):
        vragen.get_by_label(soort).check()
    vragen.get_by_role("button", name="Toestemming vragen").click()
    expect_message(page, "De ouders hebben 3 vra")


def geef_alle_toestemming(page: Page) -> None:
    """On the Toestemming page: yes to each of the three questions."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming")
    geven = page.get_by_role("button", name=re.compile(r"^Toestemming geven voor Joyce"))
    expect(geven).to_have_count(3)
    for over in (2, 1, 0):
        geven.first.click()
        expect_message(page, "Dank u wel, uw antwoord is vastgelegd.")
        expect(geven).to_have_count(over)
    expect(page.get_by_text("Er staan geen vragen voor u open.")).to_be_visible()


def record_step(page: Page, nummer: int, velden: dict[str, str]) -> None:
    page.get_by_role("link", name=f"Stap {nummer} vastleggen").click()
    for label, tekst in velden.items():
        page.get_by_label(label).fill(tekst)
    page.get_by_role("button", name="Opslaan").click()
    expect_message(page, f"Stap {nummer} (")


def move_to_step(page: Page, nummer: int) -> None:
    page.get_by_role("button", name=f"Naar stap {nummer}").click()
    expect_message(page, f"Het traject staat nu in stap {nummer}.")


def naar_stap_7(page: Page) -> None:
    """From the traject page on to step 7 (uitvoeren), moving through whatever step the final
    report did not already complete."""
    for nummer in (4, 5, 6, 7):
        if page.get_by_role("button", name=f"Naar stap {nummer}").count():
            move_to_step(page, nummer)
    expect(page.get_by_role("note", name="Regie")).to_contain_text("Stap 7:")


def plan_mdo(page: Page, dag, doel: str) -> None:
    """Plan the MDO at a fixed time; the goal recorded in step 2 is there already."""
    page.get_by_role("link", name="MDO plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MDO plannen")
    expect(page.get_by_label(re.compile(r"^Doel van het overleg"))).to_have_value(doel)
    page.get_by_label("Vaste datum en tijd").check()
    page.get_by_label(re.compile(r"^Datum")).fill(dag.isoformat())
    page.get_by_label(re.compile(r"^Begintijd")).fill("10:00")
    page.get_by_label(re.compile(r"^Eindtijd")).fill("11:00")
    page.get_by_label(re.compile(r"^Plaats")).fill("Basisschool De Regenboog, lokaal 2")
    page.get_by_label("Agenda").fill("1. Kennismaken\n2. Wat gaat goed\n3. Afspraken")
    page.get_by_label("Leerling is bij het overleg").check()
    page.get_by_role("button", name="MDO aanmaken").click()
    expect_message(page, "Het MDO is aangemaakt.")


def nodig_jeugdteam_uit(page: Page) -> None:
    persoon = page.get_by_label("Persoon")
    optie = persoon.locator("option", has_text="Jeugdteam Leiden").filter(has_text="Joyce")
    persoon.select_option(label=optie.inner_text().strip())
    page.get_by_role("button", name="Genodigde toevoegen").click()
    expect_message(page, "Joyce El Amrani staat op de lijst met genodigden.")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect_message(page, "De uitnodigingen zijn verstuurd")


def antwoord_ik_kom(page: Page) -> None:
    page.get_by_role("button", name="Ik kom", exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def schrijf_verslag(page: Page, evaluatie, aanwezigen: tuple[str, ...]) -> None:
    page.get_by_role("link", name=re.compile(r"^Verslag schrijven")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag van het MDO")
    for naam in aanwezigen:
        page.get_by_label(naam, exact=True).check()
    teksten = {
        "Ondersteuningsbehoeften": "Rust en voorspelbaarheid; hulp bij spanning thuis.",
        "Wat gaat goed": "Roos is behulpzaam en rekent graag.",
        "Wat kan beter": "Praten over wat haar dwarszit.",
        "Wat ouders, kind en netwerk zelf bijdragen": "Moeder houdt een dagritme aan.",
        "Integratief beeld": "Spanning thuis en stilvallen in de klas versterken elkaar.",
        "Regieafspraken": "School houdt de regie over het OPP; jeugdteam over het gezinsplan.",
        "Overbruggingsafspraken": "Mentor houdt dagelijks een kort gesprek tot de hulp start.",
        "Besluiten": "Gezinsbegeleiding via het jeugdteam; rustplek in de klas.",
    }
    for label, tekst in teksten.items():
        page.get_by_label(label).fill(tekst)
    page.get_by_label(re.compile(r"^Evaluatiedatum")).fill(evaluatie.isoformat())
    page.get_by_role("button", name="Verslag opslaan").click()
    expect_message(page, "Het verslag is opgeslagen.")


def voeg_doel_en_inzet_toe(page: Page, vanaf, tot) -> None:
    doel = page.get_by_role("group", name="Doel toevoegen")
    doel.get_by_label("Ontwikkelingsdomein").select_option(label="a. Emotieregulatie")
    doel.get_by_label("Soort doel").select_option(label="Onderwijs en jeugdhulp")
    doel.get_by_label("Doel", exact=True).fill("Roos vertelt wekelijks wat haar dwarszit.")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect_message(page, "Het doel is toegevoegd.")
    page.get_by_text("Inzet toevoegen bij doel 1").click()
    page.get_by_label("Inzet (wat)").fill("Wekelijkse gezinsbegeleiding thuis.")
    page.get_by_label("Wie").fill("Joyce El Amrani")
    page.get_by_label("Vanaf").fill(vanaf.isoformat())
    page.get_by_label("Tot en met").fill(tot.isoformat())
    page.get_by_label("Uren per week").fill("2")
    page.get_by_role("button", name="Inzet toevoegen").click()
    expect_message(page, "De inzet is toegevoegd aan het doel.")


def onderteken(page: Page, wachtwoord: str) -> None:
    tekenen = page.get_by_role("region", name="Uw handtekening wordt gevraagd")
    expect(tekenen).to_be_visible()
    tekenen.get_by_label("Opnieuw ingelogd met wachtwoord").check()
    tekenen.get_by_label(re.compile(r"^Uw wachtwoord")).fill(wachtwoord)
    tekenen.get_by_role("button", name="Ik ga akkoord en onderteken").click()
    expect_message(page, "U hebt het handelingsdeel ondertekend.")


def open_te_ondertekenen(page: Page, url: str) -> None:
    naar_start(page, url)
    kaart = (
        mijn_werk(page)
        .locator(".card")
        .filter(has=page.get_by_role("heading", name="Te ondertekenen", level=3))
    )
    kaart.get_by_role(
        "link", name=re.compile(f"^Handelingsdeel van het OPP van {LEERLING}")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OPP_KOP)


def bel(page: Page):
    return page.get_by_role("banner").get_by_role("link", name=BEL)


def ongelezen(page: Page) -> int:
    """The count the bell in the header says (its accessible name, as a screen reader reads it)."""
    tekst = bel(page).text_content() or ""
    gevonden = re.search(r"Meldingen, (\d+|geen) ongelezen", tekst)
    assert gevonden, f"no bell in the header: {tekst!r}"
    return 0 if gevonden.group(1) == "geen" else int(gevonden.group(1))


def open_melding(page: Page, url: str, soort: str) -> None:
    """From the start page: the bell counts an unread notification of this kind; opening it
    from the Meldingen page leads to the item and the bell counts one fewer."""
    naar_start(page, url)
    voor = ongelezen(page)
    assert voor >= 1, f"the bell shows nothing unread; expected: {titel(soort)}"
    bel(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    regel = (
        page.get_by_role("list", name="Meldingen")
        .locator("li.melding--ongelezen")
        .filter(has_text=titel(soort))
    )
    expect(regel.first).to_be_visible()
    regel.first.get_by_role("link").click()
    expect(bel(page)).to_have_accessible_name(
        f"Meldingen, {voor - 1} ongelezen" if voor > 1 else "Meldingen, geen ongelezen"
    )


def onderteken_met_code(page: Page, outbox, email: str) -> None:
    """Sign with a one-time code asked by e-mail ("Stuur mij een code")."""
    tekenen = page.get_by_role("region", name="Uw handtekening wordt gevraagd")
    tekenen.get_by_role("button", name="Stuur mij een code").click()
    expect_message(page, "We hebben een code naar uw e-mailadres gestuurd.")
    mails = [m for m in outbox if m.to == [email] and "code om te ondertekenen" in m.subject]
    assert mails, f"no signing code was mailed to {email}"
    tekenen = page.get_by_role("region", name="Uw handtekening wordt gevraagd")
    expect(
        tekenen.get_by_role("radio", name=re.compile(r"^Eenmalige code per e-mail"))
    ).to_be_checked()
    tekenen.get_by_label(re.compile(r"^Uw wachtwoord of de code")).fill(
        TEKENCODE.search(mails[-1].body).group(1)
    )
    tekenen.get_by_role("button", name="Ik ga akkoord en onderteken").click()
    expect_message(page, "U hebt het handelingsdeel ondertekend.")


def geen_namen_in_mails(outbox) -> None:
    """No e-mail names the pupil or her mother: only that something waits, and a link.

    The activation mail greets its addressee by her own name; it is no notification."""
    for mail in outbox:
        if "Activeer" in mail.subject:
            continue
        tekst = mail.subject + mail.body
        assert VOORNAAM not in tekst and ACHTERNAAM not in tekst, mail.subject
