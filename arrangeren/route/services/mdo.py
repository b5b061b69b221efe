"""Planning an MDO: the plan, the invitees, their consent, the time, the pupil's view.

Inviting (the e-mails with their .ics, answers, reminders) is in `uitnodigingen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Gezag, Informatiesoort, Lidmaatschap, Organisatie, User
from accounts.rollen import Bereik, Ouderrecht, gezag_met, ouder_mag, rollen_met_bereik
from accounts.services import vraag_toestemming
from accounts.toestemming import regel_voor
from arrangeren.route import personen
from arrangeren.route.models import (
    Beschikbaarheid,
    Genodigde,
    Mdo,
    Tijdslot,
    Traject,
)
from arrangeren.route.stappen import MDO_VANAF

from .common import vergrendel_mdo
from .uitnodigingen import (
    mail_agenda,
    mail_uitnodiging,
    met_toestemming,
    nodig_uit,
    te_vragen,
    vraag_late_genodigden,
    vraag_tijden,
)


def _check_tijden(start: datetime | None, eind: datetime | None, *, verplicht: bool) -> None:
    if start is None or eind is None:
        if verplicht:
            raise ValidationError("Vul de datum, de begintijd en de eindtijd in.")
        return
    if eind <= start:
        raise ValidationError("De eindtijd ligt vóór of op de begintijd.")
    if start <= timezone.now():
        raise ValidationError("De datum en tijd van het MDO liggen in het verleden.")


def _check_plaats(data: dict) -> None:
    if not (data.get("locatie") or "").strip() and not (data.get("videolink") or "").strip():
        raise ValidationError("Vul een plaats of een videolink in.")
    if data.get("tolk_nodig") and not (data.get("tolk_taal") or "").strip():
        raise ValidationError("Vul in voor welke taal een tolk nodig is.")


MDO_VELDEN = (
    "doel",
    "planning",
    "start",
    "eind",
    "locatie",
    "videolink",
    "tolk_nodig",
    "tolk_taal",
    "agenda",
    "leerling_aanwezig",
)


def _partij(user: User, organisatie: Organisatie | None, traject: Traject) -> str:
    leerling = traject.leerling
    gezag = Gezag.objects.filter(ouder=user, leerling=leerling).first()
    if gezag is not None:
        if not ouder_mag(gezag.heeft_gezag, Ouderrecht.BESLISSEN):
            raise ValidationError(
                f"{user.naam} heeft geen gezag: een ouder zonder gezag heeft recht op "
                "informatie over belangrijke zaken, niet op deelname aan het MDO. De datum "
                "van het MDO ziet deze ouder op de pagina van het kind."
            )
        return Genodigde.Rol.OUDER
    if (
        organisatie is None
        or not Lidmaatschap.objects.filter(user=user, organisatie=organisatie).exists()
    ):
        raise ValidationError(f"{user.naam} werkt niet bij de gekozen organisatie.")
    schoolrollen = rollen_met_bereik(Bereik.EIGEN_SCHOOL) + rollen_met_bereik(
        Bereik.EIGEN_LEERLINGEN
    )
    if (
        organisatie.pk == leerling.school_id
        and Lidmaatschap.objects.filter(
            user=user, organisatie=organisatie, rol__in=schoolrollen
        ).exists()
    ):
        return Genodigde.Rol.SCHOOL
    return Genodigde.Rol.EXTERN


@transaction.atomic
def plan_mdo(traject: Traject, data: dict, *, door: User) -> Mdo:
    """Create the MDO of the current cycle; parents, mentor and chair are invited at once."""
    traject = Traject.objects.select_for_update().select_related("leerling").get(pk=traject.pk)
    if not traject.is_open:
        raise ValidationError("Dit traject is afgesloten.")
    if not traject.stap.mdo_mogelijk:
        raise ValidationError(
            f"Een MDO plant u vanaf stap {MDO_VANAF}, als met ouders en leerling het doel van "
            "het overleg en de deelnemers zijn besproken. Rond eerst stap "
            f"{traject.huidige_stap} ({traject.stap.naam}) af."
        )
    lopend = traject.mdos.filter(status__in=[Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD])
    if lopend.exists():
        raise ValidationError("Er is al een MDO in voorbereiding voor dit traject.")
    if not (data.get("doel") or "").strip():
        raise ValidationError("Beschrijf het doel van het overleg.")
    vast = data.get("planning", Mdo.Planning.VAST) == Mdo.Planning.VAST
    _check_tijden(data.get("start"), data.get("eind"), verplicht=vast)
    _check_plaats(data)
    mdo = Mdo.objects.create(
        traject=traject,
        cyclus=traject.cyclus,
        voorzitter=door,
        **{veld: data[veld] for veld in MDO_VELDEN if veld in data},
    )
    leerling = traject.leerling
    school = Genodigde.Rol.SCHOOL
    genodigden = [Genodigde(mdo=mdo, user=door, organisatie=leerling.school, rol=school)]
    for mentor in leerling.mentoren.exclude(pk=door.pk):
        genodigden.append(Genodigde(mdo=mdo, user=mentor, organisatie=leerling.school, rol=school))
    # Parents with custody are always at the table (docs/route.md); a parent without
    # custody hears of the meeting's date, no more (BW 1:377c, docs/rollen.md).
    ouders = leerling.gezagen.filter(heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN))
    for gezag in ouders.exclude(ouder=door):
        genodigden.append(Genodigde(mdo=mdo, user_id=gezag.ouder_id, rol=Genodigde.Rol.OUDER))
    if mdo.leerling_aanwezig:
        genodigden.append(Genodigde(mdo=mdo, rol=Genodigde.Rol.LEERLING))
    Genodigde.objects.bulk_create(genodigden)
    return mdo


@transaction.atomic
def wijzig_mdo(mdo: Mdo, data: dict, *, door: User, versie: int) -> Mdo:
    """Change the plan; after invitations, every invitee gets the updated appointment."""
    current = vergrendel_mdo(mdo, versie)
    vast = data.get("planning", current.planning) == Mdo.Planning.VAST
    tijd_gewijzigd = (data.get("start"), data.get("eind")) != (current.start, current.eind)
    if tijd_gewijzigd:
        _check_tijden(data.get("start"), data.get("eind"), verplicht=vast)
    if current.uitnodigingen_verstuurd_op and "start" in data and not data["start"]:
        raise ValidationError(
            "De uitnodigingen zijn al verstuurd: datum en tijd blijven ingevuld. Verplaats het "
            "overleg naar een nieuwe datum; de genodigden krijgen dan een gewijzigde afspraak."
        )
    voor = {veld: getattr(current, veld) for veld in MDO_VELDEN}
    _check_plaats({**voor, **data})  # a partial change (kies_tijdslot) keeps the place
    for veld in MDO_VELDEN:
        if veld in data:
            setattr(current, veld, data[veld])
    current.versie += 1
    current.save()
    if (
        current.leerling_aanwezig
        and not current.genodigden.filter(rol=Genodigde.Rol.LEERLING).exists()
    ):
        Genodigde.objects.create(mdo=current, rol=Genodigde.Rol.LEERLING)
    if not current.leerling_aanwezig:
        current.genodigden.filter(rol=Genodigde.Rol.LEERLING).delete()
    afspraak = ("start", "eind", "locatie", "videolink")
    if current.uitnodigingen_verstuurd_op and any(voor[v] != getattr(current, v) for v in afspraak):
        mail_uitnodiging(
            current, met_toestemming(current, uitgenodigd_op__isnull=False), door, gewijzigd=True
        )
    mdo.refresh_from_db()
    return current


@transaction.atomic
def voeg_genodigde_toe(
    mdo: Mdo, user: User, organisatie: Organisatie | None, *, door: User
) -> Genodigde:
    current = vergrendel_mdo(mdo)
    if current.genodigden.filter(user=user).exists():
        raise ValidationError(f"{user.naam} staat al op de lijst met genodigden.")
    rol = _partij(user, organisatie, current.traject)
    if rol != Genodigde.Rol.OUDER and not (
        personen.in_de_kring(current.traject).filter(user=user, organisatie=organisatie).exists()
    ):
        # Invitees are people who can open the meeting (arrangeren/route/personen.py).
        raise ValidationError(
            f"{user.naam} hoort niet bij de school, het samenwerkingsverband of het jeugdteam "
            f"van {current.traject.leerling.voornaam}. Anderen nodigt u uit zodra de ouders "
            "toestemming gaven voor deelname aan het MDO; dan kunnen zij het overleg ook openen."
        )
    genodigde = Genodigde.objects.create(
        mdo=current,
        user=user,
        organisatie=None if rol == Genodigde.Rol.OUDER else organisatie,
        rol=rol,
    )
    # Times already proposed: the newcomer is asked too (an outsider once consent covers her).
    vraag_late_genodigden(current, door)
    return genodigde


@transaction.atomic
def verwijder_genodigde(genodigde: Genodigde, *, door: User) -> None:
    vergrendel_mdo(genodigde.mdo)
    genodigde.refresh_from_db()  # read again under the lock: maybe just invited
    if genodigde.uitgenodigd_op:
        raise ValidationError(f"{genodigde.naam} is al uitgenodigd en blijft op de lijst.")
    if genodigde.rol == Genodigde.Rol.OUDER:
        raise ValidationError("Ouders zijn altijd uitgenodigd voor het MDO.")
    genodigde.delete()


# What the parents are asked for before an outsider is invited (docs/route.md).
MDO_TOESTEMMINGEN = (Informatiesoort.MDO_DEELNAME, Informatiesoort.VOORBEREIDINGSSTUKKEN)


@dataclass(frozen=True)
class Toestemmingsvraag:
    gevraagd: int  # questions sent; none when all were asked or answered already
    leerling_beslist: bool  # old enough to decide alone (accounts.toestemming): not the parents


@transaction.atomic
def vraag_toestemming_voor_genodigden(
    mdo: Mdo, soorten: list[str], *, door: User
) -> Toestemmingsvraag:
    """Ask the parents' consent for every outside invitee (step 2: before inviting)."""
    current = vergrendel_mdo(mdo)
    gevraagd = 0
    for genodigde in current.genodigden.filter(rol=Genodigde.Rol.EXTERN).select_related(
        "user", "organisatie"
    ):
        gevraagd += len(
            vraag_toestemming(
                current.traject.leerling,
                door=door,
                ontvanger_organisatie=genodigde.organisatie,
                ontvanger=genodigde.user,
                soorten=soorten,
            )
        )
    leerling_beslist = not regel_voor(current.traject.leerling).ouders
    return Toestemmingsvraag(gevraagd, leerling_beslist)


