"""Writes of the route (traject, steps, MDO, verslag), one module per subject."""

from .mdo import (
    annuleer_mdo,
    geef_beschikbaarheid,
    kies_tijdslot,
    plan_mdo,
    stel_tijdsloten_voor,
    verwijder_genodigde,
    voeg_genodigde_toe,
    vraag_toestemming_voor_genodigden,
    wijzig_mdo,
)
from .stukken import upload_stuk
from .traject import (
    bewaar_stapuitkomst,
    close_traject,
    draag_regie_over,
    move_to_step,
    open_traject,
    voeg_voortgang_toe,
    zet_kenmerken,
)
from .uitnodigingen import beantwoord_uitnodiging, stuur_herinneringen, verstuur_uitnodigingen
from .verslag import (
    bewaar_verslag,
    leg_leerlinggesprek_vast,
    neem_over_in_opp,
    nieuwe_versie,
    open_verslag,
    stel_verslag_vast,
    verwijder_afspraak,
    verwijder_doel,
    voeg_afspraak_toe,
    voeg_doel_toe,
)

__all__ = [
    "annuleer_mdo",
    "beantwoord_uitnodiging",
    "bewaar_stapuitkomst",
    "bewaar_verslag",
    "close_traject",
    "draag_regie_over",
    "geef_beschikbaarheid",
    "kies_tijdslot",
    "leg_leerlinggesprek_vast",
    "move_to_step",
    "neem_over_in_opp",
    "nieuwe_versie",
    "open_traject",
    "open_verslag",
    "plan_mdo",
    "stel_tijdsloten_voor",
    "stel_verslag_vast",
    "stuur_herinneringen",
    "upload_stuk",
    "verstuur_uitnodigingen",
    "verwijder_afspraak",
    "verwijder_doel",
    "verwijder_genodigde",
    "voeg_afspraak_toe",
    "voeg_doel_toe",
    "voeg_genodigde_toe",
    "voeg_voortgang_toe",
    "vraag_toestemming_voor_genodigden",
    "wijzig_mdo",
    "zet_kenmerken",
]
