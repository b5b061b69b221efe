"""Planning an MDO: invitees, time, documents, invitations (with .ics) and reminders."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.mail import Bijlage, stuur_mail
from accounts.models import Gezag, Informatiesoort, Lidmaatschap, Organisatie, User
from accounts.rollen import Bereik, rollen_met_bereik
from accounts.services import vraag_toestemming
from accounts.toestemming import Toestemmingen
from arrangeren.route.models import (
    Beschikbaarheid,
    Genodigde,
    Leerlinggesprek,
    Mdo,
    Mdoverslag,
    Tijdslot,
    Traject,
)

from .common import Bewerkconflict


def _locked(mdo: Mdo, versie: int | None = None) -> Mdo:
    current = Mdo.objects.select_for_update().select_related("traject__leerling").get(pk=mdo.pk)
    if versie is not None and current.versie != versie:
        raise Bewerkconflict("Dit MDO")
    if current.status in (Mdo.Status.GEHOUDEN, Mdo.Status.GEANNULEERD):
        raise ValidationError(f"Dit MDO is {current.get_status_display().lower()}.")
    return current


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
    if Gezag.objects.filter(ouder=user, leerling=leerling).exists():
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
    if traject.huidige_stap < 2:
        raise ValidationError(
            "Een MDO plant u vanaf stap 2, als met ouders en leerling het doel van het overleg "
            "en de deelnemers zijn besproken. Rond eerst stap 1 (Waarnemen) af."
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
    genodigden = [Genodigde(mdo=mdo, user=door, organisatie=leerling.school, rol="school")]
    for mentor in leerling.mentoren.exclude(pk=door.pk):
        genodigden.append(
            Genodigde(mdo=mdo, user=mentor, organisatie=leerling.school, rol="school")
        )
    # Parents are always at the table (DOMAIN.md).
    for gezag in leerling.gezagen.exclude(ouder=door):
        genodigden.append(Genodigde(mdo=mdo, user_id=gezag.ouder_id, rol=Genodigde.Rol.OUDER))
    if mdo.leerling_aanwezig:
        genodigden.append(Genodigde(mdo=mdo, rol=Genodigde.Rol.LEERLING))
    Genodigde.objects.bulk_create(genodigden)
    return mdo


@transaction.atomic
def wijzig_mdo(mdo: Mdo, data: dict, *, door: User, versie: int) -> Mdo:
    """Change the plan; after invitations, every invitee gets the updated appointment."""
    current = _locked(mdo, versie)
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
    if current.leerling_aanwezig and not current.genodigden.filter(rol="leerling").exists():
        Genodigde.objects.create(mdo=current, rol=Genodigde.Rol.LEERLING)
    if not current.leerling_aanwezig:
        current.genodigden.filter(rol=Genodigde.Rol.LEERLING).delete()
    afspraak = ("start", "eind", "locatie", "videolink")
    if current.uitnodigingen_verstuurd_op and any(voor[v] != getattr(current, v) for v in afspraak):
        _mail_uitnodiging(
            current, _met_toestemming(current, uitgenodigd_op__isnull=False), door, gewijzigd=True
        )
    mdo.refresh_from_db()
    return current


@transaction.atomic
def voeg_genodigde_toe(
    mdo: Mdo, user: User, organisatie: Organisatie | None, *, door: User
) -> Genodigde:
    current = _locked(mdo)
    if current.genodigden.filter(user=user).exists():
        raise ValidationError(f"{user.naam} staat al op de lijst met genodigden.")
    rol = _partij(user, organisatie, current.traject)
    return Genodigde.objects.create(
        mdo=current,
        user=user,
        organisatie=None if rol == Genodigde.Rol.OUDER else organisatie,
        rol=rol,
    )


@transaction.atomic
def verwijder_genodigde(genodigde: Genodigde, *, door: User) -> None:
    _locked(genodigde.mdo)
    genodigde.refresh_from_db()  # read again under the lock: maybe just invited
    if genodigde.uitgenodigd_op:
        raise ValidationError(f"{genodigde.naam} is al uitgenodigd en blijft op de lijst.")
    if genodigde.rol == Genodigde.Rol.OUDER:
        raise ValidationError("Ouders zijn altijd uitgenodigd voor het MDO.")
    genodigde.delete()


def _met_toestemming(mdo: Mdo, **filters):
    """The invitees who may still receive mail about the meeting (consent may be gone)."""
    zonder = {g.pk for g in externen_zonder_toestemming(mdo)}
    return mdo.genodigden.filter(**filters).exclude(pk__in=zonder)


def externen_zonder_toestemming(mdo: Mdo, soort=Informatiesoort.MDO_DEELNAME) -> list[Genodigde]:
    toestemmingen = Toestemmingen(mdo.traject.leerling)
    return [
        genodigde
        for genodigde in mdo.genodigden.select_related("user", "organisatie")
        if genodigde.is_extern
        and not toestemmingen.dekt(soort, genodigde.user_id, genodigde.organisatie_id)
    ]


@transaction.atomic
def vraag_toestemming_voor_genodigden(mdo: Mdo, soorten: list[str], *, door: User) -> int:
    """Ask the parents' consent for every outside invitee (step 2: before inviting)."""
    current = _locked(mdo)
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
    return gevraagd


