"""The pupil import from a school's administration export (ParnasSys, Magister, ...).

Used by the schoolbeheerder's pages (accounts/views/importeren.py) and by
`manage.py importeer_leerlingen`. See docs/import.md.
"""

from .services import (
    AL_VERWERKT,
    alle_meldingen,
    annuleer,
    bevestig,
    controleer_beheerder,
    lees_en_plan,
    plan_bestand,
    ruim_voorbeelden_op,
    voorbeeld,
)

__all__ = [
    "AL_VERWERKT",
    "alle_meldingen",
    "annuleer",
    "bevestig",
    "controleer_beheerder",
    "lees_en_plan",
    "plan_bestand",
    "ruim_voorbeelden_op",
    "voorbeeld",
]
