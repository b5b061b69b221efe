"""Writes for TLV requests: the school prepares and submits, the SWV reviews and decides,
objections follow the decision. One module per side.

Every status change goes through `overgang` (the table in arrangeren/tlv/regels.py) and
leaves an append-only `TlvGebeurtenis`. Each write locks the request row, so a double click
or two consulenten at once cannot decide twice.
"""

from .beoordeling import beslis, neem_in_behandeling, verleng_termijn, vraag_aanvulling, wijs_toe
from .bezwaar import leg_bezwaaruitkomst_vast, leg_uitkomst_vast_van, registreer_bezwaar
from .common import instelling_voor
from .school import bewaar_aanvraag, dien_in, start_aanvraag, voeg_tlv_bijlage_toe, voorstel

__all__ = [
    "beslis",
    "bewaar_aanvraag",
    "dien_in",
    "instelling_voor",
    "leg_bezwaaruitkomst_vast",
    "leg_uitkomst_vast_van",
    "neem_in_behandeling",
    "registreer_bezwaar",
    "start_aanvraag",
    "verleng_termijn",
    "voeg_tlv_bijlage_toe",
    "voorstel",
    "vraag_aanvulling",
    "wijs_toe",
]
