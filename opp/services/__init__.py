"""The opp app's services: drafting (opp.py), signature requests (verzoeken.py), signing
(ondertekening.py), versions (versies.py)."""

from .common import CONFLICT, HANDELINGSDEEL_VELDEN, MAX_TEKST, OPP_VELDEN, Oppconflict
from .evaluatie import leg_evaluatie_vast
from .gezinsplan import bewaar_gezinsplan, maak_gezinsplan, regievoerders
from .herinnering import herinner
from .ondertekening import Apparaat, Verificatie, niet_akkoord, onderteken, verifieer
from .opp import (
    bewaar_evaluatie,
    bewaar_opp,
    bewaar_visie_ouders,
    maak_opp,
    nieuwe_versie,
    vergelijk,
    verwijder_doel,
    verwijder_inzet,
    voeg_bijlage_toe,
    voeg_doel_toe,
    voeg_inzet_toe,
)
from .tekencodes import stuur_code
from .versies import te_openen, voeg_samen, zichtbare_versies
from .verzoeken import (
    ontbrekende_ondertekenaars,
    open_verzoek,
    stuur_herinneringen,
    toegang_gevraagd,
    toegang_nodig,
    trek_verzoek_in,
    verstuur_ter_ondertekening,
    voeg_toegang_toe,
    vraag_ontbrekende_ouders,
    vraag_opnieuw,
)

__all__ = [
    "CONFLICT",
    "HANDELINGSDEEL_VELDEN",
    "MAX_TEKST",
    "OPP_VELDEN",
    "Apparaat",
    "Oppconflict",
    "Verificatie",
    "bewaar_evaluatie",
    "bewaar_gezinsplan",
    "bewaar_opp",
    "bewaar_visie_ouders",
    "herinner",
    "leg_evaluatie_vast",
    "maak_gezinsplan",
    "maak_opp",
    "niet_akkoord",
    "nieuwe_versie",
    "onderteken",
    "ontbrekende_ondertekenaars",
    "open_verzoek",
    "regievoerders",
    "stuur_code",
    "stuur_herinneringen",
    "te_openen",
    "toegang_gevraagd",
    "toegang_nodig",
    "trek_verzoek_in",
    "vergelijk",
    "verifieer",
    "verstuur_ter_ondertekening",
    "verwijder_doel",
    "verwijder_inzet",
    "voeg_bijlage_toe",
    "voeg_doel_toe",
    "voeg_inzet_toe",
    "voeg_samen",
    "voeg_toegang_toe",
    "vraag_ontbrekende_ouders",
    "vraag_opnieuw",
    "zichtbare_versies",
]
