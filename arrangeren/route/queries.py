"""Reads of the arrangeren app: the lists behind the work list and the trajecten page.

Every list costs a fixed number of queries, whatever the number of trajecten.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import Toestemming, User
from arrangeren.route.models import Genodigde, Leerlinggesprek, Mdo, Traject
from arrangeren.route.stappen import EVALUATIE_STAP

ACTIEF = [Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD]
# An invitation counts as unanswered after this long.
ANTWOORD_TERMIJN = timedelta(days=3)
# Preparation should be complete this long before the meeting.
VOORBEREIDING_TERMIJN = timedelta(days=7)


def trajecten_overzicht(user: User, *, alleen_open: bool = True):
    """The trajecten within the user's reach, with their next MDO, in one query."""
    volgend = Mdo.objects.filter(
        traject=OuterRef("pk"), status__in=ACTIEF, start__gte=timezone.now()
    ).order_by("start")
    trajecten = (
        Traject.objects.for_user(user)
        .select_related("leerling__school", "regievoerder")
        .annotate(volgend_mdo=Subquery(volgend.values("start")[:1]))
        .order_by("leerling__achternaam", "leerling__voornaam")
    )
    return trajecten.open() if alleen_open else trajecten


def werkvoorraad(trajecten):
    """The trajecten that are work to do: not those of a pupil who left the school (they
    are read-only there, docs/overstap.md)."""
    return trajecten.exclude(leerling__uitgeschreven_op__lte=timezone.localdate())


def mdos_voor(user: User, trajecten):
    """Upcoming MDOs of these trajecten, with answers counted, in one query."""
    return (
        Mdo.objects.filter(traject__in=trajecten, status__in=ACTIEF)
        .filter(Q(start__gte=timezone.now()) | Q(start__isnull=True))
        .select_related("traject__leerling")
        .annotate(
            zonder_antwoord=Count(
                "genodigden",
                filter=Q(
                    genodigden__uitgenodigd_op__isnull=False,
                    genodigden__antwoord=Genodigde.Antwoord.GEEN,
                ),
            )
        )
        .order_by("start")
    )


def achterstanden(trajecten, limiet: int = 25) -> dict[str, list]:
    """Overdue items for the coördinator, each list in one query (the first `limiet`)."""
    nu = timezone.now()
    vandaag = timezone.localdate()
    evaluatie = list(
        trajecten.filter(
            evaluatiedatum__lt=vandaag, huidige_stap__lt=EVALUATIE_STAP
        ).select_related("leerling")
    )
    zonder_antwoord = list(
        Mdo.objects.filter(traject__in=trajecten, status=Mdo.Status.UITGENODIGD, start__gt=nu)
        .filter(
            genodigden__antwoord=Genodigde.Antwoord.GEEN,
            genodigden__uitgenodigd_op__lt=nu - ANTWOORD_TERMIJN,
        )
        .select_related("traject__leerling")
        .distinct()
        .order_by("start")[:limiet]
    )
    gesprek = Leerlinggesprek.objects.filter(mdo=OuterRef("pk"))
    voorbereiding = list(
        Mdo.objects.filter(
            traject__in=trajecten,
            status__in=ACTIEF,
            start__gt=nu,
            start__lte=nu + VOORBEREIDING_TERMIJN,
        )
        .annotate(heeft_gesprek=Exists(gesprek), stukken_aantal=Count("stukken"))
        .filter(Q(agenda="") | Q(leerling_aanwezig=False, heeft_gesprek=False))
        .select_related("traject__leerling")
        .order_by("start")[:limiet]
    )
    return {
        "evaluatie": evaluatie,
        "zonder_antwoord": zonder_antwoord,
        "voorbereiding": voorbereiding,
    }


def open_toestemmingsvragen(user: User):
    return (
        Toestemming.objects.open_vragen()
        .filter(gever=user, leerling__gezagen__ouder=user, leerling__gezagen__heeft_gezag=True)
        .select_related("leerling", "ontvanger", "ontvanger_organisatie")
    )


def mijn_uitnodigingen(user: User):
    """MDOs this user is invited to and that are still to come."""
    return (
        Genodigde.objects.filter(
            mdo__traject__in=Traject.objects.for_user(user),
            user=user,
            uitgenodigd_op__isnull=False,
            mdo__status=Mdo.Status.UITGENODIGD,
            mdo__start__gte=timezone.now(),
        )
        .select_related("mdo__traject__leerling")
        .order_by("mdo__start")
    )
