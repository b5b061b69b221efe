"""Forms of the route. Validation of the domain lives in the services."""

from datetime import date, datetime, time

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from accounts.forms import StyledFormMixin
from accounts.invoer import EindNaBegin, teller
from accounts.models import Informatiesoort, Lidmaatschap, Organisatie
from accounts.rollen import Soort
from arrangeren.route import personen
from arrangeren.route.models import (
    Afspraak,
    Doel,
    Genodigde,
    Leerlinggesprek,
    Mdo,
    Mdoverslag,
    Stapuitkomst,
    Tijdslot,
    Traject,
)
from arrangeren.route.stappen import STAP, STAPPEN, Stap, Vastlegging, Voorwaarde, stap_met


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def samen(datum: date | None, tijd: time | None) -> datetime | None:
    if datum is None or tijd is None:
        return None
    return timezone.make_aware(datetime.combine(datum, tijd))


class TrajectOpenForm(StyledFormMixin, forms.Form):
    """The three preconditions, each confirmed with a short explanation."""

    def __init__(self, *args, jeugdteam=False, **kwargs):
        super().__init__(*args, **kwargs)
        for voorwaarde in Voorwaarde:
            # Required: a traject opens only with all three confirmed (services/traject.py);
            # an unticked one is named beside the box, all of them in one answer.
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
        if jeugdteam:
            # The jeugdteam opens a traject only on a signal from outside school.
            self.fields["signaal_buiten_school"] = forms.BooleanField(
                label="Het signaal kwam van buiten school (het jeugdteam neemt het initiatief)",
                error_messages={
                    "required": "Het jeugdteam opent een traject alleen als het signaal van "
                    "buiten school kwam; anders opent de school het traject."
                },
            )

    def voorwaarden(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            v.value: data.get(f"{v.value}_toelichting", "").strip()
            for v in Voorwaarde
            if data.get(v.value)
        }


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
        label="Reden van afsluiten", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
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
    )


