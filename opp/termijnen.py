"""Legal timers of the OPP as data, and the overdue items they produce for work lists.

- The OPP is evaluated with parents at least once per school year and at each
  evaluation date (docs/opp.md, "Legal timers").
- A pupil placed in S(B)O has an OPP within 6 weeks after placement (WPO/WEC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import Leerling, User
from accounts.rollen import Sector
from opp.models import Ondertekening, Opp


@dataclass(frozen=True)
class Termijn:
    code: str
    omschrijving: str


TERMIJNEN = {
    "evaluatiedatum": Termijn("evaluatiedatum", "Evaluatiedatum van het OPP is verstreken"),
    "schooljaar": Termijn("schooljaar", "OPP is dit schooljaar nog niet geëvalueerd"),
    "plaatsing": Termijn("plaatsing", "Geen vastgesteld OPP binnen 6 weken na plaatsing"),
}
PLAATSING_TERMIJN = timedelta(weeks=6)
SECTOREN_MET_PLAATSINGSTERMIJN = (Sector.SO, Sector.SBO)
LIMIET = 25


def begin_schooljaar(op: date) -> date:
    """Dutch school years start on 1 August (for these timers)."""
    return date(op.year if op.month >= 8 else op.year - 1, 8, 1)


def achterstallig(leerlingen: QuerySet, op: date | None = None) -> dict[str, list]:
    """Overdue OPP items for these pupils, each list in one query (the first LIMIET)."""
    op = op or timezone.localdate()
    # The version in force (at most one per pupil is vastgesteld; older ones are
    # vervangen). A draft of a newer version does not stop the clock.
    geldend = Opp.objects.filter(
        leerling__in=leerlingen, status=Opp.Status.VASTGESTELD
    ).select_related("leerling")
    vastgesteld = Opp.objects.filter(leerling=OuterRef("pk"), status=Opp.Status.VASTGESTELD)
    return {
        "evaluatiedatum": list(
            geldend.filter(evaluatiedatum__lt=op).order_by("evaluatiedatum")[:LIMIET]
        ),
        "schooljaar": list(
            geldend.filter(vastgesteld_op__date__lt=begin_schooljaar(op)).order_by(
                "vastgesteld_op"
            )[:LIMIET]
        ),
        "plaatsing": list(
            leerlingen.filter(
                school__sector__in=SECTOREN_MET_PLAATSINGSTERMIJN,
                ingeschreven_op__lt=op - PLAATSING_TERMIJN,
            )
            .annotate(heeft_opp=Exists(vastgesteld))
            .filter(heeft_opp=False)
            .order_by("ingeschreven_op")[:LIMIET]
        ),
    }


def handtekeningen(leerlingen: QuerySet) -> dict[str, list]:
    """Signature answers that need the coördinator: disagreement, and long waits."""
    lopend = Ondertekening.objects.filter(
        opp__leerling__in=leerlingen, opp__status=Opp.Status.TER_ONDERTEKENING
    ).select_related("opp__leerling", "ondertekenaar")
    return {
        "niet_akkoord": list(
            lopend.filter(status=Ondertekening.Status.NIET_AKKOORD).order_by("-beantwoord_op")[
                :LIMIET
            ]
        ),
        "wacht": list(
            lopend.filter(
                status=Ondertekening.Status.GEVRAAGD,
                gevraagd_op__lt=timezone.now() - timedelta(days=7),
            ).order_by("gevraagd_op")[:LIMIET]
        ),
    }


def mijn_ondertekeningen(user: User) -> list[Ondertekening]:
    """Requests waiting for this user's own answer (outsiders: while consent covers it)."""
    from opp.permissions import rechten_voor

    verzoeken = list(
        Ondertekening.objects.filter(
            ondertekenaar=user,
            status=Ondertekening.Status.GEVRAAGD,
            opp__status=Opp.Status.TER_ONDERTEKENING,
            opp__leerling__in=Leerling.objects.for_user(user),
        )
        .select_related("opp__leerling")
        .order_by("gevraagd_op")[:LIMIET]
    )
    return [
        v
        for v in verzoeken
        if v.partij != Ondertekening.Partij.TOEGANG or rechten_voor(user, v.opp).lezen
    ]
