"""Registering jeugdhulp inzet, logging hours, and the regional kaders around them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, User
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import Recht, Soort, rollen_met
from accounts.schrijfwijze import getal
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import (
    Jeugdhulpinzet,
    Jeugdhulpsoort,
    Kaderuitzondering,
    Urenregistratie,
)
from arrangeren.route.models import Traject
from opp.models import Opp, OppDoel

VERRE_TOEKOMST = timedelta(days=2 * 365)
AANBIEDERS = (Soort.JEUGDHULPAANBIEDER, Soort.JEUGDTEAM, Soort.SCHOOL)


def _fouten_mdb(traject: Traject, doelen: list[OppDoel], data: dict) -> dict[str, str]:
    """A multidisciplinaire begeleider works only from an OPP, with the vaste
    contactpersoon involved, for an education and a youth-care goal together."""
    fouten = {}
    if not Opp.objects.filter(leerling=traject.leerling).exists():
        fouten["soort"] = "Een multidisciplinaire begeleider werkt alleen vanuit een OPP."
    contact = data.get("vaste_contactpersoon")
    if (
        contact is None
        or not Lidmaatschap.objects.filter(
            user=contact, rol__in=rollen_met(Recht.CONTACTPERSOON_SBO)
        ).exists()
    ):
        fouten["vaste_contactpersoon"] = (
            "Betrek de vaste contactpersoon S(B)O: kies iemand met die rol bij het jeugdteam."
        )
    soorten = {doel.soort for doel in doelen}
    if doelen and not (soorten & {"onderwijs", "beide"} and soorten & {"jeugdhulp", "beide"}):
        fouten["doelen"] = (
            "Koppel zowel een onderwijsdoel als een jeugdhulpdoel: de multidisciplinaire "
            "begeleider werkt aan beide."
        )
    if not data.get("scenario"):
        fouten["scenario"] = "Kies hoe de multidisciplinaire begeleider wordt gefinancierd."
    elif data["scenario"] == "b" and not data.get("betaler"):
        fouten["betaler"] = "Kies bij scenario b wie betaalt."
    return fouten


INZETVELDEN = (
    "aanbieder",
    "soort",
    "omschrijving",
    "start",
    "geplande_einde",
    "uren_per_week",
    "financiering",
    "vaste_contactpersoon",
    "scenario",
    "aandeel_onderwijs",
    "betaler",
)


def _fouten_periode(start: date | None, einde: date | None) -> dict[str, str]:
    if not start or not einde:
        veld = "geplande_einde" if start else "start"
        return {veld: "Vul de startdatum en de geplande einddatum in."}
    if einde < start:
        return {"geplande_einde": "De geplande einddatum ligt vóór de startdatum."}
    vandaag = timezone.localdate()
    if start > vandaag + VERRE_TOEKOMST or einde > vandaag + 3 * VERRE_TOEKOMST:
        return {"start": "Die datum ligt te ver in de toekomst. Controleer het jaartal."}
    return {}


def _fouten_doelen(traject: Traject, doelen: list[OppDoel]) -> dict[str, str]:
    if not doelen:
        return {"doelen": "Koppel de inzet aan minstens één doel uit het OPP."}
    if any(doel.opp.leerling_id != traject.leerling_id for doel in doelen):
        return {"doelen": "Deze doelen horen niet bij het OPP van deze leerling."}
    return {}


def _inzetvelden(data: dict) -> dict:
    velden = {k: data.get(k) for k in INZETVELDEN if data.get(k) is not None}
    if velden.get("soort") == Jeugdhulpsoort.MDB:
        velden["uurtarief"] = data.get("uurtarief")
        if velden["uurtarief"] is None:
            velden["uurtarief"] = Decimal(settings.SAMENPLAN_MDB_UURTARIEF)
    return velden


@transaction.atomic
def registreer_inzet(
    traject: Traject, data: dict, doelen: list[OppDoel], *, door: User
) -> Jeugdhulpinzet:
    """The medewerker jeugdteam registers jeugdhulp started for one or more OPP goals."""
    traject = Traject.objects.select_for_update().select_related("leerling").get(pk=traject.pk)
    if not traject.is_open:
        raise ValidationError("Dit traject is afgesloten.")
    # Every problem at once, each at its field (a dict the view's form spreads out).
    fouten = {
        **_fouten_periode(data.get("start"), data.get("geplande_einde")),
        **_fouten_doelen(traject, doelen),
    }
    aanbieder = data.get("aanbieder")
    if aanbieder is None or aanbieder.soort not in AANBIEDERS:
        fouten["aanbieder"] = "Kies de aanbieder (jeugdhulpaanbieder, jeugdteam of school)."
    if data.get("soort") == Jeugdhulpsoort.MDB:
        fouten = {**_fouten_mdb(traject, doelen, data), **fouten}
    if fouten:
        raise ValidationError(fouten)
    inzet = Jeugdhulpinzet.objects.create(
        traject=traject, geregistreerd_door=door, **_inzetvelden(data)
    )
    inzet.doelen.set(doelen)
    return inzet


def _lopend(inzet: Jeugdhulpinzet, week: date) -> None:
    einde = inzet.aangekondigd_einde or inzet.geplande_einde
    if week + timedelta(days=6) < inzet.start or week > einde:
        raise ValidationError(
            f"In die week liep deze inzet niet (van {inzet.start:%d-%m-%Y} tot "
            f"{einde:%d-%m-%Y}). Er is niets opgeslagen."
        )


def _check_kader(
    leerling: Leerling, week: date, uren: Decimal, bestaand: Urenregistratie | None
) -> None:
    """At most 52 hours of begeleiding per half year, unless an exception is recorded
    (kaders begeleiding, docs/jeugdhulp.md); a correction replaces the week's hours."""
    halfjaar = kaders.halfjaar_van(week)
    na = kaders.begeleidingsuren(leerling, halfjaar, zonder=bestaand.pk if bestaand else None)
    na += uren
    uitzondering = Kaderuitzondering.objects.filter(leerling=leerling, halfjaar=halfjaar)
    if na > kaders.KADER_UREN and not uitzondering.exists():
        raise ValidationError(
            f"Hiermee komt de begeleiding op {getal(na)} uur in dit halfjaar; het kader is "
            f"{kaders.KADER_UREN} uur. Meer mag alleen als uitzondering, met een lopend "
            "onderwijsarrangement van school en SWV en een reden. Er is niets opgeslagen."
        )


