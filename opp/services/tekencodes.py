"""One-time codes by e-mail for signing the handelingsdeel (docs/opp.md, docs/adr/
0003-ondertekening-hash.md).

A signer without an authenticator app (parents, as a rule) asks for a code on the OPP
page; it goes to their own e-mail address. Only a keyed hash is stored; a code is valid
for ten minutes, is used once, allows five attempts and is replaced by the next one.
Sending is limited per signer: one code a minute, five an hour.
"""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.mail import stuur_mail
from accounts.models import User
from opp.models import Ondertekening, Opp, Tekencode

CIJFERS = 6
GELDIG = timedelta(minutes=10)
MAX_POGINGEN = 5
WACHTTIJD = timedelta(minutes=1)  # at most one code a minute ...
PER_UUR = 5  # ... and five an hour, per signer
BEWAREN = timedelta(days=1)  # rows older than this count for nothing and are removed


def _hash(ondertekening_id: int, code: str) -> str:
    # Keyed with SECRET_KEY: a copy of the table alone does not give the codes back,
    # though a six-digit code would be found by trying all of them against a plain hash.
    return salted_hmac(
        "opp.tekencode", f"{ondertekening_id}:{code}", algorithm="sha256"
    ).hexdigest()


def _minuten(tijd: timedelta) -> str:
    aantal = max(1, math.ceil(tijd.total_seconds() / 60))
    return "1 minuut" if aantal == 1 else f"{aantal} minuten"


def _controleer_tempo(door: User, nu: datetime) -> None:
    """Refuse in Dutch when the signer asked for a code too recently or too often."""
    recent = list(
        Tekencode.objects.filter(ondertekenaar=door, aangemaakt_op__gt=nu - timedelta(hours=1))
        .order_by("-aangemaakt_op")
        .values_list("aangemaakt_op", flat=True)
    )
    if recent and recent[0] > nu - WACHTTIJD:
        seconden = max(1, math.ceil((recent[0] + WACHTTIJD - nu).total_seconds()))
        raise ValidationError(
            f"U hebt zojuist een code gekregen. Wacht nog {seconden} seconden voordat u een "
            "nieuwe vraagt; de code in uw e-mail is 10 minuten geldig."
        )
    if len(recent) >= PER_UUR:
        raise ValidationError(
            f"U hebt in het afgelopen uur al {PER_UUR} codes gevraagd. Vraag over "
            f"{_minuten(recent[PER_UUR - 1] + timedelta(hours=1) - nu)} een nieuwe code, "
            "of bevestig met uw wachtwoord."
        )


@transaction.atomic
def stuur_code(
    ondertekening: Ondertekening, *, door: User, nu: datetime | None = None
) -> Tekencode:
    """Mail a new code to the signer's own address; an earlier code stops working."""
    nu = nu or timezone.now()
    rij = Ondertekening.objects.select_for_update().select_related("opp").get(pk=ondertekening.pk)
    if rij.ondertekenaar_id != door.pk:
        raise PermissionDenied("U kunt alleen voor uzelf een code vragen.")
    if (
        rij.status != Ondertekening.Status.GEVRAAGD
        or rij.opp.status != Opp.Status.TER_ONDERTEKENING
    ):
        raise ValidationError("Er wacht geen ondertekening op u; er is geen code gestuurd.")
    # One signer's requests one after the other, so two at once cannot both pass the limit.
    list(User.objects.select_for_update().filter(pk=door.pk).values_list("pk", flat=True))
    _controleer_tempo(door, nu)
    Tekencode.objects.filter(ondertekenaar=door, aangemaakt_op__lt=nu - BEWAREN).delete()
    Tekencode.objects.filter(ondertekening=rij, afgehandeld_op__isnull=True).update(
        afgehandeld_op=nu
    )
    code = f"{secrets.randbelow(10**CIJFERS):0{CIJFERS}d}"
    tekencode = Tekencode.objects.create(
        ondertekening=rij,
        ondertekenaar=door,
        code_hash=_hash(rij.pk, code),
        aangemaakt_op=nu,
        verloopt_op=nu + GELDIG,
    )
    # Transactional: sent whatever the signer's notification preferences; the mail holds
    # the code and nothing about the pupil.
    stuur_mail(
        [door.email],
        "Uw code om te ondertekenen",
        "opp/email/tekencode.txt",
        {"code": code, "minuten": int(GELDIG.total_seconds() // 60)},
        veroorzaakt_door=door,
    )
    return tekencode


def gebruik_code(
    ondertekening: Ondertekening, *, door: User, code: str, nu: datetime | None = None
) -> None:
    """Accept the newest code of this request once, or refuse with a Dutch reason.

    A wrong attempt is committed before the refusal, so attempts count even though
    nothing is signed.
    """
    with transaction.atomic():
        fout = _gebruik(ondertekening, door, (code or "").strip(), nu or timezone.now())
    if fout:
        raise ValidationError(f"{fout} Er is niets ondertekend.", code="bewijs")


def _gebruik(ondertekening: Ondertekening, door: User, code: str, nu: datetime) -> str:
    tekencode = (
        Tekencode.objects.select_for_update()
        .filter(ondertekening=ondertekening, ondertekenaar=door)
        .order_by("-aangemaakt_op", "-pk")
        .first()
    )
    if tekencode is None:
        return "Vraag eerst een code aan met de knop “Stuur mij een code”."
    if tekencode.afgehandeld_op is not None:
        return "Deze code is al gebruikt of niet meer geldig. Vraag een nieuwe code aan."
    if tekencode.verloopt_op <= nu:
        tekencode.afgehandeld_op = nu
        tekencode.save(update_fields=["afgehandeld_op"])
        return "De code is verlopen. Vraag een nieuwe code aan."
    if not constant_time_compare(_hash(ondertekening.pk, code), tekencode.code_hash):
        tekencode.pogingen += 1
        if tekencode.pogingen >= MAX_POGINGEN:
            tekencode.afgehandeld_op = nu
            tekencode.save(update_fields=["pogingen", "afgehandeld_op"])
            return (
                f"De code klopt niet. Na {MAX_POGINGEN} pogingen werkt deze code niet meer; "
                "vraag een nieuwe code aan."
            )
        tekencode.save(update_fields=["pogingen"])
        return "De code klopt niet. Gebruik de code uit de nieuwste e-mail."
    tekencode.afgehandeld_op = nu
    tekencode.save(update_fields=["afgehandeld_op"])
    return ""
