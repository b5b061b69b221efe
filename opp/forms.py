from collections.abc import Iterable

from django import forms

from accounts.forms import StyledFormMixin
from accounts.invoer import MAX_ID, EindNaBegin, teller
from accounts.models import Informatiesoort, Lidmaatschap, Organisatie
from accounts.rollen import Soort
from accounts.toestemming import Toestemmingen
from opp.domein import KEUZEVELDEN, uitstroomveld
from opp.models import Inzet, Ondertekening, Opp, OppDoel
from opp.organisaties import GEVONDEN_LABEL
from opp.services import MAX_TEKST, OPP_VELDEN


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OppForm(StyledFormMixin, forms.ModelForm):
    bewerkingen = teller()

    class Meta:
        model = Opp
        fields = list(OPP_VELDEN)
        widgets = {
            naam: forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEKST})
            for naam in OPP_VELDEN
            if naam not in (*KEUZEVELDEN, "uitstroombestemming", "evaluatiedatum")
        } | {"evaluatiedatum": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "bewerkingen" not in self.initial:
            self.initial["bewerkingen"] = self.instance.bewerkingen
        # The exit field of the school's sector only (opp/domein.py, UITSTROOM); the
        # other list is left out and emptied on save.
        veld = uitstroomveld(self.instance.school.sector if self.instance.school_id else None)
        self.weggelaten = [n for n in KEUZEVELDEN if veld is None or veld.veld != n]
        for naam in self.weggelaten:
            del self.fields[naam]
        if veld is not None:
            self.fields[veld.veld].label = veld.label
            self.fields["uitstroombestemming"].label = veld.tekstlabel

    def clean(self):
        cleaned = super().clean()
        for naam in self.weggelaten:
            cleaned[naam] = ""
        return cleaned


class DoelForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = OppDoel
        fields = ["domein", "soort", "omschrijving", "criterium"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 2}),
            "criterium": forms.Textarea(attrs={"rows": 2}),
        }


