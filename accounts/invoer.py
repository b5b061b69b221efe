"""Reading a post through a form, the same way in every app (issue 14).

Every POST handler reads its data through a Django form, so that bad input gets a Dutch
message instead of a 500: a CharField refuses a NUL byte (PostgreSQL cannot store one),
a ModelChoiceField an id that is no id or names no row, and the fields here a number
beyond its column or an end date before its start date. The shared pieces:

- `gekozen`: the one row a post names by id (the forms' hidden `doel`, `inzet`, ...);
- `teller` and `teller_uit`: a hidden edit count or version, within its column;
- `zoekterm`: a search term from the query string;
- `Idkeuzes`: several rows by id, each id within the key's column first;
- `EindNaBegin`: a form's end date before its start date is an error on the end date;
- `foutmeldingen`: a bound form's errors as messages for the next page, each with its
  field's label, and the form's own errors (a cross-field check, a model constraint:
  `NON_FIELD_ERRORS`) as they are;
- `bewaar_fouten` and `herstel`: a form posted from a page that the view then redirects
  back to (the OPP page, the TLV request) shows again on that page with what was typed,
  each wrong field marked and the error summary above it (issue 16, part 3), instead of
  a message at the top.
"""

import time
from collections.abc import Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from accounts.eenmalig import GEWEIGERD

# PositiveIntegerField on PostgreSQL (`integer`): the narrowest column a counter has.
MAX_TELLER = 2_147_483_647
# BigAutoField, every table's key (DEFAULT_AUTO_FIELD).
MAX_ID = 2**63 - 1


VEROUDERD = "Deze pagina is verouderd of onvolledig. Laad haar opnieuw en probeer het nog eens."


def teller(**kwargs: Any) -> forms.IntegerField:
    """A hidden edit count or version number: a whole number that fits its column.

    Nobody types it, so whatever is wrong with it means the page was old or altered."""
    kwargs.setdefault("widget", forms.HiddenInput)
    fouten = dict.fromkeys(("required", "invalid", "min_value", "max_value"), VEROUDERD)
    return forms.IntegerField(min_value=0, max_value=MAX_TELLER, error_messages=fouten, **kwargs)


class KeuzeForm(forms.Form):
    """One row of `queryset`, named by its id in the field `veld`."""

    def __init__(self, data: Mapping, *, veld: str, queryset: models.QuerySet, fout: str):
        super().__init__(data)
        self.fields[veld] = forms.ModelChoiceField(
            queryset, error_messages={"required": fout, "invalid_choice": fout}
        )


def gekozen(data: Mapping, veld: str, queryset: models.QuerySet, fout: str) -> models.Model:
    """The row of `queryset` whose id the post gives in `veld`; `fout` (a ValidationError)
    when the field is missing, is no id, or names no row of `queryset`."""
    form = KeuzeForm(data, veld=veld, queryset=queryset, fout=fout)
    if not form.is_valid():
        raise ValidationError(fout)
    return form.cleaned_data[veld]


class TellerForm(forms.Form):
    def __init__(self, data: Mapping, *, veld: str):
        super().__init__(data)
        self.fields[veld] = teller()


def teller_uit(data: Mapping, veld: str) -> int:
    """The edit count or version the post gives in `veld`; VEROUDERD (a ValidationError)
    when it is missing or no count."""
    form = TellerForm(data, veld=veld)
    if not form.is_valid():
        raise ValidationError(VEROUDERD)
    return form.cleaned_data[veld]


class ZoektermForm(forms.Form):
    def __init__(self, data: Mapping, *, veld: str):
        super().__init__(data)
        self.fields[veld] = forms.CharField(required=False)


def zoekterm(data: Mapping, veld: str, *, lengte: int = 100) -> str:
    """A search term from the query string, at most `lengte` characters, through a
    CharField: one it refuses (a NUL byte, which PostgreSQL cannot compare) searches for
    nothing, like an empty one."""
    form = ZoektermForm(data, veld=veld)
    if not form.is_valid():
        return ""
    return form.cleaned_data[veld][:lengte].strip()


class Idkeuzes(forms.ModelMultipleChoiceField):
    """Several rows by id. An id beyond the key's column is an invalid value, like one
    that is no number: in an `IN` query SQLite raised OverflowError on it."""

    def _check_values(self, value: Any) -> models.QuerySet:
        meta = self.queryset.model._meta
        sleutel = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                # The key's own validators hold the column's range (for an integer key).
                sleutel.run_validators(sleutel.to_python(pk))
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        return super()._check_values(value)


