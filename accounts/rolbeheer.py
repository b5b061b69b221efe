"""Roles per organisation with four eyes: proposed by one beheerder, confirmed by another.

An organisation's own beheerder (for a school: the schoolbeheerder) invites staff and
proposes their role; the role becomes a `Lidmaatschap` only when a second person
confirms the `Roltoekenning`. Nobody confirms a role for themselves, their own proposal,
or an account they created. Each step is a `Beheergebeurtenis` shown to the
organisation's beheerders. The region's beheerder proposes only an organisation's first
beheerder, confirmed by its named contact (accounts/eerste_beheerder.py). See
docs/beheer.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.mail import stuur_mail
from accounts.models import (
    Beheergebeurtenis,
    Emaillink,
    Lidmaatschap,
    Organisatie,
    Roltoekenning,
    User,
)
from accounts.permissions import has_recht
from accounts.rollen import ROLLEN, Recht, Rol, Soort, rollen_met
from accounts.uitnodigingen import maak_account, normaliseer_email, stuur_activatie

Status = Roltoekenning.Status
Soortgebeurtenis = Beheergebeurtenis.Soort


def rollen_voor(organisatie: Organisatie) -> list[Rol]:
    """The roles an organisation's beheerder can propose: those that fit its soort.

    The region's own role is never given in an organisation.
    """
    return [
        rol
        for rol, definitie in ROLLEN.items()
        if organisatie.soort in definitie.soorten and rol != Rol.BEHEERDER
    ]


def beheerders(organisatie: Organisatie) -> QuerySet:
    """The people who manage this organisation now (an account switched off does not)."""
    return User.objects.filter(
        is_active=True,
        lidmaatschappen__organisatie=organisatie,
        lidmaatschappen__rol__in=rollen_met(Recht.ORGANISATIE_BEHEREN),
    ).distinct()


def is_beheerder_van(user: User, organisatie: Organisatie) -> bool:
    return bool(user and user.is_active) and beheerders(organisatie).filter(pk=user.pk).exists()


def bevestigers(toekenning: Roltoekenning) -> QuerySet:
    """The beheerders who may confirm this proposal (the four-eyes rule, in one place)."""
    return beheerders(toekenning.organisatie).exclude(
        pk__in=[
            toekenning.user_id,
            toekenning.voorgesteld_door_id,
            toekenning.user.uitgenodigd_door_id,
        ]
    )


def waarom_niet_bevestigen(
    toekenning: Roltoekenning, user: User, *, is_beheerder: bool | None = None
) -> str | None:
    """Why this user may not confirm this proposal, or None when they may.

    `is_beheerder` saves a query per proposal when a page already knows it.
    """
    if toekenning.status != Status.VOORGESTELD:
        return f"Dit voorstel is al afgehandeld ({toekenning.get_status_display().lower()})."
    if user.pk == toekenning.user_id:
        return "Dit voorstel gaat over uzelf; een andere beheerder bevestigt."
    if user.pk == toekenning.voorgesteld_door_id:
        return "U stelde dit zelf voor; een andere beheerder bevestigt."
    if user.pk == toekenning.user.uitgenodigd_door_id:
        return "U maakte dit account aan; een andere beheerder bevestigt."
    if is_beheerder is None:
        is_beheerder = is_beheerder_van(user, toekenning.organisatie)
    if not is_beheerder:
        return f"Alleen een beheerder van {toekenning.organisatie} bevestigt rollen."
    return None


def controleer_rol(organisatie: Organisatie, rol: Rol) -> None:
    if rol == Rol.BEHEERDER:
        raise ValidationError(
            "De rol beheerder van de regio wordt niet in een organisatie gegeven."
        )
    if organisatie.soort not in ROLLEN[rol].soorten or organisatie.soort == Soort.REGIO:
        raise ValidationError(
            f"De rol {rol.label} past niet bij een {organisatie.get_soort_display().lower()}."
        )


def _controleer_beheerder(door: User, organisatie: Organisatie) -> None:
    if not is_beheerder_van(door, organisatie):
        raise PermissionDenied(f"Alleen een beheerder van {organisatie} beheert de rollen.")


def gebeurtenis(
    organisatie: Organisatie | None,
    soort: str,
    *,
    door: User | None = None,
    betreft: User | None = None,
    rol: str = "",
    toelichting: str | None = "",
    **velden: object,
) -> Beheergebeurtenis:
    return Beheergebeurtenis.objects.create(
        organisatie=organisatie,
        soort=soort,
        door=door,
        betreft=betreft,
        rol=rol,
        toelichting=(toelichting or "")[:500],
        **velden,
    )


def maak_voorstel(organisatie: Organisatie, user: User, rol: Rol, *, door: User) -> Roltoekenning:
    """The checks every proposal shares (own beheerder or region), and the row itself."""
    controleer_rol(organisatie, rol)
    if user.pk == door.pk:
        raise ValidationError("U kunt uzelf geen rol geven.")
    if is_regio(user):
        # The region's beheerder reaches no pupil, whoever proposes it (docs/beheer.md).
        raise ValidationError(
            "Dit account is van de beheerder van de regio en krijgt geen rol in een "
            "organisatie. Gebruik voor werk in een organisatie een apart account."
        )
    if not user.is_active:
        raise ValidationError(f"Het account van {user.naam} is uitgeschakeld; er kan geen rol bij.")
    if Lidmaatschap.objects.filter(user=user, organisatie=organisatie, rol=rol).exists():
        raise ValidationError(f"{user.naam} heeft de rol {rol.label} al bij {organisatie}.")
    dubbel = ValidationError(f"Voor {user.naam} wacht de rol {rol.label} al op bevestiging.")
    if Roltoekenning.objects.open().filter(user=user, organisatie=organisatie, rol=rol).exists():
        raise dubbel
    try:
        with transaction.atomic():
            toekenning = Roltoekenning.objects.create(
                user=user, organisatie=organisatie, rol=rol, voorgesteld_door=door
            )
    except IntegrityError as exc:  # the same proposal at the same moment (double click)
        raise dubbel from exc
    return toekenning


@transaction.atomic
def stel_rol_voor(organisatie: Organisatie, user: User, rol: str, *, door: User) -> Roltoekenning:
    """Propose a role; it waits for a second beheerder (every role here reaches pupils,
    grants roles or imports pupils, so every role waits)."""
    _controleer_beheerder(door, organisatie)
    rol = Rol(rol)
    toekenning = maak_voorstel(organisatie, user, rol, door=door)
    ontvangers = list(bevestigers(toekenning).values_list("email", flat=True))
    stuur_mail(
        ontvangers,
        "Er wacht een rol op uw bevestiging",
        "beheer/email/voorstel_wacht.txt",
        {"organisatie": organisatie, "pad": reverse("accounts:beheer_organisatie")},
        veroorzaakt_door=door,
        organisatie=organisatie,
    )
    toelichting = ""
    if not ontvangers:
        toelichting = "Er is nog geen andere beheerder die dit kan bevestigen."
        if rol == Rol.ORGANISATIEBEHEERDER:
            # A sole beheerder cannot get a second one confirmed inside the organisation:
            # the named contact confirms, as for the first (see docs/beheer.md).
            from accounts.eerste_beheerder import vraag_contactpersoon

            if vraag_contactpersoon(toekenning, door=door, stil=True):
                toelichting = "De vaste contactpersoon is per e-mail gevraagd te bevestigen."
    gebeurtenis(
        organisatie,
        Soortgebeurtenis.VOORGESTELD,
        door=door,
        betreft=user,
        rol=rol,
        toelichting=toelichting,
    )
    return toekenning


@transaction.atomic
def nodig_medewerker_uit(
    organisatie: Organisatie, *, email: str, naam: str, rol: str, door: User
) -> Roltoekenning:
    """Invite someone (a new account activates itself from the e-mail) and propose a role."""
    _controleer_beheerder(door, organisatie)
    if normaliseer_email(email) == door.email.lower():
        raise ValidationError("U kunt uzelf geen rol geven.")
    user, _ = maak_account(email, naam, door=door)
    toekenning = stel_rol_voor(organisatie, user, rol, door=door)
    if user.geactiveerd_op is None:
        stuur_activatie(user, door=door, organisatie=organisatie)
    return toekenning


def vergrendel(toekenning: Roltoekenning) -> Roltoekenning:
    """Lock the proposal and check it still waits: a double click does nothing twice."""
    toekenning = Roltoekenning.objects.select_for_update().get(pk=toekenning.pk)
    if toekenning.status != Status.VOORGESTELD:
        raise ValidationError(
            f"Dit voorstel is al afgehandeld ({toekenning.get_status_display().lower()})."
        )
    return toekenning


def bevestig_toekenning(
    toekenning: Roltoekenning, *, door: User | None = None, door_contact: str = ""
) -> None:
    """Turn a locked, waiting proposal into a membership (both routes end here)."""
    user = toekenning.user
    if not user.is_active:
        raise ValidationError(
            f"Het account van {user.naam} is uitgeschakeld; de rol wordt niet gegeven."
        )
    lidmaatschap, _ = Lidmaatschap.objects.get_or_create(
        user=user, organisatie=toekenning.organisatie, rol=toekenning.rol
    )
    toekenning.lidmaatschap = lidmaatschap
    sluit_af(toekenning, Status.BEVESTIGD, door=door, door_contact=door_contact)
    gebeurtenis(
        toekenning.organisatie,
        Soortgebeurtenis.BEVESTIGD,
        door=door,
        door_contact=door_contact,
        betreft=user,
        rol=toekenning.rol,
    )
    stuur_mail(
        [user.email],
        "Uw rol in Samenplan is bevestigd",
        "beheer/email/rol_bevestigd.txt",
        {"toekenning": toekenning, "geactiveerd": user.geactiveerd_op is not None},
        veroorzaakt_door=door,
        organisatie=toekenning.organisatie,
    )


@transaction.atomic
def bevestig(toekenning: Roltoekenning, *, door: User) -> Roltoekenning:
    """A second beheerder of the organisation confirms: the role takes effect."""
    toekenning = vergrendel(toekenning)
    reden = waarom_niet_bevestigen(toekenning, door)
    if reden:
        raise PermissionDenied(reden)
    bevestig_toekenning(toekenning, door=door)
    return toekenning


def sluit_af(
    toekenning: Roltoekenning, status: str, *, door: User | None = None, door_contact: str = ""
) -> None:
    toekenning.status = status
    toekenning.afgehandeld_door = door
    toekenning.afgehandeld_door_contact = door_contact
    toekenning.afgehandeld_op = timezone.now()
    toekenning.save()
    # A link to the named contact stops working once the proposal is closed.
    Emaillink.objects.filter(roltoekenning=toekenning, gebruikt_op__isnull=True).update(
        vervallen=True
    )


@transaction.atomic
def wijs_af(toekenning: Roltoekenning, *, door: User, reden: str = "") -> Roltoekenning:
    """Another beheerder refuses the proposal (the proposer withdraws it instead)."""
    toekenning = vergrendel(toekenning)
    if door.pk == toekenning.voorgesteld_door_id:
        raise PermissionDenied("U stelde dit zelf voor: trek het voorstel in.")
    if door.pk == toekenning.user_id or not is_beheerder_van(door, toekenning.organisatie):
        raise PermissionDenied(
            f"Alleen een andere beheerder van {toekenning.organisatie} wijst af."
        )
    sluit_af(toekenning, Status.AFGEWEZEN, door=door)
    gebeurtenis(
        toekenning.organisatie,
        Soortgebeurtenis.AFGEWEZEN,
        door=door,
        betreft=toekenning.user,
        rol=toekenning.rol,
        toelichting=reden,
    )
    return toekenning


@transaction.atomic
def trek_in(toekenning: Roltoekenning, *, door: User) -> Roltoekenning:
    """The proposer withdraws her own proposal."""
    toekenning = vergrendel(toekenning)
    if door.pk != toekenning.voorgesteld_door_id:
        raise PermissionDenied("Alleen wie het voorstelde, trekt het in.")
    sluit_af(toekenning, Status.INGETROKKEN, door=door)
    gebeurtenis(
        toekenning.organisatie,
        Soortgebeurtenis.INGETROKKEN,
        door=door,
        betreft=toekenning.user,
        rol=toekenning.rol,
    )
    return toekenning


@transaction.atomic
def beeindig(lidmaatschap: Lidmaatschap, *, door: User, reden: str = "") -> None:
    """A beheerder of the organisation ends a membership; access goes at once.

    Ending takes access away, so it needs no second person. The last beheerder cannot
    step down herself: the organisation would be left without anyone to manage it.
    """
    organisatie = lidmaatschap.organisatie
    _controleer_beheerder(door, organisatie)
    lidmaatschap = Lidmaatschap.objects.select_for_update().filter(pk=lidmaatschap.pk).first()
    if lidmaatschap is None:
        raise ValidationError("Deze rol is al beëindigd.")
    if (
        lidmaatschap.rol == Rol.ORGANISATIEBEHEERDER
        and lidmaatschap.user_id == door.pk
        and not beheerders(organisatie).exclude(pk=door.pk).exists()
    ):
        raise ValidationError(
            f"U bent de enige beheerder van {organisatie}. Laat eerst een tweede beheerder "
            "bevestigen; daarna kunt u uw beheerdersrol beëindigen."
        )
    user, rol = lidmaatschap.user, lidmaatschap.rol
    lidmaatschap.delete()  # history-tracked; consent-based access follows (accounts/signals.py)
    gebeurtenis(
        organisatie,
        Soortgebeurtenis.VERWIJDERD,
        door=door,
        betreft=user,
        rol=rol,
        toelichting=reden,
    )


def hoort_bij(user: User, organisatie: Organisatie, **rol) -> bool:
    """Whether an account has (or was proposed for) a role in this organisation."""
    return (
        Lidmaatschap.objects.filter(user=user, organisatie=organisatie, **rol).exists()
        or Roltoekenning.objects.filter(user=user, organisatie=organisatie, **rol).exists()
    )


@transaction.atomic
def nodig_opnieuw_uit(organisatie: Organisatie, user: User, *, door: User) -> None:
    """Send a new activation link; the earlier one stops working.

    The account is locked first, so two resends at the same moment (a double click, two
    beheerders) run one after the other and leave one valid link.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_beheerder_van(door, organisatie):
        bereik = hoort_bij(user, organisatie)
    elif is_regio(door):  # the region helps only the beheerders it proposed
        bereik = hoort_bij(user, organisatie, rol=Rol.ORGANISATIEBEHEERDER)
    else:
        raise PermissionDenied(f"Alleen een beheerder van {organisatie} nodigt opnieuw uit.")
    if not bereik:
        raise PermissionDenied("Dit account hoort niet bij deze organisatie.")
    # Without the organisation, stuur_activatie writes no "uitgenodigd" event: this one
    # is the resend.
    if not stuur_activatie(user, door=door):
        raise ValidationError(f"{user.naam} heeft het account al geactiveerd.")
    gebeurtenis(organisatie, Soortgebeurtenis.OPNIEUW_UITGENODIGD, door=door, betreft=user)


