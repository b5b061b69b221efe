"""Searching a list by a pupil's name, within what the user may see.

The lists (trajecten, TLV requests) search only in their own `for_user` queryset, so a
name outside the user's reach is not found and its existence not revealed. The search
term travels by POST, like the pupil search (accounts/views/leerlingen.py): a name is not
put in a URL, a browser history or a log. Filters post with it; pages too
(templates/includes/pagination.html).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet

from accounts.forms import StyledFormMixin
from accounts.invoer import zoekterm
from accounts.models import Organisatie


def naam_bevat(term: str, prefix: str = "leerling__") -> Q:
    """Every word of `term` in the first name, the surname or the tussenvoegsel."""
    voorwaarde = Q()
    for deel in term.split():
        voorwaarde &= (
            Q(**{f"{prefix}voornaam__icontains": deel})
            | Q(**{f"{prefix}achternaam__icontains": deel})
            | Q(**{f"{prefix}tussenvoegsel__icontains": deel})
        )
    return voorwaarde


def scholen_van(queryset: QuerySet, veld: str) -> QuerySet[Organisatie]:
    """The schools of a list's rows (one query), for its school filter."""
    return Organisatie.objects.filter(pk__in=queryset.values(f"{veld}_id")).order_by("naam")


class LijstZoekForm(StyledFormMixin, forms.Form):
    """The name search and the filters of a list; subclasses add their filters and say in
    `filter_op` which field filters which column."""

    zoekterm = forms.CharField(
        label="Zoek op naam van de leerling",
        required=False,
        max_length=100,
        help_text="Voornaam, achternaam of een deel daarvan.",
    )
    filter_op: dict[str, str] = {}
    school_kolom = "school_id"

    def __init__(self, data=None, *, scholen: QuerySet[Organisatie] | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.scholen = list(scholen) if scholen is not None else []
        if len(self.scholen) > 1:
            self.fields["school"] = forms.ChoiceField(
                label="School",
                required=False,
                choices=[("", "Alle scholen"), *((str(s.pk), s.naam) for s in self.scholen)],
            )

    def term(self) -> str:
        # Through accounts.invoer: a term it refuses (a NUL byte) searches for nothing.
        return zoekterm(self.data, "zoekterm") if self.is_bound else ""

    def zoek(self, queryset: QuerySet) -> QuerySet:
        """The queryset narrowed by the name and the chosen filters; nothing for a form
        with errors (its message shows, not an unfiltered list)."""
        if not self.is_bound:
            return self.standaard(queryset)
        if not self.is_valid():
            return queryset.none()
        gekozen = {
            kolom: self.cleaned_data[veld]
            for veld, kolom in self.filter_op.items()
            if self.cleaned_data.get(veld)
        }
        if self.scholen and self.cleaned_data.get("school"):
            gekozen[self.school_kolom] = self.cleaned_data["school"]
        return self.standaard(queryset.filter(naam_bevat(self.term()), **gekozen))

    def standaard(self, queryset: QuerySet) -> QuerySet:
        return queryset
