"""Inviting to an MDO: consent of outside invitees, the invitation with its .ics, the
answers, the reminders, and whether each invitation arrived (docs/route.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from uuid import uuid5

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.berichten import eerste_berichten_na
from accounts.mail import Bijlage, stuur_mail
from accounts.models import Gezag, Informatiesoort, Toestemming, User
from accounts.notificaties import notificeer
from accounts.rollen import Ouderrecht, gezag_met
from accounts.toestemming import Toestemmingen
from arrangeren.route.models import Genodigde, Mdo, Mdoverslag

from .common import vergrendel_mdo

# The invitation's kind in the outbox: the MDO page shows whether it arrived.
UITNODIGING_SJABLOON = "arrangeren/email/uitnodiging.txt"
TIJDEN_SJABLOON = "arrangeren/email/tijden_voorgesteld.txt"
ICS = "text/calendar"


def externen_zonder_toestemming(
    mdo: Mdo,
    soort: str = Informatiesoort.MDO_DEELNAME,
    *,
    genodigden: Iterable[Genodigde] | None = None,
    toestemmingen: Toestemmingen | None = None,
) -> list[Genodigde]:
    """Outside invitees whom the parents' consent does not cover. A page that loaded the
    invitees (with user and organisation) or the pupil's consent passes them."""
    if toestemmingen is None:
        toestemmingen = Toestemmingen(mdo.traject.leerling)
    if genodigden is None:
        genodigden = mdo.genodigden.select_related("user", "organisatie")
    return [
        genodigde
        for genodigde in genodigden
        if genodigde.is_extern
        and not toestemmingen.dekt(soort, genodigde.user_id, genodigde.organisatie_id)
    ]


def ouders_zonder_gezag(mdo: Mdo) -> QuerySet[Genodigde]:
    """Parents invited while they had custody, whose custody has since ended: they are no
    longer part of the meeting (BW 1:377c; docs/rollen.md, "Ouders zonder gezag")."""
    met_gezag = Gezag.objects.filter(
        leerling_id=mdo.traject.leerling_id, heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN)
    ).values("ouder_id")
    return mdo.genodigden.filter(rol=Genodigde.Rol.OUDER).exclude(user_id__in=met_gezag)


def met_toestemming(mdo: Mdo, **filters) -> QuerySet[Genodigde]:
    """The invitees who may still receive mail about the meeting (consent may be gone, and
    a parent's custody)."""
    zonder = {g.pk for g in externen_zonder_toestemming(mdo)}
    return (
        mdo.genodigden.filter(**filters)
        .exclude(pk__in=zonder)
        .exclude(pk__in=ouders_zonder_gezag(mdo).values("pk"))
    )


def bezorging(genodigden: Iterable[Genodigde]) -> dict[int, object]:
    """Per invitee, whether the invitation arrived (from the outbox)."""
    return eerste_berichten_na(
        UITNODIGING_SJABLOON,
        {g.pk: (g.user.email if g.user_id else None, g.uitgenodigd_op) for g in genodigden},
    )


# RSVP state in the calendar (RFC 5545, 3.2.12) from the invitee's answer.
PARTSTAT = {
    Genodigde.Antwoord.GEEN: "NEEDS-ACTION",
    Genodigde.Antwoord.KOMT: "ACCEPTED",
    Genodigde.Antwoord.KOMT_NIET: "DECLINED",
}


def deelnemers(mdo: Mdo) -> list[Genodigde]:
    """The invitees the calendar lists: people (not the pupil) who may still hear of it."""
    return list(met_toestemming(mdo).filter(user__isnull=False).select_related("user"))


def _attendee(mdo: Mdo, genodigde: Genodigde, voor: User | None) -> vCalAddress:
    # Only the recipient's own address is in her file; the others are a name with an
    # opaque address, as the mail goes to each person alone (docs/route.md, "Agenda").
    if voor is not None and genodigde.user_id == voor.pk:
        adres = f"mailto:{genodigde.user.email}"
    else:
        adres = uuid5(mdo.uuid, str(genodigde.pk)).urn
    attendee = vCalAddress(adres)
    # A parent's name usually carries the pupil's surname: the file names the role only.
    ouder = genodigde.rol == Genodigde.Rol.OUDER
    attendee.params["CN"] = vText(genodigde.get_rol_display() if ouder else genodigde.user.naam)
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = PARTSTAT[genodigde.antwoord]
    attendee.params["RSVP"] = "TRUE"
    return attendee


