"""Shared helpers of the pupil import tests: import a file, list the messages."""

from accounts.importeren import bevestig, lees_en_plan
from tests.accounts.import_helpers import (
    regenboog,
    schoolbeheerder,
)


def importeer(bestand, *, volledig=False, door=None, school=None, **opties):
    door = door or schoolbeheerder()
    leerlingimport = lees_en_plan(school or regenboog(), bestand, door, volledig=volledig)
    return bevestig(leerlingimport, door, **opties)


def teksten(leerlingimport, soort=None):
    return [
        f"{m['rij']}|{m['kolom']}|{m['tekst']}"
        for m in leerlingimport.meldingen
        if soort is None or m["soort"] == soort
    ]