# At most this many times are proposed in one go (the form's rows).
MAX_TIJDEN = 4
TIJD_LIGT_VAST = (
    "De tijd van dit MDO ligt al vast. Verplaatsen kan via Gegevens van het MDO wijzigen; "
    "de genodigden krijgen dan een gewijzigde afspraak."
)


@transaction.atomic
def stel_tijdsloten_voor(mdo: Mdo, tijden: list[tuple[datetime, datetime]], *, door: User) -> int:
    """Propose times, several at once: each invitee who may hear of the meeting gets one
    mail for the whole set and marks per time whether she can (docs/route.md)."""
    current = vergrendel_mdo(mdo)
    if current.start is not None:
        raise ValidationError(TIJD_LIGT_VAST)
    if not tijden:
        raise ValidationError("Stel minstens één tijd voor.")
    if len(tijden) > MAX_TIJDEN:
        raise ValidationError(f"Stel in één keer ten hoogste {MAX_TIJDEN} tijden voor.")
    for start, eind in tijden:
        _check_tijden(start, eind, verplicht=True)
    if len({start for start, _ in tijden}) < len(tijden):
        raise ValidationError("Twee voorgestelde tijden beginnen op hetzelfde moment.")
    bestaand = set(current.tijdsloten.values_list("start", flat=True))
    nieuw = [Tijdslot(mdo=current, start=s, eind=e) for s, e in tijden if s not in bestaand]
    if not nieuw:
        raise ValidationError("Deze tijd is al voorgesteld; er is niemand opnieuw gevraagd.")
    Tijdslot.objects.bulk_create(nieuw)
    current.planning = Mdo.Planning.KIEZEN
    current.save(update_fields=["planning"])
    vraag_tijden(current, te_vragen(current), door)
    return len(nieuw)


