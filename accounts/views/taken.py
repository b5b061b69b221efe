"""The region's beheerder sees each scheduled job's recent runs (docs/productie.md,
"Geplande taken"). Runs record counts and error classes, never pupil data."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Taakrun
from accounts.permissions import is_regiobeheerder
from accounts.planner import Taak, alle_taken

RUNS_PER_DAGTAAK = 7
RUNS_PER_MINUUTTAAK = 10


@dataclass
class Taakoverzicht:
    taak: Taak
    runs: list[tuple[Taakrun, str]]

    @property
    def laatste(self) -> Taakrun | None:
        return self.runs[0][0] if self.runs else None


def duur_tekst(duur: timedelta | None) -> str:
    if duur is None:
        return "—"
    seconden = max(0, round(duur.total_seconds()))
    if seconden < 1:
        return "minder dan 1 s"
    minuten, seconden = divmod(seconden, 60)
    uren, minuten = divmod(minuten, 60)
    if uren:
        return f"{uren} u {minuten} min"
    return f"{minuten} min {seconden} s" if minuten else f"{seconden} s"


@login_required
@require_GET
def taken(request: HttpRequest) -> HttpResponse:
    if not is_regiobeheerder(request.user):
        raise Http404("Niet gevonden.")
    taken = alle_taken()
    per_taak = recente_runs([taak.naam for taak in taken])
    overzicht = [
        Taakoverzicht(
            taak,
            [
                (run, duur_tekst(run.duur))
                for run in per_taak[taak.naam][
                    : RUNS_PER_DAGTAAK if taak.dagelijks else RUNS_PER_MINUUTTAAK
                ]
            ],
        )
        for taak in taken
    ]
    return render(request, "beheer/taken.html", {"overzicht": overzicht})


def recente_runs(namen: list[str]) -> dict[str, list[Taakrun]]:
    """The latest runs of every job in one query, however many jobs the apps list."""
    meeste = max(RUNS_PER_DAGTAAK, RUNS_PER_MINUUTTAAK)
    volgorde = Window(
        RowNumber(),
        partition_by=[F("taak")],
        order_by=[F("gestart_op").desc(), F("pk").desc()],
    )
    runs = (
        Taakrun.objects.filter(taak__in=namen)
        .annotate(rang=volgorde)
        .filter(rang__lte=meeste)
        .order_by("taak", "rang")
    )
    per_taak: dict[str, list[Taakrun]] = defaultdict(list)
    for run in runs:
        per_taak[run.taak].append(run)
    return per_taak