@transaction.atomic
def stel_tijdsloten_voor(mdo: Mdo, tijden: list[tuple[datetime, datetime]], *, door: User) -> int:
    """Propose times; invitees (with consent) get an e-mail to mark when they can."""
    current = _locked(mdo)
    if not tijden:
        raise ValidationError("Stel minstens één tijd voor.")
    for start, eind in tijden:
        _check_tijden(start, eind, verplicht=True)
    bestaand = set(current.tijdsloten.values_list("start", flat=True))
    nieuw = [Tijdslot(mdo=current, start=s, eind=e) for s, e in tijden if s not in bestaand]
    Tijdslot.objects.bulk_create(nieuw)
    current.planning = Mdo.Planning.KIEZEN
    current.save(update_fields=["planning"])
    geblokkeerd = {g.pk for g in externen_zonder_toestemming(current)}
    adressen = [
        g.user.email
        for g in current.genodigden.select_related("user").filter(user__isnull=False)
        if g.pk not in geblokkeerd and g.user_id != door.pk
    ]
    stuur_mail(
        adressen,
        "Wanneer kunt u bij het overleg zijn?",
        "arrangeren/email/tijden_voorgesteld.txt",
        {"pad": reverse("arrangeren:mdo_detail", args=[current.uuid])},
        veroorzaakt_door=door,
        organisatie=current.traject.leerling.school,
    )
    return len(nieuw)


@transaction.atomic
def geef_beschikbaarheid(genodigde: Genodigde, kan: dict[int, bool], *, door: User) -> None:
    if genodigde.user_id != door.pk:
        raise ValidationError("U geeft alleen uw eigen beschikbaarheid door.")
    current = _locked(genodigde.mdo)
    for slot in current.tijdsloten.filter(pk__in=kan):
        Beschikbaarheid.objects.update_or_create(
            tijdslot=slot, genodigde=genodigde, defaults={"kan": kan[slot.pk]}
        )


@transaction.atomic
def kies_tijdslot(mdo: Mdo, tijdslot: Tijdslot, *, door: User, versie: int) -> Mdo:
    current = _locked(mdo, versie)
    if tijdslot.mdo_id != current.pk:
        raise ValidationError("Deze tijd hoort niet bij dit MDO.")
    _check_tijden(tijdslot.start, tijdslot.eind, verplicht=True)
    return wijzig_mdo(
        current,
        {"start": tijdslot.start, "eind": tijdslot.eind, "planning": Mdo.Planning.VAST},
        door=door,
        versie=current.versie,
    )


