"""The TLV (toelaatbaarheidsverklaring) as rules in data: kinds, statuses, the one
transition table, deadlines and the procedural checklist.

Source: the "Gemeenschappelijke paragraaf samenwerkingsverbanden PO en VO en gemeenten
Holland-Rijnland" (docs/tlv.md): the SWV checks the request procedurally and takes over
the expert advice unless it conflicts with the view of school, parents or policy.
Everything that decides a status change reads `OVERGANGEN`; nothing else moves a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.datums import plus_maanden
from accounts.schrijfwijze import klein
from arrangeren.route.stappen import NA_MDO_VANAF, STAP


class Soort(models.TextChoices):
    SBO = "sbo", "Speciaal basisonderwijs (SBO)"
    SO = "so", "Speciaal onderwijs (SO)"
    VSO = "vso", "Voortgezet speciaal onderwijs (VSO)"
    TIJDELIJK = "tijdelijk", "Tijdelijke plaatsing"


# Only SO and VSO have a funding category (laag, midden, hoog).
MET_CATEGORIE = {Soort.SO, Soort.VSO}


class Categorie(models.TextChoices):
    LAAG = "laag", "Laag (categorie 1)"
    MIDDEN = "midden", "Midden (categorie 2)"
    HOOG = "hoog", "Hoog (categorie 3)"


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept (bij de school)"
    INGEDIEND = "ingediend", "Ingediend"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    AANVULLING_GEVRAAGD = "aanvulling_gevraagd", "Aanvulling gevraagd"
    TOEGEKEND = "toegekend", "Toegekend"
    AFGEWEZEN = "afgewezen", "Afgewezen"


OPEN_STATUSSEN = (
    Status.CONCEPT,
    Status.INGEDIEND,
    Status.IN_BEHANDELING,
    Status.AANVULLING_GEVRAAGD,
)
BESLOTEN = (Status.TOEGEKEND, Status.AFGEWEZEN)
# Statuses in which the SWV's decision clock runs.
BIJ_SWV = (Status.INGEDIEND, Status.IN_BEHANDELING)


class Actie(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "Aanvraag aangemaakt"
    INDIENEN = "indienen", "Ingediend bij het SWV"
    IN_BEHANDELING = "in_behandeling", "In behandeling genomen"
    AANVULLING_VRAGEN = "aanvulling_vragen", "Aanvulling gevraagd"
    TOEKENNEN = "toekennen", "Toegekend"
    AFWIJZEN = "afwijzen", "Afgewezen"
    TOEWIJZEN = "toewijzen", "Toegewezen aan een consulent"
    VERLENGEN = "verlengen", "Beslistermijn verlengd"
    BEZWAAR = "bezwaar", "Bezwaar geregistreerd"
    BEZWAAR_UITKOMST = "bezwaar_uitkomst", "Uitkomst bezwaar vastgelegd"


class Partij(models.TextChoices):
    SCHOOL = "school", "School"
    SWV = "swv", "Samenwerkingsverband"


@dataclass(frozen=True)
class Overgang:
    actie: Actie
    van: tuple[Status, ...]
    naar: Status
    door: Partij
    notitie_verplicht: bool = False


OVERGANGEN: dict[Actie, Overgang] = {
    o.actie: o
    for o in (
        Overgang(
            Actie.INDIENEN, (Status.CONCEPT, Status.AANVULLING_GEVRAAGD), Status.INGEDIEND, "school"
        ),
        Overgang(Actie.IN_BEHANDELING, (Status.INGEDIEND,), Status.IN_BEHANDELING, "swv"),
        Overgang(
            Actie.AANVULLING_VRAGEN,
            (Status.INGEDIEND, Status.IN_BEHANDELING),
            Status.AANVULLING_GEVRAAGD,
            "swv",
            notitie_verplicht=True,
        ),
        Overgang(
            Actie.TOEKENNEN,
            (Status.IN_BEHANDELING,),
            Status.TOEGEKEND,
            "swv",
            notitie_verplicht=True,
        ),
        Overgang(
            Actie.AFWIJZEN,
            (Status.IN_BEHANDELING,),
            Status.AFGEWEZEN,
            "swv",
            notitie_verplicht=True,
        ),
    )
}


def check_overgang(status: str, actie: Actie) -> Overgang:
    """The transition for `actie` from `status`, or a Dutch ValidationError."""
    overgang = OVERGANGEN.get(actie)
    if overgang is None:
        raise ValidationError("Deze handeling verandert de status niet.")
    if status in BESLOTEN:
        raise ValidationError(f"Over deze aanvraag is al besloten ({klein(Status(status).label)}).")
    if status not in overgang.van:
        raise ValidationError(
            f"Dat kan niet bij een aanvraag met status '{klein(Status(status).label)}'."
        )
    return overgang


def mogelijke_acties(status: str, partij: str) -> list[Actie]:
    return [a for a, o in OVERGANGEN.items() if status in o.van and o.door == partij]


# Deadlines -------------------------------------------------------------------------------

STANDAARD_BESLISTERMIJN_WEKEN = 6
STANDAARD_VERLENGING_WEKEN = 4
BEZWAARTERMIJN_WEKEN = 6
SIGNAAL_VOOR_EINDE_MAANDEN = 3


def uiterste_beslisdatum(
    compleet_op: datetime | None, weken: int, verlengd_met_weken: int = 0
) -> date | None:
    if compleet_op is None:
        return None
    # The Dutch calendar day of completion, not the UTC one.
    begin = (
        timezone.localtime(compleet_op).date()
        if timezone.is_aware(compleet_op)
        else compleet_op.date()
    )
    return begin + timedelta(weeks=weken + verlengd_met_weken)


def signaleringsdatum(einddatum: date) -> date:
    """Three months before a TLV ends: time to prepare a follow-up request."""
    return plus_maanden(einddatum, -SIGNAAL_VOOR_EINDE_MAANDEN)


def signalering_tot(vandaag: date) -> date:
    """The latest end date whose `signaleringsdatum` is on or before `vandaag`: a TLV
    signals when `einddatum <= signalering_tot(vandaag)`, a comparison SQL can do.
    Month ends clamp (31 May and 28 May both signal on 28 February), hence the steps."""
    dag = timedelta(days=1)
    einde = plus_maanden(vandaag, SIGNAAL_VOOR_EINDE_MAANDEN)
    while signaleringsdatum(einde) > vandaag:
        einde -= dag
    while signaleringsdatum(einde + dag) <= vandaag:
        einde += dag
    return einde


# Expert advice ---------------------------------------------------------------------------


class Deskundige(models.TextChoices):
    ORTHOPEDAGOOG = "orthopedagoog", "Orthopedagoog"
    PSYCHOLOOG = "psycholoog", "Psycholoog"
    KINDERPSYCHIATER = "kinderpsychiater", "Kinderpsychiater"
    ARTS = "arts", "Arts"
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", "Maatschappelijk werker"
    ANDERS = "anders", "Andere deskundige"


class Rang(models.IntegerChoices):
    EERSTE = 1, "Eerste deskundige (orthopedagoog of psycholoog)"
    TWEEDE = 2, "Tweede deskundige (afhankelijk van de casus)"


DESKUNDIGEN_PER_RANG = {
    Rang.EERSTE: (Deskundige.ORTHOPEDAGOOG, Deskundige.PSYCHOLOOG),
    Rang.TWEEDE: (
        Deskundige.KINDERPSYCHIATER,
        Deskundige.ARTS,
        Deskundige.MAATSCHAPPELIJK_WERKER,
        Deskundige.ANDERS,
    ),
}


# Procedural checklist --------------------------------------------------------------------


@dataclass(frozen=True)
class Regel:
    code: str
    label: str


REGELS: tuple[Regel, ...] = (
    Regel(
        "route",
        f"De route is gevolgd: het traject is voorbij stap {NA_MDO_VANAF - 1} met een "
        "definitief MDO-verslag",
    ),
    Regel("mdo_ouders", "Er is een MDO gehouden waarbij de ouders aanwezig waren"),
    Regel("opp", "Het OPP is vastgesteld en door de ouders ondertekend (instemming)"),
    Regel("advies_1", "Advies van de eerste deskundige (orthopedagoog of psycholoog)"),
    Regel("advies_2", "Advies van de tweede deskundige"),
    # "Consistent advies": the two experts agree with each other, not with the request.
    Regel(
        "adviezen_consistent",
        "De twee deskundigen adviseren hetzelfde soort onderwijs (consistent advies)",
    ),
    Regel("zienswijze", "De zienswijze van de ouders is vastgelegd"),
    Regel(
        "afwijking",
        "Wijkt de aanvraag af van het advies, dan is de zienswijze van de school daarop vastgelegd",
    ),
)


@dataclass(frozen=True)
class Punt:
    regel: Regel
    ok: bool
    toelichting: str = ""


@dataclass(frozen=True)
class Feiten:
    """What the checklist needs to know, gathered once (see queries_tlv.feiten)."""

    huidige_stap: int
    definitief_verslag: bool
    mdo_met_ouders: bool
    opp_vastgesteld: bool
    opp_ouders_getekend: bool
    soort: str
    adviezen: dict[int, str]  # rang -> advised kind of education
    zienswijze: str
    zienswijze_school: str = ""  # the school's view on a request that departs from the advice


def geadviseerd(adviezen: dict[int, str]) -> str | None:
    """The kind of education both experts advise when they agree (a consistent advice)."""
    soorten = set(adviezen.values())
    return next(iter(soorten)) if len(adviezen) == len(Rang) and len(soorten) == 1 else None


def wijkt_af(soort: str, adviezen: dict[int, str]) -> bool:
    """The request asks for another kind than the consistent advice: allowed, but the SWV
    weighs it against the view of school and parents (Gemeenschappelijke paragraaf, "tenzij
    dit conflicteert met de zienswijze van de school of de ouders")."""
    advies = geadviseerd(adviezen)
    return advies is not None and advies != soort


def _toelichting_adviezen(adviezen: dict[int, str]) -> str:
    if len(adviezen) < len(Rang) or geadviseerd(adviezen) is not None:
        return ""
    tekst = "; ".join(
        f"de {klein(Rang(rang).label.split(' (')[0])} adviseert {klein(Soort(soort).label)}"
        for rang, soort in sorted(adviezen.items())
    )
    return f"{tekst[0].upper()}{tekst[1:]}."


def checklist(f: Feiten) -> list[Punt]:
    afwijking = wijkt_af(f.soort, f.adviezen)
    uitkomst = {
        "route": (
            STAP[f.huidige_stap].na_mdo and f.definitief_verslag,
            "" if f.definitief_verslag else "Nog geen definitief MDO-verslag.",
        ),
        "mdo_ouders": (f.mdo_met_ouders, ""),
        "opp": (
            f.opp_vastgesteld and f.opp_ouders_getekend,
            "" if f.opp_vastgesteld else "Er is geen vastgesteld OPP.",
        ),
        "advies_1": (Rang.EERSTE in f.adviezen, ""),
        "advies_2": (Rang.TWEEDE in f.adviezen, ""),
        "adviezen_consistent": (
            geadviseerd(f.adviezen) is not None,
            _toelichting_adviezen(f.adviezen),
        ),
        "zienswijze": (bool(f.zienswijze.strip()), ""),
        "afwijking": (
            not afwijking or bool(f.zienswijze_school.strip()),
            f"Gevraagd: {Soort(f.soort).label}; geadviseerd: "
            f"{Soort(geadviseerd(f.adviezen)).label}."
            if afwijking
            else "",
        ),
    }
    return [Punt(r, *uitkomst[r.code]) for r in REGELS]


def ontbrekend(punten: list[Punt]) -> list[str]:
    return [p.regel.label for p in punten if not p.ok]
