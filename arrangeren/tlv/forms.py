"""Forms for TLV requests. Business rules live in services.tlv; forms check shape only."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from accounts.forms import StyledFormMixin
from accounts.invoer import teller
from accounts.models import User
from accounts.rollen import Recht, rollen_met
from arrangeren.route.forms import DateInput
from arrangeren.route.services.common import CONFLICT
from arrangeren.tlv import regels
from arrangeren.tlv.models import Bezwaar, TlvAanvraag


class AanvraagForm(StyledFormMixin, forms.ModelForm):
    verplicht_als = {"categorie": "verplicht bij SO en VSO"}
    versie = teller(required=False)

    class Meta:
        model = TlvAanvraag
        fields = [
            "soort",
            "categorie",
            "startdatum",
            "einddatum",
            "motivering",
            "zienswijze_ouders",
            "zienswijze_school",
        ]
        widgets = {
            "startdatum": DateInput,
            "einddatum": DateInput,
            "motivering": forms.Textarea(attrs={"rows": 5}),
            "zienswijze_ouders": forms.Textarea(attrs={"rows": 4}),
            "zienswijze_school": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "motivering": "Overgenomen uit het vastgestelde OPP; vul aan waar nodig.",
            "zienswijze_ouders": "De visie van de ouders op deze aanvraag, in hun eigen woorden.",
            "zienswijze_school": "Alleen nodig als u een ander soort onderwijs vraagt dan de "
            "deskundigen adviseren: waarom vraagt de school dit? Het SWV weegt het af.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["startdatum"].required = True
        self.fields["einddatum"].required = True
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie

    def clean(self) -> dict:
        data = super().clean()
        start, eind = data.get("startdatum"), data.get("einddatum")
        if start and eind and eind <= start:
            self.add_error("einddatum", "De einddatum ligt vóór of op de startdatum.")
        if data.get("soort") in regels.MET_CATEGORIE and not data.get("categorie"):
            self.add_error("categorie", "Kies bij SO en VSO de bekostigingscategorie.")
        if data.get("soort") and data.get("soort") not in regels.MET_CATEGORIE:
            data["categorie"] = ""  # only SO and VSO have a funding category
            self.instance.categorie = ""
        return data

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "versie"}

    def meld_fout(self, fout: ValidationError, opgeslagen_versie: int) -> None:
        """Show the service's refusal; after an edit conflict the next save compares with
        the version saved in between, and the user's text stays in the form."""
        self.add_error(None, fout)
        if fout.code == CONFLICT:
            self.data = self.data.copy()
            self.data["versie"] = opgeslagen_versie


ADVIESVELDEN = ("soort", "naam", "datum", "geadviseerd_soort", "advies")


class AdviesForm(StyledFormMixin, forms.Form):
    soort = forms.ChoiceField(label="Soort deskundige", required=False)
    naam = forms.CharField(label="Naam van de deskundige", max_length=200, required=False)
    datum = forms.DateField(label="Datum van het advies", widget=DateInput, required=False)
    geadviseerd_soort = forms.ChoiceField(
        label="Geadviseerd soort onderwijs",
        choices=[("", "---------"), *regels.Soort.choices],
        required=False,
    )
    advies = forms.CharField(
        label="Advies", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, rang: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rang = rang
        self.fields["soort"].choices = [("", "---------")] + [
            (d.value, d.label) for d in regels.DESKUNDIGEN_PER_RANG[regels.Rang(rang)]
        ]

    def clean(self) -> dict:
        data = super().clean()
        ingevuld = [k for k, v in data.items() if v]
        if ingevuld and len(ingevuld) < len(self.fields):
            # Each empty field named at once, not only that something is missing.
            for naam in self.fields:
                if not data.get(naam) and naam not in self.errors:
                    self.add_error(
                        naam, "Vul dit ook in, of laat het hele advies van deze deskundige leeg."
                    )
        return data

    def service_data(self) -> dict | None:
        return dict(self.cleaned_data) if all(self.cleaned_data.values()) else None


def adviesforms(
    aanvraag: TlvAanvraag, data: QueryDict | None = None
) -> dict[regels.Rang, AdviesForm]:
    """One form per expert (rang), filled with the advice saved so far."""
    bestaand = {a.rang: a for a in aanvraag.adviezen.all()}
    forms_per_rang = {}
    for rang in regels.Rang:
        advies = bestaand.get(rang)
        initial = (
            {veld: getattr(advies, veld) for veld in ADVIESVELDEN} if advies is not None else {}
        )
        forms_per_rang[rang] = AdviesForm(
            data, rang=rang, prefix=f"advies{rang.value}", initial=initial
        )
    return forms_per_rang


class NotitieForm(StyledFormMixin, forms.Form):
    notitie = forms.CharField(
        label="Toelichting",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Vul een toelichting in."},
    )

    def __init__(self, *args, verplicht: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notitie"].required = verplicht


class BesluitForm(StyledFormMixin, forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=[("toekennen", "Toekennen"), ("afwijzen", "Afwijzen")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies of u de toelaatbaarheidsverklaring toekent of afwijst.",
            "invalid_choice": "Kies of u de toelaatbaarheidsverklaring toekent of afwijst.",
        },
    )
    motivering = forms.CharField(
        label="Motivering van het besluit",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Schrijf waarom u zo besluit; de motivering komt in de brief."},
    )
    afwijking_advies = forms.BooleanField(
        label="Dit besluit wijkt af van het deskundigenadvies",
        required=False,
        help_text="Bijvoorbeeld bij strijd met de zienswijze van school of ouders of met het "
        "beleid van het SWV; licht dat toe in de motivering.",
    )


class ToewijzenForm(StyledFormMixin, forms.Form):
    consulent = forms.ModelChoiceField(
        label="Consulent",
        queryset=User.objects.none(),
        error_messages={
            "required": "Kies een consulent van dit samenwerkingsverband.",
            "invalid_choice": "Kies een consulent van dit samenwerkingsverband.",
        },
    )

    def __init__(self, *args, swv_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consulent"].queryset = User.objects.filter(
            lidmaatschappen__organisatie_id=swv_id,
            lidmaatschappen__rol__in=rollen_met(Recht.TLV_BESLUITEN),
        ).distinct()


class BijlageForm(StyledFormMixin, forms.Form):
    titel = forms.CharField(label="Titel", max_length=200, required=False)
    bestand = forms.FileField(label="Bestand")


class BezwaarForm(StyledFormMixin, forms.Form):
    ontvangen_op = forms.DateField(
        label="Bezwaar ontvangen op",
        widget=DateInput,
        error_messages={
            "required": "Vul de datum in waarop het bezwaar binnenkwam.",
            "invalid": "Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-2-2025.",
        },
    )
    indiener = forms.CharField(
        label="Ingediend door",
        max_length=200,
        error_messages={"required": "Vul in wie het bezwaar indiende."},
    )
    omschrijving = forms.CharField(
        label="Waar gaat het bezwaar over",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Beschrijf waar het bezwaar over gaat."},
    )


class BezwaarUitkomstForm(StyledFormMixin, forms.Form):
    bezwaar = forms.UUIDField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(
        label="Uitkomst",
        choices=[c for c in Bezwaar.Uitkomst.choices if c[0] != Bezwaar.Uitkomst.LOPEND],
    )
    toelichting = forms.CharField(
        label="Toelichting", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
