"""A whole region on PostgreSQL, for the page and load benchmarks (not part of the test run).

Builds, on top of `seed_demo`, a region of LEERLINGEN pupils with the proportions of the
Holland Rijnland region at 100,000 pupils: 300 schools in 13 municipalities and 3 pairs of
SWVs, about 5,000 open trajecten (with MDOs, invitations and reports), 4,000 OPP versions
(goals, inzet, signature requests), 42,000 consent rows with the object permissions they
give, 1,000 TLV requests, 3,000 pupils in the fasenmodel, 700 thuiszitters, jeugdhulp with
hours, and 1,000,000 access-log rows. Everything scales with --leerlingen. The demo
coördinator's school (De Regenboog, ib@demo.nl) gets 1.5% of the pupils, at least 300
(a quarter in a very small region) and at most 1,500; it lies in the demo jeugdteam's
municipality (Leiden, jeugdteam@demo.nl).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_region_100k \\
        .venv/bin/python benchmarks/region.py --leerlingen 100000 [--opnieuw]

The database is created when missing, migrated and seeded. On a database that already
holds pupils the script refuses (--opnieuw drops and recreates it first). The big tables
go in with COPY; names are Dutch and fictional, dates relative to today. Target: 100,000
pupils in under 10 minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import unicodedata
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# The demo's Sam de Vries (accounts/management/commands/seed_demo.py: uuid5 of his key).
SAM = uuid.uuid5(uuid.UUID("5a3e1f7c-2b8d-4c1e-9f6a-0d7b3c2e1a90"), "sam-de-vries")
# The OPP of about ten pages whose PDF the benchmarks time (see `lang_opp`).
LANG_OPP = uuid.UUID("6e1c5a0b-3f4d-4b8a-9c2e-7d1f0a9b8c10")

# Names: fictional combinations of common Dutch first names and surnames.
_VOORNAMEN = """
Daan Emma Liam Julia Noah Mila Lucas Tess Finn Zoë Levi Sara Milan Yara Bram Lotte Adam Fenna Stef
Mohamed Nora Jesse Evi Thijs Saar Ayoub Lieke Ravi Isa Siem Hanna Sem Anna Luuk Sophie Mees Nina
Jens Fleur Ruben Lynn Teun Roos Gijs Elin Vera Jayden Maud Stijn Lisa Hugo Eva Tim Femke Max
Jan Liv Owen Ilse Jurre Lara Boaz Hailey Ibrahim Amira Yusuf Sanne Kees Marit Niek Floor
Joep Esmee Cas Iris Morris Demi Dex Zara Luca Bo Thomas Sofie Jasper Nova Olivier Fay Rayan Ella
Koen Jip Tygo Mirthe Wessel Amber Mats Romy Pim Yfke Ties Aya Lars Lina Job Nienke Guus Hidde
Julie Hamza Selin Kerem Elif Mehmet Zeynep Bilal Salma Dani Kiki Floris Anouk
"""
VOORNAMEN = _VOORNAMEN.split()
# "tussenvoegsel|achternaam", one per line.
_ACHTERNAMEN = """
|Jansen;de|Jong;van|Dijk;|Bakker;|Janssen;|Visser;|Smit;|Meijer;de|Boer;|Mulder;de|Groot;|Bos
|Vos;|Peters;|Hendriks;van|Leeuwen;|Dekker;|Brouwer;de|Wit;|Dijkstra;|Smits;de|Graaf;|Kok
van der|Meer;van der|Linden;|Jacobs;de|Haan;|Vermeulen;van den|Heuvel;van der|Veen;|Prins
van den|Broek;de|Bruijn;de|Vries;van der|Heijden;|Schouten;|Willems;van|Wijk;|Hoekstra;|Koster
|Huisman;|Kramer;|Kuipers;van|Vliet;|Maas;|Verhoeven;|Post;|Schipper;|Timmermans;|Groen;|Vink
|Gerritsen;|Bosman;|Kuiper;|Wouters;|Hermans;van|Beek;|Molenaar;|Verbeek;|Veenstra;|Kroon
|Brink;van|Dam;|Koning;|Yilmaz;|El Idrissi;|Kaya;|Demir;|Şahin;|Bouzid;|El Amrani;|Aydin;|Çelik
|Nguyen;|Pinas;|Soekhai;|Ramdin;|Tahiri;|Haddou;|Kartosen;|Wong;|Chen;|Kowalski;|Nowak;|Stam
van|Rijn;van der|Velden;|Zwart;|Hoogland;|Roos;ter|Horst;van|Os;|Blom;|Kloosterman;|Zijlstra
|Pronk;van|Wijngaarden;|Verschoor;|Langeveld;|Goossens;|Bleeker
"""
ACHTERNAMEN = [
    tuple(deel.strip().split("|")) for deel in _ACHTERNAMEN.replace("\n", ";").split(";") if deel
]
_VOLWASSENEN = """
Anna Fatima Linda Sevda Marieke Peter Karim Joost Erik Hasan Sandra Mark Esther Dennis Ingrid
Rob Monique Youssef Samira Wouter Nicole Bas Kim Arjen Naima Jeroen Miriam Sander Chantal Hakan
Ayşe Robert Judith Ahmed Hanneke Martijn Petra Vincent Mariska Ömer Leila Frank Saskia Jurgen
Ilona Michel Shanti Ramon Karin Tom Yvonne Koen Astrid Rachid Elise
"""
VOORNAMEN_VOLWASSEN = _VOLWASSENEN.split()

# Holland Rijnland: municipality, thousands of inhabitants, subregion (its pair of SWVs).
GEMEENTEN = [
    ("Leiden", 125, 1),
    ("Alphen aan den Rijn", 113, 3),
    ("Katwijk", 67, 2),
    ("Noordwijk", 44, 2),
    ("Teylingen", 38, 2),
    ("Nieuwkoop", 29, 3),
    ("Kaag en Braassem", 28, 3),
    ("Leiderdorp", 28, 1),
    ("Oegstgeest", 25, 1),
    ("Voorschoten", 25, 1),
    ("Lisse", 23, 2),
    ("Hillegom", 22, 2),
    ("Zoeterwoude", 9, 1),
]
SWV_NIEUW = {
    2: ("Duin- en Bollenstreek", "28-02"),
    3: ("Rijnstreek", "28-03"),
}
_SCHOOLNAMEN = (
    "De Vlinder|De Springplank|Het Kompas|De Zonnewijzer|De Kameleon|De Wilgen|Het Palet|"
    "De Horizon|De Sleutel|De Klimop|De Ark|De Fontein|De Morgenster|Het Anker|De Bolster|"
    "De Meander|Het Mozaïek|De Duizendpoot|De Singel|De Tweemaster|De Vuurtoren|De Zeester|"
    "De Lindeboom|De Eikenhorst|De Hoeksteen|Prins Willem-Alexander|Koningin Juliana|"
    "Dr. Schaepman|Sint Jozef|De Leeuwerik|De Merel|De Wielewaal|Het Startpunt|De Toekomst|"
    "De Waterlelie|De Parel|De Schakel|Het Ooievaarsnest|De Dolfijn|De Tandem|Het Klaverblad|"
    "De Zevensprong|De Boomgaard|De Molenwiek|Het Talent|De Globe|De Bron|Het Baken"
)
SCHOOLNAMEN = _SCHOOLNAMEN.split("|")
PO_SOORTEN = ["Basisschool", "CBS", "OBS", "RKBS", "IKC", "Daltonschool", "Montessorischool"]
_VO_NAMEN = (
    "Da Costa|Stedelijk|Bonaventura|Visser 't Hooft|Rijnlands|Leonardo|Erasmus|Herman Jordan|"
    "Groene Hart|Ichthus|Fioretti|Northgo|Pieter Groen|Teylingen|Agnieten|Rijnmond|Duinzicht|"
    "Vlietland|Clusius|Marecollege"
)
VO_NAMEN = _VO_NAMEN.split("|")
_ZORGAANBIEDERS = (
    "Kwadraad|Cardea|Curium|Ipse de Bruggen|Horizon Jeugdzorg|Prodeba|De Binnenvest|"
    "Youz|Lucertis|Levvel|Kinderpraktijk Rijnland|Jeugdhulp Duinstreek|Zorgboerderij De Linde|"
    "Dagbehandeling De Kikker|Autisme Centrum Rijnland|GGZ Rivierduinen Jeugd|Timon|"
    "Enver|Schoolmaatschappelijk Werk Rijnland|Leger des Heils Jeugd"
)
ZORGAANBIEDERS = _ZORGAANBIEDERS.split("|")


def ascii_slug(tekst: str) -> str:
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "." for c in tekst.lower()).strip(".")


@contextmanager
def stap(naam: str):
    start = time.perf_counter()
    print(f"  {naam} ...", end="", flush=True)
    yield
    print(f" {time.perf_counter() - start:.1f} s", flush=True)


def maak_database(database_url: str, opnieuw: bool) -> None:
    """Create the database when missing (or drop it first with --opnieuw)."""
    import dj_database_url
    import psycopg

    instellingen = dj_database_url.parse(database_url)
    naam = instellingen["NAME"]
    with psycopg.connect(
        host=instellingen["HOST"] or None,
        port=instellingen["PORT"] or None,
        user=instellingen["USER"] or None,
        password=instellingen["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as verbinding:
        if opnieuw:
            verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        bestaat = verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [naam]
        ).fetchone()
        if not bestaat:
            verbinding.execute(f'CREATE DATABASE "{naam}"')
            print(f"Database {naam} aangemaakt.")


class Leerlingrij:
    """One generated pupil, as far as the later steps need it."""

    __slots__ = (
        "achternaam",
        "geboortedatum",
        "groep",
        "id",
        "mentor",
        "ouders",
        "school",
        "tussenvoegsel",
        "uitgeschreven",
        "uuid",
        "voornaam",
    )

    def __init__(self, **velden):
        for naam, waarde in velden.items():
            setattr(self, naam, waarde)

    def leeftijd(self, op: date) -> int:
        jaren = op.year - self.geboortedatum.year
        if (op.month, op.day) < (self.geboortedatum.month, self.geboortedatum.day):
            jaren -= 1
        return jaren


# The School attribute that holds each school role's person.
SCHOOLROL = {"ondersteuningscoordinator": "ib", "directeur": "directeur"}


class School:
    __slots__ = ("directeur", "ib", "id", "leraren", "naam", "plaats", "po", "sector", "swv_id")

    def __init__(self, id, naam, sector, swv_id, plaats, ib=None, directeur=None):
        self.id, self.naam, self.sector, self.swv_id, self.plaats = id, naam, sector, swv_id, plaats
        self.ib, self.directeur, self.leraren = ib, directeur, []
        self.po = sector in ("PO", "SBO", "SO")


class Regio:
    def __init__(self, leerlingen: int, zaad: int):
        from django.utils import timezone

        self.n = leerlingen
        self.s = leerlingen / 100_000
        self.rng = random.Random(zaad)
        self.nu = timezone.now()
        self.vandaag = timezone.localdate()
        self.aantallen: dict[str, int] = {}

    # Helpers ------------------------------------------------------------------------------

    def aantal(self, per_100k: float, minimum: int = 1) -> int:
        return max(minimum, round(per_100k * self.s))

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, dagen_terug_min: float, dagen_terug_max: float) -> datetime:
        return self.nu - timedelta(days=self.rng.uniform(dagen_terug_min, dagen_terug_max))

    def dag(self, dagen_terug_min: int, dagen_terug_max: int) -> date:
        return self.vandaag - timedelta(days=self.rng.randint(dagen_terug_min, dagen_terug_max))

    def reserveer(self, model, aantal: int) -> range:
        """`aantal` primary keys from the table's own sequence, to refer to before COPY."""
        from django.db import connection

        if aantal == 0:
            return range(0)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
            reeks = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [reeks])
            eerste = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [reeks, eerste + aantal - 1])
        return range(eerste, eerste + aantal)

    def kopieer(self, model, kolommen: list[str], rijen) -> int:
        """COPY rows (tuples in `kolommen` order, attnames) into the model's table; the
        other columns get their field default (one value for every row)."""
        from django.db import connection, models

        velden = {f.attname: f for f in model._meta.concrete_fields}
        rest, vast = [], []
        for veld in model._meta.concrete_fields:
            if veld.attname in kolommen or veld.primary_key:
                continue
            if veld.unique and not veld.null:
                raise ValueError(f"{model.__name__}.{veld.name}: uniek, geef het per rij mee")
            if veld.has_default():
                waarde = veld.get_default()
            elif getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
                waarde = self.nu
            elif veld.null:
                waarde = None
            elif veld.empty_strings_allowed:
                waarde = ""
            else:
                raise ValueError(f"{model.__name__}.{veld.name} ontbreekt")
            if isinstance(veld, models.JSONField):
                waarde = json.dumps(waarde)
            rest.append(veld.column)
            vast.append(waarde)
        vast = tuple(vast)
        namen = [velden[k].column for k in kolommen] + rest
        sql = 'COPY "{}" ({}) FROM STDIN'.format(
            model._meta.db_table, ", ".join(f'"{n}"' for n in namen)
        )
        teller = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for rij in rijen:
                copy.write_row(rij + vast)
                teller += 1
        self.aantallen[model._meta.label] = self.aantallen.get(model._meta.label, 0) + teller
        return teller

    def kopieer_m2m(self, through, kolommen: list[str], rijen) -> int:
        from django.db import connection

        sql = 'COPY "{}" ({}) FROM STDIN'.format(
            through._meta.db_table, ", ".join(f'"{k}"' for k in kolommen)
        )
        teller = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for rij in rijen:
                copy.write_row(rij)
                teller += 1
        self.aantallen[through._meta.db_table] = teller
        return teller

    def naam(self) -> tuple[str, str, str]:
        tussenvoegsel, achternaam = self.rng.choice(ACHTERNAMEN)
        return self.rng.choice(VOORNAMEN), tussenvoegsel, achternaam

    # The build ----------------------------------------------------------------------------

    def bouw(self) -> None:
        with stap("organisaties"):
            self.organisaties()
        with stap("medewerkers"):
            self.medewerkers()
        with stap("leerlingen en ouders"):
            self.leerlingen()
        with stap("keuze van de dossiers"):
            self.kies_dossiers()
        with stap("toestemmingen en objectrechten"):
            self.toestemmingen()
        with stap("trajecten"):
            self.trajecten()
        with stap("MDO's, genodigden en verslagen"):
            self.mdos()
        with stap("OPP's, doelen, inzet en ondertekeningen"):
            self.opps()
        with stap("TLV-aanvragen"):
            self.tlvs()
        with stap("fasenmodel en thuiszitters"):
            self.fasen()
            self.thuiszitters()
        with stap("jeugdhulp en uren"):
            self.jeugdhulp()
        with stap("toegangslog"):
            self.toegangslog()

    def organisaties(self) -> None:
        from accounts import demo
        from accounts.models import Organisatie

        bestaand = {o.naam: o for o in Organisatie.objects.all()}
        self.regio_id = bestaand[demo.REGIO].id
        self.regenboog_id = bestaand["Basisschool De Regenboog"].id
        self.leerplicht_id = bestaand["Regionaal Bureau Leerplicht Holland Rijnland (demo)"].id
        self.jgz_id = bestaand["JGZ Hollands Midden (demo)"].id
        swvs = self.swvs(bestaand)
        self.jeugdteams(bestaand)
        self.schoolorganisaties(bestaand, swvs)
        self.aanbieders(bestaand)

    def swvs(self, bestaand: dict) -> dict[tuple[int, str], int]:
        """The SWVs by (subregion, PO/VO): the demo's two for Leiden, four new ones."""
        from accounts import demo
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        swvs = {
            (1, "PO"): bestaand[demo.SWVS["PO-28-01"]].id,
            (1, "VO"): bestaand[demo.SWVS["VO-28-01"]].id,
        }
        nieuw = {
            (subregio, sector): Organisatie(
                naam=f"Samenwerkingsverband {sector} {naam} (demo)",
                soort=Soort.SWV,
                code=f"{sector}-{code}",
            )
            for subregio, (naam, code) in SWV_NIEUW.items()
            for sector in ("PO", "VO")
        }
        Organisatie.objects.bulk_create(nieuw.values())
        swvs.update({sleutel: org.id for sleutel, org in nieuw.items()})
        self.swv_ids = sorted(swvs.values())
        return swvs

    def jeugdteams(self, bestaand: dict) -> None:
        """A gemeente and its jeugdteam for each of the 13 municipalities."""
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        gemeenten = [
            Organisatie(naam=f"Gemeente {plaats} (demo)", soort=Soort.GEMEENTE, plaats=plaats)
            for plaats, _, _ in GEMEENTEN
            if f"Gemeente {plaats} (demo)" not in bestaand
        ]
        Organisatie.objects.bulk_create(gemeenten)
        alle = [*bestaand.values(), *gemeenten]
        gemeente_ids = {o.plaats: o.id for o in alle if o.soort == Soort.GEMEENTE}
        teams = [
            Organisatie(
                naam=f"Jeugdteam {plaats} (demo)",
                soort=Soort.JEUGDTEAM,
                gemeente_id=gemeente_ids[plaats],
                plaats=plaats,
            )
            for plaats, _, _ in GEMEENTEN
            if not any(o.soort == Soort.JEUGDTEAM and o.plaats == plaats for o in alle)
        ]
        Organisatie.objects.bulk_create(teams)
        self.jeugdteam_org = {o.plaats: o.id for o in [*alle, *teams] if o.soort == Soort.JEUGDTEAM}

    def schoolorganisaties(self, bestaand: dict, swvs: dict) -> None:
        """The demo's seven schools, then generated ones up to 300 per 100,000 pupils."""
        from accounts import demo
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        subregio_van = {plaats: sub for plaats, _, sub in GEMEENTEN}
        plaatsen = [plaats for plaats, _, _ in GEMEENTEN]
        inwoners = [aantal for _, aantal, _ in GEMEENTEN]
        self.scholen: list[School] = []
        for school in demo.SCHOLEN:
            org = bestaand[school.naam]
            self.scholen.append(School(org.id, org.naam, org.sector, org.swv_id, org.plaats))
        sectoren = ["PO"] * 72 + ["SBO"] * 4 + ["SO"] * 4 + ["VO"] * 16 + ["VSO"] * 4
        gebruikt = {s.naam for s in self.scholen}
        nieuw = []
        for i in range(max(0, self.aantal(300) - len(self.scholen))):
            sector = self.rng.choice(sectoren)
            plaats = self.rng.choices(plaatsen, inwoners)[0]
            naam = self.schoolnaam(sector, plaats, gebruikt)
            po_vo = "PO" if sector in ("PO", "SBO", "SO") else "VO"
            nieuw.append(
                Organisatie(
                    naam=naam,
                    soort=Soort.SCHOOL,
                    sector=sector,
                    swv_id=swvs[(subregio_van[plaats], po_vo)],
                    plaats=plaats,
                    # BRIN-like: two digits, two letters.
                    code=f"{10 + i // 676:02d}{chr(65 + (i // 26) % 26)}{chr(65 + i % 26)}",
                )
            )
        Organisatie.objects.bulk_create(nieuw, batch_size=500)
        for org in nieuw:
            self.scholen.append(School(org.id, org.naam, org.sector, org.swv_id, org.plaats))

    def schoolnaam(self, sector: str, plaats: str, gebruikt: set[str]) -> str:
        kies = self.rng.choice
        naam = {
            "PO": f"{kies(PO_SOORTEN)} {kies(SCHOOLNAMEN)}",
            "SBO": f"SBO {kies(SCHOOLNAMEN)}",
            "SO": f"SO {kies(SCHOOLNAMEN)}",
            "VSO": f"VSO {kies(SCHOOLNAMEN)}",
            "VO": kies([f"{kies(VO_NAMEN)} College", f"Lyceum {kies(VO_NAMEN)}"]),
        }[sector]
        if naam in gebruikt:
            naam = f"{naam} {plaats}"
        while naam in gebruikt:
            naam = f"{naam} II"
        gebruikt.add(naam)
        return naam

    def aanbieders(self, bestaand: dict) -> None:
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        nieuw = [
            Organisatie(naam=f"{naam} (demo)", soort=Soort.JEUGDHULPAANBIEDER, plaats="Leiden")
            for naam in ZORGAANBIEDERS[: max(2, min(len(ZORGAANBIEDERS), self.aantal(20)))]
        ]
        Organisatie.objects.bulk_create(nieuw)
        self.aanbieder_ids = [o.id for o in nieuw] + [
            o.id for o in bestaand.values() if o.soort == Soort.JEUGDHULPAANBIEDER
        ]

    def medewerkers(self) -> None:
        """Staff: a coördinator and a director per school (the demo's where they exist),
        jeugdteams, SWV consulenten, leerplicht, care providers, JGZ. Teachers come with
        the classes (see `leraren`)."""
        from accounts.models import Lidmaatschap, User
        from accounts.rollen import ROLLEN, Bereik, Rol

        personas = {u.email: u.id for u in User.objects.filter(email__endswith="@demo.nl")}
        self.ib_persona = personas["ib@demo.nl"]
        self.mentor_persona = personas["mentor@demo.nl"]
        self.jeugdteam_persona = personas["jeugdteam@demo.nl"]
        self.users: list[tuple] = []  # rows for COPY, made in `nieuwe_user`
        bestaande = list(Lidmaatschap.objects.all())
        plannen = self.personeelsplan({(lid.organisatie_id, lid.rol): lid for lid in bestaande})
        ids = iter(self.reserveer(User, len(plannen)))
        school_op_id = {s.id: s for s in self.scholen}
        self.nieuwe_leden = []
        for org_id, rol in plannen:
            user_id = self.nieuwe_user(next(ids), medewerker=True)
            self.nieuwe_leden.append(Lidmaatschap(user_id=user_id, organisatie_id=org_id, rol=rol))
            if rol in (Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR):
                setattr(school_op_id[org_id], SCHOOLROL[rol], user_id)
        # Organisation -> its users in a role that reaches pupils by consent.
        self.leden: dict[int, list[int]] = {}
        for lid in [*bestaande, *self.nieuwe_leden]:
            if ROLLEN[Rol(lid.rol)].bereik == Bereik.MET_TOESTEMMING:
                self.leden.setdefault(lid.organisatie_id, []).append(lid.user_id)
        self.jeugdteam_medewerkers = {
            plaats: self.leden[org_id] for plaats, org_id in self.jeugdteam_org.items()
        }
        self.swv_consulenten = {swv: self.leden.get(swv, []) for swv in self.swv_ids}
        self.leerplicht_ids = self.leden[self.leerplicht_id]

    def personeelsplan(self, bestaand: dict) -> list[tuple[int, str]]:
        """(organisation, role) of every new staff member."""
        from accounts.rollen import Rol

        plannen = []
        for school in self.scholen:
            for rol in (Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR):
                if (school.id, rol) in bestaand:
                    setattr(school, SCHOOLROL[rol], bestaand[(school.id, rol)].user_id)
                else:
                    plannen.append((school.id, rol))
        inwoners = {plaats: aantal for plaats, aantal, _ in GEMEENTEN}
        for plaats, org_id in self.jeugdteam_org.items():
            aantal = max(1, round(inwoners[plaats] / 12 * self.s))
            plannen += [(org_id, Rol.MEDEWERKER_JEUGDTEAM)] * aantal
        plannen += [(swv, Rol.CONSULENT_SWV) for swv in self.swv_ids for _ in range(2)]
        plannen += [(self.leerplicht_id, Rol.LEERPLICHTAMBTENAAR)] * self.aantal(4)
        plannen += [(org_id, Rol.MEDEWERKER_JEUGDHULP) for org_id in self.aanbieder_ids]
        plannen += [(self.jgz_id, Rol.JGZ)] * self.aantal(6)
        return plannen

    def nieuwe_user(self, user_id: int, *, medewerker: bool, naam: str | None = None) -> int:
        if naam is None:
            _, tussenvoegsel, achternaam = self.naam()
            naam = " ".join(
                p for p in (self.rng.choice(VOORNAMEN_VOLWASSEN), tussenvoegsel, achternaam) if p
            )
        domein = "school.example" if medewerker else "ouders.example"
        actief = medewerker or self.rng.random() < 0.6
        aangemaakt = self.moment(30, 1500)
        self.users.append(
            (
                user_id,
                "!",  # no usable password: nobody logs in as a generated user
                f"{ascii_slug(naam)}.{user_id}@{domein}",
                naam,
                aangemaakt,
                aangemaakt + timedelta(days=2) if actief else None,
            )
        )
        return user_id

    def leerlingen(self) -> None:
        """Pupils in classes of up to 27 with their teacher, and their parents."""
        from accounts.models import Gezag, Leerling, Lidmaatschap, User

        verdeling, zonder_school = self.verdeling()
        ids = iter(self.reserveer(Leerling, sum(verdeling.values()) + zonder_school))
        self.alle: list[Leerlingrij] = []
        klassen: list[tuple[School, str, list[Leerlingrij]]] = []
        for school in self.scholen:
            if verdeling.get(school.id):
                klassen += self.klassen(school, verdeling[school.id], ids)
        for _ in range(zonder_school):
            self.alle.append(self.nieuwe_leerling(None, self.rng.randint(7, 17), next(ids)))
        mentoren = self.leraren(klassen)
        self.ouders()
        self.kopieer(
            User,
            ["id", "password", "email", "naam", "date_joined", "geactiveerd_op"],
            iter(self.users),
        )
        Lidmaatschap.objects.bulk_create(self.nieuwe_leden, batch_size=2000)
        self.kopieer(
            Leerling,
            [
                "id",
                "uuid",
                "voornaam",
                "tussenvoegsel",
                "achternaam",
                "geboortedatum",
                "school_id",
                "groep",
                "ingeschreven_op",
                "leerlingnummer",
                "uitgeschreven_op",
            ],
            self.leerlingrijen(),
        )
        self.kopieer_m2m(Leerling.mentoren.through, ["leerling_id", "user_id"], iter(mentoren))
        self.kopieer(
            Gezag,
            ["ouder_id", "leerling_id", "relatie", "heeft_gezag"],
            (
                (ouder, rij.id, "moeder" if i == 0 else "vader", gezag)
                for rij in self.alle
                for i, (ouder, gezag) in enumerate(rij.ouders)
            ),
        )

    def verdeling(self) -> tuple[dict[int, int], int]:
        """New pupils per school (De Regenboog's share first), and how many have no school."""
        from accounts.models import Leerling

        bestaand: dict[int | None, int] = {}
        for school_id in Leerling.objects.values_list("school_id", flat=True):
            bestaand[school_id] = bestaand.get(school_id, 0) + 1
        regenboog = min(1500, max(round(0.015 * self.n), min(300, self.n // 4)))
        regenboog_nieuw = max(0, regenboog - bestaand.get(self.regenboog_id, 0))
        zonder_school = self.aantal(40, 2)
        rest = max(0, self.n - sum(bestaand.values()) - regenboog_nieuw - zonder_school)
        gewicht = {"PO": 1.0, "SBO": 0.5, "SO": 0.4, "VO": 3.5, "VSO": 0.5}
        anderen = [s for s in self.scholen if s.id != self.regenboog_id]
        quota = [gewicht[s.sector] * self.rng.uniform(0.6, 1.4) for s in anderen]
        verdeling = {s.id: int(rest * q / sum(quota)) for s, q in zip(anderen, quota, strict=True)}
        for s in anderen[: rest - sum(verdeling.values())]:
            verdeling[s.id] += 1
        verdeling[self.regenboog_id] = regenboog_nieuw
        return verdeling, zonder_school

    def klassen(self, school: School, aantal: int, ids) -> list[tuple[School, str, list]]:
        """`aantal` pupils spread over the school's years, in classes of up to 27."""
        leerjaren = range(1, 9) if school.po else range(1, 7)
        per_jaar: dict[int, list[Leerlingrij]] = {j: [] for j in leerjaren}
        for _ in range(aantal):
            jaar = self.rng.choice(leerjaren)
            rij = self.nieuwe_leerling(school, jaar + 4 if school.po else jaar + 11, next(ids))
            per_jaar[jaar].append(rij)
            self.alle.append(rij)
        klassen = []
        woord = "groep" if school.po else "leerjaar"
        for jaar, rijen in per_jaar.items():
            for k in range(0, len(rijen), 27):
                klassen.append(
                    (school, f"{woord} {jaar}{'abcdefghij'[min(9, k // 27)]}", rijen[k : k + 27])
                )
        return klassen

    def nieuwe_leerling(self, school: School | None, leeftijd: int, leerling_id: int):
        rng = self.rng
        schooljaar = self.vandaag.year if self.vandaag.month >= 8 else self.vandaag.year - 1
        voornaam, tussenvoegsel, achternaam = self.naam()
        return Leerlingrij(
            id=leerling_id,
            uuid=self.uuid4(),
            school=school,
            geboortedatum=date(
                schooljaar - leeftijd - (1 if rng.random() < 0.75 else 0),
                rng.randint(1, 12),
                rng.randint(1, 28),
            ),
            uitgeschreven=self.dag(1, 300) if school and rng.random() < 0.01 else None,
            ouders=[],
            mentor=None,
            groep="",
            voornaam=voornaam,
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
        )

    def leraren(self, klassen: list) -> list[tuple[int, int]]:
        """One teacher per class; the demo mentor teaches De Regenboog's groep 6a (as he
        teaches Sam de Vries's groep 6). Returns the mentor rows (pupil, teacher)."""
        from accounts.models import Lidmaatschap, User
        from accounts.rollen import Rol

        demo_klas = (self.regenboog_id, "groep 6a")
        nieuw = sum(1 for school, groep, _ in klassen if (school.id, groep) != demo_klas)
        ids = iter(self.reserveer(User, nieuw))
        mentoren = []
        for school, groep, rijen in klassen:
            if (school.id, groep) == demo_klas:
                leraar = self.mentor_persona
            else:
                leraar = self.nieuwe_user(next(ids), medewerker=True)
                self.nieuwe_leden.append(
                    Lidmaatschap(user_id=leraar, organisatie_id=school.id, rol=Rol.LEERKRACHT)
                )
            for rij in rijen:
                rij.mentor, rij.groep = leraar, groep
                mentoren.append((rij.id, leraar))
        return mentoren

    def ouders(self) -> None:
        """One or two parents per family; a third of the pupils has a brother or sister at
        the same school (the same parents). The first parent always holds custody."""
        from accounts.models import User

        rng = self.rng
        gezinnen = []
        vorige: Leerlingrij | None = None
        for rij in self.alle:
            if vorige and rij.school and vorige.school is rij.school and rng.random() < 0.33:
                rij.tussenvoegsel, rij.achternaam = vorige.tussenvoegsel, vorige.achternaam
                rij.ouders, vorige = vorige.ouders, None
                continue
            rij.ouders = [None] * (2 if rng.random() < 0.72 else 1)
            gezinnen.append(rij)
            vorige = rij
        ids = iter(self.reserveer(User, sum(len(rij.ouders) for rij in gezinnen)))
        for rij in gezinnen:
            achternaam = " ".join(p for p in (rij.tussenvoegsel, rij.achternaam) if p)
            for i in range(len(rij.ouders)):
                naam = f"{rng.choice(VOORNAMEN_VOLWASSEN)} {achternaam}"
                user_id = self.nieuwe_user(next(ids), medewerker=False, naam=naam)
                rij.ouders[i] = (user_id, i == 0 or rng.random() > 0.05)

    def leerlingrijen(self):
        nummers: dict[int, int] = {}
        for rij in self.alle:
            school_id = rij.school.id if rij.school else None
            nummer, ingeschreven = "", None
            if school_id is not None:
                nummers[school_id] = nummers.get(school_id, 20000) + 1
                nummer = str(nummers[school_id])
                ingeschreven = self.dag(30, 2800)
            yield (
                rij.id,
                rij.uuid,
                rij.voornaam,
                rij.tussenvoegsel,
                rij.achternaam,
                rij.geboortedatum,
                school_id,
                rij.groep,
                ingeschreven,
                nummer,
                rij.uitgeschreven,
            )

    def kies_dossiers(self) -> None:
        """Which pupils have a traject, an OPP, a TLV request, a phase, a register entry."""
        rng = self.rng
        ingeschreven = [r for r in self.alle if r.school is not None and r.uitgeschreven is None]
        self.ingeschreven = ingeschreven
        open_ = rng.sample(ingeschreven, min(len(ingeschreven), self.aantal(5000)))
        # The steps of the open trajecten: most run the arrangement (step 7).
        stappen = rng.choices(range(1, 10), weights=[10, 10, 12, 8, 5, 8, 30, 10, 7], k=len(open_))
        self.open_trajecten = list(zip(open_, stappen, strict=True))
        dicht_kandidaten = rng.sample(ingeschreven, min(len(ingeschreven), self.aantal(1500)))
        self.dichte_trajecten = dicht_kandidaten
        self.buiten_school = {r.id for r, _ in self.open_trajecten if rng.random() < 0.1}
        # OPPs: every pupil whose traject passed the MDO, then pupils of special schools.
        ver = [r for r, stap in self.open_trajecten if stap >= 6]
        speciaal = [r for r in ingeschreven if r.school.sector in ("SBO", "SO", "VSO")]
        doel = round(self.aantal(4000) / 1.15)
        gekozen = {r.id: r for r in ver[:doel]}
        for r in rng.sample(speciaal, min(len(speciaal), doel)):
            if len(gekozen) >= doel:
                break
            gekozen.setdefault(r.id, r)
        self.opp_leerlingen = list(gekozen.values())
        self.plaatsing_leerlingen = rng.sample(
            ingeschreven, min(len(ingeschreven), self.aantal(3000))
        )
        zonder_school = [r for r in self.alle if r.school is None]
        thuis = rng.sample(
            ingeschreven, min(len(ingeschreven), self.aantal(700) - len(zonder_school))
        )
        self.thuiszitter_leerlingen = zonder_school + thuis

    def toestemmingen(self) -> None:
        """Consent rows (about 42,000 per 100,000 pupils) and the object permissions
        complete consent gives (as `accounts.services.sync_toegang` would)."""
        from django.contrib.auth.models import Permission

        from accounts.models import LeerlingUserObjectPermission, Toestemming

        rng = self.rng
        self.toestemming: dict[tuple[int, int], set[str]] = {}  # (pupil, org) -> kinds
        self.toestemmingsrijen: list[tuple] = []
        self.gevraagd: set[tuple[int, int, str]] = set()
        traject_ids = {r.id for r, _ in self.open_trajecten}
        for rij, _ in self.open_trajecten:
            soorten = ["mdo_deelname", "opp_inzage"]
            if rng.random() < 0.5:
                soorten.append("voorbereidingsstukken")
            compleet = rij.id in self.buiten_school or rng.random() < 0.8
            self.geef(rij, self.jeugdteam_van(rij)[0], soorten, compleet)
            if rng.random() < 0.25:
                aanbieder = rng.choice(self.aanbieder_ids)
                self.geef(rij, aanbieder, ["mdo_deelname"], rng.random() < 0.85)
        for rij in self.dichte_trajecten:
            self.geef(rij, self.jeugdteam_van(rij)[0], ["mdo_deelname"], rng.random() < 0.7)
        for rij in self.opp_leerlingen:
            if rij.id not in traject_ids and rng.random() < 0.4:
                self.geef(rij, self.jeugdteam_van(rij)[0], ["opp_inzage"], rng.random() < 0.85)
        for rij in self.thuiszitter_leerlingen:
            if rng.random() < 0.5:
                self.geef(rij, self.jeugdteam_van(rij)[0], ["mdo_deelname", "opp_inzage"], True)
        # The rest: JGZ, for pupils anywhere in the region.
        while len(self.toestemmingsrijen) < self.aantal(42000):
            rij = rng.choice(self.ingeschreven)
            self.geef(rij, self.jgz_id, ["mdo_deelname"], rng.random() < 0.9)
        self.kopieer(
            Toestemming,
            [
                "leerling_id",
                "soort",
                "ontvanger_organisatie_id",
                "gever_id",
                "status",
                "gevraagd_door_id",
                "vastgelegd_door_id",
                "gewijzigd_op",
            ],
            iter(self.toestemmingsrijen),
        )
        permissie = Permission.objects.get(
            codename="view_leerling", content_type__app_label="accounts"
        )
        self.kopieer(
            LeerlingUserObjectPermission,
            ["permission_id", "user_id", "content_object_id"],
            (
                (permissie.id, user_id, leerling_id)
                for leerling_id, org_id in self.toestemming
                for user_id in self.leden.get(org_id, [])
            ),
        )

    def geef(self, rij: Leerlingrij, org_id: int, soorten: list[str], compleet: bool) -> None:
        """The answers of everyone whose say counts (accounts/toestemming.py: parents with
        custody under 16, the pupil from 12). Incomplete: someone has not (yet) agreed."""
        # One answer per giver, receiver and kind (the table's unique constraints).
        soorten = [s for s in soorten if (rij.id, org_id, s) not in self.gevraagd]
        self.gevraagd.update((rij.id, org_id, s) for s in soorten)
        leeftijd = rij.leeftijd(self.vandaag)
        gevers = [] if leeftijd >= 16 else [o for o, gezag in rij.ouders if gezag]
        if leeftijd >= 12:
            gevers.append(None)
        if not gevers or not soorten:
            return
        gevraagd = self.moment(10, 600)
        ib = rij.school.ib if rij.school else self.ib_persona
        for soort in soorten:
            for i, gever in enumerate(gevers):
                status = "gegeven"
                if not compleet and i == len(gevers) - 1:
                    status = self.rng.choice(["gevraagd", "gevraagd", "geweigerd", "ingetrokken"])
                moment = gevraagd + timedelta(days=self.rng.uniform(0, 6))
                self.toestemmingsrijen.append(
                    (rij.id, soort, org_id, gever, status, ib, gever or ib, moment)
                )
        if compleet:
            self.toestemming.setdefault((rij.id, org_id), set()).update(soorten)

    def heeft(self, rij: Leerlingrij, org_id: int | None, soort: str) -> bool:
        return soort in self.toestemming.get((rij.id, org_id), ())

    def jeugdteam_van(self, rij: Leerlingrij) -> tuple[int, int]:
        """The pupil's jeugdteam and its medewerker for this pupil: the demo persona for
        De Regenboog and for half of Leiden."""
        plaats = rij.school.plaats if rij.school else "Leiden"
        org_id = self.jeugdteam_org[plaats]
        if rij.school and (
            rij.school.id == self.regenboog_id or (plaats == "Leiden" and rij.id % 2 == 0)
        ):
            return org_id, self.jeugdteam_persona
        medewerkers = self.jeugdteam_medewerkers[plaats]
        return org_id, medewerkers[rij.id % len(medewerkers)]

    def trajecten(self) -> None:
        from arrangeren.route.models import (
            Stapovergang,
            Stapuitkomst,
            Traject,
            TrajectVoorwaarde,
            Voortgangsnotitie,
        )
        from arrangeren.route.stappen import STAP, Vastlegging, Voorwaarde

        rng = self.rng
        alle = [(r, stap, "open") for r, stap in self.open_trajecten] + [
            (r, rng.randint(6, 9), "afgesloten") for r in self.dichte_trajecten
        ]
        ids = iter(self.reserveer(Traject, len(alle)))
        self.traject_rijen = []  # (id, pupil, step, status, opened, regie org, regie user)
        trajecten, overgangen, uitkomsten, voorwaarden, notities = [], [], [], [], []
        for rij, stap, status in alle:
            traject_id = next(ids)
            geopend = self.moment(stap * 20 + 10, stap * 60 + 60)
            if status == "afgesloten":
                geopend -= timedelta(days=rng.randint(200, 700))
            if rij.id in self.buiten_school:
                org_id, door = self.jeugdteam_van(rij)
                regie = org_id
            else:
                door, org_id, regie = rij.school.ib, rij.school.id, rij.school.id
            cyclus = 2 if stap >= 4 and rng.random() < 0.1 else 1
            evaluatie = self.vandaag + timedelta(days=rng.randint(-40, 150)) if stap >= 6 else None
            trajecten.append(
                (
                    traject_id,
                    self.uuid4(),
                    rij.id,
                    door,
                    org_id,
                    rij.id in self.buiten_school,
                    regie,
                    stap,
                    cyclus,
                    status,
                    "Doelen bereikt; de ondersteuning loopt binnen de school verder."
                    if status == "afgesloten"
                    else "",
                    geopend,
                    evaluatie,
                )
            )
            self.traject_rijen.append((traject_id, rij, stap, status, geopend, regie, door))
            voorwaarden += [(traject_id, v, door, geopend) for v in Voorwaarde.values]
            momenten = sorted(geopend + (self.nu - geopend) * rng.random() for _ in range(stap))
            overgangen.append((traject_id, "start", None, 1, 1, door, geopend, ""))
            for naar in range(2, stap + 1):
                overgangen.append(
                    (traject_id, "volgende", naar - 1, naar, 1, door, momenten[naar - 1], "")
                )
            if status == "afgesloten":
                overgangen.append(
                    (traject_id, "afsluiten", stap, None, cyclus, door, self.moment(1, 90), "")
                )
            for nummer in range(1, stap):
                definitie = STAP[nummer]
                if definitie.vastlegging == Vastlegging.STAP and definitie.uitkomsten:
                    velden = {
                        veld: f"{label}: besproken met ouders en leerkracht op "
                        f"{momenten[nummer - 1]:%d-%m-%Y}."
                        for veld, label in definitie.uitkomsten
                    }
                    uitkomsten.append(
                        (traject_id, nummer, 1, json.dumps(velden), door, momenten[nummer - 1])
                    )
            if stap >= 7 and status == "open":
                for k in range(rng.randint(1, 3)):
                    notities.append(
                        (
                            traject_id,
                            cyclus,
                            rng.choice(
                                [
                                    "Begeleiding loopt volgens plan; rustiger in de klas.",
                                    "Twee afspraken gemist door ziekte; ingehaald.",
                                    "Ouders merken thuis verbetering in het dagritme.",
                                ]
                            ),
                            door,
                            org_id,
                            self.moment(k * 10 + 1, k * 10 + 30),
                        )
                    )
        self.kopieer(
            Traject,
            [
                "id",
                "uuid",
                "leerling_id",
                "geopend_door_id",
                "geopend_namens_id",
                "signaal_buiten_school",
                "regievoerder_id",
                "huidige_stap",
                "cyclus",
                "status",
                "afsluitreden",
                "geopend_op",
                "evaluatiedatum",
            ],
            iter(trajecten),
        )
        self.kopieer(
            TrajectVoorwaarde,
            ["traject_id", "voorwaarde", "bevestigd_door_id", "bevestigd_op"],
            iter(voorwaarden),
        )
        self.kopieer(
            Stapovergang,
            ["traject_id", "soort", "van_stap", "naar_stap", "cyclus", "door_id", "op", "notitie"],
            iter(overgangen),
        )
        self.kopieer(
            Stapuitkomst,
            ["traject_id", "stap", "cyclus", "velden", "bijgewerkt_door_id", "bijgewerkt_op"],
            iter(uitkomsten),
        )
        self.kopieer(
            Voortgangsnotitie,
            ["traject_id", "cyclus", "tekst", "door_id", "namens_id", "op"],
            iter(notities),
        )

    def mdos(self) -> None:
        """An MDO for every traject from step 3: planned (3), invitations out and still to
        come (4-5), held with a final report (6-9 and closed trajecten)."""
        from arrangeren.route.models import Genodigde, Leerlinggesprek, Mdo

        plannen = [t for t in self.traject_rijen if t[2] >= 3]
        ids = iter(self.reserveer(Mdo, len(plannen)))
        mdos, genodigden, gesprekken, verslagen = [], [], [], []
        for traject_id, rij, stap, status, geopend, _, voorzitter in plannen:
            mdo = self.mdo_rij(next(ids), traject_id, rij, stap, status, geopend, voorzitter)
            mdos.append(mdo)
            mdo_id, start, mdo_status, verstuurd = mdo[0], mdo[5], mdo[11], mdo[12]
            if mdo_status != "in_voorbereiding":
                genodigden += self.genodigden(mdo_id, rij, mdo_status, verstuurd)
            if mdo_status == "uitgenodigd" and not mdo[9] and self.rng.random() < 0.5:
                gesprekken.append((mdo_id, self.dag(1, 10), voorzitter))
            if mdo_status == "gehouden":
                verslagen.append((mdo_id, voorzitter, start))
        self.kopieer(
            Mdo,
            [
                "id",
                "uuid",
                "traject_id",
                "cyclus",
                "doel",
                "start",
                "eind",
                "locatie",
                "agenda",
                "leerling_aanwezig",
                "voorzitter_id",
                "status",
                "uitnodigingen_verstuurd_op",
                "aangemaakt_op",
            ],
            iter(mdos),
        )
        genodigde_ids = iter(self.reserveer(Genodigde, len(genodigden)))
        genodigden = [(next(genodigde_ids), *g) for g in genodigden]
        self.kopieer(
            Genodigde,
            [
                "id",
                "mdo_id",
                "user_id",
                "organisatie_id",
                "rol",
                "antwoord",
                "beantwoord_op",
                "uitgenodigd_op",
            ],
            iter(genodigden),
        )
        self.kopieer(
            Leerlinggesprek,
            [
                "mdo_id",
                "gevoerd_op",
                "gevoerd_door_id",
                "wat_goed_gaat",
                "wat_moeilijk_is",
                "wensen",
            ],
            (
                (
                    mdo_id,
                    op,
                    door,
                    "Gym en tekenen; de juf helpt als het druk is.",
                    "Rekenen en het lawaai in de klas.",
                    "Een rustig plekje en dat mama erbij is.",
                )
                for mdo_id, op, door in gesprekken
            ),
        )
        self.verslagen(verslagen, genodigden)

    def mdo_rij(self, mdo_id, traject_id, rij, stap, status, geopend, voorzitter) -> tuple:
        rng = self.rng
        if stap == 3:
            mdo_status = "in_voorbereiding"
            start = self.nu + timedelta(days=rng.randint(8, 40), hours=rng.randint(0, 6))
        elif stap in (4, 5) and status == "open":
            mdo_status = "uitgenodigd"
            start = self.nu + timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 6))
        else:
            mdo_status = "gehouden"
            start = geopend + (self.nu - geopend) * rng.uniform(0.3, 0.6)
        start = start.replace(minute=0, second=0, microsecond=0)
        verstuurd = None
        if mdo_status != "in_voorbereiding":
            verstuurd = min(start - timedelta(days=rng.randint(7, 21)), self.nu - timedelta(days=1))
        return (
            mdo_id,
            self.uuid4(),
            traject_id,
            1,
            "Samen bespreken wat nodig is om de ontwikkeling weer op gang te brengen.",
            start,
            start + timedelta(hours=1),
            rng.choice(["School, kamer van de IB'er", "Teams", "Jeugdteam, spreekkamer 2"]),
            "1. Opening\n2. Wat gaat goed\n3. Zorgen\n4. Doelen\n5. Afspraken"
            if rng.random() < 0.8
            else "",
            rij.leeftijd(self.vandaag) >= 12 and rng.random() < 0.6,
            voorzitter,
            mdo_status,
            verstuurd,
            verstuurd or self.moment(1, 10),
        )

    def genodigden(self, mdo_id, rij, mdo_status, verstuurd) -> list[tuple]:
        """Parents with custody, the pupil from 12, the coördinator and the mentor, and the
        jeugdteam's medewerker when the parents agreed (docs/route.md)."""
        genodigden = [(ouder, None, "ouder") for ouder, gezag in rij.ouders if gezag]
        if rij.leeftijd(self.vandaag) >= 12:
            genodigden.append((None, None, "leerling"))
        if rij.school is not None:
            genodigden.append((rij.school.ib, rij.school.id, "school"))
            if rij.mentor and rij.mentor != rij.school.ib:
                genodigden.append((rij.mentor, rij.school.id, "school"))
        org_id, medewerker = self.jeugdteam_van(rij)
        if self.heeft(rij, org_id, "mdo_deelname"):
            genodigden.append((medewerker, org_id, "extern"))
        antwoorden = ["komt"] * 9 + ["komt_niet"]
        if mdo_status != "gehouden":
            antwoorden = ["geen", "geen", "komt", "komt", "komt_niet"]
        rijen = []
        for user_id, org_id, rol in genodigden:
            antwoord = self.rng.choice(antwoorden)
            beantwoord = verstuurd + timedelta(days=self.rng.randint(1, 5))
            rijen.append(
                (
                    mdo_id,
                    user_id,
                    org_id,
                    rol,
                    antwoord,
                    beantwoord if antwoord != "geen" else None,
                    verstuurd,
                )
            )
        return rijen

    def verslagen(self, verslagen: list[tuple], genodigden: list[tuple]) -> None:
        """A final report for every MDO held: who came, two or three goals, agreements."""
        from arrangeren.route.models import Afspraak, Doel, Mdoverslag

        rng = self.rng
        komt: dict[int, list[int]] = {}
        for genodigde_id, mdo_id, _, _, _, antwoord, *_ in genodigden:
            if antwoord == "komt":
                komt.setdefault(mdo_id, []).append(genodigde_id)
        velden = json.dumps(
            {
                "ondersteuningsbehoeften": "Structuur, voorspelbaarheid en korte instructies.",
                "wat_goed_gaat": "Goede band met de leerkracht; sportief.",
                "wat_beter_kan": "Omgaan met spanning; plannen van werk.",
                "bijdrage_ouders_kind": "Vast dagritme thuis; wekelijks contact met school.",
                "integratief_beeld": "Spanning thuis en op school versterken elkaar.",
                "regieafspraken": "School over het OPP, jeugdteam over het gezinsplan.",
                "overbrugging": "Tot de hulp start belt de mentor wekelijks met de ouders.",
            }
        )
        ids = iter(self.reserveer(Mdoverslag, len(verslagen)))
        rijen, doelen, aanwezig = [], [], []
        for mdo_id, voorzitter, start in verslagen:
            verslag_id = next(ids)
            vastgesteld = start + timedelta(days=rng.randint(1, 6))
            rijen.append(
                (
                    verslag_id,
                    mdo_id,
                    1,
                    "definitief",
                    velden,
                    "Arrangement op school met begeleiding vanuit het jeugdteam.",
                    vastgesteld.date() + timedelta(days=120),
                    voorzitter,
                    vastgesteld,
                    voorzitter,
                    vastgesteld,
                )
            )
            aanwezig += [(verslag_id, g) for g in komt.get(mdo_id, [])]
            doelen += [(verslag_id, v, vastgesteld.date()) for v in range(1, rng.randint(3, 4))]
        self.kopieer(
            Mdoverslag,
            [
                "id",
                "mdo_id",
                "versie",
                "status",
                "velden",
                "besluiten",
                "evaluatiedatum",
                "gewijzigd_door_id",
                "gewijzigd_op",
                "vastgesteld_door_id",
                "vastgesteld_op",
            ],
            iter(rijen),
        )
        self.kopieer_m2m(
            Mdoverslag.aanwezigen.through, ["mdoverslag_id", "genodigde_id"], iter(aanwezig)
        )
        ids = iter(self.reserveer(Doel, len(doelen)))
        doelen = [(next(ids), *doel) for doel in doelen]
        domeinen = ["emotieregulatie", "zelfredzaamheid", "sociale_vaardigheden"]
        self.kopieer(
            Doel,
            ["id", "verslag_id", "volgorde", "domein", "soort", "omschrijving"],
            (
                (
                    doel_id,
                    verslag_id,
                    volgorde,
                    domeinen[volgorde % len(domeinen)],
                    rng.choice(["onderwijs", "jeugdhulp", "beide"]),
                    "Herkent spanning en vraagt zelf om een time-out.",
                )
                for doel_id, verslag_id, volgorde, _ in doelen
            ),
        )
        self.kopieer(
            Afspraak,
            ["doel_id", "inzet", "uitvoerder", "vanaf", "uren_per_week"],
            (
                (doel_id, "Begeleiding in de klas", "Intern begeleider", vanaf, Decimal("1.5"))
                for doel_id, _, _, vanaf in doelen
            ),
        )

    def opps(self) -> None:
        """OPP versions (15% of the pupils have a second), goals with their inzet, and the
        signatures asked and given."""
        from opp.models import Opp

        rng = self.rng
        versies = []
        for rij in self.opp_leerlingen:
            aantal = 2 if rng.random() < 0.15 else 1
            laatste = rng.choices(["vastgesteld", "ter_ondertekening", "concept"], [55, 25, 20])[0]
            versies += [
                (rij, v, laatste if v == aantal else "vervangen") for v in range(1, aantal + 1)
            ]
        ids = iter(self.reserveer(Opp, len(versies)))
        self.vastgestelde_opp: dict[int, int] = {}
        opps, doelen, handtekeningen = [], [], []
        for rij, versie, status in versies:
            opp = self.opp_rij(next(ids), rij, versie, status)
            opps.append(opp)
            if status == "vastgesteld":
                self.vastgestelde_opp[rij.id] = opp[0]
            doelen += [(opp[0], rij, volgorde) for volgorde in range(1, rng.randint(3, 5))]
            if status != "concept":
                handtekeningen += self.handtekeningen(opp[0], rij, status, opp[18])
        self.kopieer(
            Opp,
            [
                "id",
                "uuid",
                "leerling_id",
                "versie",
                "status",
                "school_id",
                "uitstroomprofiel",
                "uitstroombestemming",
                "belemmerende_factoren",
                "bevorderende_factoren",
                "onderbouwing",
                "ondersteuningsbehoeften",
                "integratief_beeld",
                "afwijkingen",
                "regieafspraken",
                "overbrugging",
                "evaluatiedatum",
                "gemaakt_door_id",
                "gemaakt_op",
                "gewijzigd_op",
                "verstuurd_door_id",
                "vastgesteld_op",
            ],
            iter(opps),
        )
        self.oppdoelen(doelen)
        self.ondertekeningen(handtekeningen)

    def opp_rij(self, opp_id: int, rij: Leerlingrij, versie: int, status: str) -> tuple:
        rng = self.rng
        gemaakt = self.moment(30 + (2 - versie) * 200, 200 + (2 - versie) * 300)
        vastgesteld = None
        if status in ("vastgesteld", "vervangen"):
            vastgesteld = gemaakt + timedelta(days=rng.randint(10, 40))
        return (
            opp_id,
            self.uuid4(),
            rij.id,
            versie,
            status,
            rij.school.id,
            rng.choice(["vervolgonderwijs", "arbeidsmarkt", "dagbesteding"]),
            rng.choice(["vmbo-basis", "vmbo-kader", "praktijkonderwijs", "havo", "vso"]),
            "Snel overprikkeld; weinig vertrouwen in eigen kunnen.",
            "Sportief; betrokken ouders; goede band met de mentor.",
            "De toetsresultaten en het oordeel van de leerkracht wijzen op dit niveau.",
            "Voorspelbaarheid, een rustige werkplek en korte instructies.",
            "Met structuur op school en thuis kan de leerling zich weer op leren richten.",
            "Twee ochtenden per week een uur in de prikkelarme ruimte.",
            "De school heeft de regie over het OPP; het jeugdteam over het gezinsplan.",
            "Tot de begeleiding start belt de mentor wekelijks met de ouders.",
            self.vandaag + timedelta(days=rng.randint(-60, 200)),
            rij.school.ib,
            gemaakt,
            gemaakt + timedelta(days=3),
            rij.school.ib if status != "concept" else None,
            vastgesteld,
        )

    def handtekeningen(self, opp_id, rij, status, gemaakt) -> list[tuple]:
        """Parents with custody, the school and (with consent) the jeugdteam's medewerker;
        all signed once the version is fixed, some still asked while it is out."""
        rng = self.rng
        klaar = status != "ter_ondertekening"
        rijen = [
            (opp_id, ouder, "ouder", None, klaar or rng.random() < 0.4, gemaakt)
            for ouder, gezag in rij.ouders
            if gezag
        ]
        ib = rij.school.ib
        rijen.append((opp_id, ib, "school", rij.school.id, klaar or rng.random() < 0.6, gemaakt))
        org_id, medewerker = self.jeugdteam_van(rij)
        if self.heeft(rij, org_id, "opp_inzage"):
            rijen.append((opp_id, medewerker, "toegang", org_id, klaar, gemaakt))
        return rijen

    def oppdoelen(self, doelen: list[tuple]) -> None:
        from opp.models import Inzet, OppDoel

        rng = self.rng
        ids = iter(self.reserveer(OppDoel, len(doelen)))
        self.opp_doelen: dict[int, list[int]] = {}
        domeinen = [
            "emotieregulatie",
            "zelfredzaamheid",
            "sociale_vaardigheden",
            "schoolse_vaardigheden",
            "onderwijs_educatie",
        ]
        omschrijvingen = [
            "Herkent spanning en vraagt zelf om een time-out.",
            "Plant de weektaak met een visueel planbord.",
            "Werkt twintig minuten zelfstandig aan een taak.",
            "Maakt contact met klasgenoten in de pauze.",
        ]
        rijen, inzet = [], []
        for opp_id, rij, volgorde in doelen:
            doel_id = next(ids)
            self.opp_doelen.setdefault(rij.id, []).append(doel_id)
            soort = rng.choice(["onderwijs", "jeugdhulp", "beide"])
            rijen.append(
                (
                    doel_id,
                    opp_id,
                    volgorde,
                    rng.choice(domeinen),
                    soort,
                    rng.choice(omschrijvingen),
                    "In 4 van de 5 gevallen zonder aansporing.",
                )
            )
            jeugdteam = self.jeugdteam_van(rij)[0]
            for k in range(rng.randint(1, 3)):
                vanaf = self.dag(0, 200)
                uren = Decimal(rng.choice(["1.0", "1.5", "2.0", "3.0"]))
                if soort != "onderwijs" and k == 0:
                    wat = ("Gezinsbegeleiding rond ritme en slaap", "Jeugdteam", jeugdteam)
                    inzet.append((doel_id, *wat, vanaf, uren, "gemeente"))
                else:
                    wat = ("Time-outplek en -kaart in de klas", "Mentor", None)
                    inzet.append((doel_id, *wat, vanaf, uren, "onderwijs"))
        self.kopieer(
            OppDoel,
            ["id", "opp_id", "volgorde", "domein", "soort", "omschrijving", "criterium"],
            iter(rijen),
        )
        self.kopieer(
            Inzet,
            ["doel_id", "wat", "wie", "organisatie_id", "vanaf", "uren_per_week", "bekostiging"],
            iter(inzet),
        )

    def ondertekeningen(self, handtekeningen: list[tuple]) -> None:
        """Each signed answer carries the canonical content it covered (opp/inhoud.py)."""
        from opp.inhoud import canoniek, sha256
        from opp.models import Ondertekening, Opp

        rng = self.rng
        inhoud = {}
        for opp in (
            Opp.objects.filter(pk__in={h[0] for h in handtekeningen if h[4]})
            .select_related("leerling")
            .prefetch_related("doelen__inzet")
        ):
            tekst = canoniek(opp, opp.doelen.all())
            inhoud[opp.pk] = (tekst, sha256(tekst))
        rijen = []
        for opp_id, user_id, partij, namens, klaar, gevraagd in handtekeningen:
            antwoord = (None, "", "", "")
            if klaar:
                methode = "code" if partij == "ouder" else "wachtwoord"
                antwoord = (gevraagd + timedelta(days=rng.randint(1, 9)), methode, *inhoud[opp_id])
            status = "getekend" if klaar else "gevraagd"
            rijen.append((opp_id, user_id, partij, namens, status, gevraagd, *antwoord))
        self.kopieer(
            Ondertekening,
            [
                "opp_id",
                "ondertekenaar_id",
                "partij",
                "namens_id",
                "status",
                "gevraagd_op",
                "beantwoord_op",
                "methode",
                "inhoud",
                "inhoud_hash",
            ],
            iter(rijen),
        )

    def tlvs(self) -> None:
        from accounts.models import Organisatie
        from arrangeren.tlv import regels
        from arrangeren.tlv.demo import GEBEURTENISSEN
        from arrangeren.tlv.models import (
            Bezwaar,
            Deskundigenadvies,
            Tlv,
            TlvAanvraag,
            TlvGebeurtenis,
            TlvInstelling,
        )

        rng = self.rng
        for swv in self.swv_ids:
            TlvInstelling.objects.get_or_create(swv_id=swv)
        kandidaten = [
            (traject_id, rij)
            for traject_id, rij, stap, status, *_ in self.traject_rijen
            if status == "open"
            and stap >= 6
            and rij.id in self.vastgestelde_opp
            and rij.school.swv_id
        ]
        gekozen = rng.sample(kandidaten, min(len(kandidaten), self.aantal(1000)))
        S = regels.Status
        statussen = rng.choices(
            [
                S.CONCEPT,
                S.INGEDIEND,
                S.IN_BEHANDELING,
                S.AANVULLING_GEVRAAGD,
                S.TOEGEKEND,
                S.AFGEWEZEN,
            ],
            weights=[10, 15, 15, 5, 40, 15],
            k=len(gekozen),
        )
        ids = iter(self.reserveer(TlvAanvraag, len(gekozen)))
        aanvragen, adviezen, gebeurtenissen, tlvs, bezwaren = [], [], [], [], []
        volgnummers: dict[tuple[int, int], int] = {}
        for swv, jaar, nummer in Tlv.objects.values_list("swv_id", "jaar", "volgnummer"):
            volgnummers[(swv, jaar)] = max(nummer, volgnummers.get((swv, jaar), 0))
        for (traject_id, rij), status in zip(gekozen, statussen, strict=True):
            aanvraag_id = next(ids)
            school = rij.school
            swv = school.swv_id
            besloten = status in regels.BESLOTEN
            dagen = rng.randint(60, 700) if besloten else rng.randint(1, 70)
            compleet = None if status == S.CONCEPT else self.nu - timedelta(days=dagen)
            beslist = compleet + timedelta(days=rng.randint(20, 40)) if besloten else None
            start = (compleet or self.nu).date() + timedelta(days=28)
            consulenten = self.swv_consulenten[swv]
            consulent = None
            if status not in (S.CONCEPT, S.INGEDIEND):
                consulent = consulenten[aanvraag_id % len(consulenten)] if consulenten else None
            soort = rng.choice(
                [regels.Soort.SBO, regels.Soort.SO] if school.po else [regels.Soort.VSO]
            )
            categorie = rng.choice(list(regels.Categorie)) if soort in regels.MET_CATEGORIE else ""
            einde = date(start.year + 2, 7, 31)
            if status == S.TOEGEKEND and rng.random() < 0.1:
                einde = self.vandaag + timedelta(days=rng.randint(10, 85))  # ends soon
            aangemaakt = (compleet or self.nu) - timedelta(days=rng.randint(5, 30))
            aanvragen.append(
                (
                    aanvraag_id,
                    self.uuid4(),
                    traject_id,
                    rij.id,
                    school.id,
                    swv,
                    self.vastgestelde_opp[rij.id],
                    soort,
                    categorie,
                    start,
                    einde if einde > start else start + timedelta(days=365),
                    "Ondanks een jaar extra ondersteuning blijft de ontwikkeling stilstaan.",
                    "Ons kind komt op een kleinere school beter tot zijn recht.",
                    status,
                    consulent,
                    compleet,
                    beslist,
                    "Het deskundigenadvies is overgenomen."
                    if status == S.TOEGEKEND
                    else "Eerst een arrangement op de eigen school."
                    if besloten
                    else "",
                    school.ib,
                    aangemaakt,
                )
            )
            for rang, deskundige, naam in (
                (1, regels.Deskundige.ORTHOPEDAGOOG, "drs. A. de Wit"),
                (2, regels.Deskundige.KINDERPSYCHIATER, "dr. K. Yilmaz"),
            ):
                adviezen.append(
                    (
                        aanvraag_id,
                        rang,
                        deskundige,
                        naam,
                        aangemaakt.date(),
                        f"Geadviseerd wordt {regels.Soort(soort).label}.",
                        soort,
                        school.ib,
                    )
                )
            gebeurtenissen.append(
                (aanvraag_id, "aangemaakt", "", "concept", school.ib, aangemaakt, "")
            )
            vorige = S.CONCEPT
            moment = compleet or aangemaakt
            for actie in GEBEURTENISSEN[status]:
                overgang = regels.OVERGANGEN[actie]
                door = (
                    school.ib if overgang.door == regels.Partij.SCHOOL else (consulent or school.ib)
                )
                gebeurtenissen.append(
                    (
                        aanvraag_id,
                        actie,
                        vorige,
                        overgang.naar,
                        door,
                        moment,
                        "Graag het verslag van de orthopedagoog bijvoegen."
                        if actie == regels.Actie.AANVULLING_VRAGEN
                        else "",
                    )
                )
                vorige = overgang.naar
                moment += timedelta(days=rng.randint(1, 10))
            if status == S.TOEGEKEND:
                jaar = beslist.year
                nummer = volgnummers.get((swv, jaar), 0) + 1
                volgnummers[(swv, jaar)] = nummer
                tlvs.append(
                    (
                        self.uuid4(),
                        aanvraag_id,
                        swv,
                        jaar,
                        nummer,
                        soort,
                        categorie,
                        start,
                        aanvragen[-1][10],
                        beslist,
                    )
                )
            if status == S.AFGEWEZEN and rng.random() < 0.1:
                bezwaren.append(
                    (self.uuid4(), aanvraag_id, beslist.date() + timedelta(days=20), school.ib)
                )
        self.kopieer(
            TlvAanvraag,
            [
                "id",
                "uuid",
                "traject_id",
                "leerling_id",
                "school_id",
                "swv_id",
                "opp_id",
                "soort",
                "categorie",
                "startdatum",
                "einddatum",
                "motivering",
                "zienswijze_ouders",
                "status",
                "consulent_id",
                "compleet_op",
                "beslist_op",
                "besluit_motivering",
                "aangemaakt_door_id",
                "aangemaakt_op",
            ],
            iter(aanvragen),
        )
        self.kopieer(
            Deskundigenadvies,
            [
                "aanvraag_id",
                "rang",
                "soort",
                "naam",
                "datum",
                "advies",
                "geadviseerd_soort",
                "gewijzigd_door_id",
            ],
            iter(adviezen),
        )
        self.kopieer(
            TlvGebeurtenis,
            ["aanvraag_id", "actie", "van_status", "naar_status", "door_id", "op", "notitie"],
            iter(gebeurtenissen),
        )
        swv_code = dict(Organisatie.objects.filter(pk__in=self.swv_ids).values_list("id", "code"))
        self.kopieer(
            Tlv,
            [
                "uuid",
                "aanvraag_id",
                "swv_id",
                "jaar",
                "volgnummer",
                "nummer",
                "soort",
                "categorie",
                "startdatum",
                "einddatum",
                "afgegeven_op",
            ],
            (
                (
                    u,
                    a,
                    swv,
                    jaar,
                    nr,
                    f"{swv_code[swv]}/{jaar}/{nr:04d}",
                    soort,
                    cat,
                    start,
                    eind,
                    op,
                )
                for u, a, swv, jaar, nr, soort, cat, start, eind, op in tlvs
            ),
        )
        self.kopieer(
            Bezwaar,
            [
                "uuid",
                "aanvraag_id",
                "ontvangen_op",
                "indiener",
                "omschrijving",
                "geregistreerd_door_id",
            ],
            (
                (u, a, op, "De ouders", "De ouders zijn het niet eens met de afwijzing.", door)
                for u, a, op, door in bezwaren
            ),
        )

    def fasen(self) -> None:
        from fasenmodel.fasen import overgeslagen_fasen
        from fasenmodel.models import Faseovergang, Plaatsing

        rng = self.rng
        plaatsingen = []
        for rij in self.plaatsing_leerlingen:
            laatste = rng.choices([6, 5, 4, 3, 2, 1], weights=[30, 25, 20, 12, 8, 5])[0]
            reeks = [laatste]
            while reeks[0] < 6 and rng.random() < 0.5:
                reeks.insert(0, min(6, reeks[0] + rng.choice([1, 1, 2])))
            van = None
            maanden = len(reeks) * 8 + rng.randint(0, 10)
            for volgnummer, fase in enumerate(reeks):
                start = self.vandaag - timedelta(
                    days=30 * (maanden - volgnummer * 8) + rng.randint(0, 20)
                )
                soort, locatie = {
                    6: ("school", rij.school.naam),
                    5: ("school", rij.school.naam),
                    4: ("school", f"OZA-groep {rij.school.naam}"),
                    3: ("zorglocatie", "Zorgaanbieder De Horizon (demo)"),
                    2: ("dagbesteding", "Dagbesteding De Horizon (demo)"),
                    1: ("zorglocatie", "Zorgboerderij De Linde"),
                }[fase]
                plaatsingen.append((rij, fase, van, start, soort, locatie))
                van = fase
        ids = iter(self.reserveer(Plaatsing, len(plaatsingen)))
        rijen, overgangen = [], []
        reden = "Besproken in het MDO; ouders en leerling zijn akkoord."
        for rij, fase, van, start, soort, locatie in plaatsingen:
            plaatsing_id = next(ids)
            door, namens = rij.school.ib, rij.school.id
            if fase <= 3 and self.leerplicht_ids:
                door, namens = (
                    self.leerplicht_ids[rij.id % len(self.leerplicht_ids)],
                    self.leerplicht_id,
                )
            moment = datetime.combine(start, datetime.min.time(), tzinfo=self.nu.tzinfo)
            rijen.append(
                (
                    plaatsing_id,
                    self.uuid4(),
                    rij.id,
                    fase,
                    start,
                    soort,
                    locatie,
                    reden,
                    fase == 1 and rng.random() < 0.3,
                    door,
                    namens,
                    moment,
                )
            )
            overgeslagen = overgeslagen_fasen(van, fase)
            overgangen.append(
                (
                    rij.id,
                    plaatsing_id,
                    van,
                    fase,
                    start,
                    door,
                    reden,
                    bool(overgeslagen),
                    ", ".join(map(str, overgeslagen)),
                    moment,
                )
            )
        self.kopieer(
            Plaatsing,
            [
                "id",
                "uuid",
                "leerling_id",
                "fase",
                "startdatum",
                "locatiesoort",
                "locatie",
                "reden",
                "cognitieve_leerbehoefte",
                "besloten_door_id",
                "namens_id",
                "aangemaakt_op",
            ],
            iter(rijen),
        )
        self.kopieer(
            Faseovergang,
            [
                "leerling_id",
                "plaatsing_id",
                "van_fase",
                "naar_fase",
                "datum",
                "door_id",
                "reden",
                "overgeslagen",
                "overgeslagen_fasen",
                "tijdstip",
            ],
            iter(overgangen),
        )

    def thuiszitters(self) -> None:
        from fasenmodel.models import Procesregiebesluit, Thuiszitter
        from fasenmodel.thuiszitten import OORZAKEN

        rng = self.rng
        codes = [o.code for o in OORZAKEN]
        ids = iter(self.reserveer(Thuiszitter, len(self.thuiszitter_leerlingen)))
        rijen, besluiten = [], []
        for rij in self.thuiszitter_leerlingen:
            thuiszitter_id = next(ids)
            if rij.school is None:
                soort = rng.choice(["absoluut", "vrijstelling"])
            else:
                soort = "relatief" if rng.random() < 0.92 else "vrijstelling"
            dagen = rng.randint(5, 400)
            sinds = self.vandaag - timedelta(days=dagen)
            aanbod = rng.random() < 0.2
            beeindigd = (
                sinds + timedelta(days=rng.randint(1, dagen)) if rng.random() < 0.14 else None
            )
            door = self.leerplicht_ids[rij.id % len(self.leerplicht_ids)]
            rijen.append(
                (
                    thuiszitter_id,
                    self.uuid4(),
                    rij.id,
                    sinds,
                    soort,
                    json.dumps(rng.sample(codes, rng.randint(1, 2))),
                    rng.choice(
                        [
                            "Thuis.",
                            "Twee ochtenden zorgboerderij.",
                            "Thuis; soms naar de sportclub.",
                            "",
                        ]
                    ),
                    aanbod,
                    sinds + timedelta(days=rng.randint(1, dagen)) if aanbod else None,
                    beeindigd,
                    door,
                    self.nu - timedelta(days=dagen - 1),
                    self.nu - timedelta(days=rng.randint(0, dagen)),
                )
            )
            if rng.random() < 0.05:
                besluiten.append((thuiszitter_id, "leerplicht", door))
        self.kopieer(
            Thuiszitter,
            [
                "id",
                "uuid",
                "leerling_id",
                "sinds",
                "soort",
                "oorzaken",
                "dagbesteding",
                "aanbod_gestart",
                "aanbod_sinds",
                "beeindigd_op",
                "ingevoerd_door_id",
                "aangemaakt_op",
                "gewijzigd_op",
            ],
            iter(rijen),
        )
        self.kopieer(
            Procesregiebesluit,
            ["thuiszitter_id", "regievoerder", "reden", "door_id", "namens_id"],
            (
                (
                    t,
                    r,
                    "Het proces stagneert; leerplicht neemt de procesregie over.",
                    door,
                    self.leerplicht_id,
                )
                for t, r, door in besluiten
            ),
        )

    def jeugdhulp(self) -> None:
        from arrangeren.jeugdhulp.models import Jeugdhulpinzet, Urenregistratie

        rng = self.rng
        kandidaten = [
            (traject_id, rij)
            for traject_id, rij, stap, status, *_ in self.traject_rijen
            if status == "open"
            and stap >= 6
            and self.heeft(rij, self.jeugdteam_van(rij)[0], "mdo_deelname")
        ]
        gekozen = rng.sample(kandidaten, min(len(kandidaten), self.aantal(1200)))
        ids = iter(self.reserveer(Jeugdhulpinzet, len(gekozen)))
        inzet, uren, doelen = [], [], []
        for traject_id, rij in gekozen:
            inzet_id = next(ids)
            start = self.vandaag - timedelta(days=rng.randint(14, 250))
            einde = start + timedelta(days=rng.randint(60, 365))
            per_week = Decimal(rng.choice(["1.0", "2.0", "2.5", "3.0", "4.0"]))
            medewerker = self.jeugdteam_van(rij)[1]
            inzet.append(
                (
                    inzet_id,
                    self.uuid4(),
                    traject_id,
                    rng.choice(self.aanbieder_ids),
                    rng.choice(
                        ["begeleiding", "begeleiding", "behandeling", "jeugdhulp_op_school"]
                    ),
                    "Ambulante begeleiding thuis en op school.",
                    start,
                    einde,
                    per_week,
                    "gemeente",
                    medewerker,
                    self.moment(1, 200),
                )
            )
            maandag = start - timedelta(days=start.weekday())
            week = 0
            while maandag + timedelta(weeks=week) < self.vandaag and week < 16:
                uren.append((inzet_id, maandag + timedelta(weeks=week), per_week, medewerker))
                week += 1
            for doel_id in self.opp_doelen.get(rij.id, [])[:2]:
                doelen.append((inzet_id, doel_id))
        self.kopieer(
            Jeugdhulpinzet,
            [
                "id",
                "uuid",
                "traject_id",
                "aanbieder_id",
                "soort",
                "omschrijving",
                "start",
                "geplande_einde",
                "uren_per_week",
                "financiering",
                "geregistreerd_door_id",
                "geregistreerd_op",
            ],
            iter(inzet),
        )
        self.kopieer(Urenregistratie, ["inzet_id", "week", "uren", "door_id"], iter(uren))
        self.kopieer_m2m(
            Jeugdhulpinzet.doelen.through, ["jeugdhulpinzet_id", "oppdoel_id"], iter(doelen)
        )

    def toegangslog(self) -> None:
        """1,000,000 rows per 100,000 pupils over two years, in time order (as written)."""
        from accounts.models import Toegangslog
        from accounts.rollen import OUDER_LABEL, Rol

        rng = self.rng
        aantal = self.aantal(1_000_000)
        actief = [r for r, _ in self.open_trajecten] + self.opp_leerlingen
        leerlingen = self.ingeschreven
        ib_label = Rol.ONDERSTEUNINGSCOORDINATOR.label
        leraar_label = Rol.LEERKRACHT.label
        jeugdteam_label = Rol.MEDEWERKER_JEUGDTEAM.label
        onderdelen = {
            "bekijken": ["Leerlinggegevens", "Traject", "OPP", "MDO", "Fase en plaatsingen"],
            "zoeken": ["Leerlingenoverzicht", "Mijn werk", "Trajecten"],
            "afdrukken": ["OPP (pdf)"],
        }
        acties = ["bekijken"] * 6 + ["zoeken"] * 3 + ["afdrukken"]
        twee_jaar = 730 * 86400
        seconden = sorted(rng.random() * twee_jaar for _ in range(aantal))
        begin = self.nu - timedelta(seconds=twee_jaar)

        def rijen():
            for sec in seconden:
                rij = rng.choice(actief) if rng.random() < 0.4 else rng.choice(leerlingen)
                keuze = rng.random()
                actie = rng.choice(acties)
                if keuze < 0.55:
                    user, org, rol = rij.school.ib, rij.school.id, ib_label
                elif keuze < 0.85 and rij.mentor:
                    user, org, rol = rij.mentor, rij.school.id, leraar_label
                elif keuze < 0.93 and rij.ouders:
                    user, org, rol = rij.ouders[0][0], None, OUDER_LABEL
                else:
                    org, user = self.jeugdteam_van(rij)
                    rol = jeugdteam_label
                yield (
                    begin + timedelta(seconds=sec),
                    user,
                    org,
                    rol,
                    rij.id,
                    actie,
                    rng.choice(onderdelen[actie]),
                    f"10.{rng.randint(0, 3)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                )

        self.kopieer(
            Toegangslog,
            [
                "tijdstip",
                "gebruiker_id",
                "organisatie_id",
                "rol",
                "leerling_id",
                "actie",
                "onderdeel",
                "ip_adres",
            ],
            rijen(),
        )


def sam_traject() -> None:
    """Sam de Vries (ouder@demo.nl's son) gets an open traject with an MDO to come, so
    the parent's pages have a traject, an invitation and an MDO."""
    from django.utils import timezone

    from accounts.models import Gezag, Leerling, Lidmaatschap
    from arrangeren.route.models import Genodigde, Mdo, Stapovergang, Traject

    sam = Leerling.objects.get(uuid=SAM)
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    nu = timezone.now()
    traject = Traject.objects.create(
        leerling=sam,
        geopend_door=ib.user,
        geopend_namens=ib.organisatie,
        regievoerder=ib.organisatie,
        huidige_stap=4,
    )
    Stapovergang.objects.create(traject=traject, soort="start", naar_stap=1, cyclus=1, door=ib.user)
    start = (nu + timedelta(days=6)).replace(minute=0, second=0, microsecond=0)
    mdo = Mdo.objects.create(
        traject=traject,
        cyclus=1,
        doel="Afspraken over rust in de klas en thuis.",
        start=start,
        eind=start + timedelta(hours=1),
        locatie="School, kamer van de IB'er",
        voorzitter=ib.user,
        status=Mdo.Status.UITGENODIGD,
        uitnodigingen_verstuurd_op=nu - timedelta(days=4),
    )
    for gezag in Gezag.objects.filter(leerling=sam, heeft_gezag=True):
        Genodigde.objects.create(
            mdo=mdo, user=gezag.ouder, rol="ouder", uitgenodigd_op=nu - timedelta(days=4)
        )
    Genodigde.objects.create(
        mdo=mdo,
        user=ib.user,
        organisatie=ib.organisatie,
        rol="school",
        uitgenodigd_op=nu - timedelta(days=4),
    )


LANGE_VELDEN = ("onderbouwing", "ondersteuningsbehoeften", "integratief_beeld", "afwijkingen")


def lang_opp() -> None:
    """An OPP of about ten A4 pages (as benchmarks/bench_pdf.py builds) for a pupil of De
    Regenboog without one, under a fixed uuid: benchmarks/load.py --pdf and pages.py time
    its PDF."""
    from accounts.models import Leerling, Lidmaatschap
    from opp.domein import Ontwikkelingsdomein
    from opp.models import Inzet, Opp, OppDoel

    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    leerling = (
        Leerling.objects.filter(school=ib.organisatie, opps__isnull=True, uitgeschreven_op=None)
        .order_by("pk")
        .first()
    )
    alinea = (
        "Heeft baat bij voorspelbaarheid en korte instructies. Thuis en op school werken we "
        "met dezelfde dagstructuur, zodat de leerling weet wat er komt en minder spanning "
        "ervaart. "
    )
    opp = Opp.objects.create(
        uuid=LANG_OPP,
        leerling=leerling,
        school=ib.organisatie,
        gemaakt_door=ib.user,
        **dict.fromkeys(LANGE_VELDEN, alinea * 6),
    )
    domeinen = list(Ontwikkelingsdomein)
    vandaag = date.today()
    for nummer in range(12):
        doel = OppDoel.objects.create(
            opp=opp,
            volgorde=nummer + 1,
            domein=domeinen[nummer % len(domeinen)],
            soort="beide",
            omschrijving=alinea * 2,
            criterium=alinea,
        )
        Inzet.objects.bulk_create(
            Inzet(
                doel=doel,
                wat=f"Inzet {i}: {alinea[:120]}",
                wie="Mentor",
                vanaf=vandaag,
                tot=vandaag + timedelta(days=90),
                uren_per_week=2,
            )
            for i in range(3)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leerlingen", type=int, default=100_000)
    parser.add_argument(
        "--zaad", type=int, default=2026, help="random seed (same seed, same region)"
    )
    parser.add_argument(
        "--opnieuw", action="store_true", help="de database eerst verwijderen en opnieuw maken"
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Zet DATABASE_URL op een PostgreSQL-database (postgres://...).")
    begin = time.perf_counter()
    maak_database(database_url, args.opnieuw)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"  # no query log in memory
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import Leerling

    with stap("migreren"):
        call_command("migrate", verbosity=0)
    if Leerling.objects.exists():
        raise SystemExit(
            f"De database bevat al {Leerling.objects.count()} leerlingen: region.py bouwt "
            "alleen op een lege database. Gebruik --opnieuw om hem te verwijderen en opnieuw "
            "te maken, of kies een andere DATABASE_URL."
        )
    print(f"Regio met {args.leerlingen} leerlingen:")
    with stap("seed_demo"), open(os.devnull, "w") as stil:
        call_command("seed_demo", verbosity=0, stdout=stil)
    regio = Regio(args.leerlingen, args.zaad)
    with transaction.atomic():
        regio.bouw()
        sam_traject()
        lang_opp()
    from django.db import connection

    with stap("ANALYZE"), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Klaar in {time.perf_counter() - begin:.0f} s. Rijen per tabel:")
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in ("accounts", "route", "opp", "tlv", "fasenmodel", "jeugdhulp"):
            if model.__name__.startswith("Historical"):
                continue
            aantal = model.objects.count()
            if aantal:
                print(f"  {model._meta.label:<38} {aantal:>10,}".replace(",", "."))


if __name__ == "__main__":
    main()
