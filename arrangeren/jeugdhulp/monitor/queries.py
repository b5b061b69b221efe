"""The Regiomonitor's reads: each indicator is one aggregate query over the area, grouped
by samenwerkingsverband (the SWV of the pupil's school). No query reads a name; the number
of queries does not grow with the data (tests/arrangeren/test_regiomonitor.py)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Leerling, Organisatie
from accounts.rollen import Soort
from arrangeren.jeugdhulp.models import Jeugdhulpinzet
from arrangeren.route.models import Mdo, Tevredenheid
from fasenmodel.fasen import plus_maanden
from fasenmodel.models import Thuiszitter
from fasenmodel.thuiszitten import PACT_MAANDEN
from opp.models import Opp

from .indicatoren import Waarde

# How many school years the page offers (the current one and those before it).
SCHOOLJAREN = 4
ZONDER_SWV = "Zonder samenwerkingsverband (niet ingeschreven of mbo)"


@dataclass(frozen=True)
class Periode:
    """A school year (1 August to 31 July); figures "op de peildatum" use its last day,
    or today while it runs."""

    jaar: int
    begin: date
    eind: date
    peil: date

    @property
    def label(self) -> str:
        return f"{self.jaar}-{self.jaar + 1}"


def periode(jaar: int, vandaag: date) -> Periode:
    begin, eind = date(jaar, 8, 1), date(jaar + 1, 7, 31)
    return Periode(jaar, begin, eind, min(eind, vandaag))


def schooljaren(vandaag: date) -> list[Periode]:
    huidig = vandaag.year if vandaag.month >= 8 else vandaag.year - 1
    return [periode(huidig - terug, vandaag) for terug in range(SCHOOLJAREN)]


@dataclass(frozen=True)
class Gebied:
    """The area a user's role oversees: one SWV's schools, or the whole region (None)."""

    swv_id: int | None
    naam: str

    def filter(self, prefix: str) -> Q:
        return Q() if self.swv_id is None else Q(**{f"{prefix}school__swv_id": self.swv_id})


def rijen(gebied: Gebied) -> list[tuple[int | None, str]]:
    """The areas the table shows, one query: the SWV's, and for the region those without."""
    swvs = Organisatie.objects.filter(soort=Soort.SWV).order_by("naam")
    if gebied.swv_id is not None:
        swvs = swvs.filter(pk=gebied.swv_id)
    uit = [(pk, naam) for pk, naam in swvs.values_list("pk", "naam")]
    return uit if gebied.swv_id is not None else [*uit, (None, ZONDER_SWV)]


Telling = dict[int | None, dict[str, Waarde]]


def _per_swv(qs: QuerySet, swv: str, **aggregaten) -> dict[int | None, dict]:
    return {rij.pop(swv): rij for rij in qs.order_by().values(swv).annotate(**aggregaten)}


def thuiszitters(gebied: Gebied, p: Periode) -> Telling:
    thuis = Q(sinds__lte=p.peil) & (Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gt=p.peil))
    zonder_aanbod = Q(aanbod_gestart=False) | Q(aanbod_sinds__gt=p.peil)
    lang = thuis & zonder_aanbod & Q(sinds__lte=plus_maanden(p.peil, -PACT_MAANDEN))
    swv = "leerling__school__swv_id"
    tellingen = _per_swv(
        Thuiszitter.objects.filter(gebied.filter("leerling__")),
        swv,
        thuis=Count("pk", filter=thuis),
        lang=Count("pk", filter=lang),
        nieuw=Count("pk", filter=Q(sinds__gte=p.begin, sinds__lte=p.peil)),
    )
    return {k: {naam: Waarde(n, n) for naam, n in rij.items()} for k, rij in tellingen.items()}


def _dag(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def wachttijden(gebied: Gebied, p: Periode) -> Telling:
    """One query: per inzet only its area and three dates; the median is taken here, as
    SQLite has no percentile function."""
    afgesproken = (
        Mdo.objects.filter(
            traject_id=OuterRef("traject_id"),
            status=Mdo.Status.GEHOUDEN,
            start__lte=OuterRef("geregistreerd_op"),
        )
        .order_by("-start")
        .values("start")[:1]
    )
    regels = (
        Jeugdhulpinzet.objects.filter(gebied.filter("traject__leerling__"))
        .filter(start__gte=p.begin, start__lte=p.peil)
        .annotate(mdo_start=Subquery(afgesproken))
        .values_list("traject__leerling__school__swv_id", "start", "mdo_start", "geregistreerd_op")
    )
    dagen: dict[int | None, list[int]] = defaultdict(list)
    for swv, start, mdo_start, geregistreerd in regels:
        vanaf = _dag(mdo_start) or _dag(geregistreerd)
        dagen[swv].append(max((start - vanaf).days, 0))
    return {
        swv: {
            "mediaan": Waarde(statistics.median(lijst), len(lijst)),
            "aantal": Waarde(len(lijst), len(lijst)),
            "_dagen": Waarde(lijst, len(lijst)),  # for the median of all areas together
        }
        for swv, lijst in dagen.items()
    }


def tevredenheid(gebied: Gebied, p: Periode) -> Telling:
    swv = "mdo__traject__leerling__school__swv_id"
    tellingen = _per_swv(
        Tevredenheid.objects.filter(gebied.filter("mdo__traject__leerling__")).filter(
            score__isnull=False, mdo__start__date__gte=p.begin, mdo__start__date__lte=p.peil
        ),
        swv,
        n=Count("pk"),
        gemiddelde=Avg("score"),
    )
    return {
        k: {"gemiddelde": Waarde(rij["gemiddelde"], rij["n"]), "aantal": Waarde(rij["n"], rij["n"])}
        for k, rij in tellingen.items()
    }


def beide(gebied: Gebied, p: Periode) -> Telling:
    """Pupils with an OPP vastgesteld on or before the peildatum (a replaced version
    counts: a newer one followed it) and jeugdhulp running on that day."""
    opp = Opp.objects.filter(
        leerling_id=OuterRef("pk"),
        status__in=[Opp.Status.VASTGESTELD, Opp.Status.VERVANGEN],
        vastgesteld_op__date__lte=p.peil,
    )
    jeugdhulp = Jeugdhulpinzet.objects.annotate(
        einde=Coalesce("aangekondigd_einde", "geplande_einde")
    ).filter(traject__leerling_id=OuterRef("pk"), start__lte=p.peil, einde__gte=p.peil)
    tellingen = _per_swv(
        Leerling.objects.filter(gebied.filter("")).filter(Exists(opp), Exists(jeugdhulp)),
        "school__swv_id",
        n=Count("pk"),
    )
    return {k: {"n": Waarde(rij["n"], rij["n"])} for k, rij in tellingen.items()}


def nieuwe_thuiszitters_per_jaar(gebied: Gebied, jaren: list[Periode]) -> dict[int, Telling]:
    """New entries per school year and per SWV, all years in one query. Per SWV because
    the region's trend for a year is the total of the column "Nieuw thuis in deze
    periode" of that year's table, and is hidden under the same rule (overzicht.trend)."""
    tellingen = _per_swv(
        Thuiszitter.objects.filter(gebied.filter("leerling__")),
        "leerling__school__swv_id",
        **{
            f"j{p.jaar}": Count("pk", filter=Q(sinds__gte=p.begin, sinds__lte=p.peil))
            for p in jaren
        },
    )
    return {
        p.jaar: {
            swv: {"nieuw": Waarde(rij[f"j{p.jaar}"], rij[f"j{p.jaar}"])}
            for swv, rij in tellingen.items()
        }
        for p in jaren
    }
