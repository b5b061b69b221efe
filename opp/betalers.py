"""Who pays for which kind of support: the region's agreements as one table
(docs/jeugdhulp.md, "Wie betaalt wat").

A row names a payer only where the region's documents state one, and quotes them. The
fourth regional document, the *Handreiking taken, rollen en verantwoordelijkheden*, is
only named in *Regionale afspraken Duin- en Bollenstreek* with a link: its themes are rows
without a payer ("regionale handreiking: afspraak per thema"), never a guess.

The OPP's inzet chooses its kind here (`Inzet.thema`); the jeugdhulp inzet reads its row
from its own kind (arrangeren/jeugdhulp/betalers.py). A choice of payer that contradicts
a row with a payer is allowed, with a warning: the region agreed that "Discussies over
financiering staan de uitvoering van de oplossing niet in de weg".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from accounts.schrijfwijze import klein
from opp.domein import Bekostiging

HANDREIKING = "Handreiking taken, rollen en verantwoordelijkheden"
HANDREIKING_URL = (
    "https://serviceorganisatiezorghollandrijnland.nl/gemeentelijk-beleid/"
    "samenwerking-jeugdhulp-en-onderwijs/"
)
REGIONALE_AFSPRAKEN = "Regionale afspraken Duin- en Bollenstreek"


class Ondersteuningsthema(models.TextChoices):
    """The kinds of support the region's agreements say something about who pays."""

    ONDERWIJSKUNDIGE_BEGELEIDING = "onderwijskundige_begeleiding", "Onderwijskundige begeleiding"
    OVERBRUGGINGSPLEK = "overbruggingsplek", "Onderwijsplek ter overbrugging (wachtlijst)"
    BEGELEIDING_OVERBRUGGING = (
        "begeleiding_overbrugging",
        "Begeleiding omdat passende jeugdhulp (nog) ontbreekt",
    )
    JEUGDHULP_HANDELINGSDEEL = (
        "jeugdhulp_handelingsdeel",
        "Jeugdhulp uit het handelingsdeel van het OPP",
    )
    JEUGDHULP_OP_SCHOOL = "jeugdhulp_op_school", "Jeugdhulp op school (JOS)"
    MULTIDISCIPLINAIRE_BEGELEIDER = (
        "multidisciplinaire_begeleider",
        "Multidisciplinaire begeleider",
    )
    OZA = "oza", "Onderwijs-zorgarrangement (OZA)"
    ZOA_INGESCHREVEN = (
        "zoa_ingeschreven",
        "Tijdelijk onderwijs op een zorglocatie, leerling ingeschreven op een school",
    )
    ZORG_NIET_INGESCHREVEN = (
        "zorg_niet_ingeschreven",
        "Toeleiding naar school of ontwikkeling op een zorglocatie, leerling niet ingeschreven",
    )
    # Themes of the regional handreiking (named only; no payer in this table):
    LEERPROBLEMEN = "leerproblemen", "Leerproblemen"
    INTELLIGENTIEONDERZOEK = "intelligentieonderzoek", "Intelligentieonderzoek"
    COACHING_OP_SCHOOL = "coaching_op_school", "Coaching op school"
    HUISWERKBEGELEIDING = "huiswerkbegeleiding", "Huiswerkbegeleiding"
    HOOGBEGAAFDHEID = "hoogbegaafdheid", "Hoogbegaafdheid"
    PERSOONLIJKE_VERZORGING = "persoonlijke_verzorging", "Persoonlijke verzorging"


@dataclass(frozen=True)
class Betaalafspraak:
    """One row: a kind of support, who pays it (None: the table makes no claim), and the
    region's words for it."""

    thema: Ondersteuningsthema
    betaler: Bekostiging | None
    citaat: str
    bron: str
    link: str = ""

    @property
    def betaler_tekst(self) -> str:
        if self.betaler is None:
            return "Regionale handreiking: afspraak per thema"
        return Bekostiging(self.betaler).label

    @property
    def thema_tekst(self) -> str:
        return Ondersteuningsthema(self.thema).label


_T = Ondersteuningsthema
_FASENMODEL = f"{REGIONALE_AFSPRAKEN}, Fasenmodel onderwijszorg-continuüm"
_PRINCIPES = f"{REGIONALE_AFSPRAKEN}, Leidende principes"


def _handreiking(thema: Ondersteuningsthema) -> Betaalafspraak:
    return Betaalafspraak(
        thema,
        None,
        "De handreiking geeft op specifieke, vaak voorkomende, thema's helderheid over de "
        "verantwoordelijkheden van gemeenten en onderwijs. Denk hierbij aan: leerproblemen, "
        "intelligentie onderzoek, coaching op school, huiswerkbegeleiding, hoogbegaafdheid "
        "en persoonlijke verzorging.",
        f"{REGIONALE_AFSPRAKEN}, {HANDREIKING}",
        HANDREIKING_URL,
    )