def is_regio(user: User) -> bool:
    """The region's beheerder (in any of her roles: services do not follow the header)."""
    return has_recht(user, Recht.REGIO_BEHEREN)


# Reads for the beheer pages and the start page --------------------------------------


def laatste_uitnodigingen(user_ids: Iterable[int]) -> dict[int, Emaillink]:
    """Per account not yet activated: its newest activation link (sent on, still valid?)."""
    links = Emaillink.objects.filter(
        doel=Emaillink.Doel.ACTIVEREN, user_id__in=user_ids, vervallen=False
    ).order_by("aangemaakt_op")
    return {link.user_id: link for link in links}


def contactlinks(toekenningen: Iterable[Roltoekenning]) -> dict[int, Emaillink]:
    """Per proposal: the newest link the named contact got, if any."""
    links = Emaillink.objects.filter(
        doel=Emaillink.Doel.EERSTE_BEHEERDER, roltoekenning__in=toekenningen, vervallen=False
    ).order_by("aangemaakt_op")
    return {link.roltoekenning_id: link for link in links}


def open_voorstellen(organisatie: Organisatie, user: User, **filters) -> list[Roltoekenning]:
    """The organisation's waiting proposals, each with why this user may not confirm it."""
    voorstellen = list(
        Roltoekenning.objects.open()
        .filter(organisatie=organisatie, **filters)
        .select_related("user", "voorgesteld_door", "organisatie")
        .order_by("voorgesteld_op")
    )
    links = contactlinks(voorstellen)
    beheerder = is_beheerder_van(user, organisatie)
    for toekenning in voorstellen:
        toekenning.reden_niet = waarom_niet_bevestigen(toekenning, user, is_beheerder=beheerder)
        toekenning.contactlink = links.get(toekenning.pk)
    return voorstellen


def niet_geactiveerd(organisatie: Organisatie) -> QuerySet:
    """Accounts with a role (or a waiting one) here that were never activated."""
    leden = Lidmaatschap.objects.filter(organisatie=organisatie).values("user_id")
    voorgesteld = Roltoekenning.objects.open().filter(organisatie=organisatie).values("user_id")
    return User.objects.filter(geactiveerd_op__isnull=True, is_active=True).filter(
        models.Q(pk__in=leden) | models.Q(pk__in=voorgesteld)
    )
