"""Thuiszitters as data: cause categories, the thuiszitterspact and the procesregie rule.

Source: "Leidende principes samenwerking onderwijs - jeugdhulp Holland Rijnland",
Uitgelicht: Thuiszittersaanpak (docs/fasenmodel.md, "Thuiszitters").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models

from .fasen import plus_maanden

# Thuiszitterspact: "in onze regio geen jeugdige langer dan drie maanden thuis zonder
# passend en gestart aanbod van onderwijs en/of zorg" - every young person, enrolled or not.
PACT_MAANDEN = 3
# From this many days before the 3 months, the entry shows as "bijna".
BIJNA_DAGEN = 21


class Soort(models.TextChoices):
    """The kind of verzuim. A vrijstelling is no kind of verzuim: an exempt pupil is not
    absent at all. It is a status recorded through the vrijstelling route
    (models_leerplicht.Vrijstelling); an entry of an exempt pupil has no verzuim (GEEN)."""

    ABSOLUUT = "absoluut", "Absoluut verzuim: niet ingeschreven op een school"
    RELATIEF = "relatief", "Relatief verzuim: ongeoorloofd verzuim van een ingeschreven leerling"
    GEEN = "geen", "Geen verzuim: vrijgesteld van leerplicht"


class Regievoerder(models.TextChoices):
    SCHOOL = "school", "De school van inschrijving"
    LEERPLICHT = "leerplicht", "Leerplicht"
    TOEGANG = "toegang", "De gemeentelijke toegang (jeugdteam)"


@dataclass(frozen=True)
class Oorzaak:
    code: str
    label: str


# Categories leerplicht monitors trends on; an entry may have several.
OORZAKEN: tuple[Oorzaak, ...] = (
    Oorzaak("psychisch", "Psychische problematiek"),
    Oorzaak("lichamelijk", "Lichamelijke of medische problematiek"),
    Oorzaak("gedrag", "Gedragsproblematiek"),
    Oorzaak("gezin", "Problemen in het gezin of de thuissituatie"),
    Oorzaak("geen_passende_plek", "Geen passende onderwijsplek beschikbaar"),
    Oorzaak("wachtlijst_zorg", "Wachtlijst jeugdhulp of zorg"),
    Oorzaak("schoolwisseling", "Schoolwisseling of verhuizing"),
    Oorzaak("pesten", "Pesten of sociale onveiligheid"),
    Oorzaak("overig", "Overig"),
)
OORZAAK_LABELS = {o.code: o.label for o in OORZAKEN}
OORZAAK_KEUZES = [(o.code, o.label) for o in OORZAKEN]


def procesregie_volgens_regel(ingeschreven: bool, vrijstelling: bool) -> str:
    """docs/fasenmodel.md: registered at a school -> the school; not registered, no exemption
    -> leerplicht; not registered with an exemption -> the gemeentelijke toegang."""
    if ingeschreven:
        return Regievoerder.SCHOOL
    if vrijstelling:
        return Regievoerder.TOEGANG
    return Regievoerder.LEERPLICHT


class Pactstatus(models.TextChoices):
    ESCALATIE = "escalatie", "Langer dan 3 maanden thuis: escaleren"
    BIJNA = "bijna", "Bijna 3 maanden thuis"
    LOOPT = "loopt", "Thuis, termijn loopt"
    AANBOD = "aanbod", "Passend aanbod gestart"
    BEEINDIGD = "beeindigd", "Niet meer thuis"


@dataclass(frozen=True)
class Pact:
    """Where one entry stands against the thuiszitterspact on a date."""

    status: str
    dagen_thuis: int
    grens: date  # 3 months after `sinds`
    dagen_tot_grens: int  # negative once past

    @property
    def label(self) -> str:
        return Pactstatus(self.status).label

    @property
    def urgentie(self) -> tuple:
        """Sort key: escalations first (longest overdue first), then nearest deadline."""
        rang = {
            Pactstatus.ESCALATIE: 0,
            Pactstatus.BIJNA: 1,
            Pactstatus.LOOPT: 2,
            Pactstatus.AANBOD: 3,
            Pactstatus.BEEINDIGD: 4,
        }[self.status]
        return (rang, self.dagen_tot_grens if rang < 3 else -self.dagen_thuis)


def pact(
    sinds: date,
    op: date,
    *,
    aanbod_gestart: bool = False,
    aanbod_sinds: date | None = None,
    beeindigd_op: date | None = None,
) -> Pact:
    grens = plus_maanden(sinds, PACT_MAANDEN)
    eind = min(d for d in (op, beeindigd_op) if d is not None)
    if aanbod_gestart and aanbod_sinds and aanbod_sinds <= eind:
        eind = aanbod_sinds  # time "at home without a fitting started offer" stops here
    dagen_thuis = max((eind - sinds).days, 0)
    dagen_tot_grens = (grens - op).days
    if beeindigd_op is not None and beeindigd_op <= op:
        status = Pactstatus.BEEINDIGD
    elif aanbod_gestart and (aanbod_sinds is None or aanbod_sinds <= op):
        status = Pactstatus.AANBOD
    elif op >= grens:
        status = Pactstatus.ESCALATIE
    elif dagen_tot_grens <= BIJNA_DAGEN:
        status = Pactstatus.BIJNA
    else:
        status = Pactstatus.LOOPT
    return Pact(status, dagen_thuis, grens, dagen_tot_grens)
