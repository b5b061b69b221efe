"""How long a school still reads a pupil's file after the pupil left: one table.

Source: the regional agreements and the sector model privacy rules (see docs/overstap.md):
the school keeps its pupil file, the OPP included, up to 2 years after the pupil left, to
account for what it did; it works in the file no longer. After the term the school loses
sight of it. The permission policy (accounts/permissions.py) asks this table, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from accounts.datums import plus_jaren


@dataclass(frozen=True)
class Bewaartermijn:
    wat: str
    jaren: int
    bron: str


LEERLINGDOSSIER = Bewaartermijn(
    wat="Het leerlingdossier van de school, het OPP inbegrepen, na uitschrijving",
    jaren=2,
    bron="Regionale afspraken en de modelregels privacy van de sector (docs/overstap.md)",
)


def jaren_eerder(op: date, jaren: int) -> date:
    """The same calendar day `jaren` years earlier (29 February: the 28th)."""
    return plus_jaren(op, -jaren)


def leesgrens(op: date | None = None) -> date:
    """A pupil uitgeschreven *after* this date is still readable by the old school on `op`."""
    return jaren_eerder(op or timezone.localdate(), LEERLINGDOSSIER.jaren)


def einde_inzage(uitgeschreven_op: date) -> date:
    """The first day on which the old school no longer reads the file."""
    try:
        return uitgeschreven_op.replace(year=uitgeschreven_op.year + LEERLINGDOSSIER.jaren)
    except ValueError:  # 29 February: until 1 March
        return date(uitgeschreven_op.year + LEERLINGDOSSIER.jaren, 3, 1)
