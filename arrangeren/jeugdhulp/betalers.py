"""Who pays a jeugdhulp inzet: its kind's row in the region's table (opp/betalers.py,
docs/jeugdhulp.md "Wie betaalt wat").

Jeugdhulp here is always registered for goals of the OPP, so begeleiding and behandeling
are "jeugdhulp als bedoeld in het handelingsdeel van het OPP", the municipality's
(Regionale afspraken Duin- en Bollenstreek, Leidende principes, Rol gemeente). "Anders"
has no row: the table cannot tell what it is.
"""

from __future__ import annotations

from arrangeren.jeugdhulp.models import Jeugdhulpsoort
from opp import betalers
from opp.betalers import Ondersteuningsthema

THEMA_PER_SOORT: dict[str, Ondersteuningsthema] = {
    Jeugdhulpsoort.BEGELEIDING: Ondersteuningsthema.JEUGDHULP_HANDELINGSDEEL,
    Jeugdhulpsoort.BEHANDELING: Ondersteuningsthema.JEUGDHULP_HANDELINGSDEEL,
    Jeugdhulpsoort.JOS: Ondersteuningsthema.JEUGDHULP_OP_SCHOOL,
    Jeugdhulpsoort.MDB: Ondersteuningsthema.MULTIDISCIPLINAIRE_BEGELEIDER,
}


def betaalthema(soort: str) -> Ondersteuningsthema | None:
    return THEMA_PER_SOORT.get(soort)


def waarschuwing(soort: str, financiering: str) -> str:
    """The warning when the inzet's financing contradicts its kind's row ("" if not)."""
    return betalers.waarschuwing(betaalthema(soort), financiering)
