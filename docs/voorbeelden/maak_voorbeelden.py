"""Writes the two sample exports next to this script (all names are made up).

    .venv/bin/python docs/voorbeelden/maak_voorbeelden.py

- parnassys_de_regenboog.csv: ParnasSys-style, semicolons, Windows-1252, for school 99AA.
  Sam de Vries and Noor Visser carry the leerlingnummers the demo data gives them
  (seed_demo), so the import recognises them; ten new pupils come with their parents.
- magister_da_vinci.xlsx: Magister-style, with a title line above the header, real date
  cells and one date as Excel's serial number, for school 99BA.
"""

import csv
import logging
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HIER = Path(__file__).resolve().parent
logger = logging.getLogger(__name__)

PARNASSYS_KOP = [
    "Leerlingnummer",
    "Roepnaam",
    "Voornamen",
    "Tussenvoegsel(s)",
    "Achternaam",
    "Geboortedatum",
    "Groep",
    "Datum in school",
    "Leerkracht e-mail",
    "Ouder1 naam",
    "Ouder1 e-mail",
    "Ouder1 telefoon",
    "Ouder1 gezag",
    "Ouder2 naam",
    "Ouder2 e-mail",
    "Ouder2 telefoon",
    "Ouder2 gezag",
    "BRIN",
]

# fmt: off
PARNASSYS_RIJEN = [
    # Sam and Noor as in the demo data: recognised, nothing changes.
    ["10001", "Sam", "Samuel", "de", "Vries", "14-09-2016", "groep 6", "", "mentor@demo.nl",
     "Ellen de Vries", "ouder@demo.nl", "", "ja", "Mark de Vries", "ouder2@demo.nl", "", "ja",
     "99AA"],
    ["10002", "Noor", "Noor", "", "Visser", "02-03-2017", "groep 5", "", "",
     "Olga Visser", "ouder.andere@demo.nl", "", "ja", "", "", "", "", "99AA"],
    ["10003", "Zoë", "Zoë Anna", "", "Bakker", "21-05-2016", "groep 6", "22-08-2020",
     "mentor@demo.nl", "Anouk Bakker", "anouk.bakker@demo.nl", "06-12345601", "ja",
     "Peter Bakker", "peter.bakker@demo.nl", "06-12345602", "ja", "99AA"],
    ["10004", "Daniël", "Daniël", "van", "Dijk", "03-11-2015", "groep 7", "24-08-2019", "",
     "Fatima van Dijk", "fatima.vandijk@demo.nl", "06-12345603", "ja", "", "", "", "", "99AA"],
    ["10005", "Chloé", "Chloé Marie", "", "Janssen", "17-01-2017", "groep 5", "22-08-2021",
     "", "Iris Janssen", "iris.janssen@demo.nl", "", "ja",
     # The second parent has no e-mail address: listed as a warning, no invitation.
     "Tom Janssen", "", "06-12345604", "ja", "99AA"],
    ["10006", "Mees", "Mees", "de", "Boer", "09-07-2018", "groep 3", "22-08-2022", "",
     "Linda de Boer", "linda.deboer@demo.nl", "", "ja",
     # A parent without custody: linked, no invitation to consent or sign.
     "Erik de Boer", "erik.deboer@demo.nl", "", "nee", "99AA"],
    ["10007", "Yara", "Yara", "el", "Idrissi", "30-12-2014", "groep 8", "26-08-2018", "",
     "Samira el Idrissi", "samira.elidrissi@demo.nl", "06-12345605", "ja", "", "", "", "",
     "99AA"],
    ["10008", "Bram", "Abraham", "", "Smit", "12-04-2016", "groep 6", "22-08-2020",
     "mentor@demo.nl", "Karin Smit", "karin.smit@demo.nl", "", "ja", "", "", "", "", "99AA"],
    ["10009", "Lotte", "Lotte", "van der", "Berg", "25-09-2017", "groep 4", "23-08-2021", "",
     "Marloes van der Berg", "marloes.vdberg@demo.nl", "", "ja",
     "Joost van der Berg", "joost.vdberg@demo.nl", "", "ja", "99AA"],
    ["10010", "Ilias", "Ilias", "", "Öztürk", "08-02-2015", "groep 7", "24-08-2019", "",
     "Elif Öztürk", "elif.ozturk@demo.nl", "06-12345606", "ja", "", "", "", "", "99AA"],
    ["10011", "Fenna", "Fenna", "", "Hoekstra", "14-06-2018", "groep 3", "22-08-2022", "",
     "Sietske Hoekstra", "sietske.hoekstra@demo.nl", "", "j", "", "", "", "", "99AA"],
    ["10012", "Ruben", "Ruben", "", "Mulder", "01-10-2014", "groep 8", "26-08-2018", "",
     "Annemiek Mulder", "annemiek.mulder@demo.nl", "", "ja",
     "Hans Mulder", "hans.mulder@demo.nl", "", "ja", "99AA"],
]

