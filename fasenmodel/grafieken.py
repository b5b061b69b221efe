"""Bar charts as server-side SVG geometry (strict CSP: no scripts, no inline styles).

The template draws rectangles from these numbers with classes from samenplan.css; every
chart is shown next to a table with the same numbers for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BREEDTE = 640
HOOGTE = 260
MARGE_LINKS = 40
MARGE_ONDER = 60
MARGE_BOVEN = 16


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: int
    x: float
    y: float
    breedte: float
    hoogte: float

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
    hoogte: int = HOOGTE
    basis_y: float = HOOGTE - MARGE_ONDER
    links: int = MARGE_LINKS

    @property
    def leeg(self) -> bool:
        return not any(s.waarde for s in self.staven)

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.breedte} {self.hoogte}"


def _stap(maximum: int) -> int:
    if maximum <= 5:
        return 1
    ruw = maximum / 5
    orde = 10 ** math.floor(math.log10(ruw))
    return next(s * orde for s in (1, 2, 5, 10) if s * orde >= ruw)


def staafdiagram(titel: str, reeks: list[tuple[str, int]]) -> Staafdiagram:
    maximum = max([waarde for _, waarde in reeks] + [1])
    stap = _stap(maximum)
    top = math.ceil(maximum / stap) * stap
    plot_hoogte = HOOGTE - MARGE_ONDER - MARGE_BOVEN
    plot_breedte = BREEDTE - MARGE_LINKS - 8
    vak = plot_breedte / max(len(reeks), 1)
    staven = []
    for i, (label, waarde) in enumerate(reeks):
        h = plot_hoogte * waarde / top
        staven.append(
            Staaf(
                label,
                waarde,
                round(MARGE_LINKS + i * vak + vak * 0.15, 1),
                round(HOOGTE - MARGE_ONDER - h, 1),
                round(vak * 0.7, 1),
                round(h, 1),
            )
        )
    raster = [
        Rasterlijn(w, round(HOOGTE - MARGE_ONDER - plot_hoogte * w / top, 1))
        for w in range(0, top + 1, stap)
    ]
    return Staafdiagram(titel, staven, raster)
