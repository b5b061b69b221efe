"""Search and filters of the TLV list (accounts/zoeken.py): by the pupil's name, the
request's status and kind, and the school when the list spans several."""

from __future__ import annotations

from django import forms

from accounts.zoeken import LijstZoekForm
from arrangeren.tlv import regels


class TlvZoekForm(LijstZoekForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle statussen"), *regels.Status.choices],
    )
    soort = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=[("", "Alle soorten"), *regels.Soort.choices],
    )
    filter_op = {"status": "status", "soort": "soort"}
