"""The OPP evaluated with the parents: at least once a school year (WPO art. 40a, WEC
art. 41a, WVO art. 26; docs/opp.md, "Legal timers"). Recording it clears the signal
"OPP dit schooljaar nog niet geëvalueerd" (opp/termijnen.py)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from opp.models import Opp, Oppevaluatie

from .common import _check_tekst


@transaction.atomic
def leg_evaluatie_vast(
    opp: Opp, *, datum: date, met_ouders: bool, toelichting: str = "", door: User
) -> Oppevaluatie:
    """One evaluation with the parents of the version in force (the goals' own
    evaluation texts are kept per goal, `bewaar_evaluatie`)."""
    current = Opp.objects.select_for_update().get(pk=opp.pk)
    if current.status != Opp.Status.VASTGESTELD:
        raise ValidationError(
            "Alleen het geldende (vastgestelde) OPP wordt met de ouders geëvalueerd."
        )
    if not met_ouders:
        raise ValidationError(
            "De wet vraagt een evaluatie met de ouders: leg de evaluatie vast nadat u die "
            "met de ouders hebt besproken."
        )
    if datum > timezone.localdate():
        raise ValidationError("De datum van de evaluatie ligt in de toekomst.")
    if current.vastgesteld_op and datum < timezone.localdate(current.vastgesteld_op):
        raise ValidationError("De datum van de evaluatie ligt vóór de vaststelling van dit OPP.")
    _check_tekst({"toelichting": toelichting})
    # The same evaluation sent twice (a second tab, a retry; the form's one-time token,
    # docs/adr/0008-eenmalige-formulieren.md, covers the same form sent again): under the
    # OPP's lock, a second evaluation of this version on the same day is refused.
    if current.evaluaties.filter(datum=datum).exists():
        raise ValidationError(
            f"De evaluatie met de ouders van {datum:%d-%m-%Y} is al vastgelegd; er is niets "
            "dubbel opgeslagen."
        )
    evaluatie = Oppevaluatie.objects.create(
        opp=current, datum=datum, met_ouders=True, toelichting=toelichting.strip(), door=door
    )
    current.bewerkingen += 1
    current.save()
    return evaluatie