def ics(mdo: Mdo, *, gewijzigd: bool = False) -> bytes:
    """The appointment as iCalendar; no pupil's name, only a link to the MDO."""
    cal = Calendar()
    cal.add("prodid", "-//Samenplan//MDO//NL")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = Event()
    event.add("uid", mdo.ical_uid)
    event.add("sequence", mdo.versie)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", mdo.start)
    event.add("dtend", mdo.eind)
    event.add("summary", "MDO (multidisciplinair overleg)" + (" — gewijzigd" if gewijzigd else ""))
    # The video link stays in Samenplan, behind the login.
    event.add("location", vText(mdo.locatie or "Online: de link staat in Samenplan"))
    url = settings.SAMENPLAN_BASE_URL.rstrip("/") + reverse(
        "arrangeren:mdo_detail", args=[mdo.uuid]
    )
    event.add("url", url)
    event.add("description", f"Agenda, stukken en uw antwoord: {url}")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText("Samenplan")
    event.add("organizer", organizer)
    cal.add_component(event)
    return cal.to_ical()


# The invitation's kind in the outbox: the MDO page shows whether it arrived.
UITNODIGING_SJABLOON = "arrangeren/email/uitnodiging.txt"


def _mail_uitnodiging(mdo: Mdo, genodigden, door: User, *, gewijzigd: bool = False) -> None:
    adressen = [g.user.email for g in genodigden.select_related("user") if g.user_id]
    stuur_mail(
        adressen,
        "Gewijzigd: uitnodiging voor een MDO" if gewijzigd else "Uitnodiging voor een MDO",
        UITNODIGING_SJABLOON,
        {
            "mdo": mdo,
            "gewijzigd": gewijzigd,
            "pad": reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
        },
        bijlagen=[Bijlage("mdo.ics", ics(mdo, gewijzigd=gewijzigd), "text/calendar")],
        veroorzaakt_door=door,
        organisatie=mdo.traject.leerling.school,
    )


@transaction.atomic
def verstuur_uitnodigingen(mdo: Mdo, *, door: User) -> int:
    """Send the invitations: once per invitee, and only to outsiders the parents agreed to.

    The row lock makes a double click wait for the first; it then finds nobody left to
    invite, so one set of e-mails goes out, not two.
    """
    current = Mdo.objects.select_for_update().select_related("traject__leerling").get(pk=mdo.pk)
    if current.status in (Mdo.Status.GEHOUDEN, Mdo.Status.GEANNULEERD):
        raise ValidationError(f"Dit MDO is {current.get_status_display().lower()}.")
    if current.start is None:
        raise ValidationError("Kies eerst de datum en tijd van het MDO.")
    if current.start <= timezone.now():
        raise ValidationError("De datum en tijd van het MDO liggen in het verleden.")
    zonder = externen_zonder_toestemming(current)
    if zonder:
        namen = ", ".join(g.naam for g in zonder)
        raise ValidationError(
            "De ouders hebben nog geen toestemming gegeven om deze personen uit te nodigen: "
            f"{namen}. Vraag eerst toestemming of haal hen van de lijst."
        )
    te_versturen = current.genodigden.filter(uitgenodigd_op__isnull=True)
    ids = list(te_versturen.values_list("pk", flat=True))
    if not ids:
        return 0
    nu = timezone.now()
    Genodigde.objects.filter(pk__in=ids).update(uitgenodigd_op=nu)
    current.status = Mdo.Status.UITGENODIGD
    current.uitnodigingen_verstuurd_op = current.uitnodigingen_verstuurd_op or nu
    current.save(update_fields=["status", "uitnodigingen_verstuurd_op"])
    if not current.verslagen.exists():
        # The concept report is ready for the meeting (steps 4-6 are written in it).
        Mdoverslag.objects.create(mdo=current, versie=1, gewijzigd_door=door)
    _mail_uitnodiging(current, Genodigde.objects.filter(pk__in=ids).exclude(user=door), door)
    return len(ids)


