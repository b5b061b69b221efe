"""Forms of the MDO: the meeting, its invitees, the slot poll, uploads and answers."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from accounts.forms import StyledFormMixin
from accounts.invoer import teller
from accounts.models import Lidmaatschap
from arrangeren.route import personen
from arrangeren.route.forms.velden import (
    GEVONDEN_LABEL,
    DateInput,
    PersoonKeuze,
    TimeInput,
    persoon_label,
    samen,
)
from arrangeren.route.models import (
    Genodigde,
    Leerlinggesprek,
    Mdo,
    Tijdslot,
    Traject,
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
        error_messages={
            "required": "Kies een bestand om te uploaden.",
            "empty": "Het bestand is leeg.",
        },
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
