"""Reads of the fasenmodel: current phase, history, the register by urgency, overviews and
the "Mijn werk" items. Every function costs a fixed number of queries, however many
rows it returns."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from accounts.aantallen import aantal
from accounts.models import Leerling, User
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import Bereik, rollen_met_bereik

from .fasen import (
    FASE_NUMMERS,
    FASEN,
    REGELS,
    VOORAANKONDIGING_MAANDEN,
    Niveau,
    plus_maanden,
    signalen,
)
from .models import Faseovergang, Plaatsing, Procesregiebesluit, Thuiszitter, Vrijstelling
from .permissions import overzicht_plaatsingen
from .thuiszitten import BIJNA_DAGEN, PACT_MAANDEN, Pact, Pactstatus

MAANDEN_IN_REEKS = 12
# The register shows this many entries per page; "Mijn werk" the most urgent items only.
REGISTER_PER_PAGINA = 25
WERK_MAX = 25
MAANDNAMEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
# Duration bands (months at home) of the overview: (label, from, to).
DUURBANDEN = (
    ("minder dan 1 maand", 0, 1),
    ("1 tot 3 maanden", 1, 3),
    ("3 tot 6 maanden", 3, 6),
    ("6 tot 12 maanden", 6, 12),
    ("12 maanden of langer", 12, None),
)


def huidige_plaatsing(leerling: Leerling) -> Plaatsing | None:
    """The placement in force today; one recorded ahead starts counting on its date."""
    return (
        Plaatsing.objects.filter(leerling=leerling, startdatum__lte=timezone.localdate())
        .select_related("besloten_door", "namens")
        .order_by("-startdatum", "-pk")
        .first()
    )


def huidige_plaatsingen(op: date | None = None) -> QuerySet[Plaatsing]:
    """Every pupil's placement in force on `op`: the latest one that started (the same
    order as `huidige_plaatsing`). One anti-join on the index (leerling, startdatum) rather
    than a latest-placement subquery per row; the same SQL on PostgreSQL and SQLite."""
    op = op or timezone.localdate()
    later = Plaatsing.objects.filter(leerling=OuterRef("leerling"), startdatum__lte=op).filter(
        Q(startdatum__gt=OuterRef("startdatum"))
        | Q(startdatum=OuterRef("startdatum"), pk__gt=OuterRef("pk"))
    )
    return Plaatsing.objects.filter(startdatum__lte=op).filter(~Exists(later))


def laatste_start(maanden: int, grens: date) -> date:
    """The latest start date whose term of `maanden` months ends on or before `grens`.

    `plus_maanden` clamps to the month's last day, so several starts can share one end
    (30 November and 28 February); a term "ended by `grens`" is then `start <= this`,
    a plain date comparison the database can use an index for.
    """
    start = plus_maanden(grens, -maanden)
    while plus_maanden(start, maanden) > grens:
        start -= timedelta(days=1)
    while plus_maanden(start + timedelta(days=1), maanden) <= grens:
        start += timedelta(days=1)
    return start


def fasegeschiedenis(leerling: Leerling) -> list[Faseovergang]:
    return list(
        Faseovergang.objects.filter(leerling=leerling).select_related("door", "plaatsing__namens")
    )


@dataclass
class Registerregel:
    thuiszitter: Thuiszitter
    pact: Pact
    procesregie: str
    procesregie_besluit: Procesregiebesluit | None

    @property
    def leerling(self) -> Leerling:
        return self.thuiszitter.leerling


def _besluiten() -> Prefetch:
    return Prefetch(
        "procesregiebesluiten",
        queryset=Procesregiebesluit.objects.select_related("door", "namens").order_by(
            "-tijdstip", "-pk"
        ),
    )


def vrijgesteld(op: date | None = None) -> Exists:
    """Annotates a thuiszitter as `_vrijgesteld`: the pupil has an active exemption (the
    vrijstelling route) - no kind of verzuim, but the procesregie rule depends on it."""
    op = op or timezone.localdate()
    return Exists(Vrijstelling.objects.filter(leerling_id=OuterRef("leerling_id")).actief(op))


def registerregel(thuiszitter: Thuiszitter, op: date) -> Registerregel:
    besluiten = list(thuiszitter.procesregiebesluiten.all())
    regie, besluit = thuiszitter.procesregie(besluiten)
    return Registerregel(thuiszitter, thuiszitter.pact(op), regie, besluit)


def _urgentie(qs: QuerySet[Thuiszitter], op: date) -> QuerySet[Thuiszitter]:
    """Order entries as `Pact.urgentie` does, in SQL: by status (escalation, close, running,
    offer started, ended), within the first three by `sinds` (the deadline follows it),
    within the last two by days at home (most first); then `sinds` and pk as the Python
    sort did (thuiszitten.py is the rule, tests/fasenmodel compare the two)."""
    beeindigd = Q(beeindigd_op__lte=op)
    aanbod = Q(aanbod_gestart=True) & (Q(aanbod_sinds__isnull=True) | Q(aanbod_sinds__lte=op))
    rang = Case(
        When(beeindigd, then=Value(4)),
        When(aanbod, then=Value(3)),
        When(sinds__lte=laatste_start(PACT_MAANDEN, op), then=Value(0)),
        When(sinds__lte=laatste_start(PACT_MAANDEN, op + timedelta(days=BIJNA_DAGEN)), then=1),
        default=Value(2),
        output_field=IntegerField(),
    )
    # pact(): the days at home end today or at the end, or earlier when an offer started.
    eind = Case(
        When(beeindigd_op__lt=op, then=F("beeindigd_op")),
        default=Value(op),
        output_field=DateField(),
    )
    return (
        qs.alias(_rang=rang, _eind=eind)
        .alias(
            _eind_thuis=Case(
                When(
                    Q(
                        aanbod_gestart=True,
                        aanbod_sinds__isnull=False,
                        aanbod_sinds__lte=F("_eind"),
                    ),
                    then=F("aanbod_sinds"),
                ),
                default=F("_eind"),
                output_field=DateField(),
            )
        )
        .alias(
            _dagen=Case(
                When(
                    Q(_rang__gte=3) & Q(_eind_thuis__gt=F("sinds")),
                    then=ExpressionWrapper(
                        F("_eind_thuis") - F("sinds"), output_field=DurationField()
                    ),
                ),
                default=Value(timedelta(0)),
                output_field=DurationField(),
            )
        )
        .order_by("_rang", F("_dagen").desc(), "sinds", "pk")
    )


def register_query(user: User, op: date, *, alleen_open: bool = True) -> QuerySet[Thuiszitter]:
    """The thuiszitters the user may see, most urgent first (thuiszitterspact), in SQL.
    Only the register's own table: `met_details` reads the pupils of the rows shown."""
    qs = Thuiszitter.objects.for_user(user)
    if alleen_open:
        qs = qs.open()
    return _urgentie(qs, op)


