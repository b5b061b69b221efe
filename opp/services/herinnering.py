"""The coördinator's "Herinnering sturen" to a signer who has not answered yet
(docs/opp.md): at most once a day per signer; the page shows when the last one went.
The automatic reminder after a few days is `stuur_herinneringen` (verzoeken.py); both
write `herinnerd_op`, so a manual reminder also counts as the automatic one."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.mail import stuur_mail
from accounts.models import Gezag, User
from accounts.rollen import Ouderrecht, gezag_met
from opp.models import Ondertekening, Opp

from .common import _pad

TUSSENPOZE = timedelta(days=1)
MOMENT = r"j F \o\m H:i"  # "3 december om 14:05"


def _moment(tijd: datetime) -> str:
    return date_format(timezone.localtime(tijd), MOMENT)


@transaction.atomic
def herinner(
    ondertekening: Ondertekening, *, door: User, nu: datetime | None = None
) -> Ondertekening:
    """Remind one signer now by e-mail (no names, a link), unless reminded in the last day."""
    nu = nu or timezone.now()
    rij = (
        Ondertekening.objects.select_for_update(of=("self",))
        .select_related("ondertekenaar", "opp__leerling__school")
        .get(pk=ondertekening.pk)
    )
    if (
        rij.opp.status != Opp.Status.TER_ONDERTEKENING
        or rij.status != Ondertekening.Status.GEVRAAGD
    ):
        raise ValidationError(f"{rij.ondertekenaar.naam} hoeft niet meer te tekenen.")
    if (
        rij.partij == Ondertekening.Partij.OUDER
        and not Gezag.objects.filter(
            ouder=rij.ondertekenaar,
            leerling=rij.opp.leerling,
            heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN),
        ).exists()
    ):
        raise ValidationError(
            f"{rij.ondertekenaar.naam} heeft geen gezag meer en tekent niet; er is geen "
            "herinnering gestuurd."
        )
    if rij.herinnerd_op is not None and rij.herinnerd_op > nu - TUSSENPOZE:
        raise ValidationError(
            f"{rij.ondertekenaar.naam} kreeg op {_moment(rij.herinnerd_op)} al een herinnering. "
            f"Een volgende kan vanaf {_moment(rij.herinnerd_op + TUSSENPOZE)}."
        )
    rij.herinnerd_op = nu
    rij.save(update_fields=["herinnerd_op"])
    stuur_mail(
        [rij.ondertekenaar.email],
        "Herinnering: het handelingsdeel wacht op uw ondertekening",
        "opp/email/ondertekenen.txt",
        {"herinnering": True, "pad": _pad(rij.opp)},
        veroorzaakt_door=door,
        organisatie=rij.opp.leerling.school,
    )
    return rij
