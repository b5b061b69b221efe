"""Which organisation carries out an inzet: a short list to pick from, and a search.

The add-inzet form on the OPP page offers the organisations already involved with the
pupil: the school and its samenwerkingsverband, the organisations of the inzet in this
pupil's OPPs and of those who sign them, those the parents gave consent to, and what
other apps know (a traject's regievoerder, the MDO's invitees, a jeugdhulp aanbieder).
Any other organisation of the region is found by name (`zoek`), so the page never lists
all of them (it listed all 330 of the region once per goal).

Other apps add their organisations through an AppConfig hook,
`betrokken_organisaties(leerling)`, returning querysets of organisation ids (`values`);
the OPP never imports them (docs/adr/0005-feature-apps.md). All of it is one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q

from accounts.models import Leerling, Organisatie, Toestemming
from opp.models import Inzet, Ondertekening, Opp, OppDoel

MAX_GEVONDEN = 20
MIN_ZOEKTERM = 2
# The picker's group of organisations found by the search (opp/forms.py).
GEVONDEN_LABEL = "Gevonden bij zoeken"


def betrokken(opp: Opp, doelen: Iterable[OppDoel] = ()) -> list[Organisatie]:
    """The organisations involved with the OPP's pupil, by name, in one query.

    `doelen`: this OPP's goals with their inzet (and its organisation) when loaded."""
    leerling: Leerling = opp.leerling
    bekend = {leerling.school_id, opp.school_id}
    if leerling.school_id is not None:
        bekend.add(leerling.school.swv_id)
    bekend |= {i.organisatie_id for doel in doelen for i in doel.inzet.all()}
    voorwaarde = Q(pk__in=[pk for pk in bekend if pk])
    voorwaarde |= Q(
        pk__in=Inzet.objects.filter(doel__opp__leerling=leerling, organisatie__isnull=False).values(
            "organisatie_id"
        )
    )
    voorwaarde |= Q(
        pk__in=Ondertekening.objects.filter(opp__leerling=leerling, namens__isnull=False).values(
            "namens_id"
        )
    )
    voorwaarde |= Q(
        pk__in=Toestemming.objects.filter(leerling=leerling)
        .geldig()
        .values("ontvanger_organisatie_id")
    )
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "betrokken_organisaties", None)
        for ids in hook(leerling) if hook is not None else ():
            voorwaarde |= Q(pk__in=ids)
    return list(Organisatie.objects.filter(voorwaarde).order_by("naam"))


def zoek(zoekterm: str) -> list[Organisatie]:
    """Organisations whose name holds every word of the search term (the first
    MAX_GEVONDEN by name); nothing for a term shorter than MIN_ZOEKTERM."""
    zoekterm = (zoekterm or "").strip()
    if len(zoekterm) < MIN_ZOEKTERM:
        return []
    organisaties = Organisatie.objects.all()
    for woord in zoekterm.split()[:5]:
        organisaties = organisaties.filter(naam__icontains=woord)
    return list(organisaties.order_by("naam")[:MAX_GEVONDEN])


def zoekstatus(zoekterm: str, gevonden: list[Organisatie]) -> str:
    """What the search found, in words (read out by screen readers: a status region)."""
    if len((zoekterm or "").strip()) < MIN_ZOEKTERM:
        return f"Typ minstens {MIN_ZOEKTERM} letters van de naam."
    if not gevonden:
        return f"Geen organisatie gevonden met “{zoekterm.strip()}”."
    aantal = len(gevonden)
    meer = " (de eerste; maak de zoekterm langer)" if aantal == MAX_GEVONDEN else ""
    woord = "organisatie" if aantal == 1 else "organisaties"
    return f"{aantal} {woord} gevonden{meer}: kies bij Organisatie onder “{GEVONDEN_LABEL}”."