def met_details(thuiszitters: QuerySet[Thuiszitter], op: date) -> list[Thuiszitter]:
    """These entries (a page of `register_query`) with pupil, school and decisions, in the
    same order. Sorting and cutting first keeps PostgreSQL from joining every entry with
    the region's pupils (a hash join over all 100,000) to show 25; the few rows are put
    back in order by the rule itself (`Pact.urgentie`, then `sinds` and pk, as in SQL)."""
    rijen = (
        Thuiszitter.objects.filter(pk__in=thuiszitters.values("pk"))
        .annotate(_vrijgesteld=vrijgesteld(op))
        .select_related("leerling__school")
        .prefetch_related(_besluiten())
    )
    return sorted(rijen, key=lambda t: (t.pact(op).urgentie, t.sinds, t.pk))


def registerregels(thuiszitters, op: date) -> list[Registerregel]:
    return [registerregel(t, op) for t in thuiszitters]


def register_pagina(
    user: User, pagina: str | int | None, op: date | None = None, *, alleen_open: bool = True
) -> tuple[Page, list[Registerregel]]:
    """One page of the register: a count, the page's rows and their decisions (3 queries)."""
    op = op or timezone.localdate()
    page = Paginator(register_query(user, op, alleen_open=alleen_open), REGISTER_PER_PAGINA)
    page = page.get_page(pagina)
    return page, registerregels(met_details(page.object_list, op), op)


