"""Accounts by invitation: nobody sets another person's password or second factor.

A new account (staff or parent) gets a single-use activation link by e-mail, valid for
7 days, that can be sent again (the earlier link then stops working). Whoever opens it
chooses their own password; professionals link their authenticator app in the same
flow. A parent's e-mail address changes only by the parent (confirmed on the new
address) or by the schoolbeheerder, with a notice to the old address. See docs/beheer.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.mail import stuur_mail, stuur_persoonlijke_mails
from accounts.models import Beheergebeurtenis, Emaillink, Gezag, Organisatie, User
from accounts.models.beheer import token_hash

GELDIGHEID = timedelta(days=7)


def normaliseer_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(f"'{email}' is geen geldig e-mailadres.") from exc
    return email


def _nieuwe_link(doel: str, *, email: str, door: User | None, **velden) -> str:
    # An earlier unused link for the same purpose stops working: only the newest counts.
    Emaillink.objects.filter(doel=doel, gebruikt_op__isnull=True, vervallen=False, **velden).update(
        vervallen=True
    )
    _, token = Emaillink.nieuw(
        doel=doel,
        email=email,
        aangemaakt_door=door,
        verloopt_op=timezone.now() + GELDIGHEID,
        **velden,
    )
    return token


@transaction.atomic
def maak_account(
    email: str,
    naam: str,
    *,
    door: User | None,
    telefoon: str = "",
) -> tuple[User, bool]:
    """Find the account for this address, or make one that waits for activation.

    A new account has no usable password: it cannot log in until its owner activates it.
    """
    email = normaliseer_email(email)
    bestaand = User.objects.filter(email__iexact=email).first()
    if bestaand is not None:
        return bestaand, False
    naam = (naam or "").strip()[:200] or email
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, None, naam=naam, telefoon=telefoon[:30], uitgenodigd_door=door
            )
    except IntegrityError:  # made at the same moment by a parallel request or import
        return User.objects.get(email__iexact=email), False
    return user, True


def stuur_activatie(
    user: User, *, door: User | None, organisatie: Organisatie | None = None
) -> bool:
    """Send (or send again) the activation link; False for an account already active."""
    return stuur_activaties([user], door=door, organisatie=organisatie) == 1


@transaction.atomic
def stuur_activaties(
    users: Iterable[User], *, door: User | None, organisatie: Organisatie | None = None
) -> int:
    """Activation links for many accounts at once (an import of a whole school): a fixed
    number of queries and one mail connection, whatever the number of people. An earlier
    unused link of each account stops working. Returns how many were invited.

    The accounts are locked first, so two resends at the same moment leave one valid
    link, and an account activated meanwhile gets none."""
    ids = [user.pk for user in users]
    if not ids:
        return 0
    users = list(
        User.objects.select_for_update()
        .filter(pk__in=ids, geactiveerd_op__isnull=True)
        .order_by("pk")
    )
    if not users:
        return 0
    Emaillink.objects.filter(
        doel=Emaillink.Doel.ACTIVEREN, user__in=users, gebruikt_op__isnull=True, vervallen=False
    ).update(vervallen=True)
    verloopt_op = timezone.now() + GELDIGHEID
    links, per_adres = [], {}
    for user in users:
        link, token = Emaillink.maak(
            doel=Emaillink.Doel.ACTIVEREN,
            email=user.email,
            user=user,
            aangemaakt_door=door,
            verloopt_op=verloopt_op,
        )
        links.append(link)
        per_adres[user.email] = {
            "user": user,
            "organisatie": organisatie,
            "pad": reverse("accounts:activeren", kwargs={"token": token}),
            "dagen": GELDIGHEID.days,
        }
    Emaillink.objects.bulk_create(links, batch_size=500)
    stuur_persoonlijke_mails(
        "Activeer uw account voor Samenplan",
        "accounts/email/activeren.txt",
        per_adres,
        veroorzaakt_door=door,
        organisatie=organisatie,
    )
    if organisatie is not None:
        Beheergebeurtenis.objects.bulk_create(
            [
                Beheergebeurtenis(
                    organisatie=organisatie,
                    soort=Beheergebeurtenis.Soort.UITGENODIGD,
                    door=door,
                    betreft=user,
                )
                for user in users
            ],
            batch_size=500,
        )
    return len(users)


def link_bij_token(token: str, doel: str) -> Emaillink:
    """The usable link for this token, or a Dutch message saying why it no longer works."""
    return link_bij_sleutel(token_hash(token), doel)


VERLOPEN = (
    "Deze link is verlopen (een link werkt 7 dagen). Vraag de beheerder van de school of "
    "organisatie om een nieuwe."
)


def link_bij_sleutel(
    sleutel: str, doel: str, verlopen: str = VERLOPEN, op: datetime | None = None
) -> Emaillink:
    """As `link_bij_token`, from the token's hash: what a session holds between the
    steps of a flow, so a copy of the session store holds no working link. `verlopen` is
    the message for an expired link, `op` the moment it is checked against (now)."""
    link = Emaillink.objects.bij_hash(sleutel).filter(doel=doel).select_related("user").first()
    if link is None:
        raise ValidationError("Deze link klopt niet. Gebruik de link uit de laatste e-mail.")
    if link.gebruikt_op is not None:
        raise ValidationError("Deze link is al gebruikt. U kunt inloggen met uw wachtwoord.")
    if link.vervallen:
        raise ValidationError(
            "Deze link werkt niet meer: er is een nieuwere verstuurd. Gebruik de link uit de "
            "laatste e-mail."
        )
    if link.verloopt_op <= (op or timezone.now()):
        raise ValidationError(verlopen)
    return link


@transaction.atomic
def activeer(sleutel: str, wachtwoord: str) -> User:
    """The owner chooses a password; the link is used up in the same transaction.
    `sleutel` is the hash of the token (see `link_bij_sleutel`)."""
    link = link_bij_sleutel(sleutel, Emaillink.Doel.ACTIVEREN)
    link = Emaillink.objects.select_for_update().get(pk=link.pk)
    if not link.is_bruikbaar:  # used by a parallel request (double click)
        raise ValidationError("Deze link is al gebruikt. U kunt inloggen met uw wachtwoord.")
    user = link.user
    validate_password(wachtwoord, user)
    user.set_password(wachtwoord)
    user.geactiveerd_op = timezone.now()
    user.save(update_fields=["password", "geactiveerd_op"])
    link.gebruikt_op = timezone.now()
    link.save(update_fields=["gebruikt_op"])
    # Told to every organisation that invited this person or gave them a role.
    uitgenodigd_door = Beheergebeurtenis.objects.filter(
        betreft=user, soort=Beheergebeurtenis.Soort.UITGENODIGD, organisatie__isnull=False
    ).values_list("organisatie_id", flat=True)
    organisaties = (
        set(user.lidmaatschappen.values_list("organisatie_id", flat=True))
        | set(user.roltoekenningen.values_list("organisatie_id", flat=True))
        | set(uitgenodigd_door)
    )
    for organisatie_id in organisaties:
        Beheergebeurtenis.objects.create(
            organisatie_id=organisatie_id,
            soort=Beheergebeurtenis.Soort.GEACTIVEERD,
            door=user,
            betreft=user,
        )
    return user


# Changing an e-mail address -------------------------------------------------------------


def _adres_vrij(email: str, user: User) -> None:
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError("Dit e-mailadres hoort al bij een ander account.")


@transaction.atomic
def vraag_emailwijziging(user: User, nieuw: str) -> None:
    """The account holder asks to change their own address: confirmed on the new one."""
    nieuw = normaliseer_email(nieuw)
    if nieuw == user.email:
        raise ValidationError("Dit is al uw e-mailadres.")
    _adres_vrij(nieuw, user)
    token = _nieuwe_link(Emaillink.Doel.EMAILADRES, email=nieuw, door=user, user=user)
    stuur_mail(
        [nieuw],
        "Bevestig uw nieuwe e-mailadres voor Samenplan",
        "accounts/email/emailadres_bevestigen.txt",
        {"pad": reverse("accounts:email_bevestigen", kwargs={"token": token})},
        veroorzaakt_door=user,
    )


@transaction.atomic
def bevestig_emailwijziging(sleutel: str, door: User) -> User:
    link = link_bij_sleutel(sleutel, Emaillink.Doel.EMAILADRES)
    link = Emaillink.objects.select_for_update().get(pk=link.pk)
    if link.user_id != door.pk:
        raise PermissionDenied("Deze link hoort bij een ander account.")
    if not link.is_bruikbaar:
        raise ValidationError("Deze link is al gebruikt.")
    _zet_email(link.user, link.email, door=door)
    link.gebruikt_op = timezone.now()
    link.save(update_fields=["gebruikt_op"])
    return link.user


def ouders_van_school(school: Organisatie) -> QuerySet[User]:
    """The accounts of parents with custody of a pupil still enrolled at the school."""
    ouder_ids = Gezag.objects.filter(
        leerling__school=school, leerling__uitgeschreven_op__isnull=True
    ).values("ouder_id")
    return User.objects.filter(pk__in=ouder_ids)


def zoek_ouders(school: Organisatie, zoekterm: str, *, maximum: int) -> list[User]:
    """The school's parents whose name or address holds every word of `zoekterm`, each with
    `link_geldig_tot`: until when their activation link works (None: no usable link)."""
    gevonden = ouders_van_school(school)
    for deel in zoekterm.split():
        gevonden = gevonden.filter(Q(naam__icontains=deel) | Q(email__icontains=deel))
    gevonden = list(gevonden.order_by("naam")[:maximum])
    open_links = dict(
        Emaillink.objects.bruikbaar()
        .filter(doel=Emaillink.Doel.ACTIVEREN, user__in=gevonden)
        .values_list("user_id", "verloopt_op")
    )
    for ouder in gevonden:
        ouder.link_geldig_tot = open_links.get(ouder.pk)
    return gevonden


@transaction.atomic
def wijzig_email_door_beheerder(
    user: User, nieuw: str, *, door: User, organisatie: Organisatie
) -> User:
    """The schoolbeheerder corrects a parent's address; the old address is told.

    Only for a parent's account (no role, no proposed role anywhere): a staff account's
    address is its owner's to change. The account starts over: its password and second
    factor go (which also ends its sessions) and the activation link goes to the new
    address, so whoever holds the new address must activate it, and the parent learns of
    it at the old one. See docs/beheer.md.
    """
    nieuw = normaliseer_email(nieuw)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == door.pk:
        raise PermissionDenied("Uw eigen e-mailadres wijzigt u zelf, via Mijn account.")
    if user.lidmaatschappen.exists() or user.roltoekenningen.exists():
        raise PermissionDenied(
            "Dit account hoort bij een medewerker; alleen de eigenaar wijzigt het adres."
        )
    if nieuw == user.email:
        return user
    was_actief = user.geactiveerd_op is not None
    _zet_email(user, nieuw, door=door, organisatie=organisatie, opnieuw_activeren=was_actief)
    if was_actief:
        from django_otp.plugins.otp_email.models import EmailDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user.set_unusable_password()  # a changed hash also ends the account's sessions
        user.geactiveerd_op = None
        user.save(update_fields=["password", "geactiveerd_op"])
        TOTPDevice.objects.filter(user=user).delete()
        EmailDevice.objects.filter(user=user).delete()
    stuur_activatie(user, door=door)
    return user


def _zet_email(
    user: User,
    nieuw: str,
    *,
    door: User,
    organisatie: Organisatie | None = None,
    opnieuw_activeren: bool = False,
) -> None:
    _adres_vrij(nieuw, user)
    oud = user.email
    user.email = nieuw
    user.save(update_fields=["email"])
    stuur_mail(
        [oud],
        "Uw e-mailadres voor Samenplan is gewijzigd",
        "accounts/email/emailadres_gewijzigd.txt",
        {
            "door_uzelf": door.pk == user.pk,
            "organisatie": organisatie,
            "opnieuw_activeren": opnieuw_activeren,
        },
        veroorzaakt_door=door,
        organisatie=organisatie,
    )
    Beheergebeurtenis.objects.create(
        organisatie=organisatie,
        soort=Beheergebeurtenis.Soort.EMAIL_GEWIJZIGD,
        door=door,
        betreft=user,
    )
