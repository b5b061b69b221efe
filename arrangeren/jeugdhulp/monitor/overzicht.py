"""The Regiomonitor as tables: one per indicator, a row per area and a total, each cell
shown under the privacy rule of indicatoren.py."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from . import queries
from .indicatoren import (
    BEIDE,
    TEVREDENHEID,
    THUISZITTERS,
    TREND,
    WACHTTIJD,
    Indicator,
    Waarde,
    toon,
    toon_totaal,
)
from .queries import Gebied, Periode, Telling

# Each indicator, its read, and the keys of its columns in that read's result.
LEZINGEN = (
    (THUISZITTERS, queries.thuiszitters, ("thuis", "lang", "nieuw")),
    (WACHTTIJD, queries.wachttijden, ("mediaan", "aantal")),
    (TEVREDENHEID, queries.tevredenheid, ("gemiddelde", "aantal")),
    (BEIDE, queries.beide, ("n",)),
)


@dataclass(frozen=True)
class Tabel:
    indicator: Indicator
    # Per area its name and per column (title, shown value); the total likewise.
    rijen: list[tuple[str, list[tuple[str, str]]]]
    totaal: list[tuple[str, str]] | None
    bijschrift: str = ""
    eerste_kolom: str = "Samenwerkingsverband"


def _totaal(sleutel: str, cellen: list[Waarde], ruw: list) -> Waarde:
    n = sum(cel.n for cel in cellen)
    if sleutel == "mediaan":
        alle = [dag for lijst in ruw for dag in lijst]
        return Waarde(statistics.median(alle) if alle else None, len(alle))
    if sleutel == "gemiddelde":
        som = sum((cel.waarde or 0) * cel.n for cel in cellen)
        return Waarde(som / n if n else None, n)
    return Waarde(n, n)


def trend(gebied: Gebied, jaren: list[Periode]) -> Tabel:
    """For one SWV a year is that SWV's cell, shown as in its table. For the region a year
    is the total of the column "Nieuw thuis in deze periode" of that year's table, so it
    is hidden whenever that total is: else the trend minus the shown areas would give a
    hidden area away (15 in the trend, 12 shown: the "< 5" is 3)."""
    per_jaar = queries.nieuwe_thuiszitters_per_jaar(gebied, jaren)
    kolom = TREND.kolommen[0]
    rijen = []
    for p in jaren:
        cellen = [rij["nieuw"] for rij in per_jaar[p.jaar].values()]
        totaal = _totaal("nieuw", cellen, [])
        cel = (
            toon(kolom, totaal) if gebied.swv_id is not None else toon_totaal(kolom, totaal, cellen)
        )
        rijen.append((p.label, [(kolom.titel, cel)]))
    return Tabel(TREND, rijen, None, f"{TREND.titel}, {gebied.naam}", "Schooljaar")


def tabellen(gebied: Gebied, periode: Periode) -> list[Tabel]:
    gebieden = queries.rijen(gebied)
    uit = []
    for indicator, lees, sleutels in LEZINGEN:
        telling: Telling = lees(gebied, periode)
        leeg = Waarde(None, 0)
        kolommen = list(zip(indicator.kolommen, sleutels, strict=True))
        rijen = [
            (naam, [(k.titel, toon(k, telling.get(swv, {}).get(s, leeg))) for k, s in kolommen])
            for swv, naam in gebieden
        ]
        totaal = None
        if len(gebieden) > 1:
            totaal = []
            for kolom, sleutel in kolommen:
                cellen = [telling.get(swv, {}).get(sleutel, leeg) for swv, _ in gebieden]
                ruw = [
                    telling[swv]["_dagen"].waarde
                    for swv, _ in gebieden
                    if "_dagen" in telling.get(swv, {})
                ]
                cel = toon_totaal(kolom, _totaal(sleutel, cellen, ruw), cellen)
                totaal.append((kolom.titel, cel))
        bijschrift = f"{indicator.titel} per samenwerkingsverband, schooljaar {periode.label}"
        uit.append(Tabel(indicator, rijen, totaal, bijschrift))
    return uit
