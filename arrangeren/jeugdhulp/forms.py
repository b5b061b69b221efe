"""Forms for jeugdhulp inzet and hours (kept apart from the MDO forms)."""

from collections.abc import Iterable

from django import forms

from accounts.forms import StyledFormMixin
from accounts.invoer import Idkeuzes, teller
from accounts.models import Lidmaatschap, Organisatie, User
from accounts.rollen import Recht, Soort, rollen_met
from accounts.schoolcontacten import vaste_contactpersonen
from arrangeren.jeugdhulp.models import Eindafspraak, Jeugdhulpinzet
from arrangeren.route.forms import DateInput
from opp.models import OppDoel


class InzetForm(StyledFormMixin, forms.ModelForm):
    # Needed for a multidisciplinaire begeleider only (services.registreer_inzet).
    verplicht_als = {
        "vaste_contactpersoon": "verplicht bij een multidisciplinaire begeleider",
        "scenario": "verplicht bij een multidisciplinaire begeleider",
        "opdrachtgever": "verplicht bij scenario a en b",
        "aandeel_onderwijs": "verplicht bij scenario c",
        "aandeel_gemeente": "verplicht bij scenario c",
    }
    doelen = Idkeuzes(
        label="Voor welke doelen uit het OPP",
        queryset=OppDoel.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Jeugdhulpinzet
        fields = [
            "soort",
            "aanbieder",
            "omschrijving",
            "start",
            "geplande_einde",
            "uren_per_week",
            "financiering",
            "vaste_contactpersoon",
            "scenario",
            "opdrachtgever",
            "aandeel_onderwijs",
            "aandeel_gemeente",
        ]
        widgets = {
            "start": DateInput,
            "geplande_einde": DateInput,
            "omschrijving": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "financiering": "Een multidisciplinaire begeleider is altijd gezamenlijk "
            "gefinancierd; het scenario hieronder zegt hoe.",
            "vaste_contactpersoon": "Alleen bij een multidisciplinaire begeleider.",
            "scenario": "Alleen bij een multidisciplinaire begeleider (EUR 90 per uur).",
            "opdrachtgever": "Scenario a: de partij die voor deze leerling opdracht geeft en "
            "betaalt. Scenario b: de partij die opdracht geeft; de andere partij stelt het "
            "budget beschikbaar.",
            "aandeel_onderwijs": "Alleen bij scenario c: de afgesproken verdeling, samen 100%.",
            "aandeel_gemeente": "Alleen bij scenario c: de afgesproken verdeling, samen 100%.",
        }

    def clean(self) -> dict:
        data = super().clean()
        start, einde = data.get("start"), data.get("geplande_einde")
        if start and einde and einde < start:
            self.add_error("geplande_einde", "De geplande einddatum ligt vóór de startdatum.")
        return data

    def validate_constraints(self, exclude: list[str] | None = None) -> None:
        # The service checks the dates with a clear Dutch message (see clean()).
        pass

    def __init__(
        self, *args, doelen: list[OppDoel], school: Organisatie | None = None, **kwargs
    ) -> None:
        """`doelen`: the goals this user may link (arrangeren.jeugdhulp.queries.
        koppelbare_doelen); no other goal is offered or accepted. `school`: the pupil's
        school, whose vaste contactpersoon S(B)O is offered (accounts/schoolcontacten.py)."""
        super().__init__(*args, **kwargs)
        self.fields["doelen"].queryset = OppDoel.objects.filter(
            pk__in=[doel.pk for doel in doelen]
        ).select_related("opp")
        self.fields["doelen"].label_from_instance = lambda d: (
            f"{d.get_domein_display()}: {d.omschrijving[:80]} (OPP versie {d.opp.versie})"
        )
        self.fields["aanbieder"].queryset = Organisatie.objects.filter(
            soort__in=[Soort.JEUGDHULPAANBIEDER, Soort.JEUGDTEAM, Soort.SCHOOL]
        ).order_by("soort", "naam")
        contact = (
            vaste_contactpersonen(school).values("pk")
            if school is not None
            else Lidmaatschap.objects.filter(rol__in=rollen_met(Recht.CONTACTPERSOON_SBO)).values(
                "user"
            )
        )
        self.fields["vaste_contactpersoon"].queryset = self.fields[
            "vaste_contactpersoon"
        ].queryset.filter(pk__in=contact)


class UrenForm(StyledFormMixin, forms.Form):
    week = forms.DateField(
        label="Week", widget=DateInput, help_text="Een dag in de week; we rekenen vanaf maandag."
    )
    # Typed as the Dutch write it ("4,5"), a dot accepted too; shown with a comma.
    uren = forms.DecimalField(
        label="Geleverde uren",
        min_value=0.5,
        max_value=168,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    toelichting = forms.CharField(label="Toelichting", max_length=300, required=False)


class UrenVervangenForm(UrenForm):
    """The same hours again, confirming which logged value they replace."""

    vervangt = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for naam in ("week", "uren", "toelichting"):
            self.fields[naam].widget = forms.HiddenInput()


class EindeForm(StyledFormMixin, forms.Form):
    einde = forms.DateField(label="Laatste dag van de behandeling", widget=DateInput)


class UitzonderingForm(StyledFormMixin, forms.Form):
    week = forms.DateField(
        label="Voor het halfjaar van de week",
        widget=DateInput,
        help_text="Een dag in de week waarvoor meer uren nodig zijn.",
    )
    onderwijsarrangement = forms.CharField(
        label="Lopend onderwijsarrangement van school en SWV",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reden = forms.CharField(
        label="Reden voor meer uren dan het kader", widget=forms.Textarea(attrs={"rows": 2})
    )


class EindafspraakForm(StyledFormMixin, forms.ModelForm):
    """The agreements for the end of care (arrangeren/jeugdhulp/afsluiting.py)."""

    prefix = "eindafspraak"
    verplicht_als = {
        "onderwijs_start_op": "verplicht als de leerling terugkeert naar school of een OZA",
        "toegangsmedewerker": "verplicht als er nazorg op school is",
    }
    bewerkingen = teller()

    class Meta:
        model = Eindafspraak
        fields = [
            "zorg_stopt_op",
            "terugkeer",
            "onderwijs_start_op",
            "nazorg",
            "nazorg_door",
            "toegangsmedewerker",
        ]
        widgets = {
            "zorg_stopt_op": DateInput,
            "onderwijs_start_op": DateInput,
            "terugkeer": forms.RadioSelect,
            "nazorg": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"terugkeer": "Waar volgt de leerling weer onderwijs"}
        help_texts = {
            "zorg_stopt_op": "De laatste dag van de dagbesteding of (dag)behandeling.",
            "nazorg": "Wat de leerling op school nog nodig heeft als de zorg stopt. Leeg: "
            "geen nazorg nodig.",
            "nazorg_door": "Bijvoorbeeld de aanbieder, het jeugdteam of de school.",
            "toegangsmedewerker": "De lokale toegangsmedewerker organiseert de nazorg op school.",
        }

    def __init__(
        self,
        *args,
        eigen: Iterable[User] = (),
        anderen: Iterable[User] = (),
        school: str = "",
        **kwargs,
    ) -> None:
        """`eigen`: the school's contactpersoon in the toegang, `anderen`: everyone else
        of a jeugdteam (afsluiting.toegangsmedewerkers); the choices are built from them,
        rendering asks no query."""
        super().__init__(*args, **kwargs)
        eigen, anderen = list(eigen), list(anderen)
        veld = self.fields["toegangsmedewerker"]
        veld.queryset = User.objects.filter(pk__in=[u.pk for u in [*eigen, *anderen]])
        veld.choices = [
            ("", "Kies de toegangsmedewerker"),
            *(
                [(f"Contactpersoon toegang van {school or 'de school'}", _keuzes(eigen))]
                if eigen
                else []
            ),
            ("Medewerkers jeugdteam", _keuzes(anderen)),
        ]
        if self.instance.pk and "bewerkingen" not in self.initial:
            self.initial["bewerkingen"] = self.instance.bewerkingen


def _keuzes(users: Iterable[User]) -> list[tuple[int, str]]:
    return [(u.pk, u.naam) for u in users]
