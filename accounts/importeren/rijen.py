"""Checking and normalising each row of an export, with a Dutch message per problem.

A message names the row (as a spreadsheet numbers it: the header is row 1), the column
and what is wrong, never the value itself: messages are kept after the import, the
rows are not. Only the leerlingnummer is repeated, so the school can find the row.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from accounts.datums import plus_jaren

from .bestand import Tabel
from .kolommen import OUDERS, Kolommen

FOUT = "fout"
WAARSCHUWING = "waarschuwing"

MAX_LENGTE = {
    "leerlingnummer": 20,
    "voornaam": 100,
    "tussenvoegsel": 20,
    "achternaam": 100,
    "groep": 40,
    "naam": 200,
    "telefoon": 30,
    "email": 254,
}
MAX_LEEFTIJD_JAREN = 25
JA = {"ja", "j", "1", "true", "waar", "yes", "y", "x"}
NEE = {"nee", "n", "0", "false", "onwaar", "no"}
EXCEL_NULPUNT = date(1899, 12, 30)

_DAG_EERST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_JAAR_EERST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIENUMMER = re.compile(r"\d{4,5}(?:\.0+)?")
# A phone number or a number may start with + or -; anything else starting with = + - @
# is what a spreadsheet would run as a formula.
_GEEN_FORMULE = re.compile(r"[+-]?[\d\s().,/-]+")


def melding(rij: int | None, leerlingnummer: str, kolom: str, soort: str, tekst: str) -> dict:
    return {
        "rij": rij,
        "leerlingnummer": leerlingnummer,
        "kolom": kolom,
        "soort": soort,
        "tekst": tekst,
    }


@dataclass
class Gelezen:
    """The rows of one file: each a dict of normalised fields (JSON), `fout` when refused."""

    rijen: list[dict] = field(default_factory=list)
    meldingen: list[dict] = field(default_factory=list)


def _is_formule(tekst: str) -> bool:
    return bool(tekst) and tekst[0] in "=+-@" and not _GEEN_FORMULE.fullmatch(tekst)


def _als_tekst(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if isinstance(waarde, date):
        return waarde.isoformat()
    return " ".join(str(waarde).replace("\u00a0", " ").split())


def _maak_datum(jaar: int, maand: int, dag: int) -> date:
    try:
        return date(jaar, maand, dag)
    except ValueError as exc:
        raise ValidationError("deze datum bestaat niet.") from exc


def lees_datum(waarde: object) -> date | None:
    """A date from a cell: dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj, jjjj-mm-dd, or Excel's own
    (a date cell or its serial number). Raises ValidationError with the reason."""
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        if not 1 <= waarde < 2958466:
            raise ValidationError("geen geldige datum.")
        return EXCEL_NULPUNT + timedelta(days=int(waarde))
    tekst = _als_tekst(waarde)
    if not tekst:
        return None
    if match := _DAG_EERST.fullmatch(tekst):
        dag, maand, jaar = (int(deel) for deel in match.groups())
        return _maak_datum(jaar, maand, dag)
    if match := _JAAR_EERST.fullmatch(tekst):
        jaar, maand, dag = (int(deel) for deel in match.groups())
        return _maak_datum(jaar, maand, dag)
    if _SERIENUMMER.fullmatch(tekst):
        return lees_datum(float(tekst))
    raise ValidationError("geen geldige datum (gebruik dd-mm-jjjj).")


def _jaren_terug(vandaag: date, jaren: int) -> date:
    return plus_jaren(vandaag, -jaren)


class _Rij:
    """Reads one row; collects its messages; `fout` once any error is found."""

    def __init__(self, nummer: int, cellen: list[object], kolommen: Kolommen) -> None:
        self.nummer = nummer
        self.cellen = cellen
        self.kolommen = kolommen
        self.meldingen: list[dict] = []
        self.fout = False
        self.leerlingnummer = ""

    def heeft(self, veld: str) -> bool:
        return veld in self.kolommen.index

    def ruw(self, veld: str) -> object:
        positie = self.kolommen.index.get(veld)
        if positie is None or positie >= len(self.cellen):
            return None
        return self.cellen[positie]

    def meld(self, veld: str, tekst: str, soort: str = FOUT) -> None:
        kolom = self.kolommen.label(veld) if veld else ""
        self.meldingen.append(melding(self.nummer, self.leerlingnummer, kolom, soort, tekst))
        if soort == FOUT:
            self.fout = True

    def tekst(self, veld: str, lengte: str | None = None, *, verplicht: bool = False) -> str:
        ruw = self.ruw(veld)
        waarde = _als_tekst(ruw)
        if isinstance(ruw, str) and _is_formule(waarde):
            self.meld(veld, "bevat een formule; die wordt niet uitgevoerd. Vul de waarde zelf in.")
            return ""
        if verplicht and not waarde:
            self.meld(veld, "ontbreekt.")
        maximum = MAX_LENGTE[lengte or veld]
        if len(waarde) > maximum:
            self.meld(veld, f"is te lang (maximaal {maximum} tekens).")
            return ""
        return waarde

    def datum(self, veld: str, *, verplicht: bool = False) -> date | None:
        ruw = self.ruw(veld)
        if isinstance(ruw, str) and _is_formule(_als_tekst(ruw)):
            self.meld(veld, "bevat een formule; die wordt niet uitgevoerd. Vul de datum zelf in.")
            return None
        try:
            waarde = lees_datum(ruw)
        except ValidationError as exc:
            self.meld(veld, exc.messages[0])
            return None
        if verplicht and waarde is None:
            self.meld(veld, "ontbreekt.")
        return waarde

    def email(self, veld: str) -> str:
        waarde = self.tekst(veld, "email").lower()
        if waarde:
            try:
                validate_email(waarde)
            except ValidationError:
                self.meld(veld, "is geen geldig e-mailadres.")
                return ""
        return waarde

    def gezag(self, veld: str) -> bool:
        waarde = self.tekst(veld, "naam").lower()
        if not waarde or waarde in JA:
            return True
        if waarde in NEE:
            return False
        self.meld(veld, "vul ja of nee in.")
        return True


def lees_rij(
    nummer: int, cellen: list[object], kolommen: Kolommen, *, school_code: str
) -> tuple[dict, list[dict]]:
    rij = _Rij(nummer, cellen, kolommen)
    rij.leerlingnummer = rij.tekst("leerlingnummer", verplicht=True)
    gegevens: dict = {"rij": nummer, "leerlingnummer": rij.leerlingnummer}
    gegevens["voornaam"] = rij.tekst("voornaam", verplicht=True)
    gegevens["achternaam"] = rij.tekst("achternaam", verplicht=True)
    if rij.heeft("tussenvoegsel"):
        gegevens["tussenvoegsel"] = rij.tekst("tussenvoegsel")
    geboren = _geboortedatum(rij)
    gegevens["geboortedatum"] = geboren.isoformat() if geboren else None
    if rij.heeft("groep"):
        gegevens["groep"] = rij.tekst("groep")
    if rij.heeft("ingeschreven_op"):
        ingeschreven = rij.datum("ingeschreven_op")
        if ingeschreven and geboren and ingeschreven < geboren:
            rij.meld("ingeschreven_op", "ligt voor de geboortedatum.")
        gegevens["ingeschreven_op"] = ingeschreven.isoformat() if ingeschreven else None
    if rij.heeft("mentor_email"):
        gegevens["mentor_email"] = rij.email("mentor_email")
    if rij.heeft("brin"):
        _controleer_brin(rij, school_code)
    if any(rij.heeft(f"ouder{n}_email") for n in OUDERS):
        gegevens["ouders"] = _ouders(rij)
    if rij.fout:
        # A refused row keeps only what finding it again takes: no personal data.
        gegevens = {"rij": nummer, "leerlingnummer": rij.leerlingnummer}
    gegevens["fout"] = rij.fout
    return gegevens, rij.meldingen


def _geboortedatum(rij: _Rij) -> date | None:
    """The birth date, or None when missing or unlikely (then the row has a message)."""
    vandaag = timezone.localdate()
    geboren = rij.datum("geboortedatum", verplicht=True)
    if geboren and geboren > vandaag:
        rij.meld("geboortedatum", "ligt in de toekomst.")
        return None
    if geboren and geboren < _jaren_terug(vandaag, MAX_LEEFTIJD_JAREN):
        rij.meld("geboortedatum", f"ligt meer dan {MAX_LEEFTIJD_JAREN} jaar terug.")
        return None
    return geboren


def _controleer_brin(rij: _Rij, school_code: str) -> None:
    brin = rij.tekst("brin", "leerlingnummer").upper().replace(" ", "")
    code = (school_code or "").upper()
    # A BRIN with its two-digit vestiging number (99AA00) belongs to the school too.
    if brin and not (brin == code or (brin.startswith(code) and brin[len(code) :].isdigit())):
        rij.meld("brin", f"deze leerling hoort bij een andere school (niet {code or 'deze'}).")


def _ouders(rij: _Rij) -> list[dict]:
    """The parents of a row. Whose address may not be linked (staff, the importer) is
    decided when planning, against the accounts as they are then (plan.py)."""
    ouders = []
    gezien: set[str] = set()
    for n in OUDERS:
        email = rij.email(f"ouder{n}_email") if rij.heeft(f"ouder{n}_email") else ""
        naam = rij.tekst(f"ouder{n}_naam", "naam") if rij.heeft(f"ouder{n}_naam") else ""
        telefoon = (
            rij.tekst(f"ouder{n}_telefoon", "telefoon") if rij.heeft(f"ouder{n}_telefoon") else ""
        )
        heeft_gezag = rij.gezag(f"ouder{n}_gezag") if rij.heeft(f"ouder{n}_gezag") else True
        if not email:
            if (naam or telefoon) and not rij.fout:
                rij.meld(
                    f"ouder{n}_email",
                    f"ouder {n} heeft geen e-mailadres: deze ouder krijgt geen account en geen "
                    "uitnodiging.",
                    WAARSCHUWING,
                )
            continue
        if email in gezien:
            rij.meld(
                f"ouder{n}_email",
                f"ouder {n} heeft hetzelfde e-mailadres als een andere ouder: één account.",
                WAARSCHUWING,
            )
            continue
        gezien.add(email)
        ouders.append(
            {
                "nummer": n,
                "naam": naam,
                "email": email,
                "telefoon": telefoon,
                "heeft_gezag": heeft_gezag,
            }
        )
    return ouders


def lees_rijen(tabel: Tabel, kolommen: Kolommen, *, school_code: str) -> Gelezen:
    gelezen = Gelezen()
    for nummer, cellen in tabel.rijen:
        rij, meldingen = lees_rij(nummer, cellen, kolommen, school_code=school_code)
        gelezen.rijen.append(rij)
        gelezen.meldingen.extend(meldingen)
    _weiger_dubbele_nummers(gelezen, kolommen)
    gelezen.meldingen.sort(key=lambda m: (m["rij"] or 0, m["soort"] != FOUT))
    return gelezen


def _weiger_dubbele_nummers(gelezen: Gelezen, kolommen: Kolommen) -> None:
    """The same leerlingnummer twice: neither row is trusted to be the right one."""
    per_nummer: dict[str, list[dict]] = defaultdict(list)
    for rij in gelezen.rijen:
        if rij["leerlingnummer"]:
            per_nummer[rij["leerlingnummer"]].append(rij)
    for nummer, rijen in per_nummer.items():
        if len(rijen) < 2:
            continue
        rijnummers = ", ".join(str(rij["rij"]) for rij in rijen)
        for rij in rijen:
            gelezen.meldingen.append(
                melding(
                    rij["rij"],
                    nummer,
                    kolommen.label("leerlingnummer"),
                    FOUT,
                    f"staat meer dan eens in het bestand (rijen {rijnummers}); geen van deze "
                    "rijen is verwerkt.",
                )
            )
            rijnummer = rij["rij"]
            rij.clear()
            rij.update({"rij": rijnummer, "leerlingnummer": nummer, "fout": True})
