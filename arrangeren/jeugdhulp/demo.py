"""Demo data for jeugdhulp (`make demo`): an exception to the kader begeleiding that the
school proposed for Noor Visser and that waits for the SWV's agreement, so swv@demo.nl
finds it in "Mijn werk" and on the list of kader exceptions (docs/jeugdhulp.md)."""

from __future__ import annotations

import uuid

from django.utils import timezone

from accounts.models import Leerling, User
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import Kaderuitzondering

DEMO_KADERUITZONDERING = uuid.UUID("5a4d2c1e-17a2-4b52-9c1d-0a6e4f7b3c21")


def seed() -> None:
    if Kaderuitzondering.objects.filter(uuid=DEMO_KADERUITZONDERING).exists():
        return
    noor = Leerling.objects.filter(voornaam="Noor", achternaam="Visser").first()
    ib = User.objects.filter(email="ib@demo.nl").first()
    if noor is None or ib is None:
        return
    Kaderuitzondering.objects.get_or_create(
        leerling=noor,
        halfjaar=kaders.halfjaar_van(timezone.localdate()),
        defaults={
            "uuid": DEMO_KADERUITZONDERING,
            "onderwijsarrangement": "Arrangement met het SWV: drie ochtenden per week les in "
            "een kleine groep met een onderwijsassistent.",
            "reden": "Noor heeft dit halfjaar structureel meer begeleiding nodig dan het kader; "
            "de begeleiding sluit aan op het onderwijsarrangement.",
            "door": ib,
            "voorgesteld_namens": Kaderuitzondering.Partij.SCHOOL,
        },
    )
