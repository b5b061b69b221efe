"""The fasenmodel onderwijs-zorgcontinuüm as data: six phases and the continuum rules.

Source: "Fasenmodel onderwijszorg-continuüm Holland Rijnland" (docs/fasenmodel.md).
One table of phases, one table of rules; `signalen()` is the one place that applies the
rules to a placement. Nothing here touches the database, so it is tested as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from accounts.datums import plus_maanden

DOMEINEN: dict[str, str] = {
    "a": "Emotieregulatie",
    "b": "Zelfredzaamheid",
    "c": "Sociale vaardigheden",
    "d": "Schoolse vaardigheden (onderwijsvaardigheden)",
    "e": "Onderwijs (maatwerk) of educatie (leerrecht)",
}


@dataclass(frozen=True)
class Fase:
    nummer: int
    naam: str
    kort: str
    kan: str  # "Jeugdige is in staat tot"
    aanbod: str
    doel_en_duur: str
    duur_maanden: int | None  # "in principe" duration, None = no term
    verantwoordelijkheid: dict[str, str]  # domain a-e -> who
    toegang: str
    regie: str
    bekostiging: str
    # Who holds the regie over the plan (Regiehouder) and the seed's words for it.
    regie_bij: str = "school"
    regie_bron: str = ""

    @property
    def label(self) -> str:
        return f"Fase {self.nummer}: {self.kort}"

    @property
    def regievoorstel(self) -> str | None:
        """The regie handover this phase implies, or None where the school keeps it."""
        return REGIEVOORSTELLEN.get(self.regie_bij, "").format(nummer=self.nummer) or None


class Regiehouder:
    """Fasenmodel onderwijszorg-continuüm, the row on access and regie per phase."""

    SCHOOL = "school"  # "Regie plan bij school." (phases 6 and 5)
    GEZAMENLIJK = "gezamenlijk"  # "Gezamenlijke regie plan en bekostiging." (phase 4, OZA)
    ZORG = "zorg"  # "Regie plan bij zorg (in afstemming met het onderwijs)." (phases 3-1)


REGIE_BIJ: dict[str, str] = {
    Regiehouder.SCHOOL: "bij de school",
    Regiehouder.GEZAMENLIJK: "bij school en jeugdhulp samen",
    Regiehouder.ZORG: "bij de zorg",
}

REGIEVOORSTELLEN: dict[str, str] = {
    Regiehouder.GEZAMENLIJK: "In fase {nummer} hebben school en jeugdhulp samen de regie over "
    "het plan en de bekostiging: spreek af wie de regie over het traject voert en leg dat "
    "vast.",
    Regiehouder.ZORG: "In fase {nummer} ligt de regie over het plan bij de zorg: draag de "
    "regie over het traject over aan het jeugdteam (gemeentelijke toegang), dat de zorg "
    "vertegenwoordigt.",
}


def _alle(wie: str, e: str | None = None) -> dict[str, str]:
    return {d: (e if d == "e" and e else wie) for d in DOMEINEN}


FASEN: dict[int, Fase] = {
    f.nummer: f
    for f in (
        Fase(
            6,
            "Onderwijs met basis- en extra ondersteuning",
            "regulier onderwijs",
            "deelname aan onderwijs in een grote groep (vanaf 20 leerlingen)",
            "Regulier onderwijs, eventueel met preventieve, laagdrempelige ondersteuning of "
            "(jeugd)hulp als aanvulling op de onderwijsondersteuning vanuit een OPP.",
            "Blijven leren in het regulier onderwijs.",
            None,
            _alle("School, zo nodig met preventief aanbod of jeugdhulp via verwijzing"),
            "Toegang via school; jeugdhulp via verwijzing.",
            "De school heeft de regie over het plan.",
            "Onderwijs betaalt de ondersteuning op school; jeugdhulp betaalt de gemeente.",
            regie_bij=Regiehouder.SCHOOL,
            regie_bron="Toegang via school. Jeugdhulp via verwijzing. Regie plan bij school.",
        ),
        Fase(
            5,
            "Onderwijs met gespecialiseerde ondersteuning",
            "gespecialiseerd onderwijs",
            "deelname aan onderwijs in een grotere groep (vanaf 12 leerlingen)",
            "Gespecialiseerd onderwijs of een onderwijsarrangement binnen het regulier "
            "onderwijs, eventueel met collectief beschikbare Jeugdhulp op School (JOS).",
            "Blijven leren in een gespecialiseerde onderwijssetting of doorgroeien naar "
            "regulier onderwijs.",
            None,
            _alle("School, zo nodig met inzet van jeugdhulp (op school)"),
            "Toegang via school en samenwerkingsverband; extra inzet op JOS via verwijzing.",
            "De school heeft de regie over het plan.",
            "Onderwijs (school en samenwerkingsverband); JOS collectief door de gemeente.",
            regie_bij=Regiehouder.SCHOOL,
            regie_bron="Toegang via school en Swv. Regie plan bij school.",
        ),
        Fase(
            4,
            "Onderwijs-zorgarrangement (OZA)",
            "onderwijs-zorgarrangement (OZA)",
            "(gedeeltelijke) deelname aan onderwijs op school in een middelgrote groep "
            "(circa 5 tot 12 leerlingen), met behoeften op meerdere domeinen",
            "Tijdelijk integraal maatwerkaanbod van onderwijs en zorg op de schoollocatie, "
            "via een OPP. Er is altijd een OPP.",
            "Opbouw naar fase 5 of 6. Duur: in principe 2 jaar.",
            24,
            {
                "a": "School en jeugdhulp",
                "b": "School en jeugdhulp",
                "c": "School en jeugdhulp",
                "d": "School en jeugdhulp",
                "e": "School",
            },
            "Toegang via samenwerkingsverband en jeugdteam (integraal arrangeren).",
            "School en jeugdhulp hebben samen de regie over het plan.",
            "Onderwijs en gemeente betalen samen (gezamenlijke bekostiging).",
            regie_bij=Regiehouder.GEZAMENLIJK,
            regie_bron="Toegang via Swv en jeugdteam (via integraal arrangeren). Gezamenlijke "
            "regie plan en bekostiging.",
        ),
        Fase(
            3,
            "Zorg-onderwijsarrangement (ZOA)",
            "zorg-onderwijsarrangement (ZOA)",
            "cognitief leren in een kleine groep (tot circa 5 leerlingen), vanuit een zorgsetting",
            "Zorg met enkele uren aanvullend onderwijs via maatwerk, samen met de school "
            "van inschrijving.",
            "Terugleiden naar fase 4 of hoger binnen 1 à 2 jaar? Ja: OPP en "
            "opbouwprogramma naar onderwijs op school. Nee: fase 2 of 1 met een zorgplan.",
            24,
            {
                "a": "Zorglocatie",
                "b": "Zorglocatie en school",
                "c": "Zorglocatie en school",
                "d": "Zorglocatie en school",
                "e": "School van inschrijving",
            },
            "Toegang via jeugdteam en samenwerkingsverband (integraal arrangeren).",
            "De zorg heeft de regie over het plan, in afstemming met het onderwijs.",
            "De gemeente betaalt de zorg; de onderwijsuren komen uit onderwijsmiddelen van "
            "de school van inschrijving (ingroeiplan).",
            regie_bij=Regiehouder.ZORG,
            regie_bron="Toegang via Jeugdteam en Swv (via integraal arrangeren). Regie plan bij "
            "zorg in afstemming met het onderwijs.",
        ),
        Fase(
            2,
            "Zorg met ingroeiperspectief",
            "zorg met ingroeiperspectief",
            "cognitief leren één-op-één in een zorgsetting; ingroei in onderwijs is binnen "
            "1 à 2 jaar in zicht",
            "Ontwikkelen op een dagbestedingslocatie, met onderwijsactiviteiten op maat.",
            "Opbouw naar fase 3 of hoger binnen een jaar? Ja: opbouw naar onderwijs. "
            "Nee: route naar vrijstelling.",
            12,
            {
                "a": "Dagbesteding",
                "b": "Dagbesteding en school",
                "c": "Dagbesteding en school",
                "d": "Dagbesteding en school",
                "e": "School",
            },
            "Toegang via jeugdteam of een Wlz-indicatie.",
            "De zorg heeft de regie over het plan; de commissie van begeleiding van de "
            "school maakt het OPP.",
            "Gemeente of Wlz betaalt de dagbesteding; de TLV blijft 1 jaar in stand en wordt "
            "daarna tussen samenwerkingsverband en (v)so-school verrekend.",
            regie_bij=Regiehouder.ZORG,
            regie_bron="Toegang via Jeugdteam of via indicatie WLZ. Regie plan bij zorg.",
        ),
        Fase(
            1,
            "Zorg zonder (nog) zicht op onderwijs",
            "zorg",
            "er is (nog) geen zicht op ingroei in of deelname aan onderwijs",
            "Ontwikkelen binnen een zorglocatie.",
            "Periodieke herbeoordeling van het perspectief op onderwijs.",
            None,
            _alle(
                "Gemeente / jeugdhulpaanbieder",
                e="Educatie vanuit de zorg als de jeugdige daartoe in staat is (leerrecht)",
            ),
            "Toegang via jeugdteam of een Wlz-indicatie.",
            "De zorg heeft de regie over het plan.",
            "Zorgmiddelen (gemeente of Wlz); geen TLV-bekostiging.",
            regie_bij=Regiehouder.ZORG,
            regie_bron="Toegang via Jeugdteam of via indicatie WLZ. Regie plan bij zorg.",
        ),
    )
}
FASE_NUMMERS = tuple(sorted(FASEN))

# Fasenmodel, phase 4 (OZA): "Er is altijd sprake van een OPP." A pupil placed in these
# phases without an OPP is signalled (arrangeren/route/faseregie.py). Phase 3 (ZOA) needs
# an OPP only when the pupil returns to phase 4 or higher ("Ja: OPP + opbouwprogramma"),
# so it is not signalled.
ALTIJD_OPP: frozenset[int] = frozenset({4})


def fase(nummer: int) -> Fase:
    return FASEN[nummer]


def overgeslagen_fasen(van: int | None, naar: int) -> list[int]:
    """The phases jumped over on a transition (the model allows it; it needs attention)."""
    if van is None or abs(naar - van) <= 1:
        return []
    stap = 1 if naar > van else -1
    return list(range(van + stap, naar, stap))


# Continuum rules -------------------------------------------------------------------


class Niveau:
    INFO = "info"  # the term runs
    AANDACHT = "aandacht"  # the term ends within `VOORAANKONDIGING_MAANDEN`
    ACTIE = "actie"  # the term has passed: someone must act


VOORAANKONDIGING_MAANDEN = 3


@dataclass(frozen=True)
class Continuumregel:
    code: str
    fase: int
    maanden: int  # term after the placement's start date
    lopend: str  # shown while the term runs; {datum} is the end of the term
    verstreken: str  # shown from the end of the term
    cognitief: bool | None = None  # fase 1 only: with or without cognitive needs


REGELS: tuple[Continuumregel, ...] = (
    Continuumregel(
        "oza_duur",
        4,
        24,
        "Een OZA duurt in principe 2 jaar (tot {datum}): werk toe naar fase 5 of 6.",
        "Het OZA loopt langer dan 2 jaar (sinds {datum}): bespreek de opbouw naar fase 5 "
        "of 6, of waarom het arrangement langer nodig is.",
    ),
    Continuumregel(
        "zoa_besluit_1jaar",
        3,
        12,
        "Na 1 jaar ZOA ({datum}) volgt het besluit: lukt terugleiden naar fase 4 of hoger "
        "binnen 1 à 2 jaar?",
        "Het ZOA loopt 1 jaar (sinds {datum}): besluit of terugleiden naar fase 4 of hoger "
        "lukt. Ja: OPP en opbouwprogramma. Nee: fase 2 of 1 met een zorgplan.",
    ),
    Continuumregel(
        "zoa_besluit_2jaar",
        3,
        24,
        "Het besluit over terugleiden moet uiterlijk na 2 jaar ZOA vallen ({datum}).",
        "Het ZOA loopt langer dan 2 jaar (sinds {datum}): het besluit over terugleiden "
        "naar fase 4 of hoger is over tijd.",
    ),
    Continuumregel(
        "fase2_inschrijving",
        2,
        24,
        "De leerling behoudt de schoolinschrijving tot 2 jaar na plaatsing op de "
        "dagbesteding (tot {datum}).",
        "De schoolinschrijving van 2 jaar na plaatsing op de dagbesteding is verlopen "
        "(sinds {datum}): regel de inschrijving of de route naar vrijstelling.",
    ),
    Continuumregel(
        "fase2_tlv",
        2,
        12,
        "De TLV blijft 1 jaar in stand na plaatsing in de dagbesteding (tot {datum}).",
        "De TLV is 1 jaar na plaatsing in de dagbesteding niet meer in stand (sinds "
        "{datum}): samenwerkingsverband en (v)so-school verrekenen de TLV.",
    ),
    Continuumregel(
        "fase1_inschrijving",
        1,
        12,
        "Met onderwijsbehoeften op cognitief vlak behoudt de leerling de "
        "schoolinschrijving tot 1 jaar na plaatsing (tot {datum}); geen TLV-bekostiging.",
        "De schoolinschrijving van 1 jaar na plaatsing is verlopen (sinds {datum}): start "
        "de route naar (tijdelijke) vrijstelling met periodieke herbeoordeling door "
        "leerplicht, samenwerkingsverband en zorglocatie.",
        cognitief=True,
    ),
    Continuumregel(
        "fase1_vrijstelling",
        1,
        0,
        "",
        "Zonder onderwijsbehoeften op cognitief vlak: (tijdelijke) vrijstelling van "
        "leerplicht; 100% zorg. Leerplicht, samenwerkingsverband en zorglocatie "
        "bespreken periodiek aflopende vrijstellingen (sinds {datum}).",
        cognitief=False,
    ),
)


class PlaatsingLike(Protocol):
    fase: int
    startdatum: date
    cognitieve_leerbehoefte: bool


@dataclass(frozen=True)
class Signaal:
    code: str
    niveau: str
    tekst: str
    termijn: date  # end of the rule's term

    @property
    def is_actie(self) -> bool:
        return self.niveau == Niveau.ACTIE


# The phases whose placements record cognitive learning needs: their rules differ by it.
MET_COGNITIEF = frozenset(r.fase for r in REGELS if r.cognitief is not None)


def regels_voor(fase_nummer: int, cognitief: bool) -> list[Continuumregel]:
    return [
        r
        for r in REGELS
        if r.fase == fase_nummer and (r.cognitief is None or r.cognitief == cognitief)
    ]


def signalen(plaatsing: PlaatsingLike, op: date) -> list[Signaal]:
    """The continuum signals for a placement on a date, most urgent first."""
    uitkomst = []
    for regel in regels_voor(plaatsing.fase, bool(plaatsing.cognitieve_leerbehoefte)):
        termijn = plus_maanden(plaatsing.startdatum, regel.maanden)
        if op >= termijn:
            niveau, tekst = Niveau.ACTIE, regel.verstreken
        elif op >= plus_maanden(plaatsing.startdatum, regel.maanden - VOORAANKONDIGING_MAANDEN):
            niveau, tekst = Niveau.AANDACHT, regel.lopend
        else:
            niveau, tekst = Niveau.INFO, regel.lopend
        uitkomst.append(
            Signaal(regel.code, niveau, tekst.format(datum=termijn.strftime("%d-%m-%Y")), termijn)
        )
    volgorde = {Niveau.ACTIE: 0, Niveau.AANDACHT: 1, Niveau.INFO: 2}
    return sorted(uitkomst, key=lambda s: (volgorde[s.niveau], s.termijn))
