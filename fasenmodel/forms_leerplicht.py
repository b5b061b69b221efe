from django import forms

from accounts.forms import StyledFormMixin

from .forms import DATUM, LeerlingZoekenForm
from .leerplicht import Advies, Besluit, Grondslag, Perspectief


class VrijstellingForm(StyledFormMixin, forms.Form):
    """Leerplicht records the request, the doctor's advice and its decision."""

    verplicht_als = {
        "advies_op": "bij een advies",
        "besluit_op": "bij een besluit",
        "startdatum": "bij een verleende vrijstelling",
    }

    aangevraagd_op = forms.DateField(label="Verzoek om vrijstelling ingediend op", widget=DATUM)
    zorglocatie = forms.CharField(label="Zorglocatie", max_length=200, required=False)
    advies = forms.ChoiceField(
        label="Advies van de onafhankelijk arts",
        choices=[("", "Nog geen advies"), *Advies.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    advies_op = forms.DateField(label="Advies gegeven op", widget=DATUM, required=False)
    besluit = forms.ChoiceField(
        label="Besluit van leerplicht",
        choices=[("", "Nog geen besluit"), *Besluit.choices],
        widget=forms.RadioSelect,
        required=False,
        help_text="Bij een negatief advies geeft leerplicht geen vrijstelling af.",
    )
    besluit_op = forms.DateField(label="Besluit genomen op", widget=DATUM, required=False)
    startdatum = forms.DateField(label="Vrijgesteld vanaf", widget=DATUM, required=False)
    einddatum = forms.DateField(
        label="Vrijgesteld tot en met",
        widget=DATUM,
        required=False,
        help_text="Leeg bij een vrijstelling zonder einddatum.",
    )
    toelichting = forms.CharField(
        label="Toelichting",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NieuweVrijstellingForm(LeerlingZoekenForm, VrijstellingForm):
    """The pupil is found by an exact match, as in the thuiszitters register."""

    NIET_GEVONDEN = (
        "Er is geen leerling gevonden met deze achternaam en geboortedatum. Controleer de gegevens."
    )


class VisieSwvForm(StyledFormMixin, forms.Form):
    perspectief = forms.ChoiceField(
        label="Onderwijsperspectief volgens het samenwerkingsverband",
        choices=Perspectief.choices,
        widget=forms.RadioSelect,
        help_text="Bij enig onderwijsperspectief volgens het SWV volgt in principe een "
        "negatief advies van de arts.",
    )
    visie = forms.CharField(
        label="Visie van het samenwerkingsverband",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)


class OnderwijstijdForm(StyledFormMixin, forms.Form):
    uren_per_week = forms.DecimalField(
        label="Uren onderwijs per week (afgesproken)",
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=40,
    )
    grondslag = forms.ChoiceField(
        label="Grondslag", choices=Grondslag.choices, widget=forms.RadioSelect
    )
    ingroeiplan = forms.CharField(
        label="Ingroeiplan",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="Hoe het onderwijs wordt opgebouwd naar de volledige onderwijstijd.",
    )
    startdatum = forms.DateField(label="Vanaf", widget=DATUM)
    einddatum = forms.DateField(label="Tot en met", widget=DATUM)
