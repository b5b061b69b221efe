"""The fictional demo region "Regio Holland Rijnland (demo)": data for `seed_demo`.

Every name here is made up. The personas are a contract that tests and checks rely on.
"""

from dataclasses import dataclass

from accounts.rollen import Rol, Sector, Soort

REGIO = "Regio Holland Rijnland (demo)"

SWVS = {
    "PO-28-01": "Samenwerkingsverband PO Leiden en omstreken (demo)",
    "VO-28-01": "Samenwerkingsverband VO Leiden en omstreken (demo)",
}

GEMEENTEN = {
    "Leiden": "Jeugdteam Leiden (demo)",
    "Katwijk": "Jeugd- en gezinsteam Katwijk (demo)",
}


@dataclass(frozen=True)
class DemoSchool:
    naam: str
    sector: Sector
    swv: str
    plaats: str
    code: str


SCHOLEN = [
    DemoSchool("Basisschool De Regenboog", Sector.PO, "PO-28-01", "Leiden", "99AA"),
    DemoSchool("Basisschool De Vlieger", Sector.PO, "PO-28-01", "Katwijk", "99AB"),
    DemoSchool("SBO De Brug", Sector.SBO, "PO-28-01", "Leiden", "99AC"),
    DemoSchool("SO De Wissel", Sector.SO, "PO-28-01", "Leiden", "99AD"),
    DemoSchool("Da Vinci College (demo)", Sector.VO, "VO-28-01", "Leiden", "99BA"),
    DemoSchool("Het Duinlyceum", Sector.VO, "VO-28-01", "Katwijk", "99BB"),
    DemoSchool("VSO De Haven", Sector.VSO, "VO-28-01", "Leiden", "99BC"),
]

OVERIGE = [
    ("Zorgaanbieder De Horizon (demo)", Soort.JEUGDHULPAANBIEDER, "Leiden"),
    ("Regionaal Bureau Leerplicht Holland Rijnland (demo)", Soort.LEERPLICHT, "Leiden"),
    ("JGZ Hollands Midden (demo)", Soort.JGZ, "Leiden"),
]


@dataclass(frozen=True)
class Persona:
    email: str
    naam: str
    organisatie: str | None
    rol: Rol | None
    omschrijving: str


PERSONAS = [
    Persona(
        "ib@demo.nl",
        "Ingrid Bos",
        "Basisschool De Regenboog",
        Rol.ONDERSTEUNINGSCOORDINATOR,
        "ondersteuningscoördinator van basisschool De Regenboog",
    ),
    Persona(
        "mentor@demo.nl",
        "Martijn Kok",
        "Basisschool De Regenboog",
        Rol.LEERKRACHT,
        "leerkracht van groep 6 van De Regenboog, leerkracht van Sam de Vries",
    ),
    Persona("ouder@demo.nl", "Ellen de Vries", None, None, "moeder (met gezag) van Sam de Vries"),
    Persona("ouder2@demo.nl", "Mark de Vries", None, None, "vader (met gezag) van Sam de Vries"),
    Persona(
        "jeugdteam@demo.nl",
        "Joyce El Amrani",
        "Jeugdteam Leiden (demo)",
        Rol.MEDEWERKER_JEUGDTEAM,
        "medewerker jeugdteam van gemeente Leiden",
    ),
    Persona(
        "swv@demo.nl",
        "Sanne Willems",
        SWVS["PO-28-01"],
        Rol.CONSULENT_SWV,
        "consulent van SWV PO-28-01 (het SWV van De Regenboog)",
    ),
    Persona(
        "leerplicht@demo.nl",
        "Lars Pieterse",
        "Regionaal Bureau Leerplicht Holland Rijnland (demo)",
        Rol.LEERPLICHTAMBTENAAR,
        "leerplichtambtenaar van het RBL",
    ),
    Persona("beheer@demo.nl", "Bram Heemskerk", REGIO, Rol.BEHEERDER, "beheerder van de regio"),
    Persona(
        "schoolbeheer@demo.nl",
        "Sophie Baas",
        "Basisschool De Regenboog",
        Rol.ORGANISATIEBEHEERDER,
        "schoolbeheerder (administratie) van De Regenboog: importeert leerlingen, nodigt uit",
    ),
    Persona(
        "directie@demo.nl",
        "Dirk de Ruiter",
        "Basisschool De Regenboog",
        Rol.ORGANISATIEBEHEERDER,
        "directeur en tweede schoolbeheerder van De Regenboog: bevestigt rollen",
    ),
    Persona(
        "ib.andere@demo.nl",
        "Iris Andriessen",
        "Da Vinci College (demo)",
        Rol.ONDERSTEUNINGSCOORDINATOR,
        "ondersteuningscoördinator van het Da Vinci College (SWV VO-28-01)",
    ),
    Persona(
        "ouder.andere@demo.nl",
        "Olga Visser",
        None,
        None,
        "moeder van Noor Visser (De Regenboog), niet van Sam",
    ),
]

VOORNAMEN = [
    "Daan",
    "Emma",
    "Liam",
    "Julia",
    "Noah",
    "Mila",
    "Lucas",
    "Tess",
    "Finn",
    "Zoë",
    "Levi",
    "Sara",
    "Milan",
    "Yara",
    "Bram",
    "Lotte",
    "Adam",
    "Fenna",
    "Mohamed",
    "Nora",
    "Jesse",
    "Evi",
    "Thijs",
    "Saar",
    "Ayoub",
    "Lieke",
    "Ravi",
    "Isa",
    "Siem",
    "Hanna",
]
ACHTERNAMEN = [
    ("", "Jansen"),
    ("de", "Jong"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Yilmaz"),
    ("", "El Idrissi"),
    ("van der", "Veen"),
    ("", "Kramer"),
    ("van den", "Berg"),
]
VOORNAMEN_MOEDER = ["Anna", "Fatima", "Linda", "Sevda", "Marieke"]
VOORNAMEN_VADER = ["Peter", "Karim", "Joost", "Erik", "Hasan"]

# The schools' contactpersonen in the jeugdteam (docs/rollen.md, "Contactpersonen van een
# school"): the vaste contactpersoon S(B)O is no persona; she logs in with the same password.
VASTE_CONTACTPERSOON = ("contactpersoon.sbo@demo.nl", "Vera Jansen", "Jeugdteam Leiden (demo)")
# (school, soort, e-mail of the contactpersoon)
SCHOOLCONTACTEN = [
    ("Basisschool De Regenboog", "toegang", "jeugdteam@demo.nl"),
    ("SBO De Brug", "toegang", "jeugdteam@demo.nl"),
    ("SBO De Brug", "vaste_contactpersoon", "contactpersoon.sbo@demo.nl"),
    ("SO De Wissel", "vaste_contactpersoon", "contactpersoon.sbo@demo.nl"),
]
