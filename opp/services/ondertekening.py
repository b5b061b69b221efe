"""Signing the handelingsdeel: identity check, hashes, invalidation, agreement (the
requests: verzoeken.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import inlogrem
from accounts.mail import stuur_mail
from accounts.models import Gezag, User
from accounts.notificaties import notificeer
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp

from . import tekencodes
from .common import MAX_TEKST, _bewerkbaar, _check_tekst, _pad  # noqa: F401
from .verzoeken import _misschien_vastgesteld

# The code of a refusal about the proof of identity (the password or the code): the
# signing form shows it at that field (opp/views/ondertekening.py).
BEWIJS = "bewijs"


def _controleer_identiteit(
    user: User,
    methode: str,
    bewijs: str,
    request: HttpRequest | None = None,
    ondertekening: Ondertekening | None = None,
) -> None:
    if methode == Ondertekening.Methode.WACHTWOORD:
        if request is not None:
            # Through the authentication backends, so failed attempts count towards the
            # waits and lock of accounts/inlogrem.py just like at login.
            bevestigd = authenticate(request, username=user.email, password=bewijs or "")
            if bevestigd is not None and bevestigd.pk == user.pk:
                return
            if rem := inlogrem.geweigerd(request):
                raise ValidationError(f"{rem.melding()} Er is niets ondertekend.", code=BEWIJS)
        elif bewijs and user.check_password(bewijs):
            return
        raise ValidationError("Het wachtwoord klopt niet. Er is niets ondertekend.", code=BEWIJS)
    if methode == Ondertekening.Methode.EMAILCODE and ondertekening is not None:
        tekencodes.gebruik_code(ondertekening, door=user, code=bewijs)
        return
    if methode == Ondertekening.Methode.CODE:
        # The authenticator app only; a code by e-mail is the method above.
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if bewijs and device.verify_token(bewijs.strip()):
                return
        raise ValidationError(
            "De code uit uw authenticator-app klopt niet of is verlopen. Er is niets ondertekend.",
            code=BEWIJS,
        )
    raise ValidationError("Kies hoe u uw identiteit bevestigt.")


def _lopend_verzoek(
    ondertekening: Ondertekening, door: User, getoonde_hash: str
) -> tuple[Ondertekening, Opp, str]:
    rij = (
        Ondertekening.objects.select_for_update()
        .select_related("opp__leerling")
        .get(pk=ondertekening.pk)
    )
    if rij.ondertekenaar_id != door.pk:
        raise PermissionDenied("U kunt alleen voor uzelf ondertekenen.")
    if rij.status != Ondertekening.Status.GEVRAAGD:
        raise ValidationError(
            "U hebt deze versie al beantwoord."
            if rij.status in (Ondertekening.Status.GETEKEND, Ondertekening.Status.NIET_AKKOORD)
            else "Dit verzoek is vervallen; er staat een nieuwer verzoek voor u klaar."
        )
    opp = Opp.objects.select_for_update().get(pk=rij.opp_id)
    if opp.status != Opp.Status.TER_ONDERTEKENING:
        raise ValidationError("Dit OPP staat niet (meer) ter ondertekening.")
    if (
        rij.partij == Ondertekening.Partij.OUDER
        and not Gezag.objects.filter(ouder=door, leerling=opp.leerling, heeft_gezag=True).exists()
    ):
        raise PermissionDenied("Alleen een ouder met gezag ondertekent het handelingsdeel.")
    inhoud = canoniek(opp)
    if sha256(inhoud) != getoonde_hash:
        raise ValidationError(
            "Het handelingsdeel is gewijzigd nadat u het opende. Lees de nieuwe versie en "
            "onderteken die; er is niets ondertekend."
        )
    return rij, opp, inhoud


@dataclass(frozen=True)
class Apparaat:
    ip_adres: str | None
    user_agent: str


def onderteken(
    ondertekening: Ondertekening,
    *,
    door: User,
    getoonde_hash: str,
    methode: str,
    bewijs: str,
    apparaat: Apparaat,
    request: HttpRequest | None = None,
) -> Ondertekening:
    """Sign the exact version shown, after confirming identity again.

    The identity check runs outside the transaction, so a failed attempt stays counted
    towards the account lockout even though nothing is signed.
    """
    if ondertekening.ondertekenaar_id != door.pk:
        raise PermissionDenied("U kunt alleen voor uzelf ondertekenen.")
    _controleer_identiteit(door, methode, bewijs, request, ondertekening)
    with transaction.atomic():
        return _teken(ondertekening, door, getoonde_hash, methode, apparaat)


def _teken(
    ondertekening: Ondertekening, door: User, getoonde_hash: str, methode: str, apparaat: Apparaat
) -> Ondertekening:
    rij, opp, inhoud = _lopend_verzoek(ondertekening, door, getoonde_hash)
    rij.status = Ondertekening.Status.GETEKEND
    rij.beantwoord_op = timezone.now()
    rij.methode = methode
    rij.ip_adres = apparaat.ip_adres
    rij.user_agent = apparaat.user_agent[:300]
    rij.inhoud = inhoud
    rij.inhoud_hash = sha256(inhoud)
    rij.save()
    _misschien_vastgesteld(opp)
    return rij


@transaction.atomic
def niet_akkoord(
    ondertekening: Ondertekening, *, door: User, getoonde_hash: str, reden: str, apparaat: Apparaat
) -> Ondertekening:
    """ "Niet akkoord" is an answer too: with a reason, shown to the coördinator."""
    if not reden.strip():
        raise ValidationError("Schrijf waarom u niet akkoord bent; de school neemt contact op.")
    _check_tekst({"reden": reden})
    rij, opp, inhoud = _lopend_verzoek(ondertekening, door, getoonde_hash)
    rij.status = Ondertekening.Status.NIET_AKKOORD
    rij.reden = reden.strip()
    rij.beantwoord_op = timezone.now()
    rij.ip_adres = apparaat.ip_adres
    rij.user_agent = apparaat.user_agent[:300]
    rij.inhoud = inhoud
    rij.inhoud_hash = sha256(inhoud)
    rij.save()
    # Whoever sent it hears with her own mail, the others in this round by notification.
    direct = notificeer(
        [opp.verstuurd_door], "opp_niet_akkoord", _pad(opp), veroorzaakt_door=door, eigen_mail=True
    )
    stuur_mail(
        [opp.verstuurd_door.email] if opp.verstuurd_door_id in direct else [],
        "Niet akkoord met het handelingsdeel",
        "opp/email/niet_akkoord.txt",
        {"pad": _pad(opp)},
    )
    andere = opp.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN).exclude(
        ondertekenaar_id=opp.verstuurd_door_id
    )
    notificeer(
        [o.ondertekenaar for o in andere.select_related("ondertekenaar")],
        "opp_niet_akkoord",
        _pad(opp),
        veroorzaakt_door=door,
        onderwerp=opp.uuid,
        organisatie=opp.leerling.school,
    )
    return rij


@dataclass(frozen=True)
class Verificatie:
    intact: bool  # the stored content still gives the stored hash
    actueel: bool  # and it is the OPP's content as it is now

    @property
    def geldig(self) -> bool:
        return self.intact and self.actueel


def verifieer(ondertekening: Ondertekening, huidige_inhoud: str | None = None) -> Verificatie:
    """Does the signature still hold? `huidige_inhoud`: the OPP's canonical content as it
    is now, when the caller has it already (a page verifies every signature against the
    content it computed once)."""
    if not ondertekening.inhoud_hash:
        return Verificatie(False, False)
    if huidige_inhoud is None:
        huidige_inhoud = canoniek(ondertekening.opp)
    intact = sha256(ondertekening.inhoud) == ondertekening.inhoud_hash
    actueel = huidige_inhoud == ondertekening.inhoud
    return Verificatie(intact, actueel)
