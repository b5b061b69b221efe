"""The pupil import's access log, dry run, management command and query count."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.importeren import bevestig, lees_en_plan, plan_bestand
from accounts.models import Toegangslog
from tests.accounts.import_helpers import (
    KOP,
    SAM,
    csv_bestand,
    regenboog,
    rij,
    schoolbeheerder,
    voorbeeld,
)
from tests.accounts.leerlingimport.helpers import importeer

pytestmark = pytest.mark.django_db


# Access log, dry run, command, query count ------------------------------------------------


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
