"""Reads of the fasenmodel: current phase, history, the register by urgency, overviews and
the "Mijn werk" items. Every function costs a fixed number of queries, however many
rows it returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, User
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import Bereik, rollen_met_bereik

from .fasen import FASE_NUMMERS, FASEN, Niveau, plus_maanden, signalen
from .models import Faseovergang, Plaatsing, Procesregiebesluit, Thuiszitter
from .permissions import overzicht_plaatsingen
from .thuiszitten import Pact, Pactstatus

MAANDEN_IN_REEKS = 12
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


def registerregel(thuiszitter: Thuiszitter, op: date) -> Registerregel:
    besluiten = list(thuiszitter.procesregiebesluiten.all())
    regie, besluit = thuiszitter.procesregie(besluiten)
    return Registerregel(thuiszitter, thuiszitter.pact(op), regie, besluit)


def register(
    user: User, op: date | None = None, *, alleen_open: bool = True
) -> list[Registerregel]:
    """The thuiszitters the user may see, most urgent first (thuiszitterspact)."""
    op = op or timezone.localdate()
    qs = Thuiszitter.objects.for_user(user).select_related("leerling__school")
    if alleen_open:
        qs = qs.open()
    regels = [registerregel(t, op) for t in qs.prefetch_related(_besluiten())]
    return sorted(regels, key=lambda r: (r.pact.urgentie, r.thuiszitter.sinds))


def thuiszitter_met_details(user: User) -> QuerySet[Thuiszitter]:
    return (
        Thuiszitter.objects.for_user(user)
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
    laatste = (
        Plaatsing.objects.filter(
            leerling=OuterRef("leerling"), startdatum__lte=timezone.localdate()
        )
        .order_by("-startdatum", "-pk")
        .values("pk")[:1]
    )
    huidig = overzicht_plaatsingen(user, Plaatsing.objects.all()).filter(pk=Subquery(laatste))
    telling = dict(huidig.values_list("fase").annotate(n=Count("pk")).values_list("fase", "n"))
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


def werklijst(user: User, op: date | None = None) -> list[Werkitem]:
    """Items for "Mijn werk", most urgent first. See README / the report for the contract.

    - Thuiszitters the user may see in the register (leerplicht: region; SWV: its
      schools; school: its pupils) that are at or near 3 months at home without a
      fitting started offer.
    - For school staff (coördinator, director): continuum signals needing attention or
      action on the current placements of their own school's pupils.
    Items name pupils: the caller logs them with `log_toegang(..., aanvullend=
    fasenmodel.permissions.registergronden(user, [i.leerling for i in items]))`.
    """
    op = op or timezone.localdate()
    items: list[Werkitem] = []
    for regel in register(user, op):
        if regel.pact.status not in (Pactstatus.ESCALATIE, Pactstatus.BIJNA):
            continue
        escalatie = regel.pact.status == Pactstatus.ESCALATIE
        items.append(
            Werkitem(
                regel.leerling,
                "Thuiszitter: escaleren" if escalatie else "Thuiszitter: bijna 3 maanden",
                f"{regel.pact.dagen_thuis} dagen thuis zonder gestart passend aanbod; "
                f"procesregie: {regel.thuiszitter.procesregie_label()}.",
                reverse("fasenmodel:thuiszitter_detail", args=[regel.thuiszitter.uuid]),
                escalatie,
                regel.pact.grens,
            )
        )
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    school_ids = lidmaatschappen.filter(rol__in=rollen_met_bereik(Bereik.EIGEN_SCHOOL)).values(
        "organisatie_id"
    )
    laatste = (
        Plaatsing.objects.filter(
            leerling=OuterRef("leerling"), startdatum__lte=timezone.localdate()
        )
        .order_by("-startdatum", "-pk")
        .values("pk")[:1]
    )
    plaatsingen = Plaatsing.objects.filter(
        pk=Subquery(laatste), leerling__school_id__in=school_ids
    ).select_related("leerling")
    for plaatsing in plaatsingen:
        for signaal in signalen(plaatsing, op):
            if signaal.niveau == Niveau.INFO:
                continue
            items.append(
                Werkitem(
                    plaatsing.leerling,
                    f"Fase {plaatsing.fase}: "
                    + ("actie nodig" if signaal.is_actie else "termijn nadert"),
                    signaal.tekst,
                    reverse("fasenmodel:leerling_fase", args=[plaatsing.leerling.uuid]),
                    signaal.is_actie,
                    signaal.termijn,
                )
            )
    return sorted(items, key=lambda i: (not i.urgent, i.datum))