def register(
    user: User, op: date | None = None, *, alleen_open: bool = True
) -> list[Registerregel]:
    """The whole register, most urgent first (thuiszitterspact); pages use `register_pagina`."""
    op = op or timezone.localdate()
    thuiszitters = register_query(user, op, alleen_open=alleen_open)
    return registerregels(
        thuiszitters.annotate(_vrijgesteld=vrijgesteld(op))
        .select_related("leerling__school")
        .prefetch_related(_besluiten()),
        op,
    )


def thuiszitter_met_details(user: User) -> QuerySet[Thuiszitter]:
    return (
        Thuiszitter.objects.for_user(user)
        .annotate(_vrijgesteld=vrijgesteld())
        .select_related("leerling__school", "ingevoerd_door")
        .prefetch_related(_besluiten())
    )


# Overview -------------------------------------------------------------------------


def _maandeinde(jaar: int, maand: int) -> date:
    return plus_maanden(date(jaar, maand, 1), 1) - timedelta(days=1)


def thuiszitters_per_maand(user: User, op: date) -> list[tuple[str, int]]:
    """Entries at home at the end of each of the last 12 months (one query)."""
    maanden = []
    for terug in range(MAANDEN_IN_REEKS - 1, -1, -1):
        eerste = plus_maanden(date(op.year, op.month, 1), -terug)
        peil = min(_maandeinde(eerste.year, eerste.month), op)
        maanden.append((f"{MAANDNAMEN[eerste.month - 1]} {eerste.year}", peil))
    telling = Thuiszitter.objects.for_user(user).aggregate(
        **{
            f"m{i}": Count(
                "pk",
                filter=Q(sinds__lte=peil)
                & (Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gt=peil)),
            )
            for i, (_, peil) in enumerate(maanden)
        }
    )
    return [(label, telling[f"m{i}"]) for i, (label, _) in enumerate(maanden)]


def thuiszitters_per_duur(user: User, op: date) -> list[tuple[str, int]]:
    """Open entries by how long the pupil is at home (one query)."""
    velden = {}
    for i, (_, van, tot) in enumerate(DUURBANDEN):
        filter_ = Q(sinds__lte=plus_maanden(op, -van))
        if tot is not None:
            filter_ &= Q(sinds__gt=plus_maanden(op, -tot))
        velden[f"b{i}"] = Count("pk", filter=filter_)
    telling = Thuiszitter.objects.for_user(user).open().aggregate(**velden)
    return [(label, telling[f"b{i}"]) for i, (label, _, _) in enumerate(DUURBANDEN)]


def leerlingen_per_fase(user: User) -> list[tuple[str, int]]:
    """Pupils by their current phase, phase 6 to 1 (one query)."""
    huidig = overzicht_plaatsingen(user, huidige_plaatsingen())
    telling = dict(huidig.order_by().values_list("fase").annotate(n=Count("pk")))
    return [(FASEN[n].label, telling.get(n, 0)) for n in sorted(FASE_NUMMERS, reverse=True)]


# Mijn werk ------------------------------------------------------------------------


@dataclass(frozen=True)
class Werkitem:
    leerling: Leerling
    titel: str
    tekst: str
    url: str
    urgent: bool  # past a term (escalation / action), else approaching
    datum: date  # the term the item is about


def werklijst(user: User, op: date | None = None, *, maximum: int = WERK_MAX) -> list[Werkitem]:
    """Items for "Mijn werk", most urgent first, at most `maximum`. See README / the
    report for the contract.

    - Thuiszitters the user may see in the register (leerplicht: region; SWV: its
      schools; school: its pupils) that are at or near 3 months at home without a
      fitting started offer.
    - For school staff (coördinator, director): continuum signals needing attention or
      action on the current placements of their own school's pupils.
    Each part reads at most `maximum` rows in SQL (a fixed number of queries for any
    region), the most urgent of each; the page shows the most urgent of both.
    Items name pupils: the caller logs them with `log_toegang(..., aanvullend=
    fasenmodel.permissions.registergronden(user, [i.leerling for i in items]))`.
    """
    op = op or timezone.localdate()
    items = [_thuiszitteritem(r) for r in _dringende_thuiszitters(user, op, maximum)]
    for plaatsing in _plaatsingen_met_signaal(user, op, maximum):
        items.extend(_signaalitems(plaatsing, op))
    return sorted(items, key=lambda i: (not i.urgent, i.datum))[:maximum]


