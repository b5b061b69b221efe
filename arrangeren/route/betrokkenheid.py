"""Parties that must be involved in a pupil's situation: one table, situation -> party.

Source: Routekaart integraal arrangeren, Toelichting (Regionale afspraken Duin- en
Bollenstreek), see docs/route.md "Required involvement". The MDO planner proposes these
parties with the reason; it never invites them by itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models


class Kenmerk(models.TextChoices):
    """What the school records on the traject (a multi-select); a thuiszitter comes from
    the fasenmodel register, not from here."""

    VERZUIM = "verzuim", "Langdurig of ongeoorloofd schoolverzuim"
    RISICOGEDRAG = "risicogedrag", "Risicogedrag"
    COMPLEX = "complexe_casuistiek", "Complexe casuïstiek"
    ONTHEFFING = "ontheffing_leerplicht", "Ontheffing of vrijstelling van leerplicht speelt"


class Situatie(models.TextChoices):
    THUISZITTER = "thuiszitter", "thuiszittersproblematiek"
    VERZUIM = Kenmerk.VERZUIM.value, "verzuim"
    RISICOGEDRAG = Kenmerk.RISICOGEDRAG.value, "risicogedrag"
    COMPLEX = Kenmerk.COMPLEX.value, "complexe casuïstiek"
    ONTHEFFING = Kenmerk.ONTHEFFING.value, "ontheffing van leerplicht"


class Partij(models.TextChoices):
    SWV = "swv", "SWV"
    LEERPLICHT = "leerplicht", "Leerplicht"


@dataclass(frozen=True)
class Betrokkenheid:
    situatie: Situatie
    partij: Partij
    bron: str  # the region's words


_SWV_ALTIJD = (
    "Het SWV wordt in ieder geval bij de volgende situaties ook altijd betrokken: "
    "thuiszittersproblematiek, risicogedrag, complexe casuïstiek en ontheffing van leerplicht."
)

VERPLICHT_BETROKKEN: tuple[Betrokkenheid, ...] = (
    Betrokkenheid(Situatie.THUISZITTER, Partij.SWV, _SWV_ALTIJD),
    Betrokkenheid(Situatie.RISICOGEDRAG, Partij.SWV, _SWV_ALTIJD),
    Betrokkenheid(Situatie.COMPLEX, Partij.SWV, _SWV_ALTIJD),
    Betrokkenheid(Situatie.ONTHEFFING, Partij.SWV, _SWV_ALTIJD),
    Betrokkenheid(
        Situatie.VERZUIM,
        Partij.LEERPLICHT,
        "leerrecht/leerplicht (als er verzuim aan de orde is); Heeft contact met ouders en "
        "leerling wanneer er sprake is van langdurig of ongeoorloofd schoolverzuim.",
    ),
    # Thuiszittersaanpak: "Leerplicht: Draagt zorg voor de thuiszittersaanpak."
    Betrokkenheid(
        Situatie.THUISZITTER,
        Partij.LEERPLICHT,
        "Leerplicht: Draagt zorg voor de thuiszittersaanpak.",
    ),
)


def vereist(situaties: Iterable[str]) -> dict[Partij, list[Situatie]]:
    """Per party that must be involved, the situations that call for it (table order)."""
    aanwezig = set(situaties)
    partijen: dict[Partij, list[Situatie]] = {}
    for regel in VERPLICHT_BETROKKEN:
        if regel.situatie in aanwezig:
            partijen.setdefault(regel.partij, []).append(regel.situatie)
    return partijen
