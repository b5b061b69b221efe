"""Demo data of a move between schools (docs/overstap.md): Daan Jansen moves from Basisschool
De Vlieger to De Regenboog on the day of seeding (a move starts today or later); the
handover waits for his parents.

Idempotent: the dossiers have uuid5 keys and the move is registered once.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Gezag, Leerling, Organisatie, Overstap, User
from accounts.overstap import registreer_overstap
from accounts.rollen import Soort

NAMESPACE = uuid.UUID("3f1d2c4b-8a7e-4b6d-9c5f-1e2d3c4b5a60")
DEMO_OVERSTAP_OUD = uuid.uuid5(NAMESPACE, "daan-jansen-vlieger")
DEMO_OVERSTAP_NIEUW = uuid.uuid5(NAMESPACE, "daan-jansen-regenboog")


def _ouder(email: str, naam: str) -> User:
    ouder, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "naam": naam,
            "password": make_password("demo"),
            "geactiveerd_op": timezone.now(),
        },
    )
    return ouder


def seed() -> None:
    if Overstap.objects.filter(oud__uuid=DEMO_OVERSTAP_OUD).exists():
        return
    vlieger = Organisatie.objects.get(naam="Basisschool De Vlieger", soort=Soort.SCHOOL)
    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog", soort=Soort.SCHOOL)
    datum = timezone.localdate()
    persoon = {
        "voornaam": "Daan",
        "achternaam": "Jansen",
        "geboortedatum": date(2018, 4, 9),
        "groep": "groep 4",
    }
    oud, _ = Leerling.objects.update_or_create(
        uuid=DEMO_OVERSTAP_OUD,
        defaults={**persoon, "school": vlieger, "ingeschreven_op": date(2022, 8, 22)},
    )
    nieuw, _ = Leerling.objects.update_or_create(
        uuid=DEMO_OVERSTAP_NIEUW,
        defaults={**persoon, "school": regenboog, "ingeschreven_op": datum},
    )
    for email, naam, relatie in (
        ("ouder.daan@demo.nl", "Fleur Jansen", Gezag.Relatie.MOEDER),
        ("ouder.daan2@demo.nl", "Joost Jansen", Gezag.Relatie.VADER),
    ):
        Gezag.objects.get_or_create(
            ouder=_ouder(email, naam), leerling=oud, defaults={"relatie": relatie}
        )
    # The pupil import of De Regenboog found him enrolled at De Vlieger.
    registreer_overstap(oud, nieuw, datum, User.objects.get(email="schoolbeheer@demo.nl"))