def _dringende_thuiszitters(user: User, op: date, maximum: int) -> list[Registerregel]:
    """Open entries past or close to 3 months without a started offer: escalations are
    the oldest `sinds`, so `sinds` alone orders them as `Pact.urgentie` does."""
    aanbod = Q(aanbod_gestart=True) & (Q(aanbod_sinds__isnull=True) | Q(aanbod_sinds__lte=op))
    thuiszitters = (
        Thuiszitter.objects.for_user(user)
        .open()
        .exclude(aanbod)
        .filter(sinds__lte=laatste_start(PACT_MAANDEN, op + timedelta(days=BIJNA_DAGEN)))
        .order_by("sinds", "pk")[:maximum]
    )
    return registerregels(met_details(thuiszitters, op), op)


def _thuiszitteritem(regel: Registerregel) -> Werkitem:
    escalatie = regel.pact.status == Pactstatus.ESCALATIE
    return Werkitem(
        regel.leerling,
        "Thuiszitter: escaleren" if escalatie else "Thuiszitter: bijna 3 maanden",
        f"{aantal(regel.pact.dagen_thuis, 'dag,dagen')} thuis zonder gestart passend aanbod; "
        f"procesregie: {regel.thuiszitter.procesregie_label()}.",
        reverse("fasenmodel:thuiszitter_detail", args=[regel.thuiszitter.uuid]),
        escalatie,
        regel.pact.grens,
    )


def _met_signaal(op: date) -> Q:
    """Placements with at least one signal past `Niveau.INFO` on `op` (fasen.signalen)."""
    voorwaarden = []
    for regel in REGELS:
        voorwaarde = Q(
            fase=regel.fase,
            startdatum__lte=laatste_start(regel.maanden - VOORAANKONDIGING_MAANDEN, op),
        )
        if regel.cognitief is not None:
            voorwaarde &= Q(cognitieve_leerbehoefte=regel.cognitief)
        voorwaarden.append(voorwaarde)
    return reduce(operator.or_, voorwaarden)


def _plaatsingen_met_signaal(user: User, op: date, maximum: int) -> list[Plaatsing]:
    """The current placements of the user's own school's pupils with a signal: the
    `maximum` oldest of each phase (and cognitive flag), newest first.

    Within one phase every rule's term runs from the start date, so the oldest
    placements carry the most urgent signals of each rule: the `maximum` most urgent
    items overall are among these. Items with the same date keep the order the full
    list had (newest placement first); only a tie at the cut between two start dates that
    share an end (29 and 30 November, 3 months) could pick the other of the two.
    """
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    schoolrollen = rollen_met_bereik(Bereik.EIGEN_SCHOOL)
    school_ids = [lid.organisatie_id for lid in lidmaatschappen if lid.rol in schoolrollen]
    if not school_ids:
        return []  # leerplicht, the SWV: thuiszitters only
    return list(
        huidige_plaatsingen()
        .filter(_met_signaal(op), leerling__school_id__in=school_ids)
        .annotate(
            _volgorde=Window(
                RowNumber(),
                partition_by=[F("fase"), F("cognitieve_leerbehoefte")],
                order_by=[F("startdatum").asc(), F("pk").desc()],
            )
        )
        .filter(_volgorde__lte=maximum)
        .select_related("leerling")
        .order_by("-startdatum", "-pk")
    )


def _signaalitems(plaatsing: Plaatsing, op: date) -> list[Werkitem]:
    return [
        Werkitem(
            plaatsing.leerling,
            f"Fase {plaatsing.fase}: " + ("actie nodig" if signaal.is_actie else "termijn nadert"),
            signaal.tekst,
            reverse("fasenmodel:leerling_fase", args=[plaatsing.leerling.uuid]),
            signaal.is_actie,
            signaal.termijn,
        )
        for signaal in signalen(plaatsing, op)
        if signaal.niveau != Niveau.INFO
    ]