class InzetForm(EindNaBegin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Inzet
        fields = [
            "wat",
            "wie",
            "organisatie",
            "vanaf",
            "tot",
            "uren_per_week",
            "thema",
            "bekostiging",
        ]
        widgets = {"wat": forms.Textarea(attrs={"rows": 2}), "vanaf": DateInput, "tot": DateInput}
        # The region's table of who pays shows beside the choice (opp/betalers.py).
        help_texts = {
            "thema": "Voor de regionale afspraak over wie betaalt (zie de tabel hieronder).",
        }


class OrganisatieKeuze(forms.Select):
    """A select whose group of found organisations has an id, so that the search on the
    OPP page fills it in place (opp/organisaties.py)."""

    template_name = "opp/widgets/organisatie_keuze.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["gevonden_label"] = GEVONDEN_LABEL
        return context


class InzetToevoegenForm(EindNaBegin, StyledFormMixin, forms.ModelForm):
    """The one add-inzet form of the OPP page: the goal is chosen in the form, the
    organisation from those involved with the pupil or found by a search.

    The choices are built from what the page loaded (no query); a posted goal must be
    one of this OPP's, a posted organisation any of the region (found by a search)."""

    doel = forms.ModelChoiceField(
        label="Bij welk doel",
        queryset=OppDoel.objects.none(),
        error_messages={
            "required": "Kies bij welk doel de inzet hoort.",
            "invalid_choice": "Dit doel bestaat niet (meer).",
        },
    )
    organisatie = forms.ModelChoiceField(
        label="Organisatie",
        queryset=Organisatie.objects.all(),
        required=False,
        widget=OrganisatieKeuze,
        error_messages={"invalid_choice": "Deze organisatie bestaat niet (meer)."},
    )

    class Meta:
        model = Inzet
        fields = ["doel", *InzetForm.Meta.fields]
        widgets = InzetForm.Meta.widgets
        help_texts = InzetForm.Meta.help_texts

    def __init__(
        self,
        *args,
        opp: Opp,
        doelen: Iterable[OppDoel] = (),
        betrokken: Iterable[Organisatie] = (),
        gevonden: Iterable[Organisatie] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        doel = self.fields["doel"]
        doel.queryset = OppDoel.objects.filter(opp=opp)
        doel.choices = [
            ("", "Kies een doel"),
            *(
                (d.pk, f"Doel {nummer}: {d.get_domein_display()}")
                for nummer, d in enumerate(doelen, start=1)
            ),
        ]
        betrokken = list(betrokken)
        gevonden = [o for o in gevonden if o not in betrokken]
        organisatie = self.fields["organisatie"]
        organisatie.choices = [
            ("", "Geen organisatie (alleen “Door wie”)"),
            (f"Betrokken bij {opp.leerling.voornaam}", [(o.pk, o.naam) for o in betrokken]),
            (GEVONDEN_LABEL, [(o.pk, o.naam) for o in gevonden]),
        ]
        organisatie.help_text = (
            f"De organisaties die al bij {opp.leerling.voornaam} betrokken zijn. Staat de "
            "organisatie er niet bij? Zoek haar hierboven; wat u vindt, staat daarna in "
            "deze lijst."
        )

    def inzet(self) -> dict:
        """The cleaned inzet for `services.voeg_inzet_toe` (without the goal)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "doel"}


class VersturenForm(StyledFormMixin, forms.Form):
    toegang = forms.ModelChoiceField(
        label="Medewerker toegang (jeugdteam) die tekent",
        queryset=Lidmaatschap.objects.none(),
        required=False,
        empty_label="Geen: er is geen jeugdhulp in dit plan",
        help_text="Alleen medewerkers voor wie de ouders toestemming gaven het OPP in te zien.",
    )
    bewerkingen = teller()

    def __init__(self, *args, opp, toestemmingen: Toestemmingen | None = None, **kwargs):
        """`toestemmingen`: the pupil's consent, when the page read it already."""
        super().__init__(*args, **kwargs)
        toestemmingen = toestemmingen or Toestemmingen(opp.leerling)
        # Only members of a jeugdteam the parents' consent names can be covered by it.
        organisaties = {org_id for org_id, _ in toestemmingen.ontvangers()}
        kandidaten = [
            lid
            for lid in Lidmaatschap.objects.filter(
                organisatie__soort=Soort.JEUGDTEAM, organisatie_id__in=organisaties
            )
            .select_related("user", "organisatie")
            .order_by("user__naam", "pk")
            if toestemmingen.dekt(Informatiesoort.OPP_INZAGE, lid.user_id, lid.organisatie_id)
        ]
        veld = self.fields["toegang"]
        veld.queryset = Lidmaatschap.objects.filter(pk__in=[lid.pk for lid in kandidaten])
        # The choices from the list above: rendering asks no query (a posted choice is
        # checked against the queryset).
        veld.choices = [
            ("", veld.empty_label),
            *((lid.pk, f"{lid.user.naam} — {lid.organisatie.naam}") for lid in kandidaten),
        ]
        self.heeft_kandidaten = bool(kandidaten)
        self.initial.setdefault("bewerkingen", opp.bewerkingen)


class OndertekenForm(StyledFormMixin, forms.Form):
    """Sign with the password, a code mailed on request, or (for whoever linked one) the
    authenticator app; parents are not offered an app they do not have."""

    ondertekening = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    inhoud_hash = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
    methode = forms.ChoiceField(
        label="Bevestig dat u het bent",
        initial=Ondertekening.Methode.WACHTWOORD,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe u bevestigt dat u het bent.",
            "invalid_choice": "Kies hoe u bevestigt dat u het bent.",
        },
    )
    bewijs = forms.CharField(
        label="Uw wachtwoord of de code",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=200,
        error_messages={"required": "Vul uw wachtwoord of de code in."},
    )

    def __init__(self, *args, authenticator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [
            (Ondertekening.Methode.WACHTWOORD, "Opnieuw ingelogd met wachtwoord"),
            (
                Ondertekening.Methode.EMAILCODE,
                "Eenmalige code per e-mail: we sturen een code naar uw e-mailadres",
            ),
        ]
        if authenticator:
            keuzes.append((Ondertekening.Methode.CODE, "Code uit mijn authenticator-app"))
        self.fields["methode"].choices = keuzes


class CodeSturenForm(forms.Form):
    """ "Stuur mij een code": which signature request the code is for."""

    ondertekening = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)

    def __init__(self, *args, **kwargs) -> None:
        # Beside OndertekenForm, which has an `ondertekening` too: ids of its own keep the
        # page's ids unique.
        kwargs.setdefault("auto_id", "code_%s")
        super().__init__(*args, **kwargs)


class NietAkkoordForm(StyledFormMixin, forms.Form):
    ondertekening = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    inhoud_hash = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
    reden = forms.CharField(
        label="Waarom bent u niet akkoord?",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
        error_messages={"required": "Schrijf waarom u niet akkoord bent."},
    )


class VisieOudersForm(StyledFormMixin, forms.Form):
    visie_ouders = forms.CharField(
        label="Uw visie als ouder",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
        help_text="Wat vindt u van het plan? Dit komt in het OPP, naast de visie van uw kind.",
    )
    bewerkingen = teller()


class BijlageForm(StyledFormMixin, forms.Form):
    titel = forms.CharField(label="Titel", max_length=200, required=False)
    is_gezinsplan = forms.BooleanField(
        label="Dit is het gezinsplan of perspectiefplan", required=False
    )
    bestand = forms.FileField(
        label="Bestand", help_text="PDF, Word (.docx), OpenDocument, PNG of JPEG; maximaal 10 MB."
    )


class EvaluatieForm(StyledFormMixin, forms.Form):
    evaluatie = forms.CharField(
        label="Evaluatie",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
    )


class OppevaluatieForm(StyledFormMixin, forms.Form):
    """The OPP evaluated with the parents (at least once a school year)."""

    datum = forms.DateField(
        label="Datum van de evaluatie",
        widget=DateInput,
        error_messages={"required": "Vul de datum van de evaluatie in."},
    )
    met_ouders = forms.BooleanField(
        label="Het OPP is met de ouders besproken",
        error_messages={
            "required": "Vink aan dat het OPP met de ouders is besproken: de wet vraagt een "
            "evaluatie met de ouders."
        },
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
        help_text="Bijvoorbeeld wat de ouders ervan vonden en wat er verandert.",
    )


class NieuweVersieForm(StyledFormMixin, forms.Form):
    reden = forms.CharField(
        label="Reden voor een nieuwe versie",
        max_length=2000,
        error_messages={"required": "Geef aan waarom het OPP wordt aangepast."},
    )


class GezinsplanForm(StyledFormMixin, forms.Form):
    """Drawing up or editing a gezinsplan: who holds regie (a person of the plan's own
    organisation, chosen explicitly), the family's own goals, the date; on edit the status."""

    regievoerder = forms.ModelChoiceField(
        label="Regie bij",
        queryset=None,
        help_text="De medewerker die met de ouders regie voert over het gezinsplan.",
        error_messages={"required": "Kies wie de regie voert."},
    )
    doelen = forms.CharField(
        label="Doelen van het gezin",
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEKST}),
        max_length=MAX_TEKST,
        help_text="De doelen die het gezin (de jeugdige) zelf stelt, in hun eigen woorden.",
        error_messages={"required": "Schrijf de doelen op die het gezin zelf stelt."},
    )
    datum = forms.DateField(
        label="Datum van het plan",
        widget=DateInput,
        error_messages={"required": "Vul de datum van het plan in."},
    )
    bestand = forms.FileField(
        label="Het gezinsplan als bestand",
        required=False,
        help_text="PDF, Word (.docx), OpenDocument, PNG of JPEG; maximaal 10 MB.",
    )

    def __init__(self, *args, regievoerders, bewerken: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regievoerder"].queryset = regievoerders
        self.fields["regievoerder"].label_from_instance = lambda u: u.naam
        if bewerken:
            from opp.models import Gezinsplan

            self.fields["status"] = forms.ChoiceField(
                label="Status", choices=Gezinsplan.Status.choices
            )
            self.fields["bewerkingen"] = teller()
