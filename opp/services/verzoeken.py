"""Asking for signatures on the handelingsdeel: who signs, the requests and their mail,
reminders, and what the detail page shows about them (signing itself: ondertekening.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.mail import stuur_mail
from accounts.models import Gezag, Informatiesoort, Lidmaatschap, Organisatie, User
from accounts.notificaties import notificeer
from accounts.rollen import Ouderrecht, gezag_met
from accounts.toestemming import Toestemmingen
from opp.inhoud import canoniek, sha256
from opp.models import Inzet, Ondertekening, Opp, OppDoel
from opp.permissions import TEKENEN_NAMENS_SCHOOL

from .common import MAX_TEKST, _bewerkbaar, _check_tekst, _pad  # noqa: F401


def _ondertekenaars(
    opp: Opp, school: User, toegang: Lidmaatschap | None
) -> list[tuple[User, str, Organisatie | None]]:
    ouders = [
        (g.ouder, Ondertekening.Partij.OUDER, None)
        for g in Gezag.objects.filter(leerling=opp.leerling, heeft_gezag=True).select_related(
            "ouder"
        )
    ]
    if not ouders:
        raise ValidationError(
            "Er is geen ouder met gezag bekend. Ouders hebben instemmingsrecht op het "
            "handelingsdeel: leg eerst het gezag vast."
        )
    schoollid = Lidmaatschap.objects.filter(
        user=school, organisatie_id=opp.leerling.school_id, rol__in=list(TEKENEN_NAMENS_SCHOOL)
    ).first()
    if schoollid is None:
        raise PermissionDenied("Alleen de coördinator of directeur tekent namens de school.")
    if any(ouder.pk == school.pk for ouder, _, _ in ouders):
        raise ValidationError(
            "U bent ook ouder met gezag van deze leerling en tekent als ouder. Laat een "
            "andere coördinator of de directeur het handelingsdeel versturen."
        )
    signers = [*ouders, (school, Ondertekening.Partij.SCHOOL, schoollid.organisatie)]
    if toegang is not None:
        if not Toestemmingen(opp.leerling).dekt(
            Informatiesoort.OPP_INZAGE, toegang.user_id, toegang.organisatie_id
        ):
            raise ValidationError(
                f"De ouders hebben {toegang.user.naam} ({toegang.organisatie.naam}) nog geen "
                "toestemming gegeven om het OPP in te zien. Vraag eerst toestemming."
            )
        signers.append((toegang.user, Ondertekening.Partij.TOEGANG, toegang.organisatie))
    return signers


def _mail_verzoek(
    opp: Opp, ondertekeningen: Iterable[Ondertekening], door: User | None, opnieuw: bool = False
) -> None:
    ondertekenaars = [o.ondertekenaar for o in ondertekeningen]
    direct = notificeer(
        ondertekenaars,
        "opp_ondertekenen",
        _pad(opp),
        veroorzaakt_door=door,
        onderwerp=opp.uuid,
        eigen_mail=True,
    )
    stuur_mail(
        [u.email for u in ondertekenaars if u.pk in direct],
        "Opnieuw ondertekenen: het handelingsdeel is gewijzigd"
        if opnieuw
        else "Verzoek: onderteken het handelingsdeel van het OPP",
        "opp/email/ondertekenen.txt",
        {"opnieuw": opnieuw, "pad": _pad(opp)},
        veroorzaakt_door=door or opp.verstuurd_door,
        organisatie=opp.leerling.school,
    )


@transaction.atomic
def verstuur_ter_ondertekening(
    opp: Opp, *, door: User, toegang: Lidmaatschap | None = None, bewerkingen: int | None = None
) -> list[Ondertekening]:
    """Ask every parent with custody, the school and (with consent) the jeugdteam to sign."""
    current = _bewerkbaar(opp, bewerkingen)
    if current.status != Opp.Status.CONCEPT:
        raise ValidationError("Het handelingsdeel is al ter ondertekening verstuurd.")
    if not current.doelen.exists():
        raise ValidationError("Het handelingsdeel heeft nog geen doelen.")
    if current.evaluatiedatum is None:
        raise ValidationError("Leg eerst de evaluatiedatum vast.")
    zonder_inzet = [d for d in current.doelen.prefetch_related("inzet") if not d.inzet.all()]
    if zonder_inzet:
        raise ValidationError(f"Het doel “{zonder_inzet[0]}” heeft nog geen inzet.")
    verzoeken = Ondertekening.objects.bulk_create(
        Ondertekening(opp=current, ondertekenaar=user, partij=partij, namens=namens)
        for user, partij, namens in _ondertekenaars(current, door, toegang)
    )
    current.status = Opp.Status.TER_ONDERTEKENING
    current.verstuurd_door = door
    current.save()
    _mail_verzoek(current, [v for v in verzoeken if v.ondertekenaar_id != door.pk], door)
    return verzoeken


@transaction.atomic
def voeg_toegang_toe(opp: Opp, toegang: Lidmaatschap, *, door: User) -> Ondertekening:
    """Ask the medewerker toegang too, once the parents consented (a running round)."""
    current = _bewerkbaar(opp)
    if current.status != Opp.Status.TER_ONDERTEKENING:
        raise ValidationError("Het handelingsdeel staat nog niet ter ondertekening.")
    if current.ondertekeningen.filter(
        partij=Ondertekening.Partij.TOEGANG,
        status__in=[
            Ondertekening.Status.GEVRAAGD,
            Ondertekening.Status.GETEKEND,
            Ondertekening.Status.NIET_AKKOORD,
        ],
    ).exists():
        raise ValidationError("De medewerker toegang is al gevraagd te tekenen.")
    if not Toestemmingen(current.leerling).dekt(
        Informatiesoort.OPP_INZAGE, toegang.user_id, toegang.organisatie_id
    ):
        raise ValidationError(
            f"De ouders hebben {toegang.user.naam} nog geen toestemming gegeven om het OPP "
            "in te zien. Vraag eerst toestemming."
        )
    verzoek = Ondertekening.objects.create(
        opp=current,
        ondertekenaar=toegang.user,
        partij=Ondertekening.Partij.TOEGANG,
        namens=toegang.organisatie,
    )
    _mail_verzoek(current, [verzoek], door)
    return verzoek


@transaction.atomic
def trek_verzoek_in(ondertekening: Ondertekening, *, door: User) -> None:
    """The coördinator withdraws an open request or a "niet akkoord" (e.g. custody ended)."""
    rij = Ondertekening.objects.select_for_update().get(pk=ondertekening.pk)
    if rij.status not in (Ondertekening.Status.GEVRAAGD, Ondertekening.Status.NIET_AKKOORD):
        raise ValidationError("Alleen een open verzoek of een niet-akkoord trekt u in.")
    current = _bewerkbaar(rij.opp)
    rij.status = Ondertekening.Status.VERVALLEN
    rij.save()
    _misschien_vastgesteld(current, door)


@transaction.atomic
def vraag_opnieuw(ondertekening: Ondertekening, *, door: User) -> Ondertekening:
    """After a talk about a "niet akkoord": ask the same person again, same content."""
    rij = Ondertekening.objects.select_for_update().get(pk=ondertekening.pk)
    if rij.status != Ondertekening.Status.NIET_AKKOORD:
        raise ValidationError("Alleen na een niet-akkoord vraagt u opnieuw.")
    current = _bewerkbaar(rij.opp)
    rij.status = Ondertekening.Status.VERVALLEN
    rij.save()
    nieuw = Ondertekening.objects.create(
        opp=current, ondertekenaar=rij.ondertekenaar, partij=rij.partij, namens=rij.namens
    )
    _mail_verzoek(current, [nieuw], door)
    return nieuw


@transaction.atomic
def vraag_ontbrekende_ouders(opp: Opp, *, door: User) -> list[Ondertekening]:
    """A parent with custody recorded after sending is asked too."""
    current = _bewerkbaar(opp)
    if current.status != Opp.Status.TER_ONDERTEKENING:
        raise ValidationError("Het handelingsdeel staat niet ter ondertekening.")
    gevraagd = set(
        current.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN).values_list(
            "ondertekenaar_id", flat=True
        )
    )
    nieuw = [
        Ondertekening.objects.create(
            opp=current, ondertekenaar_id=g.ouder_id, partij=Ondertekening.Partij.OUDER
        )
        for g in Gezag.objects.filter(leerling=current.leerling, heeft_gezag=True)
        if g.ouder_id not in gevraagd
    ]
    _mail_verzoek(current, nieuw, door)
    return nieuw


JEUGDHULP_DOELEN = ("jeugdhulp", "beide")
JEUGDHULP_BEKOSTIGING = ("gemeente", "gezamenlijk")


def toegang_nodig(opp: Opp, doelen: Iterable[OppDoel] | None = None) -> bool:
    """The medewerker toegang signs when the plan holds youth care (docs/opp.md).

    `doelen`: the goals with their inzet, when the caller has them loaded already."""
    if doelen is not None:
        return any(
            doel.soort in JEUGDHULP_DOELEN
            or any(i.bekostiging in JEUGDHULP_BEKOSTIGING for i in doel.inzet.all())
            for doel in doelen
        )
    return (
        opp.doelen.filter(soort__in=JEUGDHULP_DOELEN).exists()
        or Inzet.objects.filter(doel__opp=opp, bekostiging__in=JEUGDHULP_BEKOSTIGING).exists()
    )


def open_verzoek(ondertekeningen: Iterable[Ondertekening], user: User) -> Ondertekening | None:
    """The request this user still has to answer, if any."""
    return next(
        (
            o
            for o in ondertekeningen
            if o.ondertekenaar_id == user.pk and o.status == Ondertekening.Status.GEVRAAGD
        ),
        None,
    )


def toegang_gevraagd(ondertekeningen: Iterable[Ondertekening]) -> bool:
    """Whether the medewerker toegang is already asked in this round (or answered)."""
    return any(
        o.partij == Ondertekening.Partij.TOEGANG and o.status != Ondertekening.Status.VERVALLEN
        for o in ondertekeningen
    )


def ontbrekende_ondertekenaars(
    opp: Opp,
    *,
    ondertekeningen: Iterable[Ondertekening] | None = None,
    doelen: Iterable[OppDoel] | None = None,
    huidige_hash: str | None = None,
    gezagen: Iterable[Gezag] | None = None,
) -> list[str]:
    """Who still has to sign before the handelingsdeel is agreed (empty: agreed).

    A page that loaded the OPP's requests, goals (with inzet), hash or the pupil's custody
    rows (with the parent) passes them."""
    huidig = huidige_hash or sha256(canoniek(opp, doelen))
    if ondertekeningen is None:
        ondertekeningen = opp.ondertekeningen.all()
    getekend = [
        o
        for o in ondertekeningen
        if o.status == Ondertekening.Status.GETEKEND and o.inhoud_hash == huidig
    ]
    ouders_getekend = {o.ondertekenaar_id for o in getekend if o.partij == "ouder"}
    if gezagen is None:
        gezagen = Gezag.objects.filter(leerling=opp.leerling).select_related("ouder")
    ontbreekt = [
        f"{g.ouder.naam} (ouder met gezag)"
        for g in gezagen
        if g.heeft_gezag and g.ouder_id not in ouders_getekend
    ]
    if not any(o.partij == "school" for o in getekend):
        ontbreekt.append("de school (coördinator of directeur)")
    if toegang_nodig(opp, doelen) and not any(o.partij == "toegang" for o in getekend):
        ontbreekt.append("de medewerker toegang (jeugdteam): dit plan bevat jeugdhulp")
    return ontbreekt


def stuur_herinneringen(nu: datetime | None = None) -> int:
    """Remind signers who have not answered after a few days; each request once."""
    nu = nu or timezone.now()
    grens = nu - timedelta(days=settings.SAMENPLAN_OPP_HERINNERING_DAGEN)
    # A parent whose custody ended signs no more and is not reminded (docs/rollen.md).
    met_gezag = Gezag.objects.filter(
        ouder=OuterRef("ondertekenaar"),
        leerling=OuterRef("opp__leerling"),
        heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN),
    )
    open_verzoeken = (
        Ondertekening.objects.filter(
            status=Ondertekening.Status.GEVRAAGD,
            opp__status=Opp.Status.TER_ONDERTEKENING,
            gevraagd_op__lte=grens,
            herinnerd_op__isnull=True,
        )
        .filter(~Q(partij=Ondertekening.Partij.OUDER) | Exists(met_gezag))
        .select_related("ondertekenaar", "opp__verstuurd_door", "opp__leerling__school")
    )
    aantal = 0
    for verzoek in open_verzoeken:
        with transaction.atomic():
            if not Ondertekening.objects.filter(pk=verzoek.pk, herinnerd_op__isnull=True).update(
                herinnerd_op=nu
            ):
                continue
            stuur_mail(
                [verzoek.ondertekenaar.email],
                "Herinnering: het handelingsdeel wacht op uw ondertekening",
                "opp/email/ondertekenen.txt",
                {"herinnering": True, "pad": _pad(verzoek.opp)},
                # Whoever sent the plan for signing hears when a reminder does not arrive.
                veroorzaakt_door=verzoek.opp.verstuurd_door,
                organisatie=verzoek.opp.leerling.school,
            )
            aantal += 1
    return aantal


def _herzie_handtekeningen(opp: Opp) -> None:
    """A changed handelingsdeel voids every answer given on other content, visibly."""
    if opp.status != Opp.Status.TER_ONDERTEKENING:
        return
    huidig = sha256(canoniek(opp))
    beantwoord = opp.ondertekeningen.filter(
        status__in=[Ondertekening.Status.GETEKEND, Ondertekening.Status.NIET_AKKOORD]
    ).exclude(inhoud_hash=huidig)
    opnieuw = []
    for oud in beantwoord.select_related("ondertekenaar"):
        oud.status = Ondertekening.Status.VERVALLEN
        oud.save()
        opnieuw.append(
            Ondertekening.objects.create(
                opp=opp, ondertekenaar=oud.ondertekenaar, partij=oud.partij, namens=oud.namens
            )
        )
    _mail_verzoek(opp, opnieuw, None, opnieuw=True)


def _misschien_vastgesteld(opp: Opp, door: User | None = None) -> None:
    lopend = opp.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN)
    if lopend.exclude(status=Ondertekening.Status.GETEKEND).exists():
        return
    if ontbrekende_ondertekenaars(opp):
        return
    Opp.objects.filter(leerling=opp.leerling, status=Opp.Status.VASTGESTELD).update(
        status=Opp.Status.VERVANGEN
    )
    opp.status = Opp.Status.VASTGESTELD
    opp.vastgesteld_op = timezone.now()
    opp.save()
    # Everyone involved hears, except whoever made it so (by default the last signer).
    getekend = lopend.select_related("ondertekenaar").order_by("beantwoord_op")
    ondertekenaars = [o.ondertekenaar for o in getekend]
    notificeer(
        [opp.verstuurd_door, *ondertekenaars],
        "opp_vastgesteld",
        _pad(opp),
        veroorzaakt_door=door or (ondertekenaars[-1] if ondertekenaars else None),
        onderwerp=opp.uuid,
        organisatie=opp.leerling.school,
    )
