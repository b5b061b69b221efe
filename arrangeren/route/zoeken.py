"""Search and filters of the trajecten list (accounts/zoeken.py): by the pupil's name, the
traject's status and current step, and the school when the list spans several."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from accounts.zoeken import LijstZoekForm
from arrangeren.route.models import Traject
from arrangeren.route.stappen import STAPPEN

LOPEND, AFGESLOTEN, ALLE = "open", "afgesloten", "alle"


class TrajectZoekForm(LijstZoekForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        initial=LOPEND,
        choices=[(LOPEND, "Lopend"), (AFGESLOTEN, "Afgesloten"), (ALLE, "Alle")],
    )
    stap = forms.TypedChoiceField(
        label="Huidige stap",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Alle stappen"), *((s.nummer, f"{s.nummer}. {s.naam}") for s in STAPPEN)],
    )
    filter_op = {"stap": "huidige_stap"}
    school_kolom = "leerling__school_id"

    def zoek(self, queryset: QuerySet[Traject]) -> QuerySet[Traject]:
        trajecten = super().zoek(queryset)
        status = self.cleaned_data.get("status") if self.is_bound and self.is_valid() else None
        if self.is_bound and status == AFGESLOTEN:
            return trajecten.exclude(status=Traject.Status.OPEN)
        if self.is_bound and status == ALLE:
            return trajecten
        return trajecten.filter(status=Traject.Status.OPEN)
