"""Reads for TLV requests: the checklist's facts, the queue, the SWV overview, the export.

Every list costs a fixed number of queries, however many requests it shows.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from accounts.models import Leerling, User
from arrangeren.route.models import Genodigde, Mdoverslag
from arrangeren.tlv import regels
from arrangeren.tlv.models import Tlv, TlvAanvraag
from arrangeren.tlv.permissions import TlvRechten, aanvragen_for_user, bereik
from opp.models import Ondertekening, Opp


def feiten(aanvraag: TlvAanvraag) -> regels.Feiten:
    verslagen = Mdoverslag.objects.filter(
        mdo__traject_id=aanvraag.traject_id, status=Mdoverslag.Status.DEFINITIEF
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
    )


def checklist(aanvraag: TlvAanvraag) -> list[regels.Punt]:
    return regels.checklist(feiten(aanvraag))


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


def _termijn_sleutel(aanvraag: TlvAanvraag) -> tuple[date, datetime]:
    return (aanvraag.uiterste_beslisdatum or date.max, aanvraag.aangemaakt_op)


@dataclass
class Wachtrij:
    lopend: list[TlvAanvraag] = field(default_factory=list)
    besloten: list[TlvAanvraag] = field(default_factory=list)
    aflopend: list[Tlv] = field(default_factory=list)

    @property
    def leerlingen(self) -> list[Leerling]:
        gezien = {}
        for a in [*self.lopend, *self.besloten]:
            gezien.setdefault(a.leerling_id, a.leerling)
        for t in self.aflopend:
            gezien.setdefault(t.aanvraag.leerling_id, t.aanvraag.leerling)
        return list(gezien.values())


BESLOTEN_IN_LIJST = 50


def wachtrij(user: User, vandaag: date | None = None) -> Wachtrij:
    """Open requests by decision deadline (earliest first), then recent decisions and the
    TLV's that end within three months (time to prepare a follow-up request)."""
    vandaag = vandaag or timezone.localdate()
    alle = zichtbare_aanvragen(user)
    lopend = sorted(alle.filter(status__in=regels.OPEN_STATUSSEN), key=_termijn_sleutel)
    besloten = list(
        alle.filter(status__in=regels.BESLOTEN).order_by("-beslist_op")[:BESLOTEN_IN_LIJST]
    )
    aflopend = aflopende_tlvs(user, vandaag)
    return Wachtrij(lopend, besloten, aflopend)


def aflopende_tlvs(user: User, vandaag: date) -> list[Tlv]:
    tlvs = Tlv.objects.select_related("aanvraag__leerling__school").filter(
        aanvraag__in=zichtbare_aanvragen(user).values("pk"), einddatum__gte=vandaag
    )
    return [t for t in tlvs.order_by("einddatum") if t.signaleringsdatum <= vandaag]


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


def overzicht(user: User, vandaag: date | None = None) -> Overzicht:
    """Aggregates for the SWV's own schools only (the consulent's SWV)."""
    vandaag = vandaag or timezone.localdate()
    qs = TlvAanvraag.objects.filter(swv_id__in=bereik(user).swv_ids)
    status_telling = dict(qs.values_list("status").annotate(n=Count("pk")))
    soort_telling = dict(qs.values_list("soort").annotate(n=Count("pk")))
    dagen = [
        (beslist - compleet).days
        for compleet, beslist in qs.filter(
            status__in=regels.BESLOTEN, compleet_op__isnull=False, beslist_op__isnull=False
        ).values_list("compleet_op", "beslist_op")
    ]
    te_laat = [
        a
        for a in qs.filter(status__in=regels.BIJ_SWV).select_related("leerling__school", "school")
        if is_te_laat(a, vandaag)
    ]
    return Overzicht(
        per_status=[(s.label, status_telling.get(s.value, 0)) for s in regels.Status],
        per_soort=[(s.label, soort_telling.get(s.value, 0)) for s in regels.Soort],
        doorlooptijd_mediaan=statistics.median(dagen) if dagen else None,
        doorlooptijd_langst=max(dagen) if dagen else None,
        aantal_besloten=len(dagen),
        te_laat=sorted(te_laat, key=_termijn_sleutel),
    )


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


def export_rijen(user: User) -> tuple[list[list[str]], list[Leerling]]:
    """Rows for the CSV (no BSN, no free text) and the pupils in it (for the log)."""
    aanvragen = list(
        zichtbare_aanvragen(user).filter(swv_id__in=bereik(user).swv_ids).order_by("aangemaakt_op")
    )

    def d(waarde: date | datetime | None) -> str:
        if waarde is None:
            return ""
        if hasattr(waarde, "astimezone"):
            waarde = timezone.localtime(waarde).date()
        return waarde.isoformat()

    rijen = []
    for a in aanvragen:
        t = getattr(a, "tlv", None) if a.status == regels.Status.TOEGEKEND else None
        doorloop = (a.beslist_op - a.compleet_op).days if a.beslist_op and a.compleet_op else ""
        rijen.append(
            [
                str(a.uuid),
                a.leerling.volledige_naam,
                a.school.naam,
                a.get_soort_display(),
                a.get_categorie_display(),
                a.get_status_display(),
                d(a.compleet_op),
                d(a.uiterste_beslisdatum),
                d(a.beslist_op),
                str(doorloop),
                t.nummer if t else "",
                d(t.startdatum if t else a.startdatum),
                d(t.einddatum if t else a.einddatum),
            ]
        )
    return rijen, [a.leerling for a in aanvragen]
