"""Forms of the accounts app and the project's shared form styling (NL Design System)."""

import re

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

from accounts import inlogrem
from accounts.models import Toegangslog
from accounts.models.users import Mailvoorkeur


class SamenplanFormRenderer(TemplatesSetting):
    """Renders every field with a label, description and error in NL Design System markup."""

    field_template_name = "forms/field.html"


WIDGET_CLASSES = {
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}


class StyledFormMixin:
    """Gives widgets the NL Design System classes.

    A field with an error gets aria-invalid="true" and aria-describedby naming its
    message (and help text) from Django itself (BoundField.build_widget_attrs, with the
    ids templates/forms/field.html gives them; for a prefixed form too); a group of radio
    buttons or checkboxes has aria-describedby on its fieldset.

    A field that is optional on its own but needed in some cases ("a place or a video
    link", "the date when the date is fixed") is named in `verplicht_als` with that case:
    its label says so instead of "(niet verplicht)" (templates/forms/field.html), and the
    form's clean() checks it."""

    verplicht_als: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css)
                    break
            if name in self.verplicht_als and not field.required:
                field.verplicht_als = self.verplicht_als[name]

    def full_clean(self):
        super().full_clean()
        if self._errors:
            # After a failed submit the error summary takes the focus (static/js/fouten.js);
            # a field's autofocus would take it away again.
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)


def axes_username(request, credentials) -> str:
    """Lockout counts per e-mail address, whatever its capitals."""
    source = credentials or request.POST
    return (source.get("username") or "").strip().lower()


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="E-mailadres",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": (
            "Het e-mailadres of het wachtwoord klopt niet. Let op: na 3 mislukte pogingen "
            "moet u steeds langer wachten, en na 10 wordt inloggen een half uur geblokkeerd "
            "(u krijgt dan een e-mail waarmee u de blokkade zelf opheft)."
        ),
        "inactive": "Dit account is niet actief. Neem contact op met de beheerder.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        """A refused attempt during a wait or lock says so; a wrong password that starts
        a wait says how long (accounts/inlogrem.py)."""
        try:
            return super().clean()
        except forms.ValidationError as fout:
            if rem := inlogrem.geweigerd(self.request):
                raise forms.ValidationError(rem.melding(), code="inlogrem") from None
            if rem := inlogrem.na_poging(self.request):
                raise forms.ValidationError([*fout.messages, rem.melding()]) from None
            raise


class TokenForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=8,
        min_length=6,
        help_text="De code van 6 cijfers.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
        error_messages={
            "required": "Vul de code in.",
            "min_length": "De code heeft 6 cijfers.",
            "max_length": "De code heeft 6 cijfers.",
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("De code bestaat alleen uit cijfers.")
        return token


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        return super().get_users(email.strip().lower())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Through the outbox (docs/productie.md): a mail server that is down delays the
        link, it does not lose it."""
        from accounts.mail import stuur_mail, tekst

        onderwerp = "".join(tekst(subject_template_name, context).splitlines())
        stuur_mail([to_email], onderwerp, email_template_name, context)


class SetPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    pass


class ToegangslogZoekForm(StyledFormMixin, forms.Form):
    """Searches are sent by POST: names and e-mail addresses stay out of URLs and logs."""

    gebruiker = forms.CharField(
        label="Gebruiker (e-mailadres of naam)", required=False, max_length=200
    )
    leerling = forms.CharField(
        label="Leerling (kenmerk)",
        required=False,
        max_length=36,
        help_text="Het kenmerk van 8 tekens op de leerlingpagina. Het log toont geen namen: "
        "de beheerder van de regio ziet geen leerlinggegevens.",
    )
    actie = forms.ChoiceField(
        label="Actie", required=False, choices=[("", "Alle acties"), *Toegangslog.Actie.choices]
    )
    vanaf = forms.DateField(
        label="Vanaf", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot_en_met = forms.DateField(
        label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    pagina = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_leerling(self):
        kenmerk = self.cleaned_data["leerling"].strip().lower()
        if kenmerk and (len(kenmerk) < 8 or not re.fullmatch(r"[0-9a-f-]+", kenmerk)):
            raise forms.ValidationError(
                "Een kenmerk bestaat uit minstens 8 tekens: cijfers en de letters a tot en met f."
            )
        return kenmerk

    def clean(self):
        cleaned = super().clean()
        vanaf, tot = cleaned.get("vanaf"), cleaned.get("tot_en_met")
        if vanaf and tot and tot < vanaf:
            self.add_error("tot_en_met", "De einddatum ligt vóór de begindatum.")
        return cleaned


class LeerlingZoekForm(StyledFormMixin, forms.Form):
    zoekterm = forms.CharField(
        label="Zoek op naam",
        required=False,
        max_length=100,
        help_text="Voornaam, achternaam of een deel daarvan.",
    )


def getal(waarde, standaard: int = 0) -> int:
    """A whole number from a form field, or `standaard` for anything else (never a 500)."""
    try:
        return int(waarde)
    except (TypeError, ValueError):
        return standaard


class ActiverenForm(StyledFormMixin, auth_forms.SetPasswordMixin, forms.Form):
    """Choosing one's own password on activation (the password validators apply).

    Only checks: `accounts.uitnodigingen.activeer` sets the password and uses up the link
    in one transaction, so this form has no `save()` that could do half of that.
    """

    error_messages = {"password_mismatch": "De twee wachtwoorden zijn niet gelijk."}

    new_password1 = forms.CharField(
        label="Kies een wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minstens 12 tekens. Kies iets wat u nergens anders gebruikt.",
    )
    new_password2 = forms.CharField(
        label="Herhaal het wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password2")
        return super().clean()


class EmailadresForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(
        label="Nieuw e-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Vul het nieuwe e-mailadres in.",
            "invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        },
    )


class MailvoorkeurForm(StyledFormMixin, forms.Form):
    """How often one hears of notifications by e-mail (docs/meldingen.md)."""

    mailvoorkeur = forms.ChoiceField(
        label="E-mail bij meldingen",
        choices=Mailvoorkeur.choices,
        widget=forms.RadioSelect,
        help_text="Mail die u nodig hebt om in te loggen of uw account te beheren, krijgt u "
        "altijd.",
        error_messages={
            "required": "Kies hoe vaak u e-mail over meldingen wilt krijgen.",
            "invalid_choice": "Kies een van de mogelijkheden.",
        },
    )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's own, with the Dutch message its translation lacks for this wording."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens bevatten."