@transaction.atomic
def geef_beschikbaarheid(genodigde: Genodigde, kan: dict[int, bool], *, door: User) -> None:
    """An invitee's own answers, all times in one go; changeable until a time is chosen."""
    if genodigde.user_id != door.pk:
        raise ValidationError("U geeft alleen uw eigen beschikbaarheid door.")
    current = vergrendel_mdo(genodigde.mdo)
    if current.start is not None:
        raise ValidationError(
            "De tijd van het MDO is al gekozen; uw antwoord kan niet meer worden gewijzigd."
        )
    if not te_vragen(current).filter(pk=genodigde.pk).exists():
        raise ValidationError("U bent (nog) niet gevraagd om door te geven wanneer u kunt.")
    tijdsloten = list(current.tijdsloten.filter(pk__in=kan))
    if not kan or len(tijdsloten) != len(kan):
        raise ValidationError(
            "De voorgestelde tijden zijn intussen gewijzigd. Bekijk ze opnieuw en geef per "
            "tijd aan of u kunt."
        )
    for slot in tijdsloten:
        Beschikbaarheid.objects.update_or_create(
            tijdslot=slot, genodigde=genodigde, defaults={"kan": kan[slot.pk]}
        )


@transaction.atomic
def kies_tijdslot(mdo: Mdo, tijdslot: Tijdslot, *, door: User, versie: int) -> Mdo:
    """Fix the time from the proposed ones and announce it once: everyone who may hear of
    the meeting gets the invitation with its .ics (an outsider still without consent is
    invited later with "Uitnodigingen versturen")."""
    current = vergrendel_mdo(mdo, versie)
    if tijdslot.mdo_id != current.pk:
        raise ValidationError("Deze tijd hoort niet bij dit MDO.")
    if current.start is not None:
        raise ValidationError(TIJD_LIGT_VAST)
    _check_tijden(tijdslot.start, tijdslot.eind, verplicht=True)
    gekozen = wijzig_mdo(
        current,
        {"start": tijdslot.start, "eind": tijdslot.eind, "planning": Mdo.Planning.VAST},
        door=door,
        versie=current.versie,
    )
    nodig_uit(gekozen, met_toestemming(gekozen), door)
    return gekozen


@transaction.atomic
def annuleer_mdo(mdo: Mdo, *, door: User, reden: str) -> Mdo:
    """Cancel a meeting; whoever was invited hears it. A new MDO can then be planned."""
    if not reden.strip():
        raise ValidationError("Geef een reden om het MDO te annuleren.")
    current = vergrendel_mdo(mdo)
    current.status = Mdo.Status.GEANNULEERD
    current.annuleringsreden = reden.strip()
    current.versie += 1
    current.save(update_fields=["status", "annuleringsreden", "versie"])
    uitgenodigd = met_toestemming(current, uitgenodigd_op__isnull=False).exclude(user=door)
    # The reason is free text: it stays on the MDO page, the mail links there. The .ics
    # takes the meeting out of each calendar (METHOD:CANCEL, docs/route.md "Agenda").
    mail_agenda(
        current,
        uitgenodigd.select_related("user"),
        door,
        onderwerp="Geannuleerd: MDO",
        sjabloon="arrangeren/email/geannuleerd.txt",
        context={"mdo": current, "pad": reverse("arrangeren:mdo_detail", args=[current.uuid])},
        melding="mdo_geannuleerd",
        geannuleerd=True,
    )
    return current
