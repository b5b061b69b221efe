"""Legal timers of the OPP as data, and the overdue items they produce for work lists.

- The OPP is evaluated with parents at least once per school year and at each
  evaluation date (docs/opp.md, "Legal timers"). An evaluation recorded with the parents
  (`Oppevaluatie`) in this school year, or on or after the evaluation date, clears it.
- A pupil placed in S(B)O has an OPP within 6 weeks after placement (WPO/WEC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from accounts.lijsten import LIMIET, eerste_per_lijst
from accounts.models import Leerling, User
from accounts.rollen import Sector
from opp.models import Ondertekening, Opp, Oppevaluatie


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


def begin_schooljaar(op: date) -> date:
    """Dutch school years start on 1 August (for these timers)."""
    return date(op.year if op.month >= 8 else op.year - 1, 8, 1)


def achterstallig(leerlingen: QuerySet, op: date | None = None) -> dict[str, list]:
    """Overdue OPP items for these pupils, each list in one query (the first LIMIET)."""
    op = op or timezone.localdate()
    # The version in force (at most one per pupil is vastgesteld; older ones are
    # vervangen). A draft of a newer version does not stop the clock.
    met_ouders = Oppevaluatie.objects.filter(opp=OuterRef("pk"), met_ouders=True)
    geldend = (
        Opp.objects.filter(leerling__in=leerlingen, status=Opp.Status.VASTGESTELD)
        .select_related("leerling")
        .annotate(
            # WPO art. 40a / WEC art. 41a / WVO art. 26: evaluated with the parents at
            # least once a school year; the last one also answers the evaluation date.
            dit_schooljaar=Exists(met_ouders.filter(datum__gte=begin_schooljaar(op))),
            na_evaluatiedatum=Exists(met_ouders.filter(datum__gte=OuterRef("evaluatiedatum"))),
        )
    )
    vastgesteld = Opp.objects.filter(leerling=OuterRef("pk"), status=Opp.Status.VASTGESTELD)
    return {
        **eerste_per_lijst(
            geldend,
            {
                "evaluatiedatum": (
                    Q(evaluatiedatum__lt=op, na_evaluatiedatum=False),
                    [F("evaluatiedatum").asc()],
                ),
                "schooljaar": (
                    Q(vastgesteld_op__date__lt=begin_schooljaar(op), dit_schooljaar=False),
                    [F("vastgesteld_op").asc()],
                ),
            },
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


def mijn_ondertekeningen(user: User) -> list[Ondertekening]:
    """Requests waiting for this user's own answer (outsiders: while consent covers it)."""
    return ondertekeningslijsten(user, None)["te_ondertekenen"]


def ondertekeningslijsten(user: User | None, leerlingen: QuerySet | None) -> dict[str, list]:
    """In one query: the requests waiting for `user`'s own answer (`te_ondertekenen`) and,
    given the coördinator's `leerlingen`, the answers that need her (`niet_akkoord`,
    `wacht`); the first LIMIET of each."""
    from opp.permissions import rechten_voor_opps

    lopend = Q(opp__status=Opp.Status.TER_ONDERTEKENING)
    lijsten = {}
    if user is not None:
        lijsten["te_ondertekenen"] = (
            lopend
            & Q(
                ondertekenaar=user,
                status=Ondertekening.Status.GEVRAAGD,
                # Whose file one reads: not a parent whose custody ended (docs/rollen.md).
                opp__leerling__in=Leerling.objects.dossiers_for_user(user),
            ),
            [F("gevraagd_op").asc()],
        )
    if leerlingen is not None:
        lijsten["niet_akkoord"] = (
            lopend & Q(opp__leerling__in=leerlingen, status=Ondertekening.Status.NIET_AKKOORD),
            [F("beantwoord_op").desc()],
        )
        lijsten["wacht"] = (
            lopend
            & Q(
                opp__leerling__in=leerlingen,
                status=Ondertekening.Status.GEVRAAGD,
                gevraagd_op__lt=timezone.now() - timedelta(days=7),
            ),
            [F("gevraagd_op").asc()],
        )
    uitkomst = eerste_per_lijst(
        Ondertekening.objects.select_related("opp__leerling", "ondertekenaar"), lijsten
    )
    if user is not None:
        verzoeken = uitkomst["te_ondertekenen"]
        toegang = [v.opp for v in verzoeken if v.partij == Ondertekening.Partij.TOEGANG]
        rechten = rechten_voor_opps(user, toegang) if toegang else {}
        uitkomst["te_ondertekenen"] = [
            v
            for v in verzoeken
            if v.partij != Ondertekening.Partij.TOEGANG or rechten[v.opp_id].lezen
        ]
    return uitkomst