class Urenoverschrijving(ValidationError):
    """The week has hours already: replacing them needs the user's explicit confirmation
    of the value they saw (`urenversie`), so nobody overwrites without knowing."""

    def __init__(self, regel: Urenregistratie, *, gewijzigd: bool) -> None:
        self.regel = regel
        self.gewijzigd = gewijzigd  # changed by someone after the user confirmed
        super().__init__(
            "Intussen zijn de uren van die week gewijzigd. Er is niets opgeslagen."
            if gewijzigd
            else "Voor die week staan al uren. Er is niets opgeslagen."
        )


def urenversie(regel: Urenregistratie) -> str:
    """What the user saw of a week's hours: a change since then gives another value."""
    return f"{regel.pk}:{regel.uren}:{regel.op.isoformat()}"


@transaction.atomic
def log_uren(
    inzet: Jeugdhulpinzet,
    week: date,
    uren: Decimal,
    *,
    door: User,
    toelichting: str = "",
    vervangt: str = "",
) -> tuple[Urenregistratie, kaders.Kaderstatus]:
    """Log (or correct) the hours delivered in one week; the 52-hour kader is enforced.

    Hours already logged for the week are replaced only when `vervangt` is the
    `urenversie` of the row the user confirmed to replace (docs/jeugdhulp.md).
    """
    inzet = (
        Jeugdhulpinzet.objects.select_for_update()
        .select_related("traject__leerling")
        .get(pk=inzet.pk)
    )
    week = kaders.maandag(week)
    uren = Decimal(uren)
    if uren <= 0:
        raise ValidationError("Vul een positief aantal uren in.")
    if uren > kaders.MAX_UREN_PER_WEEK:
        raise ValidationError("Meer dan 24 uur per dag kan niet. Controleer het aantal uren.")
    if week > kaders.maandag(timezone.localdate()):
        raise ValidationError("U registreert alleen uren van deze of eerdere weken.")
    _lopend(inzet, week)
    # Lock the pupil: the kader is per pupil, across every aanbieder logging at once.
    leerling = Leerling.objects.select_for_update().get(pk=inzet.traject.leerling_id)
    bestaand = Urenregistratie.objects.filter(inzet=inzet, week=week).first()
    if inzet.soort in kaders.SOORTEN_IN_KADER:
        _check_kader(leerling, week, uren, bestaand)
    if bestaand is not None and vervangt != urenversie(bestaand):
        ongewijzigd = bestaand.uren == uren and bestaand.toelichting == toelichting[:300]
        if not ongewijzigd:
            raise Urenoverschrijving(bestaand, gewijzigd=bool(vervangt))
    if bestaand is None:
        regel = Urenregistratie.objects.create(
            inzet=inzet, week=week, uren=uren, door=door, toelichting=toelichting[:300]
        )
    else:
        bestaand.uren, bestaand.door, bestaand.toelichting = uren, door, toelichting[:300]
        bestaand.save()
        regel = bestaand
    return regel, kaders.kaderstatus(leerling, week)


