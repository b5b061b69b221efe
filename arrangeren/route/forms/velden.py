"""Widgets and helpers shared by the route's forms."""

from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from accounts.models import Lidmaatschap


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def samen(datum: date | None, tijd: time | None) -> datetime | None:
    if datum is None or tijd is None:
        return None
    return timezone.make_aware(datetime.combine(datum, tijd))


# The picker's group of people found by the search (arrangeren/route/personen.py).
GEVONDEN_LABEL = "Gevonden bij zoeken"


class PersoonKeuze(forms.Select):
    """A select whose group of people found by the search has an id, so that the search
    on the MDO page fills it in place."""

    template_name = "arrangeren/widgets/persoon_keuze.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["gevonden_label"] = GEVONDEN_LABEL
        return context


def persoon_label(lid: Lidmaatschap) -> str:
    return f"{lid.user.naam} — {lid.get_rol_display()}, {lid.organisatie.naam}"
