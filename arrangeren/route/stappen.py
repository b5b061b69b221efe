"""The nine steps of the routekaart integraal arrangeren, and the moves between them.

One table, enforced in one place (`check_move`); every rule that depends on the step a
traject is at asks the table (a column such as `mdo_mogelijk`, or a constant derived from
it), never a step number. Source: docs/route.md (Routekaart integraal arrangeren Holland
Rijnland).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


class Blok(models.TextChoices):
    VOOR = "voor", "Voor het MDO"
    TIJDENS = "tijdens", "Tijdens het MDO"
    NA = "na", "Na het MDO"


class Vastlegging(models.TextChoices):
    """Where a step's outcome is written down."""

    STAP = "stap", "Uitkomst van de stap"
    VERSLAG = "verslag", "Verslag van het MDO"
    NOTITIES = "notities", "Voortgangsnotities van de uitvoerders"


@dataclass(frozen=True)
class Stap:
    nummer: int
    naam: str
    blok: Blok
    beoogd_resultaat: str
    uitkomsten: tuple[tuple[str, str], ...]  # free-text outcome fields: (name, Dutch label)
    vastlegging: Vastlegging = Vastlegging.STAP
    # Structured outcomes kept in their own tables, so the OPP can take them over.
    gestructureerd: tuple[str, ...] = ()
    # What the route allows while a traject is at this step (docs/route.md).
    mdo_mogelijk: bool = False  # an MDO may be planned: goal and invitees are discussed
    organiseert_mdo: bool = False  # done once the MDO is planned and its invitations sent
    tlv_mogelijk: bool = False  # the school may prepare a TLV request (from arranging on)
    evalueert: bool = False  # the parties meet again to evaluate the arrangement

    @property
    def voor_mdo(self) -> bool:
        return self.blok == Blok.VOOR

    @property
    def na_mdo(self) -> bool:
        """After the meeting: the arrangement runs and those carrying it out report."""
        return self.blok == Blok.NA


STAPPEN: tuple[Stap, ...] = (
    Stap(
        1,
        "Waarnemen",
        Blok.VOOR,
        "Waarnemingen in de context (school, klas, thuis) en meerdere hypothesen.",
        (("observaties", "Observaties"), ("hypothesen", "Hypothesen")),
    ),
    Stap(
        2,
        "Informeren en voorbereiden",
        Blok.VOOR,
        "Doel van het overleg en wie er uitgenodigd worden, met instemming van ouders.",
        (
            ("doel_overleg", "Doel van het overleg"),
            ("voorgestelde_deelnemers", "Voorgestelde deelnemers"),
        ),
        mdo_mogelijk=True,
    ),
    # Room, interpreter and consent are the MDO's own facts (place or video link, the
    # interpreter's language, consent before inviting): step 3 asks nothing in free text
    # and is done once the MDO is planned and its invitations went out (issue 15).
    Stap(
        3,
        "Organiseren van het MDO",
        Blok.VOOR,
        "Uitnodiging, agenda, voorbereidingsstukken (met toestemming) en zo nodig een tolk.",
        (),
        mdo_mogelijk=True,
        organiseert_mdo=True,
    ),
    Stap(
        4,
        "Ondersteuningsbehoeften in beeld",
        Blok.TIJDENS,
        "Wat leerling en context nodig hebben, wat goed gaat, wat beter kan en wat ouders "
        "en kind zelf bijdragen.",
        (
            ("ondersteuningsbehoeften", "Ondersteuningsbehoeften"),
            ("wat_goed_gaat", "Wat gaat goed"),
            ("wat_beter_kan", "Wat kan beter"),
            ("bijdrage_ouders_kind", "Wat ouders, kind en netwerk zelf bijdragen"),
        ),
        Vastlegging.VERSLAG,
        mdo_mogelijk=True,
    ),
    Stap(
        5,
        "Gezamenlijke doelen stellen",
        Blok.TIJDENS,
        "Een integratief beeld met passende doelen.",
        (("integratief_beeld", "Integratief beeld"),),
        Vastlegging.VERSLAG,
        ("doelen",),
        mdo_mogelijk=True,
    ),
    Stap(
        6,
        "Gezamenlijk arrangeren",
        Blok.TIJDENS,
        "Per doel de inzet, wie wat wanneer doet, regie, overbrugging en een evaluatiedatum.",
        (
            (
                "regieafspraken",
                "Regieafspraken (school over het OPP, jeugdhulp over het gezinsplan)",
            ),
            ("overbrugging", "Overbruggingsafspraken tot de hulp start"),
        ),
        Vastlegging.VERSLAG,
        ("afspraken_per_doel", "evaluatiedatum"),
        mdo_mogelijk=True,
        tlv_mogelijk=True,
    ),
    Stap(
        7,
        "Uitvoeren en monitoren arrangement",
        Blok.NA,
        "De inzet loopt in samenhang; uitvoerders informeren de regievoerder over voortgang.",
        (),
        Vastlegging.NOTITIES,
        mdo_mogelijk=True,
        tlv_mogelijk=True,
    ),
    Stap(
        8,
        "Gezamenlijk evalueren",
        Blok.NA,
        "Evaluatie met ouders en leerling: zijn de doelen bereikt, past de inzet?",
        (("evaluatie", "Bevindingen van de evaluatie"),),
        mdo_mogelijk=True,
        tlv_mogelijk=True,
        evalueert=True,
    ),
    Stap(
        9,
        "Bijstellen arrangement",
        Blok.NA,
        "Besluit over bijstelling van behoeften, doelen of ondersteuning.",
        (("bijstelling", "Besloten bijstelling"),),
        mdo_mogelijk=True,
        tlv_mogelijk=True,
    ),
)