class MdoForm(StyledFormMixin, forms.ModelForm):
    """The MDO's plan. Checks as services/mdo.py does, but names every problem at its own
    field in one answer instead of the first one only."""

    verplicht_als = {
        "datum": "verplicht bij een vaste datum",
        "begintijd": "verplicht bij een vaste datum",
        "eindtijd": "verplicht bij een vaste datum",
        "locatie": "vul een plaats of een videolink in",
        "videolink": "vul een plaats of een videolink in",
        "tolk_taal": "verplicht als er een tolk nodig is",
    }
    datum = forms.DateField(label="Datum", required=False, widget=DateInput)
    begintijd = forms.TimeField(label="Begintijd", required=False, widget=TimeInput)
    eindtijd = forms.TimeField(label="Eindtijd", required=False, widget=TimeInput)
    videolink = forms.URLField(
        label="Videolink",
        required=False,
        assume_scheme="https",
        help_text="Alleen zichtbaar voor genodigden in Samenplan, niet in de e-mail.",
    )
    versie = teller(required=False)

    class Meta:
        model = Mdo
        fields = [
            "doel",
            "planning",
            "locatie",
            "videolink",
            "tolk_nodig",
            "tolk_taal",
            "agenda",
            "leerling_aanwezig",
        ]
        widgets = {
            "doel": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "planning": forms.RadioSelect,
        }

        help_texts = {
            "planning": 'Bij "kiezen" stelt u na het opslaan tijden voor; de genodigden '
            "geven aan wanneer ze kunnen.",
            "videolink": "Alleen zichtbaar voor genodigden in Samenplan, niet in de e-mail.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["versie"] = self.instance.versie
            self.fields["versie"].required = True
        if self.instance.pk and self.instance.start:
            start = timezone.localtime(self.instance.start)
            self.initial.update(
                datum=start.date(),
                begintijd=start.time(),
                eindtijd=timezone.localtime(self.instance.eind).time(),
            )

    def clean(self) -> dict:
        data = super().clean()
        data["start"] = samen(data.get("datum"), data.get("begintijd"))
        data["eind"] = samen(data.get("datum"), data.get("eindtijd"))
        self._check_tijden(data)
        geen_plaats = not (data.get("locatie") or "").strip()
        if (
            geen_plaats
            and not (data.get("videolink") or "").strip()
            and "videolink" not in self.errors
        ):
            self.add_error("locatie", "Vul een plaats of een videolink in.")
        if data.get("tolk_nodig") and not (data.get("tolk_taal") or "").strip():
            self.add_error("tolk_taal", "Vul in voor welke taal een tolk nodig is.")
        return data

    def _check_tijden(self, data: dict) -> None:
        ingevuld = any(data.get(veld) for veld in ("datum", "begintijd", "eindtijd"))
        if data.get("planning") == Mdo.Planning.VAST or ingevuld:
            for veld, melding in (
                ("datum", "Vul de datum in."),
                ("begintijd", "Vul de begintijd in."),
                ("eindtijd", "Vul de eindtijd in."),
            ):
                if not data.get(veld) and veld not in self.errors:
                    self.add_error(veld, melding)
        start, eind = data["start"], data["eind"]
        if start and eind and eind <= start:
            self.add_error("eindtijd", "De eindtijd ligt vóór of op de begintijd.")
        gewijzigd = start != (self.instance.start if self.instance.pk else None)
        if start and gewijzigd and start <= timezone.now():
            self.add_error("datum", "De datum en tijd van het MDO liggen in het verleden.")

    def service_data(self) -> dict:
        data = self.cleaned_data
        velden = [*self.Meta.fields, "start", "eind"]
        return {veld: data.get(veld) for veld in velden}


# The picker's group of people found by the search (arrangeren/route/personen.py).
GEVONDEN_LABEL = "Gevonden bij zoeken"


class PersoonKeuze(forms.Select):
    """A select whose group of people found by the search has an id, so that the search
    on the MDO page fills it in place."""

    template_name = "arrangeren/widgets/persoon_keuze.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["gevonden_label"] = GEVONDEN_LABEL
        return context


def persoon_label(lid: Lidmaatschap) -> str:
    return f"{lid.user.naam} — {lid.get_rol_display()}, {lid.organisatie.naam}"


class GenodigdeForm(StyledFormMixin, forms.Form):
    """Whom to invite: the pupil's circle (arrangeren/route/personen.py: the school, its
    SWV, the jeugdteam of the pupil's municipality, and others with the parents' consent),
    found by name within it (`gevonden`). A posted choice must be of that circle."""

    lidmaatschap = forms.ModelChoiceField(
        label="Persoon",
        queryset=Lidmaatschap.objects.none(),
        empty_label="Kies een persoon",
        widget=PersoonKeuze,
        help_text="Mensen van de school, het samenwerkingsverband en het jeugdteam van de "
        "leerling. Anderen (jeugdhulp, JGZ, leerplicht) staan erbij zodra de ouders "
        "toestemming gaven voor deelname aan het MDO. Voor iedereen van buiten school is "
        "toestemming van de ouders nodig.",
        error_messages={
            "required": "Kies een persoon om uit te nodigen.",
            "invalid_choice": "Deze persoon kan niet (meer) worden uitgenodigd: kies iemand "
            "van de school, het samenwerkingsverband of het jeugdteam van de leerling, of "
            "iemand voor wie de ouders toestemming gaven.",
        },
    )

    def __init__(
        self,
        *args,
        traject: Traject,
        betrokken: list[Lidmaatschap] | None = None,
        gevonden: list[Lidmaatschap] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        veld = self.fields["lidmaatschap"]
        if betrokken is None:
            veld.queryset = personen.in_de_kring(traject)  # a post: checked against the circle
        else:
            # The choices from the lists the page loaded: rendering asks no query.
            gevonden = [lid for lid in gevonden if lid not in betrokken]
            veld.queryset = personen.uit_te_nodigen().filter(
                pk__in=[lid.pk for lid in (*betrokken, *gevonden)]
            )
            veld.choices = [
                ("", veld.empty_label),
                *((lid.pk, persoon_label(lid)) for lid in betrokken),
                (GEVONDEN_LABEL, [(lid.pk, persoon_label(lid)) for lid in gevonden]),
            ]


class TijdslotForm(StyledFormMixin, forms.Form):
    """Several times proposed in one go (the slot poll sends one mail for all of them):
    row 1 is `datum`, `begintijd`, `eindtijd`; row n after it has the suffix `_n`."""

    RIJEN = 4
    VELDEN = (
        ("datum", "Datum", DateInput),
        ("begintijd", "Begintijd", TimeInput),
        ("eindtijd", "Eindtijd", TimeInput),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for rij in range(1, self.RIJEN + 1):
            for naam, label, widget in self.VELDEN:
                veld = forms.DateField if widget is DateInput else forms.TimeField
                self.fields[self.naam(naam, rij)] = veld(
                    label=f"{label} (tijd {rij})",
                    required=False,
                    widget=widget,
                    error_messages={"invalid": "Dit is geen geldige datum of tijd."},
                )

    @staticmethod
    def naam(veld: str, rij: int) -> str:
        return veld if rij == 1 else f"{veld}_{rij}"

    def rijen(self) -> list[tuple[int, list[tuple[str, forms.BoundField]]]]:
        """Per row its number and its three fields with their short label, for the
        template (the full label, "Datum (tijd 2)", is for screen readers and errors)."""
        return [
            (rij, [(label, self[self.naam(naam, rij)]) for naam, label, _ in self.VELDEN])
            for rij in range(1, self.RIJEN + 1)
        ]

    def clean(self):
        data = super().clean()
        self._tijden = []
        for rij in range(1, self.RIJEN + 1):
            waarden = [data.get(self.naam(naam, rij)) for naam, _, _ in self.VELDEN]
            if all(w is None for w in waarden):
                continue
            if any(w is None for w in waarden):
                self.add_error(None, f"Tijd {rij}: vul de datum, de begintijd en de eindtijd in.")
                continue
            datum, begin, eind = waarden
            self._tijden.append((samen(datum, begin), samen(datum, eind)))
        if not self._tijden and not self.errors:
            raise forms.ValidationError(
                "Vul bij minstens één tijd de datum, de begintijd en de eindtijd in."
            )
        return data

    def tijden(self) -> list[tuple[datetime, datetime]]:
        return self._tijden


class UploadForm(StyledFormMixin, forms.Form):
    titel = forms.CharField(label="Titel", max_length=200, required=False)
    bestand = forms.FileField(
        label="Bestand",
        help_text="PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument, PNG of "
        "JPEG; maximaal 10 MB.",
    )


class LeerlinggesprekForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Leerlinggesprek
        fields = ["gevoerd_op", "wat_goed_gaat", "wat_moeilijk_is", "wensen"]
        widgets = {
            "gevoerd_op": DateInput,
            "wat_goed_gaat": forms.Textarea(attrs={"rows": 3}),
            "wat_moeilijk_is": forms.Textarea(attrs={"rows": 3}),
            "wensen": forms.Textarea(attrs={"rows": 3}),
        }


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


class AntwoordForm(forms.Form):
    """An invitee's answer: coming or not."""

    antwoord = forms.ChoiceField(
        choices=[
            (Genodigde.Antwoord.KOMT, Genodigde.Antwoord.KOMT.label),
            (Genodigde.Antwoord.KOMT_NIET, Genodigde.Antwoord.KOMT_NIET.label),
        ],
        error_messages={
            "required": "Geef aan of u komt.",
            "invalid_choice": "Geef aan of u komt.",
        },
    )


class BeschikbaarheidForm(forms.Form):
    """Per proposed time (`slot_<pk>`): can this invitee come? Every time answered, all in
    one submit; the errors of all times come at once."""

    KAN, KAN_NIET = "kan", "kan_niet"
    KEUZES = ((KAN, "Ik kan"), (KAN_NIET, "Ik kan niet"))

    def __init__(self, *args, tijdsloten: list[Tijdslot], **kwargs):
        super().__init__(*args, **kwargs)
        self.tijdsloten = tijdsloten
        for slot in tijdsloten:
            start, eind = timezone.localtime(slot.start), timezone.localtime(slot.eind)
            self.fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                label=f"{date_format(start, 'l j F Y')} van {start:%H:%M} tot {eind:%H:%M}",
                choices=self.KEUZES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "geef aan of u dan kunt.",
                    "invalid_choice": "kies Ik kan of Ik kan niet.",
                },
            )

    def clean(self):
        if not self.tijdsloten:
            raise forms.ValidationError("Er zijn (nog) geen tijden voorgesteld.")
        return super().clean()

    def kan(self) -> dict[int, bool]:
        return {
            slot.pk: self.cleaned_data[f"slot_{slot.pk}"] == self.KAN for slot in self.tijdsloten
        }


class ToestemmingVragenForm(forms.Form):
    soorten = forms.MultipleChoiceField(
        choices=Informatiesoort.choices,
        error_messages={
            "required": "Kies waarvoor u de ouders om toestemming vraagt.",
            "invalid_choice": "Kies waarvoor u de ouders om toestemming vraagt.",
        },
    )
