"""The vrijstelling route and the Variawet deviation as data: choices, terms and the rules
the services enforce, each with the passage of the regional agreements it comes from.

Source: *Regionale afspraken Duin- en Bollenstreek*, Leidende principes, Uitgelicht:
Thuiszittersaanpak, and the Fasenmodel onderwijszorg-continuüm (docs/fasenmodel.md,
"De vrijstellingsroute" and "Variawet en ingroeiplan"). Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models

from accounts.datums import plus_maanden

# Fasenmodel: "Periodiek overleg RBL/Leerplicht, Swv en Zorglocatie bij aflopende
# vrijstellingen, zicht op perspectief onderwijs." A vrijstelling ending within this many
# months is on the review list "Aflopende vrijstellingen" (and in the work lists).
AFLOPEND_MAANDEN = 3

# A deviation from the minimum teaching time ending within this many days (or past its
# end) is in the school's work list: the ingroeiplan needs a new step or a new deviation.
ONDERWIJSTIJD_SIGNAAL_DAGEN = 30


class Advies(models.TextChoices):
    """The independent doctor's advice on a request for exemption."""

    POSITIEF = "positief", "Positief: vrijstelling verantwoord"
    NEGATIEF = "negatief", "Negatief: geen vrijstelling"


class Besluit(models.TextChoices):
    """Leerplicht's decision on the request."""

    VERLEEND = "verleend", "Vrijstelling verleend"
    GEWEIGERD = "geweigerd", "Vrijstelling geweigerd"


class Perspectief(models.TextChoices):
    """The SWV's view on the pupil's onderwijsperspectief."""

    WEL = "wel", "Er is onderwijsperspectief"
    GEEN = "geen", "Er is geen onderwijsperspectief"


class Grondslag(models.TextChoices):
    """On what basis the school deviates from the minimum teaching time."""

    VARIAWET = "variawet", "Variawet (categorie a)"
    WEC = "wec", "Wet op de expertisecentra (WEC)"
    EXPERIMENT = "experiment", "Experimentregeling"


@dataclass(frozen=True)
class Afspraak:
    """One agreement of the route, with the passage it comes from."""

    code: str
    regel: str
    bron: str


VRIJSTELLINGSAFSPRAKEN: tuple[Afspraak, ...] = (
    Afspraak(
        "advies_arts",
        "Leerplicht verleent een vrijstelling alleen na een positief advies van de "
        "onafhankelijk arts.",
        "Een onafhankelijk arts geeft bij een verzoek tot leerplichtvrijstelling advies. "
        "Bij een negatief advies geeft leerplicht geen vrijstelling af.",
    ),
    Afspraak(
        "visie_swv",
        "Het samenwerkingsverband geeft zijn visie op het onderwijsperspectief; de arts "
        "neemt die mee. Ziet het SWV onderwijsperspectief, dan is het advies in principe "
        "negatief.",
        "De onafhankelijk arts neemt in principe altijd de visie mee van het betreffende "
        "samenwerkingsverband over het onderwijsperspectief van de leerling. Bij enig "
        "onderwijsperspectief volgens het SWV, volgt in principe een negatief advies.",
    ),
    Afspraak(
        "aflopend",
        f"Vrijstellingen die binnen {AFLOPEND_MAANDEN} maanden aflopen, bespreken "
        "leerplicht, het SWV en de zorglocatie periodiek.",
        "Periodiek overleg RBL/Leerplicht, Swv en Zorglocatie bij aflopende vrijstellingen, "
        "zicht op perspectief onderwijs.",
    ),
    Afspraak(
        "procesregie",
        "Niet ingeschreven en vrijgesteld: de procesregie ligt bij de gemeentelijke toegang.",
        "Wanneer een kind geen schoolinschrijving heeft, ligt de procesregie bij leerplicht "
        "indien het kind GEEN vrijstelling heeft en bij de gemeentelijke toegang indien het "
        "kind WEL een vrijstelling heeft.",
    ),
)

VARIAWET_AFSPRAKEN: tuple[Afspraak, ...] = (
    Afspraak(
        "afwijking",
        "De school legt vast waarom en hoeveel zij afwijkt van de minimum onderwijstijd "
        "voor een ingeschreven leerling, met een ingroeiplan.",
        "Er wordt (o.b.v. WEC, variawet cat. a of experimentregeling) afgeweken van de "
        "huidige wettelijke onderwijskaders voor ingeschreven leerlingen (zoals minimum "
        "onderwijstijd, inhoud, locatie). Ingroeiplan vereist.",
    ),
    Afspraak(
        "regie_school",
        "De school van inschrijving biedt het onderwijs op maat en heeft de regie op de "
        "opbouw van onderwijs.",
        "Op basis van de Variawet wordt afgeweken van het minimum aantal uren onderwijstijd. "
        "School maakt een OPP en zorgt dat tijdig het samenwerkingsverband, de toegang en "
        "externe ketenpartners worden aangehaakt.",
    ),
)


def is_actief(besluit: str, startdatum: date | None, einddatum: date | None, op: date) -> bool:
    """A granted exemption counts from its start up to and including its end date."""
    return (
        besluit == Besluit.VERLEEND
        and startdatum is not None
        and startdatum <= op
        and (einddatum is None or op <= einddatum)
    )


def is_aflopend(einddatum: date | None, op: date) -> bool:
    """On the review list: the end date is at most `AFLOPEND_MAANDEN` months away."""
    return einddatum is not None and op <= einddatum <= plus_maanden(op, AFLOPEND_MAANDEN)
