"""Reads of jeugdhulp: one inzet's hours and kader, and the signals on the work list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, QuerySet, Sum
from django.utils import timezone

from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import Jeugdhulpinzet, Jeugdhulpsoort, Urenregistratie
from arrangeren.route.models import Traject


@dataclass(frozen=True)
class Inzetstand:
    """Where one inzet stands: its hours, the kader (where it counts), the MDB's cost."""

    uren: list[Urenregistratie]
    geleverd: Decimal
    kader: kaders.Kaderstatus | None
    kosten: kaders.Kosten | None
    einde_te_laat: bool


def inzetstand(inzet: Jeugdhulpinzet, vandaag: date) -> Inzetstand:
    geleverd = inzet.uren.aggregate(t=Sum("uren"))["t"] or 0
    return Inzetstand(
        uren=list(inzet.uren.select_related("door")),
        geleverd=geleverd,
        # Hours count in the half year in which their week starts (the Monday).
        kader=kaders.kaderstatus(inzet.traject.leerling, kaders.maandag(vandaag))
        if inzet.soort in kaders.SOORTEN_IN_KADER
        else None,
        kosten=kaders.mdb_kosten(
            geleverd,
            uurtarief=inzet.uurtarief,
            scenario=inzet.scenario,
            aandeel_onderwijs=inzet.aandeel_onderwijs,
            betaler=inzet.betaler,
        )
        if inzet.soort == Jeugdhulpsoort.MDB
        else None,
        einde_te_laat=kaders.te_late_aankondiging(
            inzet.einde_aangekondigd_op, inzet.aangekondigd_einde
        ),
    )


def jeugdhulp_signalen(trajecten: QuerySet) -> dict[str, list]:
    """Kader begeleiding at 80% or more this half year (the trajecten, with their pupil and
    `uren`), and ends announced too late; each list in one query, the first 25."""
    vandaag = timezone.localdate()
    halfjaar = kaders.halfjaar_van(vandaag)
    kader = list(
        Traject.objects.filter(
            pk__in=trajecten.values("pk"),
            jeugdhulp__soort__in=kaders.SOORTEN_IN_KADER,
            jeugdhulp__uren__week__gte=halfjaar,
            jeugdhulp__uren__week__lte=kaders.einde_halfjaar(halfjaar),
        )
        .annotate(uren=Sum("jeugdhulp__uren__uren"))
        .filter(uren__gte=kaders.KADER_UREN * kaders.WAARSCHUWING_VANAF)
        .select_related("leerling")
        .order_by("-uren", "leerling__achternaam", "leerling__voornaam")[:25]
    )
    te_laat = list(
        Jeugdhulpinzet.objects.filter(
            traject__in=trajecten,
            aangekondigd_einde__gte=vandaag,
            aangekondigd_einde__lt=F("einde_aangekondigd_op") + kaders.AANKONDIGING_EINDE,
        )
        .select_related("traject__leerling", "aanbieder")
        .order_by("aangekondigd_einde")[:25]
    )
    return {"kader": kader, "te_laat": te_laat}