@transaction.atomic
def annuleer_mdo(mdo: Mdo, *, door: User, reden: str) -> Mdo:
    """Cancel a meeting; whoever was invited hears it. A new MDO can then be planned."""
    if not reden.strip():
        raise ValidationError("Geef een reden om het MDO te annuleren.")
    current = _locked(mdo)
    current.status = Mdo.Status.GEANNULEERD
    current.versie += 1
    current.save(update_fields=["status", "versie"])
    uitgenodigd = _met_toestemming(current, uitgenodigd_op__isnull=False).exclude(user=door)
    stuur_mail(
        [g.user.email for g in uitgenodigd.select_related("user") if g.user_id],
        "Geannuleerd: MDO",
        "arrangeren/email/geannuleerd.txt",
        {"mdo": current, "reden": reden.strip()},
        veroorzaakt_door=door,
        organisatie=current.traject.leerling.school,
    )
    return current


@transaction.atomic
def beantwoord_uitnodiging(genodigde: Genodigde, komt: bool, *, door: User) -> Genodigde:
    if genodigde.user_id != door.pk:
        raise ValidationError("U beantwoordt alleen uw eigen uitnodiging.")
    _locked(genodigde.mdo)
    genodigde.antwoord = Genodigde.Antwoord.KOMT if komt else Genodigde.Antwoord.KOMT_NIET
    genodigde.beantwoord_op = timezone.now()
    genodigde.save(update_fields=["antwoord", "beantwoord_op"])
    return genodigde


@transaction.atomic
def leg_leerlinggesprek_vast(mdo: Mdo, data: dict, *, door: User) -> Leerlinggesprek:
    """Hoorrecht: the pupil's own view, heard before the meeting."""
    current = _locked(mdo)
    if data["gevoerd_op"] > timezone.localdate():
        raise ValidationError("Het gesprek kan niet in de toekomst gevoerd zijn.")
    gesprek, _ = Leerlinggesprek.objects.update_or_create(
        mdo=current, defaults={**data, "gevoerd_door": door}
    )
    return gesprek


def stuur_herinneringen(nu: datetime | None = None) -> int:
    """Remind invitees a few days before the meeting; each invitee once."""
    nu = nu or timezone.now()
    grens = nu + timedelta(days=settings.SAMENPLAN_HERINNERING_DAGEN)
    genodigden = Genodigde.objects.filter(
        mdo__status=Mdo.Status.UITGENODIGD,
        mdo__start__gt=nu,
        mdo__start__lte=grens,
        uitgenodigd_op__isnull=False,
        herinnerd_op__isnull=True,
        user__isnull=False,
    ).exclude(antwoord=Genodigde.Antwoord.KOMT_NIET)
    verstuurd = 0
    for mdo in Mdo.objects.filter(pk__in=genodigden.values("mdo")).select_related(
        "traject__leerling__school", "voorzitter"
    ):
        with transaction.atomic():
            toegestaan = _met_toestemming(mdo).values("pk")
            ids = list(
                genodigden.select_for_update()
                .filter(mdo=mdo, pk__in=toegestaan)
                .values_list("pk", flat=True)
            )
            Genodigde.objects.filter(pk__in=ids).update(herinnerd_op=nu)
            stuur_mail(
                Genodigde.objects.filter(pk__in=ids).values_list("user__email", flat=True),
                "Herinnering: MDO binnenkort",
                "arrangeren/email/herinnering.txt",
                {"mdo": mdo, "pad": reverse("arrangeren:mdo_detail", args=[mdo.uuid])},
                # The chair hears when a reminder does not arrive.
                veroorzaakt_door=mdo.voorzitter,
                organisatie=mdo.traject.leerling.school,
            )
            verstuurd += len(ids)
    return verstuurd
