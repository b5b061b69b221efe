"""Writes of the satisfaction question after an MDO (arrangeren/route/tevredenheid.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Gezag, User
from accounts.notificaties import notificeer
from accounts.rollen import Ouderrecht, gezag_met
from arrangeren.route.models import Mdo, Tevredenheid
from arrangeren.route.models.tevredenheid import MAX_OPMERKING, SCORES
from arrangeren.route.tevredenheid import gehouden_mdos_van_ouder

AL_BEANTWOORD = "U heeft deze vraag over dit overleg al beantwoord of overgeslagen."


def vraag_ouders(mdo: Mdo, *, door: User) -> None:
    """After the first final report: each parent with custody gets the question, in the
    app only (the list of notifications and a card on the start page). The same moment
    already mails them that the report is ready; a second mail would be one too many."""
    gezagen = Gezag.objects.filter(
        leerling_id=mdo.traject.leerling_id, heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN)
    ).select_related("ouder")
    notificeer(
        [gezag.ouder for gezag in gezagen],
        "mdo_tevredenheid",
        reverse("arrangeren:tevredenheid", args=[mdo.uuid]),
        veroorzaakt_door=door,
        onderwerp=mdo.uuid,
        eigen_mail=True,
    )


def _leg_vast(mdo: Mdo, ouder: User, score: int | None, opmerking: str) -> Tevredenheid:
    if not gehouden_mdos_van_ouder(ouder).filter(pk=mdo.pk).exists():
        raise ValidationError("Deze vraag is niet voor u.")
    try:
        # A savepoint: a second click (or a second tab) hits the unique constraint.
        with transaction.atomic():
            return Tevredenheid.objects.create(
                mdo=mdo, ouder=ouder, score=score, opmerking=opmerking
            )
    except IntegrityError:
        raise ValidationError(AL_BEANTWOORD) from None


def beantwoord(mdo: Mdo, ouder: User, score: int, opmerking: str = "") -> Tevredenheid:
    if score not in dict(SCORES):
        raise ValidationError("Kies hoe tevreden u bent, van 1 tot en met 5.")
    opmerking = opmerking.strip()
    if len(opmerking) > MAX_OPMERKING:
        raise ValidationError(f"De toelichting is te lang: ten hoogste {MAX_OPMERKING} tekens.")
    return _leg_vast(mdo, ouder, score, opmerking)


def sla_over(mdo: Mdo, ouder: User) -> Tevredenheid:
    """Skipping is an answer too: the question is not asked again."""
    return _leg_vast(mdo, ouder, None, "")