AFSPRAKEN: tuple[Betaalafspraak, ...] = (
    Betaalafspraak(
        _T.ONDERWIJSKUNDIGE_BEGELEIDING,
        Bekostiging.ONDERWIJS,
        "Indien er onderwijskundige begeleiding nodig is, dan zorgt de school hiervoor.",
        "Holland Rijnland Methode, stap 2: profiel vaste contactpersoon voor S(B)O scholen",
    ),
    Betaalafspraak(
        _T.OVERBRUGGINGSPLEK,
        Bekostiging.ONDERWIJS,
        "Zo is het onderwijs verantwoordelijk voor een passende onderwijsplek (dit kan ook "
        "een plek zijn ter overbrugging) en de daarmee gemoeide kosten.",
        _PRINCIPES,
    ),
    Betaalafspraak(
        _T.BEGELEIDING_OVERBRUGGING,
        Bekostiging.GEMEENTE,
        "Indien begeleiding ingezet wordt als gevolg van het ontbreken van passende "
        "jeugdhulp komen de kosten in principe voor rekening van de gemeentelijke jeugdhulp.",
        _PRINCIPES,
    ),
    Betaalafspraak(
        _T.JEUGDHULP_HANDELINGSDEEL,
        Bekostiging.GEMEENTE,
        "De gemeente is verantwoordelijk voor de inzet van jeugdhulp als bedoeld in het "
        "handelingsdeel van het OPP.",
        f"{_PRINCIPES}, Rol gemeente",
    ),
    # Collective, not per pupil: the region names no payer for one pupil's JOS.
    Betaalafspraak(
        _T.JEUGDHULP_OP_SCHOOL,
        None,
        "In Holland Rijnland wordt Jeugdhulp op school collectief ingezet op het "
        "gespecialiseerd onderwijs.",
        _PRINCIPES,
    ),
    Betaalafspraak(
        _T.MULTIDISCIPLINAIRE_BEGELEIDER,
        Bekostiging.GEZAMENLIJK,
        "Voorgesteld wordt: ... dat onderwijs en gemeenten gezamenlijk financieren.",
        "Holland Rijnland Methode, stap 3: profiel multidisciplinaire begeleider",
    ),
    Betaalafspraak(
        _T.OZA,
        Bekostiging.GEZAMENLIJK,
        "Onderwijs-zorgarrangement (OZA): Gezamenlijke regie plan en bekostiging.",
        _FASENMODEL,
    ),
    Betaalafspraak(
        _T.ZOA_INGESCHREVEN,
        Bekostiging.ONDERWIJS,
        "Staat het kind ingeschreven bij een school? Ja? tijdelijk onderwijs (o.b.v. "
        "toestemming variawet) en evt. opbouw naar school, gefinancierd vanuit "
        "onderwijsmiddelen (ingroeiplan).",
        _FASENMODEL,
    ),
    Betaalafspraak(
        _T.ZORG_NIET_INGESCHREVEN,
        Bekostiging.GEMEENTE,
        "Nee? Is er zicht op onderwijsdeelname? Ja: toeleiding naar school, gefinancierd "
        "vanuit zorgmiddelen. Nee: tegemoetkomen aan ontwikkelbehoefte, gefinancierd vanuit "
        "zorgmiddelen.",
        _FASENMODEL,
    ),
    _handreiking(_T.LEERPROBLEMEN),
    _handreiking(_T.INTELLIGENTIEONDERZOEK),
    _handreiking(_T.COACHING_OP_SCHOOL),
    _handreiking(_T.HUISWERKBEGELEIDING),
    _handreiking(_T.HOOGBEGAAFDHEID),
    _handreiking(_T.PERSOONLIJKE_VERZORGING),
)

PER_THEMA: dict[str, Betaalafspraak] = {rij.thema: rij for rij in AFSPRAKEN}


def afspraak(thema: str | None) -> Betaalafspraak | None:
    """The row for a kind of support (None: no kind chosen, or one the table lacks)."""
    return PER_THEMA.get(thema or "")


def tegenstrijdig(thema: str | None, betaler: str | None) -> Betaalafspraak | None:
    """The row that names another payer than the one chosen (None: no contradiction)."""
    rij = afspraak(thema)
    if rij is None or rij.betaler is None or not betaler or betaler == rij.betaler:
        return None
    return rij


# Who pays, inside a sentence.
WIE: dict[str, str] = {
    Bekostiging.ONDERWIJS: "het onderwijs (school / SWV)",
    Bekostiging.GEMEENTE: "de gemeente (jeugdhulp)",
    Bekostiging.GEZAMENLIJK: "onderwijs en gemeente samen",
}


def waarschuwing(thema: str | None, betaler: str | None) -> str:
    """The warning shown when the chosen payer contradicts the region's row ("" if not)."""
    rij = tegenstrijdig(thema, betaler)
    if rij is None or betaler is None:
        return ""
    return (
        f"Let op: bij “{klein(rij.thema_tekst)}” betaalt volgens de regionale afspraken "
        f"{WIE[rij.betaler]}, maar gekozen is {WIE[betaler]} ({rij.bron}). Bespreek de "
        "financiering; de uitvoering wacht daar niet op."
    )
