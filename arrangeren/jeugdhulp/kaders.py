"""Regional rules for jeugdhulp as data (docs/jeugdhulp.md, from the Leidende principes).

- Kaders begeleiding: at most 52 hours of begeleiding per half year per pupil; a warning
  at 80%; more only as a recorded exception with a running education arrangement.
- Care providers announce the end of treatment at least 6 weeks ahead.
- Multidisciplinaire begeleider: hourly rate (default EUR 90) and financing scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Sum

from accounts.models import Leerling

KADER_UREN = Decimal("52")
WAARSCHUWING_VANAF = Decimal("0.8")
SOORTEN_IN_KADER = ("begeleiding",)
AANKONDIGING_EINDE = timedelta(weeks=6)
MAX_UREN_PER_WEEK = Decimal(7 * 24)


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
    uitzondering: bool

    @property
    def grens(self) -> Decimal:
        return KADER_UREN

    @property
    def waarschuwing(self) -> bool:
        return self.uren >= KADER_UREN * WAARSCHUWING_VANAF

    @property
    def overschreden(self) -> bool:
        return self.uren > KADER_UREN

    @property
    def resterend(self) -> Decimal:
        return max(KADER_UREN - self.uren, Decimal(0))


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
    return Kaderstatus(
        halfjaar=halfjaar,
        uren=begeleidingsuren(leerling, halfjaar),
        uitzondering=Kaderuitzondering.objects.filter(
            leerling=leerling, halfjaar=halfjaar
        ).exists(),
    )


def te_late_aankondiging(aangekondigd_op: date | None, einde: date | None) -> bool:
    return bool(aangekondigd_op and einde and einde - aangekondigd_op < AANKONDIGING_EINDE)


def _euro(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Kosten:
    totaal: Decimal
    onderwijs: Decimal
    gemeente: Decimal
    uitleg: str


def mdb_kosten(
    uren: Decimal, *, uurtarief=None, scenario: str, aandeel_onderwijs=None, betaler=""
) -> Kosten:
    """Cost of a multidisciplinaire begeleider, and what each party pays."""
    tarief = Decimal(str(uurtarief if uurtarief is not None else settings.SAMENPLAN_MDB_UURTARIEF))
    totaal = _euro(Decimal(uren) * tarief)
    if scenario == "a":
        deel = Decimal(aandeel_onderwijs if aandeel_onderwijs is not None else 50) / 100
        onderwijs = _euro(totaal * deel)
        return Kosten(
            totaal,
            onderwijs,
            totaal - onderwijs,
            f"Gesplitst: onderwijs {deel:.0%}, gemeente de rest.",
        )
    if scenario == "b":
        if betaler == "onderwijs":
            return Kosten(
                totaal, totaal, Decimal(0), "Eén partij geeft opdracht; onderwijs betaalt."
            )
        return Kosten(totaal, Decimal(0), totaal, "Eén partij geeft opdracht; de gemeente betaalt.")
    half = _euro(totaal / 2)
    return Kosten(totaal, half, totaal - half, "Gezamenlijk contract: ieder de helft.")
