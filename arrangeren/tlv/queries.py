"""Reads for TLV requests: the checklist's facts, the queue, the SWV overview, the export.

Every list costs a fixed number of queries, however many requests it shows.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Leerling, User
from accounts.ouderinformatie import Informatie, datum
from arrangeren.route.models import Genodigde, Mdoverslag
from arrangeren.tlv import regels
from arrangeren.tlv.models import Deskundigenadvies, Tlv, TlvAanvraag
from arrangeren.tlv.permissions import TlvRechten, aanvragen_for_user, bereik, swv_aanvragen
from opp.models import Ondertekening, Opp


def feiten(aanvraag: TlvAanvraag) -> regels.Feiten:
    # A final report of a meeting that has started: only that counts as "MDO gehouden"
    # (the report cannot be final before, docs/route.md).
    verslagen = Mdoverslag.objects.filter(
        mdo__traject_id=aanvraag.traject_id,
        status=Mdoverslag.Status.DEFINITIEF,
        mdo__start__lte=timezone.now(),
    )
    opp = aanvraag.opp
    ouders = (
        set(
            opp.ondertekeningen.filter(partij=Ondertekening.Partij.OUDER).values_list(
                "status", flat=True
            )
        )
        if opp
        else set()
    )
    return regels.Feiten(
        huidige_stap=aanvraag.traject.huidige_stap,
        definitief_verslag=verslagen.exists(),
        mdo_met_ouders=verslagen.filter(aanwezigen__rol=Genodigde.Rol.OUDER).exists(),
        opp_vastgesteld=bool(opp and opp.status == Opp.Status.VASTGESTELD),
        opp_ouders_getekend=Ondertekening.Status.GETEKEND in ouders
        and Ondertekening.Status.NIET_AKKOORD not in ouders,
        soort=aanvraag.soort,
        adviezen=dict(aanvraag.adviezen.values_list("rang", "geadviseerd_soort")),
        zienswijze=aanvraag.zienswijze_ouders,
        zienswijze_school=aanvraag.zienswijze_school,
    )


def checklist(aanvraag: TlvAanvraag) -> list[regels.Punt]:
    return regels.checklist(feiten(aanvraag))


@dataclass(frozen=True)
class Afwijking:
    """A request for another kind of education than the experts consistently advise."""

    gevraagd: str
    geadviseerd: str


def afwijking(aanvraag: TlvAanvraag, adviezen: list[Deskundigenadvies]) -> Afwijking | None:
    """From the advices the page already read: no query of its own."""
    per_rang = {a.rang: a.geadviseerd_soort for a in adviezen}
    if not regels.wijkt_af(aanvraag.soort, per_rang):
        return None
    return Afwijking(
        gevraagd=regels.Soort(aanvraag.soort).label,
        geadviseerd=regels.Soort(regels.geadviseerd(per_rang)).label,
    )


@dataclass(frozen=True)
class Mogelijkheden:
    """What the request's page offers this user, by its status and the user's rights."""

    swv_acties: list[regels.Actie]
    indienen: bool  # and adding documents: the school, while the request is its own
    beslissen: bool
    toewijzen: bool
    verlengen: bool
    bezwaar: bool
    bezwaaruitkomst: bool


def mogelijkheden(aanvraag: TlvAanvraag, rechten: TlvRechten) -> Mogelijkheden:
    swv_acties = regels.mogelijke_acties(aanvraag.status, regels.Partij.SWV) if rechten.swv else []
    return Mogelijkheden(
        swv_acties=swv_acties,
        indienen=rechten.bewerken and aanvraag.bewerkbaar,
        beslissen=regels.Actie.TOEKENNEN in swv_acties,
        toewijzen=rechten.swv and not aanvraag.is_besloten,
        # The decision period is extended once, while the request lies with the SWV.
        verlengen=rechten.swv
        and aanvraag.status in regels.BIJ_SWV
        and not aanvraag.verlengd_met_weken,
        bezwaar=rechten.swv and aanvraag.is_besloten,
        bezwaaruitkomst=rechten.swv,
    )


def laatste_vastgestelde_opp(leerling: Leerling) -> Opp | None:
    return (
        Opp.objects.filter(leerling=leerling, status=Opp.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )


def zichtbare_aanvragen(user: User) -> QuerySet[TlvAanvraag]:
    return aanvragen_for_user(
        user,
        TlvAanvraag.objects.select_related("leerling__school", "school", "swv", "consulent", "tlv"),
    )


def met_beslisdatum(aanvragen: QuerySet[TlvAanvraag]) -> QuerySet[TlvAanvraag]:
    """`uiterste_beslisdatum` in SQL (alias `_uiterste`): the Dutch calendar day the
    request was complete plus the decision period and its extension, in weeks."""
    weken = ExpressionWrapper(
        (F("beslistermijn_weken") + F("verlengd_met_weken")) * Value(timedelta(weeks=1)),
        output_field=DurationField(),
    )
    return aanvragen.alias(
        _uiterste=ExpressionWrapper(TruncDate("compleet_op") + weken, output_field=DateField())
    )


def op_termijn(aanvragen: QuerySet[TlvAanvraag]) -> QuerySet[TlvAanvraag]:
    """By decision deadline, earliest first; requests without one (not complete) last."""
    return met_beslisdatum(aanvragen).order_by(
        F("_uiterste").asc(nulls_last=True), "aangemaakt_op", "pk"
    )


@dataclass
class Wachtrij:
    lopend: list[TlvAanvraag] = field(default_factory=list)
    besloten: list[TlvAanvraag] = field(default_factory=list)
    aflopend: list[Tlv] = field(default_factory=list)
    pagina: Page | None = None  # of `lopend`
    meer_aflopend: bool = False  # more than AFLOPEND_IN_LIJST end within three months

    @property
    def leerlingen(self) -> list[Leerling]:
        gezien = {}
        for a in [*self.lopend, *self.besloten]:
            gezien.setdefault(a.leerling_id, a.leerling)
        for t in self.aflopend:
            gezien.setdefault(t.aanvraag.leerling_id, t.aanvraag.leerling)
        return list(gezien.values())


AANVRAGEN_PER_PAGINA = 25
# Free text that lists and the CSV do not show: not read either.
LANGE_TEKSTEN = ("motivering", "zienswijze_ouders", "verlenging_reden", "besluit_motivering")
BESLOTEN_IN_LIJST = 50
AFLOPEND_IN_LIJST = 25
TE_LAAT_IN_OVERZICHT = 50


def wachtrij(
    user: User,
    vandaag: date | None = None,
    pagina: str | int | None = None,
    zoek: Callable[[QuerySet[TlvAanvraag]], QuerySet[TlvAanvraag]] | None = None,
) -> Wachtrij:
    """Open requests by decision deadline (earliest first), one page of them, then recent
    decisions and the TLV's that end within three months (time to prepare a follow-up
    request). Ordered, paged and limited in SQL: a fixed number of queries and rows.
    `zoek` narrows the requests (the list's search and filters, arrangeren/tlv/zoeken.py)."""
    vandaag = vandaag or timezone.localdate()
    # What the list shows: pupil, school, consulent and TLV number; no free text.
    alle = (
        zichtbare_aanvragen(user)
        .select_related(None)
        .select_related("leerling", "school", "consulent", "tlv")
        .defer(*LANGE_TEKSTEN)
    )
    if zoek is not None:
        alle = zoek(alle)
    lopend = Paginator(
        op_termijn(alle.filter(status__in=regels.OPEN_STATUSSEN)), AANVRAGEN_PER_PAGINA
    )
    page = lopend.get_page(pagina)
    besloten = list(
        alle.filter(status__in=regels.BESLOTEN).order_by("-beslist_op")[:BESLOTEN_IN_LIJST]
    )
    aflopend = list(aflopende_tlvs(user, vandaag)[: AFLOPEND_IN_LIJST + 1])
    return Wachtrij(
        list(page.object_list),
        besloten,
        aflopend[:AFLOPEND_IN_LIJST],
        page,
        meer_aflopend=len(aflopend) > AFLOPEND_IN_LIJST,
    )


def aflopende_tlvs(user: User, vandaag: date) -> QuerySet[Tlv]:
    """TLV's from today until their signalling date has passed, the first to end first."""
    return (
        Tlv.objects.select_related("aanvraag__leerling")
        .defer(*(f"aanvraag__{veld}" for veld in LANGE_TEKSTEN))
        .filter(
            aanvraag__in=zichtbare_aanvragen(user).values("pk"),
            einddatum__gte=vandaag,
            einddatum__lte=regels.signalering_tot(vandaag),
        )
        .order_by("einddatum", "pk")
    )


def is_te_laat(aanvraag: TlvAanvraag, vandaag: date) -> bool:
    uiterste = aanvraag.uiterste_beslisdatum
    return aanvraag.status in regels.BIJ_SWV and uiterste is not None and uiterste < vandaag


@dataclass
class Overzicht:
    per_status: list[tuple[str, int]]
    per_soort: list[tuple[str, int]]
    doorlooptijd_mediaan: float | None
    doorlooptijd_langst: int | None
    aantal_besloten: int
    te_laat: list[TlvAanvraag]
    meer_te_laat: bool = False  # more than TE_LAAT_IN_OVERZICHT


def overzicht(user: User, vandaag: date | None = None) -> Overzicht:
    """Aggregates for the SWV's own schools only (the consulent's SWV), counted in SQL."""
    vandaag = vandaag or timezone.localdate()
    qs = swv_aanvragen(user, TlvAanvraag.objects.all())
    status_telling: dict[str, int] = {}
    soort_telling: dict[str, int] = {}
    for status, soort, n in qs.order_by().values_list("status", "soort").annotate(n=Count("pk")):
        status_telling[status] = status_telling.get(status, 0) + n
        soort_telling[soort] = soort_telling.get(soort, 0) + n
    mediaan, langst, aantal = _doorlooptijden(qs)
    te_laat = list(
        op_termijn(qs.filter(status__in=regels.BIJ_SWV))
        .filter(_uiterste__lt=vandaag)
        .select_related("leerling__school", "school")[: TE_LAAT_IN_OVERZICHT + 1]
    )
    return Overzicht(
        per_status=[
            (s.label, status_telling.get(s.value, 0))
            for s in regels.Status
            if s != regels.Status.CONCEPT  # the school's draft: not the SWV's to count
        ],
        per_soort=[(s.label, soort_telling.get(s.value, 0)) for s in regels.Soort],
        doorlooptijd_mediaan=mediaan,
        doorlooptijd_langst=langst,
        aantal_besloten=aantal,
        te_laat=te_laat[:TE_LAAT_IN_OVERZICHT],
        meer_te_laat=len(te_laat) > TE_LAAT_IN_OVERZICHT,
    )


def _doorlooptijden(qs: QuerySet[TlvAanvraag]) -> tuple[float | None, int | None, int]:
    """Median and longest days from complete to decision, and over how many decisions:
    a count with the longest, then only the middle one or two rows (two queries)."""
    duur = ExpressionWrapper(F("beslist_op") - F("compleet_op"), output_field=DurationField())
    besloten = qs.filter(
        status__in=regels.BESLOTEN, compleet_op__isnull=False, beslist_op__isnull=False
    ).alias(_duur=duur)
    totaal = besloten.aggregate(n=Count("pk"), langst=Max(duur))
    n = totaal["n"]
    if not n:
        return None, None, 0
    midden = besloten.order_by("_duur", "pk").values_list("compleet_op", "beslist_op")
    dagen = [(beslist - compleet).days for compleet, beslist in midden[(n - 1) // 2 : n // 2 + 1]]
    return statistics.median(dagen), totaal["langst"].days, n


EXPORT_PER_KEER = 500
EXPORT_KOLOMMEN = [
    "kenmerk",
    "leerling",
    "school",
    "soort",
    "categorie",
    "status",
    "volledig ingediend op",
    "uiterste beslisdatum",
    "besloten op",
    "doorlooptijd (dagen)",
    "TLV-nummer",
    "startdatum",
    "einddatum",
]


def export_aanvragen(user: User) -> QuerySet[TlvAanvraag]:
    """The SWV's requests for the CSV, oldest first; read with `.iterator()`."""
    return (
        zichtbare_aanvragen(user)
        .filter(swv_id__in=bereik(user).swv_ids)
        .select_related(None)
        .select_related("leerling", "school", "tlv")
        .defer(*LANGE_TEKSTEN)
        .order_by("aangemaakt_op", "pk")
    )


def _d(waarde: date | datetime | None) -> str:
    if waarde is None:
        return ""
    if hasattr(waarde, "astimezone"):
        waarde = timezone.localtime(waarde).date()
    return waarde.isoformat()


def export_rij(a: TlvAanvraag) -> list[str]:
    """One CSV row (no BSN, no free text)."""
    t = getattr(a, "tlv", None) if a.status == regels.Status.TOEGEKEND else None
    doorloop = (a.beslist_op - a.compleet_op).days if a.beslist_op and a.compleet_op else ""
    return [
        str(a.uuid),
        a.leerling.volledige_naam,
        a.school.naam,
        a.get_soort_display(),
        a.get_categorie_display(),
        a.get_status_display(),
        _d(a.compleet_op),
        _d(a.uiterste_beslisdatum),
        _d(a.beslist_op),
        str(doorloop),
        t.nummer if t else "",
        _d(t.startdatum if t else a.startdatum),
        _d(t.einddatum if t else a.einddatum),
    ]


def informatie_voor_ouder(leerling: Leerling) -> list[Informatie]:
    """For a parent without custody (accounts/ouderinformatie.py): what was decided, when,
    and for which kind of school and period; nothing of the request itself."""
    besloten = (
        TlvAanvraag.objects.filter(leerling=leerling, status__in=regels.BESLOTEN)
        .select_related("tlv")
        .only("status", "beslist_op", "tlv__soort", "tlv__startdatum", "tlv__einddatum")
        .order_by("-beslist_op", "-pk")
    )
    uitkomst = []
    for aanvraag in besloten:
        op = f" op {datum(aanvraag.beslist_op)}" if aanvraag.beslist_op else ""
        tlv = getattr(aanvraag, "tlv", None)
        if aanvraag.status == regels.Status.TOEGEKEND and tlv is not None:
            tekst = (
                f"Toegekend{op}: {tlv.get_soort_display()}, van {datum(tlv.startdatum)} "
                f"tot en met {datum(tlv.einddatum)}."
            )
        else:
            tekst = f"{aanvraag.get_status_display()}{op}."
        uitkomst.append(Informatie("TLV", tekst))
    return uitkomst or [Informatie("TLV", "Er is geen besluit over een TLV.")]
