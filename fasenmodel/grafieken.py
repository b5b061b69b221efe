"""Bar charts as server-side SVG geometry (strict CSP: no scripts, no inline styles).

The template draws rectangles from these numbers with classes from samenplan.css; every
chart is shown next to a table with the same numbers for screen readers. Coordinates reach
the SVG only through `svg_getal` (the template's `|svg`): a number with a dot and at most
two decimals, never the Dutch decimal comma of the page's text (an SVG reader drops
`x="47,4"`, so no bar would be drawn).

The labels under the bars stay horizontal and are wrapped over lines that fit the bar's
slot, so neighbours never overlap and long labels ("Fase 4: onderwijs-zorgarrangement
(OZA)") are not cut off at the edge; the chart grows downwards for the extra lines.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

BREEDTE = 640
PLOT_HOOGTE = 184
MARGE_LINKS = 40
MARGE_RECHTS = 8
MARGE_BOVEN = 16
# Labels are 11px (samenplan.css .grafiek__label); a character is at most ~6.2 units wide
# on average in the page's sans-serif, so a line of n characters needs about 6.2 * n.
TEKENBREEDTE = 6.2
REGELHOOGTE = 13
LABEL_AFSTAND = 14  # from the base line to the first label line's base line
MARGE_ONDER_MIN = 8  # below the last label line (descenders)


def svg_getal(waarde: float | int | Decimal) -> str:
    """A number for an SVG attribute: a dot, at most two decimals, no trailing zeros, no
    thousands separator, whatever the language: 217.64999999999998 → "217.65", 200.0 →
    "200". Anything but a number is a programming error and raises TypeError."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float | Decimal):
        raise TypeError(f"geen getal voor SVG: {waarde!r}")
    tekst = f"{float(waarde):.2f}".rstrip("0").rstrip(".")
    return "0" if tekst == "-0" else tekst


@dataclass(frozen=True)
class Labelregel:
    tekst: str
    y: float


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: int
    x: float
    y: float
    breedte: float
    hoogte: float
    regels: tuple[Labelregel, ...] = ()

    @property
    def midden(self) -> float:
        return self.x + self.breedte / 2


@dataclass(frozen=True)
class Rasterlijn:
    waarde: int
    y: float


@dataclass(frozen=True)
class Staafdiagram:
    titel: str
    staven: list[Staaf]
    rasterlijnen: list[Rasterlijn]
    breedte: int = BREEDTE
    hoogte: float = MARGE_BOVEN + PLOT_HOOGTE + LABEL_AFSTAND + MARGE_ONDER_MIN
    basis_y: float = MARGE_BOVEN + PLOT_HOOGTE
    links: int = MARGE_LINKS

    @property
    def leeg(self) -> bool:
        return not any(s.waarde for s in self.staven)

    @property
    def as_x(self) -> int:
        """Where the y axis' numbers end, just left of the plot."""
        return self.links - 6

    @property
    def viewbox(self) -> str:
        return " ".join(svg_getal(n) for n in (0, 0, self.breedte, self.hoogte))


def _stap(maximum: int) -> int:
    if maximum <= 5:
        return 1
    ruw = maximum / 5
    orde = 10 ** math.floor(math.log10(ruw))
    return next(s * orde for s in (1, 2, 5, 10) if s * orde >= ruw)


def regels(label: str, ruimte: float) -> list[str]:
    """`label` over lines of at most `ruimte` units: broken at spaces and after hyphens; a
    single word longer than a line keeps its own line."""
    per_regel = max(int(ruimte // TEKENBREEDTE), 1)
    stukken = re.findall(r"[^\s-]+-?|-", label)  # "onderwijs-zorgarrangement" → 2 pieces
    uit: list[str] = []
    for stuk, spatie_ervoor in _met_spaties(label, stukken):
        if uit and len(uit[-1]) + spatie_ervoor + len(stuk) <= per_regel:
            uit[-1] += " " * spatie_ervoor + stuk
        else:
            uit.append(stuk)
    return uit


def _met_spaties(label: str, stukken: list[str]) -> list[tuple[str, int]]:
    """Each piece with 1 if a space precedes it in the label (0 after a hyphen)."""
    uit, positie = [], 0
    for stuk in stukken:
        begin = label.index(stuk, positie)
        uit.append((stuk, 1 if begin > positie else 0))
        positie = begin + len(stuk)
    return uit


def staafdiagram(titel: str, reeks: list[tuple[str, int]]) -> Staafdiagram:
    maximum = max([waarde for _, waarde in reeks] + [1])
    stap = _stap(maximum)
    top = math.ceil(maximum / stap) * stap
    basis = MARGE_BOVEN + PLOT_HOOGTE
    vak = (BREEDTE - MARGE_LINKS - MARGE_RECHTS) / max(len(reeks), 1)
    staven = []
    for i, (label, waarde) in enumerate(reeks):
        h = PLOT_HOOGTE * waarde / top
        lijnen = regels(label, vak - 4)
        staven.append(
            Staaf(
                label,
                waarde,
                round(MARGE_LINKS + i * vak + vak * 0.15, 2),
                round(basis - h, 2),
                round(vak * 0.7, 2),
                round(h, 2),
                tuple(
                    Labelregel(tekst, basis + LABEL_AFSTAND + n * REGELHOOGTE)
                    for n, tekst in enumerate(lijnen)
                ),
            )
        )
    raster = [
        Rasterlijn(w, round(basis - PLOT_HOOGTE * w / top, 2)) for w in range(0, top + 1, stap)
    ]
    meeste_regels = max([len(s.regels) for s in staven] + [1])
    hoogte = basis + LABEL_AFSTAND + (meeste_regels - 1) * REGELHOOGTE + MARGE_ONDER_MIN
    return Staafdiagram(titel, staven, raster, hoogte=hoogte, basis_y=basis)