class EindNaBegin:
    """An end date before the start date is an error on the end date's field, in Dutch.

    A model's CheckConstraint on the two dates says the same, but ModelForm reports a
    failed constraint as an error of the whole form (`NON_FIELD_ERRORS`) with Django's
    generic text; checked here, the message names the field and what is wrong."""

    begin_eind = ("vanaf", "tot")

    def clean(self) -> dict:
        data = super().clean()
        begin, eind = (data.get(naam) for naam in self.begin_eind)
        if begin and eind and eind < begin:
            self.add_error(self.begin_eind[1], "De einddatum ligt vóór de begindatum.")
        return data


def foutmeldingen(form: forms.BaseForm) -> list[str]:
    """A bound form's errors as messages: "Label: error" for a field the user sees with a
    label, the error itself for other fields (hidden, or whose error says it all) and for
    the form as a whole (its key, NON_FIELD_ERRORS, is no field)."""
    meldingen = []
    for veld, fouten in form.errors.items():
        tekst = " ".join(fouten)
        label = form.fields[veld].label if veld in form.fields else None
        if label and veld != NON_FIELD_ERRORS and not form[veld].is_hidden:
            tekst = f"{label}: {tekst}"
        meldingen.append(tekst)
    return meldingen


F = TypeVar("F", bound=forms.BaseForm)
FOUTFORMULIER = "foutformulier"  # the session key of the one failed form to show again


# A kept form older than this is not shown again: it was for a page left since.
BEWAARD_SECONDEN = 600


def _sleutel(form: forms.BaseForm, bij: object) -> str:
    # The form's full name: two apps have a DoelForm, and an OPP and a report may share a pk.
    soort = type(form)
    return f"{soort.__module__}.{soort.__qualname__}:{form.prefix or ''}:{bij}"


def bewaar_fouten(request: HttpRequest, form: forms.BaseForm, *, bij: object) -> None:
    """Keep a failed form's input and errors for the page the view redirects to, where
    `herstel` shows the form again with them. `bij` is the object of that page (its
    uuid, say): the same form on another page does not pick them up. Passwords and files
    are not kept."""
    velden = [
        form.add_prefix(naam)
        for naam, veld in form.fields.items()
        if not isinstance(veld.widget, forms.PasswordInput | forms.FileInput)
    ]
    data = {naam: form.data.getlist(naam) for naam in velden if naam in form.data}
    # Refused: a one-time form token is given back (accounts/eenmalig.py).
    setattr(request, GEWEIGERD, True)
    request.session[FOUTFORMULIER] = {
        "sleutel": _sleutel(form, bij),
        "tijd": time.time(),
        "data": data,
        "fouten": {veld: list(fouten) for veld, fouten in form.errors.items()},
    }


class FormulierOpnieuw(Exception):
    """Raised by `geldig_of_opnieuw`: the failed form is kept for its page, and the view
    redirects there, where `herstel` shows it again."""


def geldig_of_opnieuw(request: HttpRequest, form: forms.BaseForm, *, bij: object) -> dict:
    """The form's cleaned data; with errors, the form is kept for the page of `bij`
    (`bewaar_fouten`) and `FormulierOpnieuw` is raised."""
    if not form.is_valid():
        bewaar_fouten(request, form, bij=bij)
        raise FormulierOpnieuw
    return form.cleaned_data


def herstel(request: HttpRequest, form: F, *, bij: object) -> F:
    """`form` as the page shows it, or, when the last post of this form failed
    (`bewaar_fouten` with the same `bij`), bound to what was typed and with that post's
    errors.

    Hidden fields keep the values that were posted (an edit counter, the hash of what
    was shown), so sending again is judged against what the user saw: a text someone
    else saved meanwhile is a conflict, not overwritten. A hidden field that was not
    posted takes the page's own value."""
    bewaard = request.session.get(FOUTFORMULIER)
    if not isinstance(bewaard, dict):
        return form
    if time.time() - (bewaard.get("tijd") or 0) > BEWAARD_SECONDEN:
        del request.session[FOUTFORMULIER]
        return form
    if bewaard.get("sleutel") != _sleutel(form, bij):
        return form
    del request.session[FOUTFORMULIER]
    data = MultiValueDict(bewaard.get("data") or {})
    for veld in form.hidden_fields():
        if veld.html_name in data:
            continue
        waarde = veld.value()
        data.setlist(veld.html_name, [] if waarde is None else [str(waarde)])
    fouten = ErrorDict(renderer=form.renderer)
    for veld, berichten in (bewaard.get("fouten") or {}).items():
        if veld != NON_FIELD_ERRORS and veld not in form.fields:
            continue
        fouten[veld] = form.error_class(
            [str(b) for b in berichten],
            error_class="nonfield" if veld == NON_FIELD_ERRORS else None,
            renderer=form.renderer,
        )
    form.data, form.is_bound, form._errors = data, True, fouten
    return form