def log_uren_met_kaderwaarschuwing(
    inzet: Jeugdhulpinzet,
    week: date,
    uren: Decimal,
    *,
    door: User,
    toelichting: str = "",
    vervangt: str = "",
) -> kaders.Kaderstatus | None:
    """`log_uren`, answering the kader status when whoever logs should be warned: this
    inzet counts toward the kader and the half year has reached 80% of it."""
    _, status = log_uren(inzet, week, uren, door=door, toelichting=toelichting, vervangt=vervangt)
    return status if inzet.soort in kaders.SOORTEN_IN_KADER and status.waarschuwing else None


@transaction.atomic
def kondig_einde_aan(inzet: Jeugdhulpinzet, einde: date, *, door: User) -> bool:
    """Record the announced end of treatment; True when the notice is shorter than 6 weeks."""
    inzet = Jeugdhulpinzet.objects.select_for_update().get(pk=inzet.pk)
    vandaag = timezone.localdate()
    if einde < inzet.start:
        raise ValidationError("De einddatum ligt vóór de start van de inzet.")
    if einde < vandaag:
        raise ValidationError("De einddatum ligt in het verleden.")
    inzet.einde_aangekondigd_op = vandaag
    inzet.aangekondigd_einde = einde
    inzet.save()
    return kaders.te_late_aankondiging(vandaag, einde)


@transaction.atomic
def leg_uitzondering_vast(
    leerling: Leerling, halfjaar: date, *, door: User, onderwijsarrangement: str, reden: str
) -> Kaderuitzondering:
    """School or SWV records an exception to the 52-hour kader for one half year."""
    lidmaatschappen, _ = actieve_lidmaatschappen(door)
    school = leerling.school
    rollen = rollen_met(Recht.KADERUITZONDERING_VASTLEGGEN)  # the school's and the SWV's
    mag = (
        lidmaatschappen.filter(
            organisatie_id=school.pk if school else None, rol__in=rollen
        ).exists()
        or lidmaatschappen.filter(
            organisatie_id=school.swv_id if school else None, rol__in=rollen
        ).exists()
    )
    if not mag:
        raise PermissionDenied("Alleen de school of het SWV legt een uitzondering vast.")
    if not onderwijsarrangement.strip() or not reden.strip():
        raise ValidationError(
            "Beschrijf het lopende onderwijsarrangement van school en SWV en de reden."
        )
    halfjaar = kaders.halfjaar_van(halfjaar)
    uitzondering, _ = Kaderuitzondering.objects.update_or_create(
        leerling=leerling,
        halfjaar=halfjaar,
        defaults={
            "onderwijsarrangement": onderwijsarrangement.strip(),
            "reden": reden.strip(),
            "door": door,
        },
    )
    return uitzondering


def leg_uitzondering_vast_voor_week(
    inzet: Jeugdhulpinzet, week: date, *, door: User, onderwijsarrangement: str, reden: str
) -> Kaderuitzondering:
    """The exception for the half year of a week of this inzet's pupil: hours count in
    the half year in which their week starts (the Monday)."""
    return leg_uitzondering_vast(
        inzet.traject.leerling,
        kaders.maandag(week),
        door=door,
        onderwijsarrangement=onderwijsarrangement,
        reden=reden,
    )


def neem_kaderuitzonderingen_mee(
    sender: object, *, oud: Leerling, nieuw: Leerling, **kwargs: object
) -> None:
    """The hours of the jeugdhulp under a moved traject now count for the new dossier; an
    exception to the kader agreed for them goes along (docs/overstap.md)."""
    bezet = Kaderuitzondering.objects.filter(leerling=nieuw).values("halfjaar")
    for uitzondering in Kaderuitzondering.objects.filter(leerling=oud).exclude(halfjaar__in=bezet):
        uitzondering.leerling = nieuw
        uitzondering.save(update_fields=["leerling"])
