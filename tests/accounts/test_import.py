"""The pupil import: messy files read right, nothing half-written, the same file twice
changes nothing, leavers only on confirmation, parents invited once."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accounts.importeren import bevestig, lees_en_plan, plan_bestand
from accounts.models import (
    Emaillink,
    Gezag,
    Leerling,
    Leerlingimport,
    Toegangslog,
    User,
)
from accounts.uitnodigingen import stuur_activatie
from tests.accounts.import_helpers import (
    KOP,
    NOOR,
    SAM,
    beheerder_van,
    csv_bestand,
    da_vinci,
    regenboog,
    rij,
    schoolbeheerder,
    voorbeeld,
    xlsx_bestand,
)
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


def importeer(bestand, *, volledig=False, door=None, school=None, **opties):
    door = door or schoolbeheerder()
    leerlingimport = lees_en_plan(school or regenboog(), bestand, door, volledig=volledig)
    return bevestig(leerlingimport, door, **opties)


def teksten(leerlingimport, soort=None):
    return [
        f"{m['rij']}|{m['kolom']}|{m['tekst']}"
        for m in leerlingimport.meldingen
        if soort is None or m["soort"] == soort
    ]


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


# Row checks -------------------------------------------------------------------------------


def test_duplicate_leerlingnummer_rejects_both_rows_and_imports_the_rest():
    bestand = csv_bestand([rij("5"), rij("6", "Piet"), rij("5", "Kees"), rij("7", "Mila")])
    leerlingimport = importeer(bestand)
    assert leerlingimport.resultaat["nieuw"] == 2
    assert leerlingimport.resultaat["fouten"] == 2
    assert not Leerling.objects.filter(leerlingnummer="5").exists()
    fouten = teksten(leerlingimport, "fout")
    assert (
        "2|Leerlingnummer|staat meer dan eens in het bestand (rijen 2, 4); geen van deze "
        "rijen is verwerkt." in fouten
    )
    assert len([f for f in fouten if f.startswith("4|")]) == 1


def test_identical_rows_twice_are_both_refused():
    leerlingimport = importeer(csv_bestand([rij("8"), rij("8")]))
    assert leerlingimport.resultaat["fouten"] == 2
    assert not Leerling.objects.filter(leerlingnummer="8").exists()


def test_bad_email_is_an_error_that_does_not_repeat_the_value():
    bestand = csv_bestand([rij("9", ouder1=("Anja", "anja-at-voorbeeld", "", "ja"))])
    leerlingimport = importeer(bestand)
    assert teksten(leerlingimport, "fout") == ["2|Ouder1 e-mail|is geen geldig e-mailadres."]
    assert "anja-at-voorbeeld" not in str(leerlingimport.meldingen)
    assert not Leerling.objects.filter(leerlingnummer="9").exists()


@pytest.mark.parametrize(
    "formule", ['=HYPERLINK("x")', "+SUM(1;2)", "-2+3+cmd|'/C calc'!A0", "@SUM(A1)"]
)
def test_a_formula_in_a_cell_is_refused_and_never_evaluated(formule):
    leerlingimport = importeer(csv_bestand([rij("10", voornaam=formule)]))
    assert teksten(leerlingimport, "fout") == [
        "2|Roepnaam|bevat een formule; die wordt niet uitgevoerd. Vul de waarde zelf in."
    ]
    assert not Leerling.objects.filter(leerlingnummer="10").exists()


def test_a_phone_number_with_plus_is_no_formula():
    bestand = csv_bestand([rij("11", ouder1=("An", "an@voorbeeld.nl", "+31 (0)6-1234 5678", "ja"))])
    importeer(bestand)
    assert User.objects.get(email="an@voorbeeld.nl").telefoon == "+31 (0)6-1234 5678"


@pytest.mark.parametrize(
    ("geboren", "tekst"),
    [
        ("31-02-2015", "deze datum bestaat niet."),
        ("2015-13-01", "deze datum bestaat niet."),
        ("morgen", "geen geldige datum (gebruik dd-mm-jjjj)."),
        ("", "ontbreekt."),
        ((date.today() + timedelta(days=3)).strftime("%d-%m-%Y"), "ligt in de toekomst."),
        ("01-01-1990", "ligt meer dan 25 jaar terug."),
    ],
)
def test_impossible_or_implausible_birth_dates_are_refused(geboren, tekst):
    leerlingimport = importeer(csv_bestand([rij("12", geboren=geboren)]))
    assert teksten(leerlingimport, "fout") == [f"2|Geboortedatum|{tekst}"]


@pytest.mark.parametrize("geboren", ["5-6-2016", "05/06/2016", "2016-06-05", "42526"])
def test_accepted_date_spellings(geboren):
    importeer(csv_bestand([rij("13", geboren=geboren)]))
    assert Leerling.objects.get(leerlingnummer="13").geboortedatum == date(2016, 6, 5)


def test_missing_name_and_over_long_values_are_named_per_column():
    bestand = csv_bestand([rij("14", voornaam=""), rij("15", achternaam="x" * 101)])
    leerlingimport = importeer(bestand)
    assert teksten(leerlingimport, "fout") == [
        "2|Roepnaam|ontbreekt.",
        "3|Achternaam|is te lang (maximaal 100 tekens).",
    ]


def test_missing_required_columns_one_message_and_nothing_written():
    kop = ["Leerlingnummer", "Roepnaam", "Groep"]
    with pytest.raises(ValidationError) as fout:
        lees_en_plan(regenboog(), csv_bestand([["1", "A", "6"]], kop), schoolbeheerder())
    assert fout.value.messages == [
        "Deze verplichte kolommen ontbreken in het bestand: Achternaam, Geboortedatum. Er is "
        "niets ingelezen. Controleer of de eerste regel de kolomnamen bevat."
    ]
    assert not Leerlingimport.objects.exists()


def test_a_row_of_another_school_brin_is_refused():
    kop = [*KOP, "BRIN"]
    bestand = csv_bestand([[*rij("16"), "99AB"], [*rij("17", "Piet"), "99AA00"]], kop)
    leerlingimport = importeer(bestand)
    assert teksten(leerlingimport, "fout") == [
        "2|BRIN|deze leerling hoort bij een andere school (niet 99AA)."
    ]
    assert Leerling.objects.filter(leerlingnummer="17").exists()


def test_importer_cannot_link_herself_as_parent_but_the_pupil_is_imported():
    bestand = csv_bestand([rij("18", ouder1=("Sophie", "Schoolbeheer@demo.nl", "", "ja"))])
    leerlingimport = importeer(bestand)
    assert teksten(leerlingimport) == [
        "2|Ouder 1 e-mail|ouder 1: dit is uw eigen e-mailadres: u kunt uzelf niet als ouder "
        "koppelen."
    ]
    leerling = Leerling.objects.get(school=regenboog(), leerlingnummer="18")
    assert not leerling.gezagen.exists()


def test_only_the_schools_own_beheerder_imports():
    from tests.conftest import user_by_email

    with pytest.raises(PermissionDenied):
        lees_en_plan(regenboog(), csv_bestand([rij()]), user_by_email("ib@demo.nl"))
    with pytest.raises(PermissionDenied):
        lees_en_plan(da_vinci(), csv_bestand([rij()]), schoolbeheerder())


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


# Idempotence, changes and history ---------------------------------------------------------


def test_the_same_file_twice_changes_nothing_the_second_time(django_capture_on_commit_callbacks):
    from django.core import mail

    bestand = lambda: voorbeeld("parnassys_de_regenboog.csv")  # noqa: E731
    with django_capture_on_commit_callbacks(execute=True):
        importeer(bestand(), volledig=True)
    tellingen = {model: model.objects.count() for model in apps.get_models()}
    mails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        tweede = importeer(bestand(), volledig=True)
    resultaat = tweede.resultaat
    assert (resultaat["nieuw"], resultaat["gewijzigd"], resultaat["uitgeschreven"]) == (0, 0, 0)
    assert resultaat["ongewijzigd"] == 12
    assert resultaat["ouders_uit_te_nodigen"] == 0
    assert len(mail.outbox) == mails
    veranderd = {
        model._meta.label
        for model in apps.get_models()
        if model.objects.count() != tellingen[model]
    }
    # Only the record of the import itself and its management event are new.
    assert veranderd == {"accounts.Leerlingimport", "accounts.Beheergebeurtenis"}


def test_a_changed_row_updates_the_pupil_and_keeps_the_earlier_values(sam):
    sam_ouder = list(SAM)
    sam_ouder[KOP.index("Groep")] = "groep 7"
    leerlingimport = importeer(csv_bestand([sam_ouder, NOOR]))
    assert leerlingimport.resultaat["gewijzigd"] == 1
    sam.refresh_from_db()
    assert sam.groep == "groep 7"
    vorige, laatste = sam.history.order_by("-history_date", "-history_id")[1], sam.history.first()
    assert (vorige.groep, laatste.groep) == ("groep 6", "groep 7")
    assert laatste.history_user == schoolbeheerder()
    assert laatste.history_change_reason == "Import uit de leerlingadministratie"


def test_custody_change_is_recorded_with_history(sam):
    zonder_gezag = list(SAM)
    zonder_gezag[KOP.index("Ouder2 gezag")] = "nee"
    importeer(csv_bestand([zonder_gezag]))
    gezag = Gezag.objects.get(leerling=sam, ouder__email="ouder2@demo.nl")
    assert not gezag.heeft_gezag
    assert [h.heeft_gezag for h in gezag.history.order_by("history_date")][-2:] == [True, False]


def test_full_export_unenrolls_missing_pupils_only_on_confirmation(sam, noor):
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([SAM, rij("21"), rij("22", "Piet")]), schoolbeheerder()
    )
    assert leerlingimport.resultaat["uitgeschreven"] == 1
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None
    bevestig(leerlingimport, schoolbeheerder())
    noor.refresh_from_db()
    assert noor.uitgeschreven_op == timezone.localdate()
    assert Leerling.objects.filter(pk=noor.pk).exists()  # never deleted


def test_a_partial_export_unenrolls_nobody(noor):
    leerlingimport = importeer(csv_bestand([SAM]), volledig=False)
    assert leerlingimport.resultaat["uitgeschreven"] == 0
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None


def test_a_pupil_whose_row_has_an_error_is_not_unenrolled(noor):
    noor_fout = list(NOOR)
    noor_fout[KOP.index("Geboortedatum")] = "31-02-2017"
    importeer(csv_bestand([SAM, noor_fout]), volledig=True)
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None


def test_a_full_export_without_one_good_row_unenrolls_nobody(sam, noor):
    leerlingimport = importeer(csv_bestand([rij("", voornaam="")]), volledig=True)
    assert leerlingimport.resultaat["uitgeschreven"] == 0
    assert "daarom wordt er ook niemand uitgeschreven" in str(leerlingimport.meldingen)
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is None


def test_a_leaver_who_reappears_is_enrolled_again(noor):
    noor.uitgeschreven_op = date(2025, 1, 1)
    noor.save()
    leerlingimport = importeer(csv_bestand([NOOR]))
    assert leerlingimport.resultaat["gewijzigd"] == 1
    noor.refresh_from_db()
    assert noor.uitgeschreven_op is None


def test_unenrolling_more_than_half_needs_an_extra_confirmation(sam, noor):
    leerlingimport = lees_en_plan(regenboog(), csv_bestand([rij("23")]), schoolbeheerder())
    assert leerlingimport.resultaat["extra_bevestiging"]
    with pytest.raises(ValidationError, match="schrijft 2 van de 2 leerlingen uit"):
        bevestig(leerlingimport, schoolbeheerder())
    sam.refresh_from_db()
    assert sam.uitgeschreven_op is None
    bevestig(leerlingimport, schoolbeheerder(), uitschrijven_bevestigd=True)
    sam.refresh_from_db()
    assert sam.uitgeschreven_op == timezone.localdate()


def test_a_pupil_entered_by_hand_is_given_its_number_not_a_second_dossier():
    hand = LeerlingFactory(
        school=regenboog(), voornaam="Lieke", achternaam="Jansen", geboortedatum=date(2016, 6, 5)
    )
    leerlingimport = importeer(csv_bestand([rij("24")]))
    assert leerlingimport.resultaat["gewijzigd"] == 1
    hand.refresh_from_db()
    assert hand.leerlingnummer == "24"
    assert Leerling.objects.filter(voornaam="Lieke", achternaam="Jansen").count() == 1


# Confirming ------------------------------------------------------------------------------


def test_confirming_the_same_import_twice_says_it_is_done():
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([rij("25")]), schoolbeheerder(), volledig=False
    )
    bevestig(leerlingimport, schoolbeheerder())
    with pytest.raises(ValidationError) as fout:
        bevestig(leerlingimport, schoolbeheerder())
    assert fout.value.messages == ["Deze import is al verwerkt."]
    assert Leerling.objects.filter(leerlingnummer="25").count() == 1


def test_two_previews_confirmed_one_after_the_other_create_nothing_twice():
    eerste = lees_en_plan(regenboog(), csv_bestand([rij("26")]), schoolbeheerder(), False)
    tweede = lees_en_plan(regenboog(), csv_bestand([rij("26")]), schoolbeheerder(), False)
    bevestig(eerste, schoolbeheerder())
    tweede = bevestig(tweede, schoolbeheerder())
    assert tweede.resultaat["nieuw"] == 0
    assert tweede.resultaat["ongewijzigd"] == 1
    assert Leerling.objects.filter(leerlingnummer="26").count() == 1
    assert User.objects.filter(email="anja.jansen@voorbeeld.nl").count() == 1


def test_confirmation_keeps_counts_and_messages_but_not_the_rows():
    leerlingimport = importeer(csv_bestand([rij("27"), rij("28", voornaam="")]))
    assert leerlingimport.status == Leerlingimport.Status.VERWERKT
    assert leerlingimport.rijen == []
    assert leerlingimport.resultaat["nieuw"] == 1
    assert teksten(leerlingimport, "fout") == ["3|Roepnaam|ontbreekt."]


def test_stored_messages_hold_no_names_or_addresses():
    bestand = csv_bestand(
        [rij("29", voornaam="Geheimnaam", ouder1=("Naamouder", "", "0612345678", "ja"))]
    )
    leerlingimport = lees_en_plan(regenboog(), bestand, schoolbeheerder())
    opgeslagen = str(leerlingimport.meldingen)
    assert "Geheimnaam" not in opgeslagen and "Naamouder" not in opgeslagen
    assert "0612345678" not in opgeslagen


# Parents and mentors ---------------------------------------------------------------------


def test_parents_with_custody_get_exactly_one_activation_mail(django_capture_on_commit_callbacks):
    from django.core import mail

    broer = rij(
        "31",
        "Tim",
        ouder1=("Anja Jansen", "anja.jansen@voorbeeld.nl", "", "ja"),
        ouder2=("Kees Jansen", "kees.jansen@voorbeeld.nl", "", "nee"),
    )
    zus = rij("32", "Eva", ouder1=("Anja Jansen", "anja.jansen@voorbeeld.nl", "", "ja"))
    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(csv_bestand([broer, zus]))
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 1
    assert [m.to for m in mail.outbox] == [["anja.jansen@voorbeeld.nl"]]
    kees = User.objects.get(email="kees.jansen@voorbeeld.nl")
    assert not kees.has_usable_password() and kees.geactiveerd_op is None
    assert kees.uitgenodigd_door == schoolbeheerder()

    # Again: the link sent is still good, so no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        importeer(csv_bestand([broer, zus]))
    assert len(mail.outbox) == 1


def test_a_parent_whose_link_expired_is_invited_again(django_capture_on_commit_callbacks):
    from django.core import mail

    importeer(csv_bestand([rij("33")]))
    Emaillink.objects.filter(user__email="anja.jansen@voorbeeld.nl").update(
        verloopt_op=timezone.now() - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(csv_bestand([rij("33")]))
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 1
    assert len(mail.outbox) == 1


def test_an_active_parent_is_not_invited(sam, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        leerlingimport = importeer(csv_bestand([SAM, NOOR]))
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 0
    assert mail.outbox == []


def test_an_invited_parent_with_a_good_link_is_not_invited_again():
    ouder = User.objects.create_user("wacht@voorbeeld.nl", None, naam="Wacht")
    stuur_activatie(ouder, door=schoolbeheerder())
    leerlingimport = lees_en_plan(
        regenboog(),
        csv_bestand([rij("34", ouder1=("Wacht", "wacht@voorbeeld.nl", "", "ja"))]),
        schoolbeheerder(),
    )
    assert leerlingimport.resultaat["ouders_uit_te_nodigen"] == 0


def test_a_parent_without_email_is_listed_and_gets_no_account():
    bestand = csv_bestand([rij("35", ouder1=("Zonder Mail", "", "0611111111", "ja"))])
    leerlingimport = importeer(bestand)
    assert teksten(leerlingimport, "waarschuwing") == [
        "2|Ouder1 e-mail|ouder 1 heeft geen e-mailadres: deze ouder krijgt geen account en geen "
        "uitnodiging."
    ]
    assert leerlingimport.resultaat["nieuw"] == 1
    assert not Leerling.objects.get(leerlingnummer="35").gezagen.exists()


def test_a_linked_parent_missing_from_the_file_stays_and_is_listed(sam):
    alleen_moeder = list(SAM)
    alleen_moeder[KOP.index("Ouder2 naam") :] = ["", "", "", ""]
    leerlingimport = importeer(csv_bestand([alleen_moeder]))
    assert sam.gezagen.filter(ouder__email="ouder2@demo.nl").exists()
    assert any("controleer het gezag" in t for t in teksten(leerlingimport, "waarschuwing"))


def test_a_known_mentor_is_linked_and_an_unknown_one_is_listed():
    bestand = csv_bestand(
        [rij("36", mentor="Mentor@demo.nl"), rij("37", "Piet", mentor="ib@demo.nl")]
    )
    leerlingimport = importeer(bestand)
    mentor = User.objects.get(email="mentor@demo.nl")
    assert list(Leerling.objects.get(leerlingnummer="36").mentoren.all()) == [mentor]
    assert not Leerling.objects.get(leerlingnummer="37").mentoren.exists()
    assert teksten(leerlingimport, "waarschuwing") == [
        "3|Mentor e-mail|geen leerkracht van deze school met dit e-mailadres; er is geen "
        "mentor gekoppeld."
    ]


# Moves between schools ------------------------------------------------------------------


def test_a_new_row_matching_a_pupil_of_another_school_and_a_parent_registers_a_move():
    from accounts.models import Overstap
    from tests.factories import GezagFactory, UserFactory

    elders = LeerlingFactory(
        school=da_vinci(), voornaam="Lieke", achternaam="JANSEN", geboortedatum=date(2016, 6, 5)
    )
    GezagFactory(ouder=UserFactory(email="anja.jansen@voorbeeld.nl"), leerling=elders)
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([rij("38")]), schoolbeheerder(), volledig=False
    )
    assert leerlingimport.resultaat["overstap"] == 1
    assert leerlingimport.resultaat["nieuw"] == 0
    bevestig(leerlingimport, schoolbeheerder())
    nieuw = Leerling.objects.get(school=regenboog(), leerlingnummer="38")
    overstap = Overstap.objects.get(nieuw=nieuw)
    assert overstap.oud == elders
    # The file says 22-08-2020; a move is never dated before today (docs/import.md).
    assert overstap.datum == timezone.localdate()


# Access log, dry run, command, query count ----------------------------------------------


def test_each_pupil_created_changed_or_unenrolled_gets_an_access_log_row(sam, noor):
    sam_ouder = list(SAM)
    sam_ouder[KOP.index("Groep")] = "groep 7"
    importeer(csv_bestand([sam_ouder, rij("39"), rij("40", "Piet")]), volledig=True)
    regels = Toegangslog.objects.filter(actie=Toegangslog.Actie.IMPORTEREN)
    assert sorted(r.leerling.voornaam for r in regels) == ["Lieke", "Noor", "Piet", "Sam"]
    regel = regels.get(leerling=sam)
    assert regel.gebruiker == schoolbeheerder()
    assert (regel.organisatie, regel.rol) == (regenboog(), "Beheerder van de organisatie")


def alle_tellingen():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_dry_run_writes_nothing_at_all():
    voor = alle_tellingen()
    gelezen, plan = plan_bestand(
        regenboog(), voorbeeld("parnassys_de_regenboog.csv"), schoolbeheerder()
    )
    assert plan.aantallen(gelezen.meldingen)["nieuw"] == 10
    assert alle_tellingen() == voor


def test_the_command_with_dry_run_writes_nothing():
    voor = alle_tellingen()
    uit = StringIO()
    call_command(
        "importeer_leerlingen",
        "docs/voorbeelden/parnassys_de_regenboog.csv",
        school="99AA",
        door="schoolbeheer@demo.nl",
        dry_run=True,
        stdout=uit,
    )
    assert "    10  nieuwe leerlingen" in uit.getvalue()
    assert "Dry run: er is niets opgeslagen." in uit.getvalue()
    assert alle_tellingen() == voor


def test_the_command_imports_and_logs_as_the_given_beheerder():
    uit = StringIO()
    call_command(
        "importeer_leerlingen",
        "docs/voorbeelden/parnassys_de_regenboog.csv",
        "--school=99AA",
        "--door=schoolbeheer@demo.nl",
        "--gedeeltelijk",
        stdout=uit,
    )
    assert "Import verwerkt" in uit.getvalue()
    assert (
        Toegangslog.objects.filter(
            actie=Toegangslog.Actie.IMPORTEREN, gebruiker=schoolbeheerder()
        ).count()
        == 10
    )


def test_the_command_names_an_unknown_school_or_file():
    with pytest.raises(CommandError, match="Geen \\(eenduidige\\) school met code 00XX"):
        call_command("importeer_leerlingen", "x.csv", school="00XX", door="schoolbeheer@demo.nl")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("importeer_leerlingen", "geen.csv", school="99AA", door="schoolbeheer@demo.nl")


def test_the_command_refuses_someone_who_is_not_the_schools_beheerder():
    with pytest.raises(CommandError, match="Alleen de beheerder van de school"):
        call_command(
            "importeer_leerlingen",
            "docs/voorbeelden/parnassys_de_regenboog.csv",
            school="99AA",
            door="ib@demo.nl",
            stdout=StringIO(),
        )


def _queries(begin: int, aantal: int) -> int:
    rijen = [
        rij(str(n), f"Kind{n}", ouder1=(f"Ouder {n}", f"o{n}@voorbeeld.nl", "", "nee"))
        for n in range(begin, begin + aantal)
    ]
    door = schoolbeheerder()
    with CaptureQueriesContext(connection) as queries:
        leerlingimport = lees_en_plan(regenboog(), csv_bestand(rijen), door, volledig=False)
        bevestig(leerlingimport, door)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows():
    weinig, veel = _queries(50000, 5), _queries(60000, 120)
    # Only SQLite splits a bulk INSERT (at 999 parameters): one more per ~100 rows.
    assert veel <= weinig + (0 if connection.vendor == "postgresql" else 8)
