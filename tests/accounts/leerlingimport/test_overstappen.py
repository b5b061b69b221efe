"""The pupil import recognises a pupil of another school and registers a move."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.importeren import bevestig, lees_en_plan
from accounts.models import Leerling
from tests.accounts.import_helpers import (
    csv_bestand,
    da_vinci,
    regenboog,
    rij,
    schoolbeheerder,
)
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


# Moves between schools --------------------------------------------------------------------


def test_a_new_row_matching_a_pupil_of_another_school_and_a_parent_registers_a_move():
    from accounts.models import Overstap
    from tests.factories import GezagFactory, UserFactory

    elders = LeerlingFactory(
        school=da_vinci(), voornaam="Lieke", achternaam="JANSEN", geboortedatum=date(2016, 6, 5)
    )
    GezagFactory(ouder=UserFactory(email="anja.jansen@voorbeeld.nl"), leerling=elders)
    leerlingimport = lees_en_plan(
        regenboog(), csv_bestand([rij("38")]), schoolbeheerder(), volledig=False
    )
    assert leerlingimport.resultaat["overstap"] == 1
    assert leerlingimport.resultaat["nieuw"] == 0
    bevestig(leerlingimport, schoolbeheerder())
    nieuw = Leerling.objects.get(school=regenboog(), leerlingnummer="38")
    overstap = Overstap.objects.get(nieuw=nieuw)
    assert overstap.oud == elders
    # The file says 22-08-2020; a move is never dated before today (docs/import.md).
    assert overstap.datum == timezone.localdate()
