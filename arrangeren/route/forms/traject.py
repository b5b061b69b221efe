"""Forms of the traject and its steps. Validation of the domain lives in the services."""

from django import forms

from accounts.forms import StyledFormMixin
from accounts.invoer import teller
from accounts.models import Informatiesoort, Organisatie
from accounts.rollen import Soort
from arrangeren.route.betrokkenheid import Kenmerk
from arrangeren.route.models import (
    Stapuitkomst,
)
from arrangeren.route.stappen import STAP, STAPPEN, STARTS, Initiatief


class KenmerkenVeld(forms.MultipleChoiceField):
    """What plays in the pupil's situation; the MDO planner proposes from it whom to
    involve (arrangeren/route/betrokkenheid.py)."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Wat speelt er?",
            choices=Kenmerk.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Bij deze situaties is het SWV of leerplicht altijd betrokken; de "
            "MDO-planner stelt hen dan voor.",
            **kwargs,
        )


class TrajectOpenForm(StyledFormMixin, forms.Form):
    """The start conditions of the initiative (`stappen.STARTS`), each confirmed with a
    short explanation: the school's own support route, or the jeugdteam's own conditions
    with the signal described."""

    def __init__(self, *args, jeugdteam=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.start = STARTS[Initiatief.JEUGDTEAM if jeugdteam else Initiatief.SCHOOL]
        if self.start.aanleiding_verplicht:
            self.fields["aanleiding"] = forms.CharField(
                label="Wat is er buiten het onderwijs gesignaleerd?",
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
                help_text="De aanleiding voor het traject; de school leest die op de "
                "pagina van het traject.",
                error_messages={"required": "Beschrijf wat er is gesignaleerd."},
            )
        for voorwaarde in self.start.voorwaarden:
            # Required: a traject opens only with all of them confirmed
            # (services/traject.py); an unticked one is named beside the box, all of them
            # in one answer.
            self.fields[voorwaarde.value] = forms.BooleanField(
                label=voorwaarde.label,
                error_messages={"required": "Bevestig deze voorwaarde."},
            )
            self.fields[f"{voorwaarde.value}_toelichting"] = forms.CharField(
                label="Toelichting",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Bijvoorbeeld: wanneer, door wie, met welk resultaat.",
            )
        self.fields["kenmerken"] = KenmerkenVeld()

    def voorwaarden(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            v.value: data.get(f"{v.value}_toelichting", "").strip()
            for v in self.start.voorwaarden
            if data.get(v.value)
        }

    def service_data(self) -> dict:
        return {
            "voorwaarden": self.voorwaarden(),
            "aanleiding": self.cleaned_data.get("aanleiding", ""),
            "kenmerken": self.cleaned_data.get("kenmerken", []),
        }


class KenmerkenForm(StyledFormMixin, forms.Form):
    kenmerken = KenmerkenVeld()
    versie = teller()


class StapuitkomstForm(StyledFormMixin, forms.Form):
    versie = teller(required=False)

    def __init__(self, *args, stap: int, opgeslagen: Stapuitkomst | None = None, **kwargs):
        """`opgeslagen`: the saved outcome, shown to edit; its version guards the save."""
        if opgeslagen is not None:
            kwargs["initial"] = {**opgeslagen.velden, "versie": opgeslagen.versie}
        else:
            kwargs["initial"] = {"versie": 0}
        super().__init__(*args, **kwargs)
        for naam, label in STAP[stap].uitkomsten:
            self.fields[naam] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )


class StapVerplaatsenForm(forms.Form):
    naar = forms.IntegerField(min_value=1, max_value=len(STAPPEN))
    versie = teller()
    notitie = forms.CharField(required=False, max_length=2000)


class AfsluitenForm(StyledFormMixin, forms.Form):
    reden = forms.CharField(
        label="Reden van afsluiten",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Geef een reden om het traject af te sluiten."},
    )
    versie = teller()


class RegieForm(StyledFormMixin, forms.Form):
    naar = forms.ModelChoiceField(
        label="Regie naar", queryset=Organisatie.objects.none(), empty_label="Kies een partij"
    )
    reden = forms.CharField(label="Reden", widget=forms.Textarea(attrs={"rows": 3}))
    versie = teller()

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = Organisatie.objects.filter(
            pk=traject.leerling.school_id
        ) | Organisatie.objects.filter(soort__in=[Soort.JEUGDTEAM, Soort.LEERPLICHT])


class VoortgangForm(StyledFormMixin, forms.Form):
    tekst = forms.CharField(
        label="Voortgang",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Start, voortgang of knelpunten van de inzet, voor de regievoerder.",
        error_messages={"required": "Schrijf iets over de voortgang."},
    )


class ToestemmingVragenForm(forms.Form):
    soorten = forms.MultipleChoiceField(
        choices=Informatiesoort.choices,
        error_messages={
            "required": "Kies waarvoor u de ouders om toestemming vraagt.",
            "invalid_choice": "Kies waarvoor u de ouders om toestemming vraagt.",
        },
    )
