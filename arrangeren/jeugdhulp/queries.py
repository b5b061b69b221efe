"""Reads of jeugdhulp: one inzet's hours and kader, and the signals on the work list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Lidmaatschap, User
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import ROLLEN, Recht, Rol, Soort, rollen_met
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import (
    Jeugdhulpinzet,
    Jeugdhulpsoort,
    Kaderuitzondering,
    Urenregistratie,
)
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
            opdrachtgever=inzet.opdrachtgever,
            aandeel_onderwijs=inzet.aandeel_onderwijs,
            aandeel_gemeente=inzet.aandeel_gemeente,
        )
        if inzet.soort == Jeugdhulpsoort.MDB
        else None,
        einde_te_laat=kaders.te_late_aankondiging(
            inzet.einde_aangekondigd_op, inzet.aangekondigd_einde
        ),
    )


def _school_in_gemeenten(school: str, gemeenten: tuple[str, ...]) -> Q:
    """The school (a lookup path) lies in one of these municipalities: by its gemeente
    organisation's place, else its own place (kaders.gemeente_van_school). Case does not
    count, as in kaders.subregio_van_school: "Alphen aan den Rijn" is "alphen aan den rijn"."""
    gemeente_plaats, eigen_plaats = Q(pk__in=[]), Q(pk__in=[])
    for gemeente in gemeenten:
        gemeente_plaats |= Q(**{f"{school}__gemeente__plaats__iexact": gemeente.strip()})
        eigen_plaats |= Q(**{f"{school}__plaats__iexact": gemeente.strip()})
    return gemeente_plaats | (Q(**{f"{school}__gemeente__isnull": True}) & eigen_plaats)


@dataclass(frozen=True)
class Opdrachten:
    """Scenario a for one SWV and municipality: running MDB inzet per commissioning party."""

    swv: str
    gemeente: str
    onderwijs: int
    gemeente_aantal: int


def opdrachten_scenario_a(inzet: Jeugdhulpinzet, vandaag: date) -> Opdrachten | None:
    """*Holland Rijnland Methode, stap 3*, scenario a: "Zij geven ieder apart opdracht om
    voor de helft van het aantal leerlingen begeleiding te bieden." How many pupils of the
    same SWV and municipality each party commissioned a running MDB for; one query."""
    school = inzet.traject.leerling.school
    if inzet.scenario != "a" or school is None or not school.swv_id:
        return None
    gemeente = kaders.gemeente_van_school(school)
    telling = dict(
        Jeugdhulpinzet.objects.filter(
            soort=Jeugdhulpsoort.MDB,
            scenario="a",
            traject__leerling__school__swv_id=school.swv_id,
        )
        .filter(_school_in_gemeenten("traject__leerling__school", (gemeente,)))
        .annotate(einde=Coalesce("aangekondigd_einde", "geplande_einde"))
        .filter(einde__gte=vandaag)
        .values_list("opdrachtgever")
        .annotate(aantal=Count("traject__leerling", distinct=True))
        .order_by()
    )
    return Opdrachten(
        school.swv.naam, gemeente, telling.get("onderwijs", 0), telling.get("gemeente", 0)
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
        .exclude(_school_in_gemeenten("leerling__school", kaders.GEMEENTEN_ZONDER_KADER))
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


@dataclass(frozen=True)
class Uitzonderingrij:
    uitzondering: Kaderuitzondering
    mag_akkoord: bool  # the user speaks for the party the exception waits for


@dataclass(frozen=True)
class Uitzonderingen:
    """The kader exceptions of the pupils a school's coördinator or an SWV consulent
    speaks for (their own school, the schools of their SWV), and on whose behalf."""

    rijen: list[Uitzonderingrij]
    namens: dict[int, Lidmaatschap]  # pupil id -> membership (for the access log)


def _bij_swv(lid: Lidmaatschap) -> bool:
    return Soort.SWV in ROLLEN[Rol(lid.rol)].soorten


def uitzonderingen_voor(user: User, vandaag: date) -> Uitzonderingen | None:
    """Exceptions still waiting for an agreement, and those agreed for this or a later half
    year; None for whoever speaks for no school or SWV. A fixed number of queries."""
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    leden = [
        lid for lid in lidmaatschappen if lid.rol in rollen_met(Recht.KADERUITZONDERING_VASTLEGGEN)
    ]
    # The role says where it is held (accounts/rollen.py): no query for the organisation.
    swvs = {lid.organisatie_id: lid for lid in leden if _bij_swv(lid)}
    scholen = {lid.organisatie_id: lid for lid in leden if not _bij_swv(lid)}
    if not scholen and not swvs:
        return None
    uitzonderingen = (
        Kaderuitzondering.objects.filter(
            Q(leerling__school_id__in=scholen) | Q(leerling__school__swv_id__in=swvs)
        )
        .filter(Q(akkoord_op__isnull=True) | Q(halfjaar__gte=kaders.halfjaar_van(vandaag)))
        .select_related("leerling__school", "door", "akkoord_door")
        .order_by(F("akkoord_op").desc(nulls_first=True), "halfjaar", "leerling__achternaam")
    )
    rijen, namens = [], {}
    for uitzondering in uitzonderingen:
        school = uitzondering.leerling.school
        wacht_op = uitzondering.wacht_op
        mag = uitzondering.door_id != user.pk and (
            (wacht_op == Kaderuitzondering.Partij.SCHOOL and school.pk in scholen)
            or (wacht_op == Kaderuitzondering.Partij.SWV and school.swv_id in swvs)
        )
        rijen.append(Uitzonderingrij(uitzondering, mag))
        namens[uitzondering.leerling_id] = scholen.get(school.pk) or swvs[school.swv_id]
    return Uitzonderingen(rijen, namens)


def wachtende_uitzonderingen(lid: Lidmaatschap) -> int:
    """How many kader exceptions wait for the agreement of this membership's party (the
    school, or the SWV of the school) and were not proposed by its user; one query."""
    uitzonderingen = Kaderuitzondering.objects.filter(akkoord_op__isnull=True).exclude(
        door_id=lid.user_id
    )
    if _bij_swv(lid):
        uitzonderingen = uitzonderingen.filter(
            voorgesteld_namens=Kaderuitzondering.Partij.SCHOOL,
            leerling__school__swv_id=lid.organisatie_id,
        )
    else:
        uitzonderingen = uitzonderingen.filter(
            voorgesteld_namens=Kaderuitzondering.Partij.SWV,
            leerling__school_id=lid.organisatie_id,
        )
    return uitzonderingen.count()
