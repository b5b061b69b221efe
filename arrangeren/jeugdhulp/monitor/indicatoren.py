"""The Regiomonitor's indicators and its privacy rule, as data (docs/monitor.md).

Source: *Nederlands Jeugdinstituut, Samen om het kind, deel 3*, "Sturen op samenhang" (the
monitor "Aansluiting Onderwijs Jeugdhulp": "indicatoren ..., zoals het aantal
thuiszitters in de gemeente en de gemiddelde wachttijd voor hulp", "specifieke aandacht
voor de tevredenheid van kinderen, jongeren en hun ouders", "het aantal leerlingen dat
zowel extra onderwijsondersteuning op school als jeugdhulp ontvangt"); *Regionale
afspraken Duin- en Bollenstreek*, Leidende principes 5 ("We faciliteren en monitoren de
regionale samenwerking ... We werken waar mogelijk datagedreven") and Uitgelicht:
Thuiszittersaanpak ("zodat alle thuiszitters in de regio in beeld zijn en we trends ...
kunnen monitoren").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from accounts.schrijfwijze import getal

# A cell counting fewer pupils (or answers) than this is not shown: a small number in a
# small area can point at one child. An average or median needs this many as well.
DREMPEL = 5
ONDER_DREMPEL = f"< {DREMPEL}"
NIET_GETOOND = "niet getoond"


@dataclass(frozen=True)
class Kolom:
    titel: str
    soort: str  # "aantal" (a count) or "maat" (an average or median, needs `n`)


@dataclass(frozen=True)
class Indicator:
    code: str
    titel: str
    uitleg: str
    kolommen: tuple[Kolom, ...]


THUISZITTERS = Indicator(
    "thuiszitters",
    "Thuiszitters",
    "Uit het thuiszittersregister, op de peildatum. Het thuiszitterspact: geen jeugdige langer "
    "dan 3 maanden thuis zonder passend en gestart aanbod.",
    (
        Kolom("Thuis op de peildatum", "aantal"),
        Kolom("Langer dan 3 maanden zonder gestart aanbod", "aantal"),
        Kolom("Nieuw thuis in deze periode", "aantal"),
    ),
)
WACHTTIJD = Indicator(
    "wachttijd",
    "Wachttijd voor jeugdhulp",
    "Dagen van het MDO waarin de hulp werd afgesproken (het laatste gehouden MDO van het "
    "traject vóór de registratie van de inzet; zonder MDO: de registratie) tot de start van "
    "de inzet. Inzet die in deze periode startte.",
    (Kolom("Mediaan in dagen", "maat"), Kolom("Aantal inzetten", "aantal")),
)
TEVREDENHEID = Indicator(
    "tevredenheid",
    "Tevredenheid van ouders over het MDO",
    "De ene vraag aan ouders na een MDO in deze periode (1 heel ontevreden tot 5 heel "
    "tevreden). Overgeslagen vragen tellen niet mee.",
    (Kolom("Gemiddelde (1 tot 5)", "maat"), Kolom("Aantal antwoorden", "aantal")),
)
BEIDE = Indicator(
    "beide",
    "Leerlingen met onderwijsondersteuning én jeugdhulp",
    "Leerlingen met een vastgesteld OPP en lopende jeugdhulp op de peildatum.",
    (Kolom("Aantal leerlingen", "aantal"),),
)
# Leerplicht monitors trends (Thuiszittersaanpak): the same area over the school years.
TREND = Indicator(
    "trend",
    "Trend: nieuwe thuiszitters per schooljaar",
    "Leerlingen die in het schooljaar thuis kwamen te zitten, in het hele gebied.",
    (Kolom("Nieuw thuis", "aantal"),),
)
INDICATOREN: tuple[Indicator, ...] = (THUISZITTERS, WACHTTIJD, TEVREDENHEID, BEIDE, TREND)


@dataclass(frozen=True)
class Waarde:
    """One cell: the number behind it (never shown when small) and how many it rests on."""

    waarde: float | int | list[int] | None
    n: int


def toon(kolom: Kolom, cel: Waarde) -> str:
    """The cell as shown: small counts and measures on few pupils are not shown."""
    if kolom.soort == "aantal":
        return ONDER_DREMPEL if 0 < cel.n < DREMPEL else str(cel.n)
    if cel.n < DREMPEL or cel.waarde is None:
        return NIET_GETOOND
    return getal(Decimal(str(cel.waarde)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def afgeschermd(kolom: Kolom, cel: Waarde) -> bool:
    return toon(kolom, cel) in (ONDER_DREMPEL, NIET_GETOOND) and cel.n > 0


def toon_totaal(kolom: Kolom, totaal: Waarde, cellen: list[Waarde]) -> str:
    """The total of a column: hidden as soon as ANY area's cell in it is hidden. With one
    hidden cell the total minus the shown cells gives it away; with two or more it gives
    their sum away (and a sum of 2 gives away 1 and 1). Where the same total appears
    elsewhere (the trend, overzicht.py) it is hidden under this same rule."""
    if any(afgeschermd(kolom, cel) for cel in cellen):
        return NIET_GETOOND
    return toon(kolom, totaal)
