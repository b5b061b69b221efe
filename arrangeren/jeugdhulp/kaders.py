"""Regional rules for jeugdhulp as data (docs/jeugdhulp.md, from the Leidende principes).

- Kaders begeleiding: at most 52 hours of begeleiding per half year per pupil in the
  subregions that agreed it (SUBREGIO_TABEL); a warning at 80%; more only as an exception
  agreed by school and SWV with a running education arrangement.
- Care providers announce the end of treatment at least 6 weeks ahead.
- Multidisciplinaire begeleider: hourly rate (default EUR 90) and financing scenarios
  (SCENARIO_REGELS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Sum

from accounts.models import Leerling, Organisatie

KADER_UREN = Decimal("52")
WAARSCHUWING_VANAF = Decimal("0.8")
SOORTEN_IN_KADER = ("begeleiding",)
AANKONDIGING_EINDE = timedelta(weeks=6)
MAX_UREN_PER_WEEK = Decimal(7 * 24)


# The kader per subregion of Holland Rijnland (issue 17). Source: *Regionale afspraken
# Duin- en Bollenstreek*, Leidende principes: "In de basis gelden voor de Leidse Regio en
# Duin en Bollen de 'Kaders begeleiding' van maximaal 52 uur in een half jaar." The seed
# names no kader for the Rijnstreek: there Samenplan counts the hours but sets no limit.
KADERBRON = (
    "In de basis gelden voor de Leidse Regio en Duin en Bollen de 'Kaders begeleiding' "
    "van maximaal 52 uur in een half jaar."
)


@dataclass(frozen=True)
class Subregio:
    naam: str
    gemeenten: tuple[str, ...]
    kader_uren: Decimal | None  # None: no regional kader begeleiding known
    bron: str


SUBREGIO_TABEL: tuple[Subregio, ...] = (
    Subregio(
        "Leidse Regio",
        ("Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude"),
        KADER_UREN,
        KADERBRON,
    ),
    Subregio(
        "Duin- en Bollenstreek",
        ("Hillegom", "Katwijk", "Lisse", "Noordwijk", "Teylingen"),
        KADER_UREN,
        KADERBRON,
    ),
    Subregio(
        "Rijnstreek",
        ("Alphen aan den Rijn", "Kaag en Braassem", "Nieuwkoop"),
        None,
        "De Leidende principes noemen de kaders begeleiding voor de Leidse Regio en Duin "
        "en Bollen, niet voor de Rijnstreek.",
    ),
)
SUBREGIO_VAN_GEMEENTE: dict[str, Subregio] = {
    gemeente.casefold(): sub for sub in SUBREGIO_TABEL for gemeente in sub.gemeenten
}
# Gemeenten where the seed sets no kader (the work list's signal leaves them out).
GEMEENTEN_ZONDER_KADER = tuple(
    gemeente for sub in SUBREGIO_TABEL if sub.kader_uren is None for gemeente in sub.gemeenten
)


def gemeente_van_school(school: Organisatie | None) -> str:
    """The school's municipality: its gemeente organisation's place, else its own place."""
    if school is None:
        return ""
    if school.gemeente_id and school.gemeente.plaats:
        return school.gemeente.plaats
    return school.plaats


def subregio_van_school(school: Organisatie | None) -> Subregio | None:
    return SUBREGIO_VAN_GEMEENTE.get(gemeente_van_school(school).strip().casefold())


def kader_voor(leerling: Leerling) -> Decimal | None:
    """The kader of the pupil's school's subregion. A school whose municipality is unknown
    or outside the table keeps the basis of 52 hours ("In de basis"): a limit is lifted
    only where the region's agreements are known not to set one."""
    subregio = subregio_van_school(leerling.school)
    return KADER_UREN if subregio is None else subregio.kader_uren


def halfjaar_van(dag: date) -> date:
    return date(dag.year, 1 if dag.month <= 6 else 7, 1)


def einde_halfjaar(begin: date) -> date:
    return date(begin.year, 6, 30) if begin.month == 1 else date(begin.year, 12, 31)


def maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


@dataclass(frozen=True)
class Kaderstatus:
    halfjaar: date
    uren: Decimal
    uitzondering: bool  # an exception agreed by school and SWV
    grens: Decimal | None = KADER_UREN  # None: no kader in the school's subregion
    subregio: str = ""
    voorstel: object = None  # the half year's Kaderuitzondering, agreed or not

    @property
    def waarschuwing(self) -> bool:
        return self.grens is not None and self.uren >= self.grens * WAARSCHUWING_VANAF

    @property
    def overschreden(self) -> bool:
        return self.grens is not None and self.uren > self.grens

    @property
    def resterend(self) -> Decimal | None:
        return None if self.grens is None else max(self.grens - self.uren, Decimal(0))


def begeleidingsuren(leerling: Leerling, halfjaar: date, zonder=None) -> Decimal:
    from arrangeren.jeugdhulp.models import Urenregistratie

    regels = Urenregistratie.objects.filter(
        inzet__traject__leerling=leerling,
        inzet__soort__in=SOORTEN_IN_KADER,
        week__gte=halfjaar,
        week__lte=einde_halfjaar(halfjaar),
    )
    if zonder is not None:
        regels = regels.exclude(pk=zonder)
    return regels.aggregate(totaal=Sum("uren"))["totaal"] or Decimal(0)


