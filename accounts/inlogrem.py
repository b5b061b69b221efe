"""The brake on password guessing: per account, ever longer waits first, then a lock that
the account's owner lifts at once with a link by e-mail (docs/adr/0007-inlogrem.md).

- Failures 1 to 3 in a row: no wait.
- Failures 4 to 9: the next attempt waits 15 s, 30 s, 1, 2, 4 and 8 minutes.
- Failure 10: the login is locked for 30 minutes. The owner gets one e-mail per lock with
  a single-use link, valid while the lock lasts, that lifts it. Lifting does not log in:
  the password and the second factor are still asked.
- During a wait or a lock every attempt is refused before the password is checked, also
  a correct one, and is not counted: a wait that a right guess could skip would not slow
  guessing down, and the refusal tells nothing about the password.
- The count starts again after a successful login, a lifted or ended lock, a password
  reset, or 24 hours without a failure.

The count is per e-mail address (whatever its capitals), also for an address that
belongs to nobody, so the answers do not tell whether an account exists; only a real
account's owner gets the e-mail.

How: `InlogremBackend`, first in AUTHENTICATION_BACKENDS, refuses during a wait or lock
(PermissionDenied stops django.contrib.auth.authenticate, which then sends
user_login_failed); a receiver of user_login_failed counts every other failure (the login
form and the password check when signing an OPP both go through authenticate); a
receiver of user_logged_in clears the count. django-axes only records the attempts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.mail import stuur_mail
from accounts.models import Emaillink, Inlogrem, User
from accounts.uitnodigingen import link_bij_sleutel

VRIJ = 3  # failures in a row without a wait
EERSTE_WACHTTIJD = timedelta(seconds=15)  # after the 4th; doubles with each next one
BLOKKEER_NA = 10
BLOKKADE = timedelta(minutes=30)
VERGEET_NA = timedelta(hours=24)

GEWEIGERD = "samenplan_inlogrem_geweigerd"  # on the request: the brake refused this attempt
NA_POGING = "samenplan_inlogrem_na_poging"  # on the request: the wait this failure caused


def nu() -> datetime:
    return timezone.now()


def sleutel(email: str) -> str:
    """A keyed hash of the address (whatever its capitals): the table keeps no addresses."""
    return salted_hmac(
        "accounts.inlogrem", (email or "").strip().lower(), algorithm="sha256"
    ).hexdigest()


def wachttijd(mislukt: int) -> timedelta | None:
    """How long the next attempt waits after `mislukt` failures in a row."""
    if mislukt >= BLOKKEER_NA:
        return BLOKKADE
    if mislukt <= VRIJ:
        return None
    return EERSTE_WACHTTIJD * 2 ** (mislukt - VRIJ - 1)


def _duur(seconden: int) -> str:
    if seconden < 60:
        return f"{seconden} seconden"
    minuten = math.ceil(seconden / 60)
    return "1 minuut" if minuten == 1 else f"{minuten} minuten"


@dataclass(frozen=True)
class Rem:
    """A wait or a lock in force: no attempt before `tot`."""

    tot: datetime
    geblokkeerd: bool

    def seconden(self) -> int:
        return max(1, math.ceil((self.tot - nu()).total_seconds()))

    def melding(self) -> str:
        if not self.geblokkeerd:
            return (
                "U hebt te vaak een verkeerd wachtwoord ingevuld. Wacht "
                f"{_duur(self.seconden())} en probeer het dan opnieuw."
            )
        return (
            f"Inloggen met dit e-mailadres is geblokkeerd tot "
            f"{timezone.localtime(self.tot):%H:%M} uur, na {BLOKKEER_NA} mislukte pogingen. "
            "Hoort het adres bij een account, dan hebben we daar een e-mail naartoe gestuurd "
            "met een link waarmee u de blokkade meteen opheft. U kunt ook een nieuw "
            "wachtwoord instellen via 'Wachtwoord vergeten?'."
        )


def _in_werking(rij: Inlogrem | None, moment: datetime) -> Rem | None:
    if rij is None or rij.wacht_tot is None or rij.wacht_tot <= moment:
        return None
    return Rem(tot=rij.wacht_tot, geblokkeerd=rij.geblokkeerd_op is not None)


def rem_voor(email: str) -> Rem | None:
    """The wait or lock in force for this address, if any."""
    return _in_werking(Inlogrem.objects.filter(sleutel=sleutel(email)).first(), nu())


def _reeks_voorbij(rij: Inlogrem, moment: datetime) -> bool:
    """Whether the failures so far no longer count: the lock ended, or a day went by."""
    if rij.geblokkeerd_op is not None and _in_werking(rij, moment) is None:
        return True
    return rij.laatst_mislukt is not None and moment - rij.laatst_mislukt >= VERGEET_NA


@transaction.atomic
def registreer_mislukt(email: str) -> Rem | None:
    """Counts one wrong password for this address; returns the wait or lock it causes.

    A failure while locked (an attempt that passed the check just before the lock) is
    not counted, so each lock, and its e-mail, comes once.
    """
    moment = nu()
    rij, _ = Inlogrem.objects.select_for_update().get_or_create(sleutel=sleutel(email))
    if rij.geblokkeerd_op is not None and _in_werking(rij, moment):
        return _in_werking(rij, moment)
    if _reeks_voorbij(rij, moment):
        rij.mislukt, rij.geblokkeerd_op = 0, None
    rij.mislukt += 1
    rij.laatst_mislukt = moment
    wacht = wachttijd(rij.mislukt)
    rij.wacht_tot = moment + wacht if wacht else None
    if rij.mislukt >= BLOKKEER_NA:
        rij.geblokkeerd_op = moment
        _meld_blokkade(email, rij.wacht_tot)
    rij.save()
    return _in_werking(rij, moment)


def wis(email: str) -> None:
    """The count starts again: a successful login, a new password or a lifted lock."""
    Inlogrem.objects.filter(sleutel=sleutel(email)).delete()


# The owner's e-mail and link ---------------------------------------------------------------


def _meld_blokkade(email: str, tot: datetime) -> None:
    """Tells the owner (if the address is an account's) and sends the link that lifts the
    lock. No IP address, browser or other detail of the attempts: only what happened."""
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        return
    Emaillink.objects.filter(
        doel=Emaillink.Doel.BLOKKADE, user=user, gebruikt_op__isnull=True, vervallen=False
    ).update(vervallen=True)
    _, token = Emaillink.nieuw(
        doel=Emaillink.Doel.BLOKKADE, email=user.email, user=user, verloopt_op=tot
    )
    stuur_mail(
        [user.email],
        "Inloggen bij Samenplan is geblokkeerd",
        "accounts/email/blokkade.txt",
        {
            "pad": reverse("accounts:blokkade_link", kwargs={"token": token}),
            "tot": timezone.localtime(tot),
            "pogingen": BLOKKEER_NA,
        },
    )


def blokkadelink(sleutel_hash: str) -> Emaillink:
    """The usable link behind this token hash, or a Dutch message saying why not."""
    link = link_bij_sleutel(sleutel_hash, Emaillink.Doel.BLOKKADE, VERLOPEN, op=nu())
    if link.user is None:
        raise ValidationError("Deze link klopt niet. Gebruik de link uit de laatste e-mail.")
    return link


VERLOPEN = (
    "Deze link is verlopen: hij werkt zolang de blokkade duurt. Is inloggen weer "
    "geblokkeerd, gebruik dan de link uit de nieuwste e-mail, of stel een nieuw "
    "wachtwoord in via 'Wachtwoord vergeten?'."
)


@transaction.atomic
def hef_op(sleutel_hash: str) -> User:
    """The owner lifts the lock: the count starts again and the link is used up. Nobody
    is logged in."""
    gevonden = blokkadelink(sleutel_hash)
    link = Emaillink.objects.select_for_update().get(pk=gevonden.pk)
    if link.gebruikt_op is not None or link.vervallen:  # a double click: used once
        raise ValidationError("Deze link is al gebruikt. U kunt inloggen met uw wachtwoord.")
    wis(gevonden.user.email)
    link.gebruikt_op = nu()
    link.save(update_fields=["gebruikt_op"])
    return gevonden.user


# Hooks into django.contrib.auth ------------------------------------------------------------


def geweigerd(request: HttpRequest | None) -> Rem | None:
    """The wait or lock that refused this request's login attempt, if it did."""
    return getattr(request, GEWEIGERD, None)


def na_poging(request: HttpRequest | None) -> Rem | None:
    """The wait or lock this request's failed attempt brought about, if any."""
    return getattr(request, NA_POGING, None)


class InlogremBackend:
    """First in AUTHENTICATION_BACKENDS: refuses during a wait or lock, before any backend
    checks the password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ) -> None:
        rem = rem_voor(username) if username else None
        if rem is None:
            return None
        if request is not None:
            setattr(request, GEWEIGERD, rem)
        raise PermissionDenied("Inloggen wacht of is geblokkeerd.")

    # No get_user: a session never belongs to this backend (the test client's force_login
    # and Django's login pick the first backend that has one).


@receiver(user_login_failed, dispatch_uid="accounts.inlogrem.mislukt")
def _mislukt(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    if geweigerd(request) is not None or not credentials.get("username"):
        return  # refused by the brake itself: not counted again
    rem = registreer_mislukt(credentials["username"])
    if request is not None:
        setattr(request, NA_POGING, rem)


@receiver(user_logged_in, dispatch_uid="accounts.inlogrem.gelukt")
def _gelukt(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    wis(user.email)
