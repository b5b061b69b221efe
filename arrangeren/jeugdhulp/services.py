"""Registering jeugdhulp inzet, logging hours, and the regional kaders around them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, User
from accounts.notificaties import notificeer
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import Recht, Soort, rollen_met
from accounts.schrijfwijze import getal
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.mdb import financiering, fouten_mdb
from arrangeren.jeugdhulp.models import (
    Jeugdhulpinzet,
    Jeugdhulpsoort,
    Kaderuitzondering,
    Urenregistratie,
)
from arrangeren.route.models import Traject
from opp.models import Gezinsplan, Opp, OppDoel

VERRE_TOEKOMST = timedelta(days=2 * 365)
AANBIEDERS = (Soort.JEUGDHULPAANBIEDER, Soort.JEUGDTEAM, Soort.SCHOOL)


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


def _fouten_doelen(
    traject: Traject, doelen: list[OppDoel], gezinsplan: Gezinsplan | None = None
) -> dict[str, str]:
    if not doelen and gezinsplan is not None:
        return _fouten_gezinsplan(traject, gezinsplan)
    if not doelen:
        return {"doelen": "Koppel de inzet aan minstens één doel uit het OPP."}
    if any(doel.opp.leerling_id != traject.leerling_id for doel in doelen):
        return {"doelen": "Deze doelen horen niet bij het OPP van deze leerling."}
    return {}


def _inzetvelden(data: dict) -> dict:
    velden = {k: data.get(k) for k in INZETVELDEN if data.get(k) is not None}
    if velden.get("soort") != Jeugdhulpsoort.MDB:
        velden.pop("vaste_contactpersoon", None)
        velden.pop("scenario", None)
    if velden.get("soort") == Jeugdhulpsoort.MDB:
        velden.update(financiering(data))
        velden["uurtarief"] = data.get("uurtarief")
        if velden["uurtarief"] is None:
            velden["uurtarief"] = Decimal(settings.SAMENPLAN_MDB_UURTARIEF)
    return velden


def _fouten_gezinsplan(traject: Traject, gezinsplan: Gezinsplan) -> dict[str, str]:
    """Holland Rijnland Methode, stap 2: "Daar waar geen OPP is, is het perspectiefplan
    leidend." An inzet rests on the pupil's running gezinsplan only while there is no OPP."""
    if (
        gezinsplan.leerling_id != traject.leerling_id
        or gezinsplan.status != Gezinsplan.Status.LOPEND
    ):
        return {"doelen": "Dit gezinsplan hoort niet bij deze leerling of loopt niet meer."}
    if Opp.objects.filter(leerling_id=traject.leerling_id).exists():
        return {"doelen": "Er is een OPP: koppel de inzet aan minstens één doel uit het OPP."}
    return {}


