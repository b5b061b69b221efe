"""Building export files for the pupil import tests: CSV in any encoding, and .xlsx."""

import csv
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Lidmaatschap, Organisatie
from accounts.rollen import Rol
from tests.conftest import user_by_email

VOORBEELDEN = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"

KOP = [
    "Leerlingnummer",
    "Roepnaam",
    "Tussenvoegsel",
    "Achternaam",
    "Geboortedatum",
    "Groep",
    "Datum inschrijving",
    "Mentor e-mail",
    "Ouder1 naam",
    "Ouder1 e-mail",
    "Ouder1 telefoon",
    "Ouder1 gezag",
    "Ouder2 naam",
    "Ouder2 e-mail",
    "Ouder2 telefoon",
    "Ouder2 gezag",
]


def rij(
    nummer="20001",
    voornaam="Lieke",
    achternaam="Jansen",
    geboren="05-06-2016",
    *,
    tussenvoegsel="",
    groep="groep 6",
    ingeschreven="22-08-2020",
    mentor="",
    ouder1=("Anja Jansen", "anja.jansen@voorbeeld.nl", "", "ja"),
    ouder2=("", "", "", ""),
):
    return [
        nummer,
        voornaam,
        tussenvoegsel,
        achternaam,
        geboren,
        groep,
        ingeschreven,
        mentor,
        *ouder1,
        *ouder2,
    ]


SAM = rij(
    "10001",
    "Sam",
    "Vries",
    "14-09-2016",
    tussenvoegsel="de",
    groep="groep 6",
    ingeschreven="",
    mentor="mentor@demo.nl",
    ouder1=("Ellen de Vries", "ouder@demo.nl", "", "ja"),
    ouder2=("Mark de Vries", "ouder2@demo.nl", "", "ja"),
)
NOOR = rij(
    "10002",
    "Noor",
    "Visser",
    "02-03-2017",
    groep="groep 5",
    ingeschreven="",
    ouder1=("Olga Visser", "ouder.andere@demo.nl", "", "ja"),
)


def csv_bestand(rijen, kop=KOP, *, encoding="utf-8", delimiter=";", naam="export.csv"):
    tekst = io.StringIO(newline="")
    schrijver = csv.writer(tekst, delimiter=delimiter, lineterminator="\r\n")
    schrijver.writerow(kop)
    schrijver.writerows(rijen)
    return SimpleUploadedFile(naam, tekst.getvalue().encode(encoding), "text/csv")


def xlsx_bestand(rijen, kop=KOP, *, naam="export.xlsx", voor_kop=()):
    from openpyxl import Workbook

    werkmap = Workbook()
    blad = werkmap.active
    for regel in voor_kop:
        blad.append(regel)
    blad.append(kop)
    for regel in rijen:
        blad.append(regel)
    uit = io.BytesIO()
    werkmap.save(uit)
    return SimpleUploadedFile(naam, uit.getvalue(), "application/octet-stream")


def voorbeeld(naam: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, (VOORBEELDEN / naam).read_bytes())


def regenboog() -> Organisatie:
    return Organisatie.objects.get(code="99AA")


def da_vinci() -> Organisatie:
    return Organisatie.objects.get(code="99BA")


def schoolbeheerder():
    return user_by_email("schoolbeheer@demo.nl")


def beheerder_van(school: Organisatie, email: str = "beheer.davinci@voorbeeld.nl"):
    from tests.factories import UserFactory

    user = UserFactory(email=email, naam="Bea Beheer")
    Lidmaatschap.objects.get_or_create(user=user, organisatie=school, rol=Rol.ORGANISATIEBEHEERDER)
    return user


def voorbeeld_kwargs():
    """A preview of De Regenboog in which only Sam changes (one pupil shown, one log row)."""
    from accounts.importeren import lees_en_plan

    sam = list(SAM)
    sam[KOP.index("Groep")] = "groep 7"
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([sam]), schoolbeheerder(), volledig=False
    )
    return {"uuid": leerlingimport.uuid}
