from django import forms

from accounts.forms import StyledFormMixin

from .models import FASE_KEUZES, Locatiesoort, Procesregiebesluit
from .thuiszitten import OORZAAK_KEUZES, Soort

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlaatsingForm(StyledFormMixin, forms.Form):
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


class ThuiszitterForm(StyledFormMixin, forms.Form):
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


class LeerlingZoekenForm(forms.Form):
    """Finds the pupil by an exact match (surname and date of birth, the first name when in
    doubt) among `leerlingen`, never from a list of the region."""

    NIET_GEVONDEN = (
        "Er is geen leerling gevonden met deze achternaam en geboortedatum die u mag "
        "registreren. Controleer de gegevens."
    )

    achternaam = forms.CharField(label="Achternaam van de leerling", max_length=100)
    geboortedatum = forms.DateField(
        label="Geboortedatum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    voornaam = forms.CharField(
        label="Voornaam", max_length=100, required=False, help_text="Alleen nodig bij twijfel."
    )

    def __init__(self, *args, leerlingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.leerlingen = leerlingen
        self.order_fields(["achternaam", "geboortedatum", "voornaam"])

    def clean(self):
        data = super().clean()
        if not data.get("achternaam") or not data.get("geboortedatum"):
            return data
        gevonden = self.leerlingen.filter(
            achternaam__iexact=data["achternaam"].strip(), geboortedatum=data["geboortedatum"]
        )
        if data.get("voornaam"):
            gevonden = gevonden.filter(voornaam__iexact=data["voornaam"].strip())
        gevonden = list(gevonden[:2])
        if not gevonden:
            raise forms.ValidationError(self.NIET_GEVONDEN)
        if len(gevonden) > 1:
            raise forms.ValidationError("Er zijn meer leerlingen gevonden; vul ook de voornaam in.")
        data["leerling"] = gevonden[0]
        return data


class NieuweThuiszitterForm(LeerlingZoekenForm, ThuiszitterForm):
    """A new entry in the thuiszitters register, for a pupil found by an exact match."""


class ProcesregieForm(StyledFormMixin, forms.Form):
    regievoerder = forms.ChoiceField(
        label="Procesregie bij", choices=Procesregiebesluit.KEUZES, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
