from django import forms

from arrangeren.route.models.tevredenheid import MAX_OPMERKING, SCORES
from arrangeren.route.tevredenheid import VRAAG


class TevredenheidForm(forms.Form):
    score = forms.TypedChoiceField(
        label=VRAAG,
        choices=[(str(waarde), f"{waarde}: {label}") for waarde, label in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe tevreden u bent, van 1 tot en met 5."},
    )
    opmerking = forms.CharField(
        label="Wilt u iets toelichten?",
        required=False,
        max_length=MAX_OPMERKING,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Ten hoogste {MAX_OPMERKING} tekens. Noem liever geen namen.",
    )
