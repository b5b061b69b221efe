"""The columns of a pupil export, matched on the header whatever the administration package.

ParnasSys and Magister (and a school's own spreadsheet) spell the same column in many
ways. A header is normalised (lower case; spaces, `_`, `-`, `.`, `/`, `(`, `)` and `:`
dropped) and looked up in one alias table. See docs/import.md for the accepted names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OUDERS = (1, 2)

# Field key -> aliases, most specific first: when a file has two columns for one field
# (ParnasSys exports both "Roepnaam" and "Voornamen"), the first alias found wins.
ALIASSEN: dict[str, tuple[str, ...]] = {
    "leerlingnummer": (
        "leerlingnummer",
        "leerlingnr",
        "llnnr",
        "llnnummer",
        "stamnummer",
        "stamnr",
        "studentnummer",
        "leerlingid",
    ),
    "voornaam": ("roepnaam", "voornaam", "voornamen"),
    "tussenvoegsel": ("tussenvoegsels", "tussenvoegsel", "voorvoegsels", "voorvoegsel", "tussenv"),
    "achternaam": ("achternaam", "geslachtsnaam", "familienaam"),
    "geboortedatum": ("geboortedatum", "gebdatum", "gebdat", "geboren", "geboortedag"),
    "groep": ("groep", "stamgroep", "jaargroep", "basisgroep", "klas", "stamklas", "leerjaar"),
    "ingeschreven_op": (
        "datuminschrijving",
        "inschrijfdatum",
        "inschrijvingsdatum",
        "datuminschool",
        "instroomdatum",
        "datuminstroom",
    ),
    "mentor_email": (
        "mentoremail",
        "mentoremailadres",
        "emailmentor",
        "emailadresmentor",
        "leerkrachtemail",
        "leerkrachtemailadres",
        "emailleerkracht",
        "emailadresleerkracht",
    ),
    "brin": ("brin", "brinnummer", "brincode", "schoolcode", "brinvestiging"),
}

_OUDERVELDEN = {
    "naam": ("naam", "volledigenaam"),
    "email": ("email", "emailadres"),
    "telefoon": ("telefoon", "telefoonnummer", "tel", "mobiel", "mobielnummer"),
    "gezag": ("gezag", "heeftgezag", "ouderlijkgezag", "wettelijkgezag"),
}
for _n in OUDERS:
    _prefixen = (f"ouder{_n}", f"verzorger{_n}", f"ouderverzorger{_n}")
    for _veld, _namen in _OUDERVELDEN.items():
        ALIASSEN[f"ouder{_n}_{_veld}"] = tuple(
            alias
            for prefix in _prefixen
            for naam in _namen
            for alias in (f"{prefix}{naam}", f"{naam}{prefix}")
        )

VERPLICHT = ("leerlingnummer", "voornaam", "achternaam", "geboortedatum")

# How a field is called in a Dutch message when the file's own header is not known.
LABELS = {
    "leerlingnummer": "Leerlingnummer",
    "voornaam": "Voornaam",
    "tussenvoegsel": "Tussenvoegsel",
    "achternaam": "Achternaam",
    "geboortedatum": "Geboortedatum",
    "groep": "Groep",
    "ingeschreven_op": "Datum inschrijving",
    "mentor_email": "Mentor e-mail",
    "brin": "BRIN",
}
for _n in OUDERS:
    LABELS.update(
        {
            f"ouder{_n}_naam": f"Ouder {_n} naam",
            f"ouder{_n}_email": f"Ouder {_n} e-mail",
            f"ouder{_n}_telefoon": f"Ouder {_n} telefoon",
            f"ouder{_n}_gezag": f"Ouder {_n} gezag",
        }
    )

_WEG = re.compile(r"[\s_\-./():\ufeff]+")
_BIJ_ALIAS = {alias: veld for veld, aliassen in reversed(ALIASSEN.items()) for alias in aliassen}


def normaliseer_kop(kop: object) -> str:
    return _WEG.sub("", str(kop or "").lower())


@dataclass(frozen=True)
class Kolommen:
    """Which column index holds which field, and the header as the file spells it."""

    index: dict[str, int]
    koppen: dict[str, str]

    def label(self, veld: str) -> str:
        return self.koppen.get(veld) or LABELS.get(veld, veld)

    def ontbrekend(self) -> list[str]:
        return [LABELS[veld] for veld in VERPLICHT if veld not in self.index]


def herken_kolommen(kopregel: list[object]) -> Kolommen:
    index: dict[str, int] = {}
    koppen: dict[str, str] = {}
    rang: dict[str, int] = {}
    for positie, kop in enumerate(kopregel):
        sleutel = normaliseer_kop(kop)
        veld = _BIJ_ALIAS.get(sleutel)
        if veld is None:
            continue
        voorkeur = ALIASSEN[veld].index(sleutel)
        if veld not in index or voorkeur < rang[veld]:
            index[veld], koppen[veld], rang[veld] = positie, str(kop).strip(), voorkeur
    return Kolommen(index=index, koppen=koppen)


def aantal_herkend(regel: list[object]) -> int:
    return sum(1 for kop in regel if normaliseer_kop(kop) in _BIJ_ALIAS)