def kaderstatus(leerling: Leerling, dag: date) -> Kaderstatus:
    from arrangeren.jeugdhulp.models import Kaderuitzondering

    halfjaar = halfjaar_van(dag)
    voorstel = (
        Kaderuitzondering.objects.filter(leerling=leerling, halfjaar=halfjaar)
        .select_related("door", "akkoord_door", "leerling__school")
        .first()
    )
    subregio = subregio_van_school(leerling.school)
    return Kaderstatus(
        halfjaar=halfjaar,
        uren=begeleidingsuren(leerling, halfjaar),
        uitzondering=voorstel is not None and voorstel.akkoord,
        grens=kader_voor(leerling),
        subregio=subregio.naam if subregio else "",
        voorstel=voorstel,
    )


def te_late_aankondiging(aangekondigd_op: date | None, einde: date | None) -> bool:
    return bool(aangekondigd_op and einde and einde - aangekondigd_op < AANKONDIGING_EINDE)


def _euro(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# The MDB's financing, from *Holland Rijnland Methode, stap 3: profiel multidisciplinaire
# begeleider*, "Van advies naar werkelijkheid": "dat onderwijs en gemeenten gezamenlijk
# financieren. Daarbij zijn drie scenario's mogelijk". Per pupil Samenplan records:
@dataclass(frozen=True)
class Scenarioregel:
    code: str
    citaat: str
    opdrachtgever_nodig: bool  # a and b: which party commissions
    verdeling_nodig: bool  # c: the agreed split, in percent, summing to 100


SCENARIO_REGELS: dict[str, Scenarioregel] = {
    r.code: r
    for r in (
        # Per pupil one party commissions (and so pays) the whole begeleiding; the halves
        # show in the count per SWV and gemeente (queries.opdrachten_scenario_a).
        Scenarioregel(
            "a",
            "Zij geven ieder apart opdracht om voor de helft van het aantal leerlingen "
            "begeleiding te bieden. De afzonderlijke opdrachten bieden gezamenlijk ruimte "
            "om het totale aantal leerlingen te begeleiden.",
            True,
            False,
        ),
        # One party commissions, the other pays.
        Scenarioregel(
            "b",
            "Een van beide partijen geeft opdracht. De andere partij stelt het budget beschikbaar.",
            True,
            False,
        ),
        # A joint contract: the split is what the parties agreed, never assumed.
        Scenarioregel(
            "c",
            "Beide partijen sluiten gezamenlijk een contract met de aanbieder.",
            False,
            True,
        ),
    )
}
PARTIJNAMEN = {"onderwijs": "onderwijs", "gemeente": "de gemeente"}


def andere_partij(partij: str) -> str:
    return {"onderwijs": "gemeente", "gemeente": "onderwijs"}.get(partij, "")


@dataclass(frozen=True)
class Kosten:
    totaal: Decimal
    onderwijs: Decimal | None  # None: the split is not recorded
    gemeente: Decimal | None
    uitleg: str


def mdb_kosten(
    uren: Decimal,
    *,
    uurtarief=None,
    scenario: str,
    opdrachtgever: str = "",
    aandeel_onderwijs=None,
    aandeel_gemeente=None,
) -> Kosten:
    """Cost of a multidisciplinaire begeleider, and what each party pays (SCENARIO_REGELS)."""
    tarief = Decimal(str(uurtarief if uurtarief is not None else settings.SAMENPLAN_MDB_UURTARIEF))
    totaal = _euro(Decimal(uren) * tarief)
    if scenario in ("a", "b"):
        betaler = opdrachtgever if scenario == "a" else andere_partij(opdrachtgever)
        if not betaler:
            return Kosten(totaal, None, None, "Wie opdracht geeft is niet vastgelegd.")
        onderwijs = totaal if betaler == "onderwijs" else Decimal(0)
        if scenario == "a":
            uitleg = (
                f"Scenario a: {PARTIJNAMEN[betaler]} gaf voor deze leerling opdracht en "
                "betaalt de begeleiding."
            )
        else:
            uitleg = (
                f"Scenario b: {PARTIJNAMEN[opdrachtgever]} geeft opdracht, "
                f"{PARTIJNAMEN[betaler]} stelt het budget beschikbaar."
            )
        return Kosten(totaal, onderwijs, totaal - onderwijs, uitleg)
    if scenario == "c":
        if aandeel_onderwijs is None or aandeel_gemeente is None:
            return Kosten(totaal, None, None, "De afgesproken verdeling is niet vastgelegd.")
        onderwijs = _euro(totaal * Decimal(aandeel_onderwijs) / 100)
        return Kosten(
            totaal,
            onderwijs,
            totaal - onderwijs,
            f"Scenario c: gezamenlijk contract; afgesproken verdeling onderwijs "
            f"{aandeel_onderwijs}%, gemeente {aandeel_gemeente}%.",
        )
    return Kosten(totaal, None, None, "Het financieringsscenario is niet vastgelegd.")
