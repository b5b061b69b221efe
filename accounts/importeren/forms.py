from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from accounts.forms import StyledFormMixin


class ImportForm(StyledFormMixin, forms.Form):
    bestand = forms.FileField(
        label="Export uit de leerlingadministratie",
        help_text=(
            "CSV (met komma's of puntkomma's) of Excel (.xlsx) uit bijvoorbeeld ParnasSys of "
            f"Magister; maximaal {filesizeformat(settings.SAMENPLAN_IMPORT_MAX_BYTES)}."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    volledig = forms.BooleanField(
        label="Dit is een volledige export van alle leerlingen van de school",
        required=False,
        initial=True,
        help_text=(
            "Leerlingen met een leerlingnummer die niet in een volledige export staan, "
            "worden uitgeschreven (niet verwijderd), pas nadat u het voorbeeld heeft "
            "bevestigd."
        ),
    )
