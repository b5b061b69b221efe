"""The pupil import reads messy files right and refuses bad ones."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from accounts.importeren import bevestig, lees_en_plan
from accounts.models import (
    Gezag,
    Leerling,
    Leerlingimport,
)
from tests.accounts.import_helpers import (
    KOP,
    beheerder_van,
    csv_bestand,
    da_vinci,
    regenboog,
    rij,
    schoolbeheerder,
    voorbeeld,
    xlsx_bestand,
)
from tests.accounts.leerlingimport.helpers import importeer, teksten

pytestmark = pytest.mark.django_db


# Reading messy files ----------------------------------------------------------------------


def test_parnassys_sample_in_windows_1252_with_semicolons_adds_ten_and_recognises_sam_and_noor(
    sam, noor
):
    leerlingimport = lees_en_plan(
        regenboog(), voorbeeld("parnassys_de_regenboog.csv"), schoolbeheerder()
    )
    assert leerlingimport.status == Leerlingimport.Status.VOORBEELD
    resultaat = leerlingimport.resultaat
    assert (resultaat["nieuw"], resultaat["ongewijzigd"], resultaat["gewijzigd"]) == (10, 2, 0)
    assert resultaat["fouten"] == 0
    assert resultaat["uitgeschreven"] == 0
    # Tom Janssen (no e-mail) and Erik de Boer (no custody) are not invited.
    assert resultaat["ouders_uit_te_nodigen"] == 13
    assert any("ouder 2 heeft geen e-mailadres" in t for t in teksten(leerlingimport))
    namen = {r.get("voornaam") for r in leerlingimport.rijen}
    assert {"Zoë", "Daniël", "Chloé"} <= namen

    bevestig(leerlingimport, schoolbeheerder())
    zoe = Leerling.objects.get(school=regenboog(), leerlingnummer="10003")
    assert (zoe.voornaam, zoe.geboortedatum, zoe.groep) == ("Zoë", date(2016, 5, 21), "groep 6")
    assert zoe.ingeschreven_op == date(2020, 8, 22)
    assert set(zoe.gezagen.values_list("ouder__email", flat=True)) == {
        "anouk.bakker@demo.nl",
        "peter.bakker@demo.nl",
    }
    erik = Gezag.objects.get(ouder__email="erik.deboer@demo.nl")
    assert not erik.heeft_gezag


def test_utf8_with_bom_and_commas_is_read_the_same():
    bestand = csv_bestand(
        [rij(voornaam="Zoë", achternaam="Brontë")], encoding="utf-8-sig", delimiter=","
    )
    leerlingimport = importeer(bestand)
    assert leerlingimport.resultaat["nieuw"] == 1
    assert Leerling.objects.filter(voornaam="Zoë", achternaam="Brontë").exists()


def test_windows_1252_accents_are_read_right():
    bestand = csv_bestand([rij(voornaam="Chloé", achternaam="Daniëls")], encoding="cp1252")
    importeer(bestand)
    assert Leerling.objects.filter(voornaam="Chloé", achternaam="Daniëls").exists()


def test_headers_match_whatever_their_case_spaces_and_punctuation():
    kop = [
        "LLN_NR",
        "voornamen",
        "Tussenvoegsel(s)",
        "Geslachtsnaam",
        "geb.datum",
        "Stamgroep",
        "Datum in school",
        "E-mail mentor",
        "Verzorger 1 naam",
        "verzorger1-email",
        "Ouder 1 telefoon",
        "Ouder 1 gezag",
    ]
    regel = ["30001", "Mo", "el", "Amrani", "2016-01-31", "6B", "1-9-2020", "", "A", "a@b.nl"]
    leerlingimport = importeer(csv_bestand([[*regel, "06 1234", "nee"]], kop))
    leerling = Leerling.objects.get(leerlingnummer="30001")
    assert (leerling.tussenvoegsel, leerling.groep) == ("el", "6B")
    assert leerling.ingeschreven_op == date(2020, 9, 1)
    assert not leerling.gezagen.get().heeft_gezag
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 0


@pytest.mark.parametrize(
    ("kop", "veld"),
    [
        ("Leerlingnummer", "leerlingnummer"),
        ("Stamnummer", "leerlingnummer"),
        ("Lln nr", "leerlingnummer"),
        ("Roepnaam", "voornaam"),
        ("Voornamen", "voornaam"),
        ("Tussenvoegsel(s)", "tussenvoegsel"),
        ("Voorvoegsel", "tussenvoegsel"),
        ("Achternaam", "achternaam"),
        ("Geslachtsnaam", "achternaam"),
        ("Geboortedatum", "geboortedatum"),
        ("Geb. dat.", "geboortedatum"),
        ("Groep", "groep"),
        ("Klas", "groep"),
        ("Stamgroep", "groep"),
        ("Datum inschrijving", "ingeschreven_op"),
        ("Inschrijfdatum", "ingeschreven_op"),
        ("Datum in school", "ingeschreven_op"),
        ("Mentor e-mail", "mentor_email"),
        ("E-mail mentor", "mentor_email"),
        ("Leerkracht e-mail", "mentor_email"),
        ("Ouder1 naam", "ouder1_naam"),
        ("Verzorger 1 naam", "ouder1_naam"),
        ("Naam ouder 2", "ouder2_naam"),
        ("Ouder 1 e-mail", "ouder1_email"),
        ("E-mailadres verzorger 2", "ouder2_email"),
        ("Ouder1 telefoon", "ouder1_telefoon"),
        ("Ouder 1 gezag", "ouder1_gezag"),
        ("Ouder/verzorger 2 gezag", "ouder2_gezag"),
        ("BRIN", "brin"),
        ("Schoolcode", "brin"),
    ],
)
def test_the_usual_parnassys_and_magister_spellings_are_recognised(kop, veld):
    from accounts.importeren.kolommen import herken_kolommen

    assert herken_kolommen(["iets anders", kop]).index == {veld: 1}


def test_excel_dates_as_date_cells_and_as_serial_numbers_are_read():
    school = da_vinci()
    door = beheerder_van(school)
    leerlingimport = importeer(voorbeeld("magister_da_vinci.xlsx"), door=door, school=school)
    assert leerlingimport.resultaat["nieuw"] == 6
    assert leerlingimport.resultaat["fouten"] == 0
    eva = Leerling.objects.get(school=school, leerlingnummer="240104")
    assert eva.geboortedatum == date(2013, 6, 7)  # 41432 days after 30-12-1899
    jesse = Leerling.objects.get(school=school, leerlingnummer="240101")
    assert (jesse.geboortedatum, jesse.groep) == (date(2013, 4, 2), "1A")
    assert jesse.ingeschreven_op == date(2025, 8, 25)


def test_xlsx_with_datetime_cells_and_numeric_leerlingnummers():
    regel = rij("1", geboren=datetime(2015, 2, 28), ingeschreven=datetime(2019, 8, 1))
    regel[0] = 40001.0
    importeer(xlsx_bestand([regel], voor_kop=[["Export"], []]))
    assert Leerling.objects.get(leerlingnummer="40001").geboortedatum == date(2015, 2, 28)


# Bad files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "inhoud",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"%PDF-1.4\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),  # an old .xls renamed
        bytes(range(256)) * 10,
        bytes(range(1, 256)) * 10,
    ],
    ids=["png", "pdf", "pdf-as-text", "xls", "random", "random-without-nul"],
)
def test_a_binary_file_renamed_csv_is_refused(inhoud):
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(regenboog(), SimpleUploadedFile("leerlingen.csv", inhoud), schoolbeheerder())
    assert fout.value.messages[0].startswith("Dit bestand is geen CSV- of Excelbestand")
    assert not Leerlingimport.objects.exists()


@pytest.mark.parametrize("inhoud", [b"", b"\r\n \r\n", ";".join(KOP).encode() + b"\r\n;;;\r\n"])
def test_an_empty_file_or_only_headers_has_no_pupils_and_unenrolls_nobody(inhoud, sam):
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(regenboog(), SimpleUploadedFile("leeg.csv", inhoud), schoolbeheerder())
    assert fout.value.messages == ["Het bestand bevat geen leerlingen."]
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is None


def test_a_file_over_ten_megabytes_is_refused():
    inhoud = ";".join(KOP).encode() + b"\r\n" + b"x" * (11 * 1024 * 1024)
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(regenboog(), SimpleUploadedFile("groot.csv", inhoud), schoolbeheerder())
    assert fout.value.messages[0].startswith("Het bestand is te groot: maximaal 10,0")


def test_an_xlsx_that_is_not_a_zip_gets_a_clear_message():
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(
            regenboog(),
            SimpleUploadedFile("export.xlsx", b"Leerlingnummer;Roepnaam\r\n"),
            schoolbeheerder(),
        )
    assert "Dit Excelbestand kan niet worden gelezen" in fout.value.messages[0]


def test_a_zip_that_is_no_workbook_gets_the_same_message():
    import io
    import zipfile

    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as archief:
        archief.writestr("leesmij.txt", "geen werkmap")
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(regenboog(), SimpleUploadedFile("x.xlsx", uit.getvalue()), schoolbeheerder())
    assert "Dit Excelbestand kan niet worden gelezen" in fout.value.messages[0]


@override_settings(SAMENPLAN_IMPORT_MAX_BYTES=100)
def test_the_limit_is_a_setting():
    with pytest.raises(ValidationError, match="te groot"):
        lees_en_plan(regenboog(), csv_bestand([rij(), rij("2")]), schoolbeheerder())