STAP = {stap.nummer: stap for stap in STAPPEN}


def eerste_stap(kenmerk: Callable[[Stap], bool]) -> Stap:
    """The first step of the table with this property."""
    return next(stap for stap in STAPPEN if kenmerk(stap))


def stap_met(gestructureerd: str) -> Stap:
    """The step whose structured outcome this is (e.g. "doelen")."""
    return eerste_stap(lambda stap: gestructureerd in stap.gestructureerd)


EERSTE_STAP = STAPPEN[0].nummer
LAATSTE_STAP = STAPPEN[-1].nummer
# After the last step a new cycle starts with a new MDO: the first step of the meeting.
NIEUWE_CYCLUS_VANAF = eerste_stap(lambda stap: stap.blok == Blok.TIJDENS).nummer
MDO_VANAF = eerste_stap(lambda stap: stap.mdo_mogelijk).nummer
# After the meeting: progress notes start, and the route counts as followed (TLV).
NA_MDO_VANAF = eerste_stap(lambda stap: stap.na_mdo).nummer
EVALUATIE_STAP = eerste_stap(lambda stap: stap.evalueert).nummer


class Overgang(models.TextChoices):
    START = "start", "Traject geopend"
    VOLGENDE = "volgende", "Naar de volgende stap"
    NIEUWE_CYCLUS = "nieuwe_cyclus", "Nieuwe cyclus (nieuw MDO)"
    AFSLUITEN = "afsluiten", "Traject afgesloten"


def allowed_moves(huidige: int) -> dict[int, Overgang]:
    """The steps reachable from `huidige`, and what kind of move each is."""
    moves = {}
    if huidige < LAATSTE_STAP:
        moves[huidige + 1] = Overgang.VOLGENDE
    if huidige == LAATSTE_STAP:
        moves[NIEUWE_CYCLUS_VANAF] = Overgang.NIEUWE_CYCLUS
    return moves


