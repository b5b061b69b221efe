"""Reads of jeugdhulp: the signals on the work list."""

from __future__ import annotations

from django.db.models import F, Sum
from django.utils import timezone

from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import Jeugdhulpinzet, Urenregistratie


def jeugdhulp_signalen(trajecten) -> dict[str, list]:
    """Kader begeleiding at 80% or more this half year, and ends announced too late."""
    vandaag = timezone.localdate()
    halfjaar = kaders.halfjaar_van(vandaag)
    kader = list(
        Urenregistratie.objects.filter(
            inzet__traject__in=trajecten,
            inzet__soort__in=kaders.SOORTEN_IN_KADER,
            week__gte=halfjaar,
            week__lte=kaders.einde_halfjaar(halfjaar),
        )
        .values("inzet__traject__uuid", "inzet__traject__leerling__voornaam")
        .annotate(uren=Sum("uren"))
        .filter(uren__gte=kaders.KADER_UREN * kaders.WAARSCHUWING_VANAF)
        .order_by("-uren")[:25]
    )
    te_laat = list(
        Jeugdhulpinzet.objects.filter(
            traject__in=trajecten,
            aangekondigd_einde__gte=vandaag,
            aangekondigd_einde__lt=F("einde_aangekondigd_op") + kaders.AANKONDIGING_EINDE,
        )
        .select_related("traject__leerling", "aanbieder")
        .order_by("aangekondigd_einde")[:25]
    )
    return {"kader": kader, "te_laat": te_laat}
