"""The coördinator's "Herinnering sturen" to an invitee who has not answered the MDO
invitation (docs/route.md): at most once a day per invitee, only to whoever may still
hear of the meeting; the page shows when the last one went. The reminder shortly before
the meeting is `stuur_herinneringen` (uitnodigingen.py), kept apart from this one."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.mail import stuur_mail
from accounts.models import User
from arrangeren.route.models import Genodigde, Mdo

from .uitnodigingen import met_toestemming

TUSSENPOZE = timedelta(days=1)
MOMENT = r"j F \o\m H:i"  # "3 december om 14:05"


def _moment(tijd: datetime) -> str:
    return date_format(timezone.localtime(tijd), MOMENT)


def _weigering(rij: Genodigde, nu: datetime) -> str:
    mdo = rij.mdo
    if mdo.status != Mdo.Status.UITGENODIGD or rij.uitgenodigd_op is None or rij.user_id is None:
        return f"{rij.naam} heeft geen uitnodiging die op antwoord wacht."
    if mdo.start is not None and mdo.start <= nu:
        return "Het MDO is al begonnen; er is geen herinnering gestuurd."
    if rij.antwoord != Genodigde.Antwoord.GEEN:
        return f"{rij.naam} heeft de uitnodiging al beantwoord."
    if not met_toestemming(mdo, pk=rij.pk).exists():
        return (
            f"{rij.naam} krijgt geen berichten meer over dit MDO (geen toestemming of geen "
            "gezag); er is geen herinnering gestuurd."
        )
    vorige = rij.handmatig_herinnerd_op
    if vorige is not None and vorige > nu - TUSSENPOZE:
        return (
            f"{rij.naam} kreeg op {_moment(vorige)} al een herinnering. Een volgende kan "
            f"vanaf {_moment(vorige + TUSSENPOZE)}."
        )
    return ""


@transaction.atomic
def herinner_genodigde(
    genodigde: Genodigde, *, door: User, nu: datetime | None = None
) -> Genodigde:
    """Remind one invitee now by e-mail (no names, a link), unless refused in Dutch."""
    nu = nu or timezone.now()
    rij = (
        Genodigde.objects.select_for_update(of=("self",))
        .select_related("user", "organisatie", "mdo__traject__leerling__school")
        .get(pk=genodigde.pk)
    )
    if fout := _weigering(rij, nu):
        raise ValidationError(fout)
    rij.handmatig_herinnerd_op = nu
    rij.save(update_fields=["handmatig_herinnerd_op"])
    stuur_mail(
        [rij.user.email],
        "Herinnering: een uitnodiging voor een MDO wacht op uw antwoord",
        "arrangeren/email/herinnering_antwoord.txt",
        {"pad": reverse("arrangeren:mdo_detail", args=[rij.mdo.uuid])},
        veroorzaakt_door=door,
        organisatie=rij.mdo.traject.leerling.school,
    )
    return rij
