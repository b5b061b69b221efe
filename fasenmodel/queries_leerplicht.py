"""Reads of the vrijstelling route and the Variawet deviations: lists, the review list
"Aflopende vrijstellingen" and the "Mijn werk" items. Each costs a fixed number of queries
however many rows it returns."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from accounts.datums import plus_maanden
from accounts.models import Leerling, User
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import Bereik, rollen_met_bereik

from .leerplicht import AFLOPEND_MAANDEN, ONDERWIJSTIJD_SIGNAAL_DAGEN
from .models_leerplicht import Onderwijstijdafwijking, Vrijstelling
from .queries import WERK_MAX, Werkitem


def vrijstellingen(user: User) -> QuerySet[Vrijstelling]:
    return Vrijstelling.objects.for_user(user).select_related("leerling__school", "ingevoerd_door")


def aflopende_vrijstellingen(user: User, op: date) -> QuerySet[Vrijstelling]:
    """Granted exemptions that end within `AFLOPEND_MAANDEN` months, soonest first (the
    periodic review of leerplicht, the SWV and the care location)."""
    return (
        vrijstellingen(user)
        .actief(op)
        .filter(einddatum__lte=plus_maanden(op, AFLOPEND_MAANDEN))
        .order_by("einddatum", "pk")
    )


def vrijstelling_werkitems(user: User, op: date, maximum: int = WERK_MAX) -> list[Werkitem]:
    return [
        Werkitem(
            v.leerling,
            "Vrijstelling loopt af",
            f"Vrijgesteld tot en met {v.einddatum:%d-%m-%Y}: bespreek het perspectief op "
            "onderwijs (leerplicht, samenwerkingsverband en zorglocatie).",
            reverse("fasenmodel:vrijstelling", args=[v.uuid]),
            (v.einddatum - op).days <= 31,
            v.einddatum,
        )
        for v in aflopende_vrijstellingen(user, op)[:maximum]
    ]


def onderwijstijd_van(leerling: Leerling) -> list[Onderwijstijdafwijking]:
    return list(
        Onderwijstijdafwijking.objects.filter(leerling=leerling).select_related(
            "ingevoerd_door", "school"
        )
    )


def _schoolorganisaties(user: User) -> list[int]:
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    schoolrollen = rollen_met_bereik(Bereik.EIGEN_SCHOOL)
    return [lid.organisatie_id for lid in lidmaatschappen if lid.rol in schoolrollen]


def onderwijstijd_werkitems(user: User, op: date, maximum: int = WERK_MAX) -> list[Werkitem]:
    """The school's latest deviation per pupil that ends within the window or ended less
    than the window ago (a newer deviation for the same pupil replaces it), for its
    enrolled pupils."""
    school_ids = _schoolorganisaties(user)
    if not school_ids:
        return []
    nieuwere = Onderwijstijdafwijking.objects.filter(
        leerling_id=OuterRef("leerling_id"), startdatum__gt=OuterRef("startdatum")
    )
    afwijkingen = (
        Onderwijstijdafwijking.objects.filter(
            leerling__school_id__in=school_ids,
            school_id__in=school_ids,
            einddatum__lte=op + timedelta(days=ONDERWIJSTIJD_SIGNAAL_DAGEN),
            einddatum__gte=op - timedelta(days=ONDERWIJSTIJD_SIGNAAL_DAGEN),
        )
        .exclude(Exists(nieuwere))
        .select_related("leerling")
        .order_by("einddatum", "pk")[:maximum]
    )
    return [
        Werkitem(
            a.leerling,
            "Onderwijstijd: afwijking verlopen" if a.einddatum < op else "Onderwijstijd loopt af",
            f"{a.uren_per_week} uur per week ({a.get_grondslag_display()}) tot en met "
            f"{a.einddatum:%d-%m-%Y}: evalueer het ingroeiplan en leg de volgende stap vast.",
            reverse("fasenmodel:onderwijstijd", args=[a.leerling.uuid]),
            a.einddatum < op,
            a.einddatum,
        )
        for a in afwijkingen
    ]