MAGISTER_KOP = [
    "Stamnr", "Roepnaam", "Tussenv.", "Achternaam", "Geb. dat.", "Klas", "Inschrijfdatum",
    "E-mail mentor", "Verzorger 1 naam", "Verzorger 1 e-mail", "Verzorger 1 telefoon",
    "Verzorger 1 gezag", "Verzorger 2 naam", "Verzorger 2 e-mail", "Verzorger 2 telefoon",
    "Verzorger 2 gezag", "BRIN",
]

MAGISTER_RIJEN = [
    [240101, "Jesse", "", "Kuiper", datetime(2013, 4, 2), "1A", datetime(2025, 8, 25), "",
     "Wendy Kuiper", "wendy.kuiper@demo.nl", "06-22334401", "Ja", "", "", "", "", "99BA00"],
    [240102, "Sophie", "van", "Leeuwen", datetime(2012, 11, 19), "2B", datetime(2024, 8, 26),
     "", "Miriam van Leeuwen", "miriam.vanleeuwen@demo.nl", "", "Ja",
     "Ruud van Leeuwen", "ruud.vanleeuwen@demo.nl", "", "Ja", "99BA00"],
    [240103, "Amir", "", "Haddou", datetime(2013, 1, 7), "1A", datetime(2025, 8, 25), "",
     "Nadia Haddou", "nadia.haddou@demo.nl", "", "Ja", "", "", "", "", "99BA00"],
    # The birth date as Excel's serial number (what a copied column sometimes holds).
    [240104, "Eva", "de", "Graaf", 41432, "2A", datetime(2024, 8, 26), "",
     "Lieke de Graaf", "lieke.degraaf@demo.nl", "", "Ja", "", "", "", "", "99BA00"],
    [240105, "Thijs", "", "Vermeulen", datetime(2011, 6, 30), "3C", datetime(2023, 8, 28), "",
     "Paul Vermeulen", "paul.vermeulen@demo.nl", "", "Ja",
     "Kim Vermeulen", "kim.vermeulen@demo.nl", "", "Nee", "99BA00"],
    [240106, "Mila", "", "Dekker", datetime(2012, 3, 14), "2B", datetime(2024, 8, 26), "",
     "Sandra Dekker", "sandra.dekker@demo.nl", "", "Ja", "", "", "", "", "99BA00"],
]
# fmt: on


def maak_csv() -> Path:
    pad = HIER / "parnassys_de_regenboog.csv"
    # Windows-1252 and semicolons: what Dutch Excel and ParnasSys write.
    with pad.open("w", encoding="cp1252", newline="") as handvat:
        schrijver = csv.writer(handvat, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(PARNASSYS_KOP)
        schrijver.writerows(PARNASSYS_RIJEN)
    return pad


def maak_xlsx() -> Path:
    pad = HIER / "magister_da_vinci.xlsx"
    werkmap = Workbook()
    blad = werkmap.active
    blad.title = "Leerlingen"
    blad.append(["Leerlingen Da Vinci College (demo), export uit Magister"])
    blad.append([])
    blad.append(MAGISTER_KOP)
    for rij in MAGISTER_RIJEN:
        blad.append(rij)
    for cel in blad["E"][3:] + blad["G"][3:]:
        if isinstance(cel.value, datetime):
            cel.number_format = "DD-MM-YYYY"
    # A fixed creation date keeps the file the same on every run.
    werkmap.properties.created = werkmap.properties.modified = datetime(2026, 1, 5, 9, 0)
    werkmap.save(pad)
    return pad


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for pad in (maak_csv(), maak_xlsx()):
        logger.info("Geschreven: %s", pad.relative_to(HIER.parent.parent))
