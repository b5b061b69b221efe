"""Jeugdhulp that ends within 6 weeks: the school hears, once per inzet, so school and
provider agree in time how education goes on (docs/jeugdhulp.md, "End of treatment";
docs/meldingen.md). A daily job (apps.py) runs it."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap, Notificatie
from accounts.notificaties import notificeer
from accounts.rollen import Recht, rollen_met
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import Jeugdhulpinzet
from arrangeren.route.models import Traject

SOORT = "jeugdhulp_eindigt"


def aflopende_inzet(vandaag: date):
    """Inzet of open trajecten whose (announced, else planned) end lies within 6 weeks
    from today, about which the school was not told yet."""
    al_gemeld = Notificatie.objects.filter(soort=SOORT, onderwerp=OuterRef("uuid"))
    return (
        Jeugdhulpinzet.objects.annotate(einde=Coalesce("aangekondigd_einde", "geplande_einde"))
        .filter(
            traject__status=Traject.Status.OPEN,
            einde__gte=vandaag,
            einde__lte=vandaag + kaders.AANKONDIGING_EINDE,
        )
        .exclude(Exists(al_gemeld))
        .select_related("traject__leerling")
    )


def meld_aflopende_jeugdhulp(vandaag: date | None = None) -> int:
    """Notify the coördinator(s) of the pupil's school; returns the inzet reported."""
    vandaag = vandaag or timezone.localdate()
    rollen = rollen_met(Recht.JEUGDHULP_BEWAKEN)
    aantal = 0
    for inzet in aflopende_inzet(vandaag):
        school = inzet.traject.leerling.school_id
        leden = Lidmaatschap.objects.filter(organisatie_id=school, rol__in=rollen)
        notificeer(
            [lid.user for lid in leden.select_related("user")],
            SOORT,
            reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid]),
            veroorzaakt_door=None,
            onderwerp=inzet.uuid,
        )
        aantal += 1
    return aantal
