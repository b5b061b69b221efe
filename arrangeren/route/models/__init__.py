from .mdo import Beschikbaarheid, Genodigde, Leerlinggesprek, Mdo, Tijdslot, Voorbereidingsstuk
from .opschaling import Opschaling
from .tevredenheid import Tevredenheid
from .traject import (
    Regieoverdracht,
    Stapovergang,
    Stapuitkomst,
    Traject,
    TrajectQuerySet,
    TrajectVoorwaarde,
    Voortgangsnotitie,
)
from .verslag import Afspraak, Doel, Doelsoort, Mdoverslag, Ontwikkelingsdomein

__all__ = [
    "Afspraak",
    "Beschikbaarheid",
    "Doel",
    "Doelsoort",
    "Genodigde",
    "Leerlinggesprek",
    "Mdo",
    "Mdoverslag",
    "Ontwikkelingsdomein",
    "Opschaling",
    "Regieoverdracht",
    "Stapovergang",
    "Stapuitkomst",
    "Tevredenheid",
    "Tijdslot",
    "Traject",
    "TrajectQuerySet",
    "TrajectVoorwaarde",
    "Voorbereidingsstuk",
    "Voortgangsnotitie",
]