def ics(
    mdo: Mdo,
    *,
    gewijzigd: bool = False,
    voor: User | None = None,
    genodigden: list[Genodigde] | None = None,
    geannuleerd: bool = False,
) -> bytes:
    """The appointment as iCalendar (RFC 5545), times in UTC so no VTIMEZONE is needed;
    no pupil's name, only a link to the MDO. `voor` is the person whose file it is."""
    cal = Calendar()
    cal.add("prodid", "-//Samenplan//MDO//NL")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if geannuleerd else "REQUEST")
    event = Event()
    event.add("uid", mdo.ical_uid)
    event.add("sequence", mdo.versie)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", mdo.start.astimezone(UTC))
    event.add("dtend", mdo.eind.astimezone(UTC))
    if geannuleerd:
        event.add("status", "CANCELLED")
    titel = "MDO (multidisciplinair overleg)"
    event.add(
        "summary",
        titel + (" — geannuleerd" if geannuleerd else "") + (" — gewijzigd" if gewijzigd else ""),
    )
    # The place (free text) and the video link stay in Samenplan, behind the login.
    event.add(
        "location",
        vText(
            "De plaats staat in Samenplan" if mdo.locatie else "Online: de link staat in Samenplan"
        ),
    )
    url = settings.SAMENPLAN_BASE_URL.rstrip("/") + reverse(
        "arrangeren:mdo_detail", args=[mdo.uuid]
    )
    event.add("url", url)
    event.add("description", f"Agenda, stukken en uw antwoord: {url}")
    # The organiser is the coördinator who planned the meeting, not the no-reply address.
    organizer = vCalAddress(f"mailto:{mdo.voorzitter.email}")
    organizer.params["CN"] = vText(mdo.voorzitter.naam)
    event.add("organizer", organizer)
    for genodigde in deelnemers(mdo) if genodigden is None else genodigden:
        event.add("attendee", _attendee(mdo, genodigde, voor))
    cal.add_component(event)
    return cal.to_ical()


def mail_agenda(
    mdo: Mdo,
    ontvangers: Iterable[Genodigde],
    door: User,
    *,
    onderwerp: str,
    sjabloon: str,
    context: dict,
    melding: str = "mdo_uitnodiging",
    **soort: bool,
) -> None:
    """One mail per recipient, each with her own .ics; never to whoever made the change.
    Each gets the notification `melding` too, and the mail only if she wants mail at once
    (accounts/notificaties.py, docs/meldingen.md)."""
    ontvangers = [g for g in ontvangers if g.user_id and g.user_id != door.pk]
    direct = notificeer(
        [g.user for g in ontvangers],
        melding,
        context["pad"],
        veroorzaakt_door=door,
        onderwerp=mdo.uuid,
        eigen_mail=True,
    )
    alle = deelnemers(mdo)
    # A change or cancellation corrects a meeting that may already be in her calendar: it
    # goes to every invitee, whatever her mail preference (docs/meldingen.md).
    correctie = soort.get("gewijzigd") or soort.get("geannuleerd")
    for genodigde in ontvangers:
        if genodigde.user_id not in direct and not correctie:
            continue
        # A meeting cancelled while its time was still being chosen has no appointment.
        bijlagen = (
            [Bijlage("mdo.ics", ics(mdo, voor=genodigde.user, genodigden=alle, **soort), ICS)]
            if mdo.start
            else []
        )
        stuur_mail(
            [genodigde.user.email],
            onderwerp,
            sjabloon,
            context,
            bijlagen=bijlagen,
            veroorzaakt_door=door,
            organisatie=mdo.traject.leerling.school,
        )


def mail_uitnodiging(
    mdo: Mdo, genodigden: QuerySet[Genodigde], door: User, *, gewijzigd: bool = False
) -> None:
    mail_agenda(
        mdo,
        genodigden.select_related("user"),
        door,
        onderwerp="Gewijzigd: uitnodiging voor een MDO"
        if gewijzigd
        else "Uitnodiging voor een MDO",
        sjabloon=UITNODIGING_SJABLOON,
        context={
            "mdo": mdo,
            "gewijzigd": gewijzigd,
            "pad": reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
        },
        melding="mdo_gewijzigd" if gewijzigd else "mdo_uitnodiging",
        gewijzigd=gewijzigd,
    )


def te_vragen(mdo: Mdo) -> QuerySet[Genodigde]:
    """Whom the slot poll asks: the invitees with an account who may hear of the meeting."""
    return met_toestemming(mdo).filter(user__isnull=False)


