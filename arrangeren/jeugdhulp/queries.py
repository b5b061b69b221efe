"""Reads of jeugdhulp: one inzet's hours and kader, and the signals on the work list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import Jeugdhulpinzet, Jeugdhulpsoort, Urenregistratie
from arrangeren.route.models import Traject
from arrangeren.route.permissions import TrajectRechten
from opp.models import Opp, OppDoel
from opp.permissions import rechten_voor_opps

# The OPP versions whose goals jeugdhulp can be registered for.
KOPPELBARE_STATUSSEN = (Opp.Status.CONCEPT, Opp.Status.TER_ONDERTEKENING, Opp.Status.VASTGESTELD)


@dataclass(frozen=True)
class Doelen:
    """The OPP goals a user may read, and whether the pupil's OPP holds goals they may not
    (without the parents' consent for OPP inzage: docs/toestemming.md)."""

    zichtbaar: list[OppDoel]
    verborgen: bool


def leesbare_doelen(
    user: User, doelen: QuerySet[OppDoel], rechten: TrajectRechten | None = None
) -> Doelen:
    """The goals among `doelen` whose OPP version the user may read: the OPP page's own
    rule (opp.permissions), so a goal text shows nowhere the OPP itself would not. With
    the traject's `rechten`, an outsider's consent is not read again."""
    doelen = list(doelen.select_related("opp__leerling__vorige", "opp__leerling__school"))
    gelezen = (
        {rechten.traject.leerling_id: rechten.toestemmingen}
        if rechten is not None and rechten.toestemmingen is not None
        else None
    )
    rechten_per_opp = rechten_voor_opps(user, {d.opp_id: d.opp for d in doelen}.values(), gelezen)
    zichtbaar = [d for d in doelen if rechten_per_opp[d.opp_id].lezen]
    return Doelen(zichtbaar, len(zichtbaar) < len(doelen))


def koppelbare_doelen(user: User, rechten: TrajectRechten) -> Doelen:
    """The goals the registration form offers: of the current OPP versions of the
    traject's pupil, and only those the user may read."""
    return leesbare_doelen(
        user,
        OppDoel.objects.filter(
            opp__leerling=rechten.traject.leerling, opp__status__in=KOPPELBARE_STATUSSEN
        ),
        rechten,
    )


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
