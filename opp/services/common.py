"""Shared by the opp services: field lists, limits, locking and the conflict error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from opp.models import Opp

CONFLICT = "conflict"
OPP_VELDEN = (
    "uitstroomprofiel",
    "uitstroomniveau",
    "uitstroombestemming",
    "onderbouwing",
    "belemmerende_factoren",
    "bevorderende_factoren",
    "ondersteuningsbehoeften",
    "integratief_beeld",
    "afwijkingen",
    "regieafspraken",
    "overbrugging",
    "evaluatiedatum",
    "visie_leerling",
)
HANDELINGSDEEL_VELDEN = {"afwijkingen", "regieafspraken", "overbrugging", "evaluatiedatum"}
MAX_TEKST = 20_000


class Oppconflict(ValidationError):
    def __init__(self, gezien: int) -> None:
        self.gezien = gezien
        super().__init__(
            "Iemand anders heeft dit OPP intussen opgeslagen. Uw tekst staat nog in het "
            "formulier; hieronder ziet u wat er intussen is veranderd.",
            code=CONFLICT,
        )


def _pad(opp: Opp) -> str:
    return reverse("opp:opp_detail", args=[opp.uuid])


def _bewerkbaar(opp: Opp, bewerkingen: int | None = None) -> Opp:
    current = Opp.objects.select_for_update().select_related("leerling").get(pk=opp.pk)
    if not current.bewerkbaar:
        raise ValidationError(
            "Deze versie van het OPP is vastgesteld en verandert niet meer. Maak een nieuwe "
            "versie om iets aan te passen."
        )
    if bewerkingen is not None and current.bewerkingen != bewerkingen:
        raise Oppconflict(bewerkingen)
    return current


def _check_tekst(velden: Mapping[str, Any]) -> None:
    te_lang = [
        naam
        for naam, waarde in velden.items()
        if isinstance(waarde, str) and len(waarde) > MAX_TEKST
    ]
    if te_lang:
        raise ValidationError(
            f"Een tekst is te lang (meer dan {MAX_TEKST} tekens). Kort hem in of voeg een "
            "bijlage toe."
        )