def check_move(huidige: int, naar: int) -> Overgang:
    """The one place that decides whether a step move is allowed."""
    if naar not in STAP:
        raise ValidationError(
            f"Stap {naar} bestaat niet; de route kent stap {EERSTE_STAP} tot en met {LAATSTE_STAP}."
        )
    overgang = allowed_moves(huidige).get(naar)
    if overgang is None:
        if naar == huidige:
            raise ValidationError(f"Het traject staat al in stap {naar}.")
        if naar > huidige + 1:
            raise ValidationError(
                f"Van stap {huidige} kan het traject niet naar stap {naar}: "
                "stappen worden niet overgeslagen. Rond eerst stap "
                f"{huidige} ({STAP[huidige].naam}) af."
            )
        raise ValidationError(
            f"Van stap {huidige} kan het traject niet terug naar stap {naar}. Alleen na stap "
            f"{LAATSTE_STAP} begint een nieuwe cyclus bij stap {NIEUWE_CYCLUS_VANAF}."
        )
    return overgang


class Voorwaarde(models.TextChoices):
    """Preconditions for starting integraal arrangeren (docs/route.md, step 1)."""

    EIGEN_ROUTE = (
        "eigen_route",
        "De route van de eigen ondersteuningsstructuur is gevolgd: er is een groeiplan of "
        "OPP gemaakt en geëvalueerd.",
    )
    ONVOLDOENDE_GROEI = (
        "onvoldoende_groei",
        "De ontwikkeling bleef ondanks die ondersteuning onvoldoende.",
    )
    EXTERNE_DESKUNDIGE = (
        "externe_deskundige",
        "Een externe deskundige die aan de school verbonden is, is geraadpleegd.",
    )


class Initiatief(models.TextChoices):
    """Who took the initiative to start integraal arrangeren (docs/route.md)."""

    SCHOOL = "school", "De school"
    JEUGDTEAM = "jeugdteam", "Het jeugdteam (signaal buiten het onderwijs)"


class JeugdteamVoorwaarde(models.TextChoices):
    """The jeugdteam's own start conditions: not the school's own support route, which it
    does not run (docs/route.md, opening a traject)."""

    SIGNAAL = (
        "signaal_buiten_onderwijs",
        "Er is iets gesignaleerd buiten het onderwijs (thuis, in het gezin of in de wijk).",
    )
    OUDERS = (
        "ouders_ingelicht",
        "De ouders zijn ingelicht en stemmen in met de start van integraal arrangeren.",
    )


@dataclass(frozen=True)
class Start:
    """How a traject starts, per initiative: what is confirmed and whether the signal is
    described. The regie starts with whoever took the initiative."""

    initiatief: Initiatief
    voorwaarden: tuple[models.TextChoices, ...]
    aanleiding_verplicht: bool  # the signal is described: why the traject starts
    bron: str


STARTS: dict[str, Start] = {
    s.initiatief: s
    for s in (
        # Routekaart integraal arrangeren, Toelichting: "Voordat er gestart wordt met
        # integraal arrangeren is de route van de eigen ondersteuningsstructuur van de school
        # gevolgd ... vraagt de school ... een consultatie aan. De school neemt initiatief en
        # voert regie tot anders wordt besloten."
        Start(
            Initiatief.SCHOOL,
            tuple(Voorwaarde),
            aanleiding_verplicht=False,
            bron="De school neemt initiatief en voert regie tot anders wordt besloten.",
        ),
        # Same source: "Wordt er iets gesignaleerd buiten het onderwijs? Dan neemt medewerker
        # jeugdteam het initiatief om tot een plan te komen en betrekken zij school."
        Start(
            Initiatief.JEUGDTEAM,
            tuple(JeugdteamVoorwaarde),
            aanleiding_verplicht=True,
            bron="Wordt er iets gesignaleerd buiten het onderwijs? Dan neemt medewerker "
            "jeugdteam het initiatief om tot een plan te komen en betrekken zij school.",
        ),
    )
}

# Every start condition a TrajectVoorwaarde row may name.
STARTVOORWAARDEN = [*Voorwaarde.choices, *JeugdteamVoorwaarde.choices]