@transaction.atomic
def registreer_inzet(
    traject: Traject,
    data: dict,
    doelen: list[OppDoel],
    *,
    door: User,
    gezinsplan: Gezinsplan | None = None,
) -> Jeugdhulpinzet:
    """The medewerker jeugdteam registers jeugdhulp started for one or more OPP goals."""
    traject = Traject.objects.select_for_update().select_related("leerling").get(pk=traject.pk)
    if not traject.is_open:
        raise ValidationError("Dit traject is afgesloten.")
    # Every problem at once, each at its field (a dict the view's form spreads out).
    fouten = {
        **_fouten_periode(data.get("start"), data.get("geplande_einde")),
        **_fouten_doelen(traject, doelen, gezinsplan),
    }
    aanbieder = data.get("aanbieder")
    if aanbieder is None or aanbieder.soort not in AANBIEDERS:
        fouten["aanbieder"] = "Kies de aanbieder (jeugdhulpaanbieder, jeugdteam of school)."
    if data.get("soort") == Jeugdhulpsoort.MDB:
        fouten = {**fouten_mdb(traject, doelen, data), **fouten}
    if fouten:
        raise ValidationError(fouten)
    inzet = Jeugdhulpinzet.objects.create(
        traject=traject,
        geregistreerd_door=door,
        gezinsplan=None if doelen else gezinsplan,
        **_inzetvelden(data),
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
    """At most the kader's hours of begeleiding per half year in the school's subregion,
    unless school and SWV agreed an exception (kaders begeleiding, docs/jeugdhulp.md); a
    correction replaces the week's hours."""
    grens = kaders.kader_voor(leerling)
    if grens is None:
        return  # no kader begeleiding in the school's subregion
    halfjaar = kaders.halfjaar_van(week)
    na = kaders.begeleidingsuren(leerling, halfjaar, zonder=bestaand.pk if bestaand else None)
    na += uren
    akkoord = Kaderuitzondering.objects.akkoord().filter(leerling=leerling, halfjaar=halfjaar)
    if na > grens and not akkoord.exists():
        raise ValidationError(
            f"Hiermee komt de begeleiding op {getal(na)} uur in dit halfjaar; het kader is "
            f"{getal(grens)} uur. Meer mag alleen als uitzondering die school en SWV samen "
            "afspreken, met een lopend onderwijsarrangement en een reden. Er is niets "
            "opgeslagen."
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


def _partij_van(user: User, leerling: Leerling) -> Lidmaatschap | None:
    """The membership through which the user speaks for the pupil's school or its SWV in
    a kader exception (school first), or None."""
    school = leerling.school
    if school is None:
        return None
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    rollen = rollen_met(Recht.KADERUITZONDERING_VASTLEGGEN)  # the school's and the SWV's
    # From the memberships the request holds already (no query), school first.
    leden = [lid for lid in lidmaatschappen if lid.rol in rollen]
    for organisatie_id in (school.pk, school.swv_id):
        lid = next((lid for lid in leden if lid.organisatie_id == organisatie_id), None)
        if organisatie_id and lid is not None:
            return lid
    return None


def _namens(lid: Lidmaatschap, leerling: Leerling) -> str:
    if lid.organisatie_id == leerling.school_id:
        return Kaderuitzondering.Partij.SCHOOL
    return Kaderuitzondering.Partij.SWV


def _andere_partij_leden(uitzondering: Kaderuitzondering) -> list[User]:
    """Whoever may agree for the party the exception waits for."""
    school = uitzondering.leerling.school
    organisatie_id = (
        school.swv_id if uitzondering.wacht_op == Kaderuitzondering.Partij.SWV else school.pk
    )
    leden = Lidmaatschap.objects.filter(
        organisatie_id=organisatie_id, rol__in=rollen_met(Recht.KADERUITZONDERING_VASTLEGGEN)
    ).select_related("user")
    return [lid.user for lid in leden]


@transaction.atomic
def leg_uitzondering_vast(
    leerling: Leerling, halfjaar: date, *, door: User, onderwijsarrangement: str, reden: str
) -> Kaderuitzondering:
    """School or SWV proposes an exception to the kader for one half year; the other party
    agrees (`geef_akkoord_op_uitzondering`). *Regionale afspraken Duin- en Bollenstreek*,
    Leidende principes: "Voorwaarde hierbij is dat door een school en het SWV een passend
    onderwijsarrangement wordt ingezet"."""
    leerling = (
        Leerling.objects.select_for_update(of=("self",))
        .select_related("school")
        .get(pk=leerling.pk)
    )
    lid = _partij_van(door, leerling)
    if lid is None:
        raise PermissionDenied("Alleen de school of het SWV stelt een uitzondering voor.")
    if not onderwijsarrangement.strip() or not reden.strip():
        raise ValidationError(
            "Beschrijf het lopende onderwijsarrangement van school en SWV en de reden."
        )
    halfjaar = kaders.halfjaar_van(halfjaar)
    namens = _namens(lid, leerling)
    bestaand = Kaderuitzondering.objects.filter(leerling=leerling, halfjaar=halfjaar).first()
    if bestaand is not None and bestaand.akkoord:
        raise ValidationError(
            "Voor dit halfjaar hebben school en SWV al een uitzondering afgesproken. Er is "
            "niets gewijzigd."
        )
    if bestaand is not None and bestaand.voorgesteld_namens != namens:
        raise ValidationError(
            f"{'Het SWV' if namens == 'school' else 'De school'} heeft voor dit halfjaar al "
            "een uitzondering voorgesteld. Geef daarop uw akkoord in plaats van een nieuw "
            "voorstel. Er is niets gewijzigd."
        )
    uitzondering, _ = Kaderuitzondering.objects.update_or_create(
        leerling=leerling,
        halfjaar=halfjaar,
        defaults={
            "onderwijsarrangement": onderwijsarrangement.strip(),
            "reden": reden.strip(),
            "door": door,
            "voorgesteld_namens": namens,
        },
    )
    notificeer(
        _andere_partij_leden(uitzondering),
        "kaderuitzondering_voorgesteld",
        reverse("arrangeren:jeugdhulp_uitzonderingen"),
        veroorzaakt_door=door,
        onderwerp=uitzondering.uuid,
        niet_herhalen=True,
    )
    return uitzondering


def mag_akkoord_geven(user: User, uitzondering: Kaderuitzondering) -> bool:
    """Someone of the party the exception waits for, not its proposer."""
    if uitzondering.akkoord or uitzondering.door_id == user.pk:
        return False
    lid = _partij_van(user, uitzondering.leerling)
    return lid is not None and _namens(lid, uitzondering.leerling) == uitzondering.wacht_op


@transaction.atomic
def geef_akkoord_op_uitzondering(uitzondering: Kaderuitzondering, *, door: User) -> None:
    """The other party agrees: from now on the exception lifts the kader for its half year."""
    uitzondering = (
        Kaderuitzondering.objects.select_for_update(of=("self",))
        .select_related("leerling__school")
        .get(pk=uitzondering.pk)
    )
    if uitzondering.akkoord:
        raise ValidationError("Op deze uitzondering is al akkoord gegeven.")
    if not mag_akkoord_geven(door, uitzondering):
        raise PermissionDenied(
            "Akkoord geeft de andere partij: het SWV op een voorstel van de school, de "
            "school op een voorstel van het SWV."
        )
    uitzondering.akkoord_door = door
    uitzondering.akkoord_op = timezone.now()
    uitzondering.save(update_fields=["akkoord_door", "akkoord_op"])
    notificeer(
        [uitzondering.door],
        "kaderuitzondering_akkoord",
        reverse("arrangeren:jeugdhulp_uitzonderingen"),
        veroorzaakt_door=door,
        onderwerp=uitzondering.uuid,
    )


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
