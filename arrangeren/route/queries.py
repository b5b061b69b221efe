"""Reads of the arrangeren app: the lists behind the work list and the trajecten page.

Every list costs a fixed number of queries, whatever the number of trajecten. The work
list asks several lists of one table in one query (`eerste_per_lijst`): each row says
which lists it belongs to and its place in each, and only the first rows of every list
come back.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.lijsten import eerste_per_lijst
from accounts.models import Toestemming, User
from accounts.ouderinformatie import Informatie, datum, moment
from arrangeren.route.models import Genodigde, Leerlinggesprek, Mdo, Traject
from arrangeren.route.stappen import EVALUATIE_STAP, LAATSTE_STAP

ACTIEF = [Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD]
# An invitation counts as unanswered after this long.
ANTWOORD_TERMIJN = timedelta(days=3)
# Preparation should be complete this long before the meeting.
VOORBEREIDING_TERMIJN = timedelta(days=7)
# The start page shows the first of each list; the trajecten page has them all.


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


def werkvoorraad_q(prefix: str = "") -> Q:
    """`werkvoorraad` as a condition: an open traject of a pupil still at the school."""
    return Q(**{f"{prefix}status": Traject.Status.OPEN}) & ~Q(
        **{f"{prefix}leerling__uitgeschreven_op__lte": timezone.localdate()}
    )


def trajectlijsten(user: User, *, achterstanden: bool) -> dict[str, list]:
    """The work list's trajecten in one query: the first of the open trajecten (by name)
    and, for the coördinator, those whose evaluation date passed."""
    alle = Q(pk__isnull=False)  # a condition of its own: an empty Q() vanishes in an OR
    lijsten = {"trajecten": (alle, [F("leerling__achternaam"), F("leerling__voornaam")])}
    if achterstanden:
        lijsten["evaluatie"] = (
            Q(evaluatiedatum__lt=timezone.localdate(), huidige_stap__lt=EVALUATIE_STAP),
            [F("leerling__achternaam"), F("leerling__voornaam")],
        )
    return eerste_per_lijst(werkvoorraad(trajecten_overzicht(user)), lijsten)


def mdolijsten(user: User, *, school: bool, achterstanden: bool) -> dict[str, list]:
    """The work list's MDOs in one query: the user's own invitations and, for the school,
    the coming MDOs of its open trajecten (answers counted) and, for the coördinator,
    those with unanswered invitations or missing preparation.

    An invitation comes back as the user's `Genodigde` (with its MDO), as the page shows
    the user's own answer.
    """
    nu = timezone.now()
    eigen = Genodigde.objects.filter(mdo=OuterRef("pk"), user=user, uitgenodigd_op__isnull=False)
    # Asked to mark when she can while the time is still being chosen: that waits on her
    # too (docs/meldingen.md).
    peiling = Genodigde.objects.filter(
        mdo=OuterRef("pk"), user=user, tijden_gevraagd_op__isnull=False
    )
    lijsten = {
        "uitnodigingen": (
            Q(status=Mdo.Status.UITGENODIGD, start__gte=nu, is_genodigd=True)
            | Q(status__in=ACTIEF, start__isnull=True, tijden_gevraagd=True),
            [F("start").asc(nulls_first=True)],
        )
    }
    lopend = werkvoorraad_q("traject__") & Q(status__in=ACTIEF)
    if school:
        lijsten["mdos"] = (
            lopend & (Q(start__gte=nu) | Q(start__isnull=True)),
            [F("start").asc()],
        )
    if school and achterstanden:
        lijsten["zonder_antwoord"] = (
            lopend & Q(status=Mdo.Status.UITGENODIGD, start__gt=nu, laat_antwoord=True),
            [F("start").asc()],
        )
        lijsten["voorbereiding"] = (
            lopend
            & Q(start__gt=nu, start__lte=nu + VOORBEREIDING_TERMIJN)
            & (Q(agenda="") | Q(leerling_aanwezig=False, heeft_gesprek=False)),
            [F("start").asc()],
        )
    geen_antwoord = Genodigde.objects.filter(
        mdo=OuterRef("pk"), uitgenodigd_op__isnull=False, antwoord=Genodigde.Antwoord.GEEN
    )
    aantal = geen_antwoord.order_by().values("mdo").annotate(n=Count("pk")).values("n")[:1]
    mdos = (
        Mdo.objects.filter(traject__in=Traject.objects.for_user(user))
        .select_related("traject__leerling")
        .annotate(
            is_genodigd=Exists(eigen),
            tijden_gevraagd=Exists(peiling),
            mijn_antwoord=Subquery(eigen.values("antwoord")[:1]),
            zonder_antwoord=Coalesce(Subquery(aantal), Value(0), output_field=IntegerField()),
            laat_antwoord=Exists(geen_antwoord.filter(uitgenodigd_op__lt=nu - ANTWOORD_TERMIJN)),
            heeft_gesprek=Exists(Leerlinggesprek.objects.filter(mdo=OuterRef("pk"))),
        )
    )
    uitkomst = eerste_per_lijst(mdos, lijsten)
    uitkomst["uitnodigingen"] = [
        Genodigde(mdo=mdo, user=user, antwoord=mdo.mijn_antwoord)
        for mdo in uitkomst["uitnodigingen"]
    ]
    return uitkomst


def open_toestemmingsvragen(user: User):
    return (
        Toestemming.objects.open_vragen()
        .filter(gever=user, leerling__gezagen__ouder=user, leerling__gezagen__heeft_gezag=True)
        .select_related("leerling", "ontvanger", "ontvanger_organisatie")
    )


def informatie_voor_ouder(leerling) -> list[Informatie]:
    """For a parent without custody (accounts/ouderinformatie.py): where the latest
    traject stands and when an MDO is planned; its step, not its content."""
    traject = leerling.trajecten.order_by("-geopend_op").first()
    if traject is None:
        return [Informatie("Traject", "Er is geen traject.")]
    geopend = datum(traject.geopend_op)
    if not traject.is_open:
        return [Informatie("Traject", f"Het traject van {geopend} is afgesloten.")]
    regels = [
        Informatie(
            "Traject",
            f"Stap {traject.huidige_stap} van {LAATSTE_STAP}: {traject.stap.naam} (geopend op "
            f"{geopend}).",
        )
    ]
    gepland = traject.mdos.filter(status__in=ACTIEF, start__gte=timezone.now()).order_by("start")
    regels += [Informatie("MDO", f"Gepland op {moment(mdo.start)}.") for mdo in gepland]
    return regels
