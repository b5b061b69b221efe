"""The pupil import checks each row: errors are named per column, nothing half-written."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.importeren import lees_en_plan
from accounts.models import (
    Leerling,
    Leerlingimport,
    User,
)
from tests.accounts.import_helpers import (
    KOP,
    csv_bestand,
    da_vinci,
    regenboog,
    rij,
    schoolbeheerder,
)
from tests.accounts.leerlingimport.helpers import importeer, teksten

pytestmark = pytest.mark.django_db


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
