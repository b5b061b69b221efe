from django import forms

from accounts.forms import StyledFormMixin
from accounts.models import Informatiesoort, Lidmaatschap
from accounts.rollen import Soort
from accounts.toestemming import Toestemmingen
from opp.models import Inzet, Ondertekening, Opp, OppDoel
from opp.services import MAX_TEKST, OPP_VELDEN


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OppForm(StyledFormMixin, forms.ModelForm):
    bewerkingen = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Opp
        fields = list(OPP_VELDEN)
        widgets = {
            naam: forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEKST})
            for naam in OPP_VELDEN
            if naam not in ("uitstroomprofiel", "uitstroombestemming", "evaluatiedatum")
        } | {"evaluatiedatum": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "bewerkingen" not in self.initial:
            self.initial["bewerkingen"] = self.instance.bewerkingen


class DoelForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = OppDoel
        fields = ["domein", "soort", "omschrijving", "criterium"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 2}),
            "criterium": forms.Textarea(attrs={"rows": 2}),
        }


class InzetForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Inzet
        fields = ["wat", "wie", "organisatie", "vanaf", "tot", "uren_per_week", "bekostiging"]
        widgets = {"wat": forms.Textarea(attrs={"rows": 2}), "vanaf": DateInput, "tot": DateInput}


class VersturenForm(StyledFormMixin, forms.Form):
    toegang = forms.ModelChoiceField(
        label="Medewerker toegang (jeugdteam) die tekent",
        queryset=Lidmaatschap.objects.none(),
        required=False,
        empty_label="Geen: er is geen jeugdhulp in dit plan",
        help_text="Alleen medewerkers voor wie de ouders toestemming gaven het OPP in te zien.",
    )
    bewerkingen = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, opp, **kwargs):
        super().__init__(*args, **kwargs)
        toestemmingen = Toestemmingen(opp.leerling)
        kandidaten = Lidmaatschap.objects.filter(organisatie__soort=Soort.JEUGDTEAM).select_related(
            "user", "organisatie"
        )
        pks = [
            lid.pk
            for lid in kandidaten
            if toestemmingen.dekt(Informatiesoort.OPP_INZAGE, lid.user_id, lid.organisatie_id)
        ]
        veld = self.fields["toegang"]
        veld.queryset = kandidaten.filter(pk__in=pks)
        veld.label_from_instance = lambda lid: f"{lid.user.naam} — {lid.organisatie.naam}"
        self.initial.setdefault("bewerkingen", opp.bewerkingen)


class OndertekenForm(StyledFormMixin, forms.Form):
    ondertekening = forms.IntegerField(widget=forms.HiddenInput)
    inhoud_hash = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
    methode = forms.ChoiceField(
        label="Bevestig dat u het bent",
        choices=Ondertekening.Methode.choices,
        initial=Ondertekening.Methode.WACHTWOORD,
        widget=forms.RadioSelect,
    )
    bewijs = forms.CharField(
        label="Uw wachtwoord of de code uit uw authenticator-app",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=200,
    )


class NietAkkoordForm(StyledFormMixin, forms.Form):
    ondertekening = forms.IntegerField(widget=forms.HiddenInput)
    inhoud_hash = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
    reden = forms.CharField(
        label="Waarom bent u niet akkoord?",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
    )


class VisieOudersForm(StyledFormMixin, forms.Form):
    visie_ouders = forms.CharField(
        label="Uw visie als ouder",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
        help_text="Wat vindt u van het plan? Dit komt in het OPP, naast de visie van uw kind.",
    )
    bewerkingen = forms.IntegerField(widget=forms.HiddenInput)


class BijlageForm(StyledFormMixin, forms.Form):
    titel = forms.CharField(label="Titel", max_length=200, required=False)
    is_gezinsplan = forms.BooleanField(
        label="Dit is het gezinsplan of perspectiefplan", required=False
    )
    bestand = forms.FileField(
        label="Bestand", help_text="PDF, Word (.docx), OpenDocument, PNG of JPEG; maximaal 10 MB."
    )
