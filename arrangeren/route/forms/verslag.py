"""Forms of the MDO report: its steps, goals, agreements and reasons."""

from django import forms

from accounts.forms import StyledFormMixin
from accounts.invoer import EindNaBegin, teller
from arrangeren.route.forms.velden import DateInput
from arrangeren.route.models import (
    Afspraak,
    Doel,
    Genodigde,
    Mdoverslag,
)
from arrangeren.route.stappen import STAPPEN, Stap, Vastlegging, stap_met

VERSLAGSTAPPEN = [stap for stap in STAPPEN if stap.vastlegging == Vastlegging.VERSLAG]


class VerslagForm(StyledFormMixin, forms.Form):
    bewerkingen = teller()
    aanwezigen = forms.MultipleChoiceField(
        label="Aanwezig", required=False, widget=forms.CheckboxSelectMultiple
    )
    overige_aanwezigen = forms.CharField(label="Overige aanwezigen", required=False)
    besluiten = forms.CharField(
        label="Besluiten", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evaluatiedatum = forms.DateField(
        label=f"Evaluatiedatum (stap {stap_met('evaluatiedatum').nummer})",
        required=False,
        widget=DateInput,
    )

    def __init__(
        self,
        *args,
        genodigden: list[Genodigde],
        opgeslagen: Mdoverslag | None = None,
        **kwargs,
    ):
        """`opgeslagen`: the saved concept, shown to edit; its edit count guards the save."""
        if opgeslagen is not None:
            kwargs["initial"] = {
                **opgeslagen.velden,
                "besluiten": opgeslagen.besluiten,
                "evaluatiedatum": opgeslagen.evaluatiedatum,
                "overige_aanwezigen": opgeslagen.overige_aanwezigen,
                "aanwezigen": [
                    str(pk) for pk in opgeslagen.aanwezigen.values_list("pk", flat=True)
                ],
                "bewerkingen": opgeslagen.bewerkingen,
            }
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].choices = [(str(g.pk), g.naam) for g in genodigden]
        for stap in VERSLAGSTAPPEN:
            for naam, label in stap.uitkomsten:
                self.fields[naam] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 4})
                )

    def stapvelden(self) -> list[tuple[Stap, list[forms.BoundField]]]:
        """The outcome fields grouped per step, for the template."""
        return [(stap, [self[naam] for naam, _ in stap.uitkomsten]) for stap in VERSLAGSTAPPEN]

    def service_data(self) -> dict:
        """The cleaned form as the arguments of `services.bewaar_verslag`."""
        data = self.cleaned_data
        return {
            "bewerkingen": data["bewerkingen"],
            "velden": {
                naam: data.get(naam, "") for stap in VERSLAGSTAPPEN for naam, _ in stap.uitkomsten
            },
            "besluiten": data["besluiten"],
            "evaluatiedatum": data["evaluatiedatum"],
            "aanwezigen": [int(pk) for pk in data["aanwezigen"]],
            "overige_aanwezigen": data["overige_aanwezigen"],
        }


class DoelForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Doel
        fields = ["domein", "soort", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}


class AfspraakForm(EindNaBegin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Afspraak
        fields = ["inzet", "uitvoerder", "organisatie", "vanaf", "tot", "uren_per_week"]
        widgets = {
            "inzet": forms.Textarea(attrs={"rows": 2}),
            "vanaf": DateInput,
            "tot": DateInput,
        }


class RedenForm(StyledFormMixin, forms.Form):
    """A reason (to cancel an MDO, for a new version of the report); `verplicht` is the
    message when it is missing."""

    reden = forms.CharField(label="Reden", max_length=2000)

    def __init__(self, *args, verplicht: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden"].error_messages["required"] = verplicht
