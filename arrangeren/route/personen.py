"""Whom the MDO page offers to invite: a short list, and a search for anyone else.

The region has thousands of staff, most of them teachers of other schools; the page
listed them all (about 5,000 options at 100,000 pupils, issue 13). The list offers the
people of the pupil's own school and of every organisation outside education (jeugdteam,
jeugdhulp, samenwerkingsverband, JGZ, leerplicht), the usual guests of an MDO; anyone
else (a teacher of another school) is found by name or organisation (`zoek`).
"""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Leerling, Lidmaatschap
from accounts.rollen import Soort
from arrangeren.route.forms import uit_te_nodigen

MAX_GEVONDEN = 20
MIN_ZOEKTERM = 2


def betrokken(leerling: Leerling) -> list[Lidmaatschap]:
    """The people of the pupil's school and those outside education, in one query."""
    return list(
        uit_te_nodigen()
        .filter(Q(organisatie_id=leerling.school_id) | ~Q(organisatie__soort=Soort.SCHOOL))
        .order_by("organisatie__naam", "user__naam", "pk")
    )


def zoek(zoekterm: str) -> list[Lidmaatschap]:
    """People whose name or organisation holds every word of the term (the first
    MAX_GEVONDEN); nothing for a term shorter than MIN_ZOEKTERM."""
    zoekterm = (zoekterm or "").strip()
    if len(zoekterm) < MIN_ZOEKTERM:
        return []
    leden = uit_te_nodigen()
    for woord in zoekterm.split()[:5]:
        leden = leden.filter(Q(user__naam__icontains=woord) | Q(organisatie__naam__icontains=woord))
    return list(leden.order_by("user__naam", "organisatie__naam", "pk")[:MAX_GEVONDEN])


def zoekstatus(zoekterm: str, gevonden: list[Lidmaatschap]) -> str:
    """What the search found, in words (read out by screen readers: a status region)."""
    from arrangeren.route.forms import GEVONDEN_LABEL

    if len((zoekterm or "").strip()) < MIN_ZOEKTERM:
        return f"Typ minstens {MIN_ZOEKTERM} letters van de naam."
    if not gevonden:
        return f"Niemand gevonden met “{zoekterm.strip()}”."
    aantal = len(gevonden)
    meer = " (de eersten; maak de zoekterm langer)" if aantal == MAX_GEVONDEN else ""
    woord = "persoon" if aantal == 1 else "personen"
    return f"{aantal} {woord} gevonden{meer}: kies bij Persoon onder “{GEVONDEN_LABEL}”."
