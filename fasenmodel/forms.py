from django import forms

from .models import FASE_KEUZES, Locatiesoort, Procesregiebesluit
from .thuiszitten import OORZAAK_KEUZES, Soort

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlaatsingForm(forms.Form):
    fase = forms.TypedChoiceField(label="Nieuwe fase", choices=FASE_KEUZES, coerce=int)
    startdatum = forms.DateField(label="Per (startdatum)", widget=DATUM)
    locatiesoort = forms.ChoiceField(label="Soort locatie", choices=Locatiesoort.choices)
    locatie = forms.CharField(label="Naam van de locatie", max_length=200)
    cognitieve_leerbehoefte = forms.BooleanField(
        label="Alleen bij fase 1: de leerling heeft binnen een jaar onderwijsbehoeften op "
        "cognitief vlak (leerrecht)",
        required=False,
    )
    reden = forms.CharField(
        label="Reden en besluit", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ThuiszitterForm(forms.Form):
    sinds = forms.DateField(label="Thuis sinds", widget=DATUM)
    soort = forms.ChoiceField(label="Soort", choices=Soort.choices, widget=forms.RadioSelect)
    oorzaken = forms.MultipleChoiceField(
        label="Oorzaken",
        choices=OORZAAK_KEUZES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    dagbesteding = forms.CharField(
        label="Dagbesteding nu",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        help_text="Wat doet de leerling overdag?",
    )
    aanbod_gestart = forms.BooleanField(
        label="Er is een passend aanbod van onderwijs en/of zorg gestart", required=False
    )
    aanbod_sinds = forms.DateField(label="Passend aanbod gestart op", widget=DATUM, required=False)
    beeindigd_op = forms.DateField(
        label="Niet meer thuis sinds",
        widget=DATUM,
        required=False,
        help_text="Vul in als de leerling weer naar school of een passende plek gaat.",
    )


class NieuweThuiszitterForm(ThuiszitterForm):
    leerling = forms.ModelChoiceField(label="Leerling", queryset=None, empty_label="Kies…")
    field_order = ["leerling"]

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen
        self.fields["leerling"].label_from_instance = lambda leerling: (
            f"{leerling.volledige_naam} ({leerling.geboortedatum:%d-%m-%Y}, "
            f"{leerling.school.naam if leerling.school else 'niet ingeschreven'})"
        )
        self.order_fields(["leerling"])


class ProcesregieForm(forms.Form):
    regievoerder = forms.ChoiceField(
        label="Procesregie bij", choices=Procesregiebesluit.KEUZES, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