def vraag_tijden(mdo: Mdo, genodigden: QuerySet[Genodigde], door: User) -> int:
    """The slot poll's message: a notification, and for whoever wants mail at once one
    mail, per invitee for all times proposed at once; never to whoever proposed them.
    Someone who has not yet opened the earlier one gets no second (she sees every time on
    the page). Each is marked as asked. The one place the poll notifies (docs/route.md,
    "Choosing the time"; accounts/notificaties.py)."""
    rijen = list(genodigden.select_related("user"))
    Genodigde.objects.filter(pk__in=[g.pk for g in rijen]).update(tijden_gevraagd_op=timezone.now())
    pad = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    school = mdo.traject.leerling.school
    direct = notificeer(
        [g.user for g in rijen],
        "mdo_tijden",
        pad,
        veroorzaakt_door=door,
        onderwerp=mdo.uuid,
        organisatie=school,
        eigen_mail=True,
        niet_herhalen=True,
    )
    stuur_mail(
        [g.user.email for g in rijen if g.user_id in direct],
        "Wanneer kunt u bij het overleg zijn?",
        TIJDEN_SJABLOON,
        {"pad": pad},
        veroorzaakt_door=door,
        organisatie=school,
    )
    return len(direct)


def peiling_open(mdo: Mdo) -> bool:
    """Times were proposed and none was chosen yet."""
    open_ = mdo.status in (Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD)
    return open_ and mdo.start is None and mdo.tijdsloten.exists()


def vraag_late_genodigden(mdo: Mdo, door: User) -> int:
    """While the poll is open, ask whoever was not asked yet: added to the list after the
    times went out, or covered by the parents' consent only since. Call under the MDO's
    lock (`vergrendel_mdo`)."""
    if not peiling_open(mdo):
        return 0
    return vraag_tijden(mdo, te_vragen(mdo).filter(tijden_gevraagd_op__isnull=True), door)


def vraag_na_toestemming(
    sender: type, instance: Toestemming, raw: bool = False, **kwargs: object
) -> None:
    """post_save of a consent row (connected in apps.py): consent to take part in the MDO,
    given now, makes an outside invitee askable, so an open poll asks her at once."""
    if raw or instance.status != instance.Status.GEGEVEN:
        return
    if instance.soort != Informatiesoort.MDO_DEELNAME:
        return
    open_ = Mdo.objects.filter(
        traject__leerling_id=instance.leerling_id,
        status__in=[Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD],
        start__isnull=True,
        tijdsloten__isnull=False,
    ).distinct()
    for mdo in open_.select_related("voorzitter"):
        current = vergrendel_mdo(mdo)
        # The chair hears when this mail does not arrive, as with reminders.
        vraag_late_genodigden(current, mdo.voorzitter)


def nodig_uit(mdo: Mdo, genodigden: QuerySet[Genodigde], door: User) -> int:
    """Invite these invitees now, each once (marked, so a second call finds nobody): the
    MDO is then "uitgenodigd", its concept report opens, and each gets one mail with her
    .ics (not whoever sends). Call under the MDO's lock."""
    ids = list(genodigden.filter(uitgenodigd_op__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    nu = timezone.now()
    Genodigde.objects.filter(pk__in=ids).update(uitgenodigd_op=nu)
    mdo.status = Mdo.Status.UITGENODIGD
    mdo.uitnodigingen_verstuurd_op = mdo.uitnodigingen_verstuurd_op or nu
    mdo.save(update_fields=["status", "uitnodigingen_verstuurd_op"])
    if not mdo.verslagen.exists():
        # The concept report is ready for the meeting (steps 4-6 are written in it).
        Mdoverslag.objects.create(mdo=mdo, versie=1, gewijzigd_door=door)
    mail_uitnodiging(mdo, Genodigde.objects.filter(pk__in=ids).exclude(user=door), door)
    return len(ids)


@transaction.atomic
def verstuur_uitnodigingen(mdo: Mdo, *, door: User) -> int:
    """Send the invitations: once per invitee, and only to outsiders the parents agreed to.

    The row lock makes a double click wait for the first; it then finds nobody left to
    invite, so one set of e-mails goes out, not two.
    """
    current = vergrendel_mdo(mdo)
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
    return nodig_uit(current, current.genodigden.all(), door)


@transaction.atomic
def beantwoord_uitnodiging(genodigde: Genodigde, komt: bool, *, door: User) -> Genodigde:
    if genodigde.user_id != door.pk:
        raise ValidationError("U beantwoordt alleen uw eigen uitnodiging.")
    vergrendel_mdo(genodigde.mdo)
    genodigde.antwoord = Genodigde.Antwoord.KOMT if komt else Genodigde.Antwoord.KOMT_NIET
    genodigde.beantwoord_op = timezone.now()
    genodigde.save(update_fields=["antwoord", "beantwoord_op"])
    return genodigde


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
            toegestaan = met_toestemming(mdo).values("pk")
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
