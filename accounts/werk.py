"""The one small interface between "Mijn werk" (arrangeren/werk/) and the features.

Each app that has work for a user defines `werk_voor(request, rolcontext)` on its
AppConfig and returns a `Werkonderdeel` (or None). The home page merges the items, shows
them and writes the access log: the pupils of all parts together under "Mijn werk", and
parts with their own legal ground (the thuiszitters register, a TLV consulent) apart.
A feature never imports the home page and the home page never imports a feature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.models import Leerling


@dataclass
class Inzage:
    """Pupils named on the page under their own heading and ground in the access log."""

    leerlingen: list[Leerling]
    onderdeel: str
    aanvullend: Callable | None = None


@dataclass
class Werkonderdeel:
    # Keys merged into the page's `werk` (templates/home/index.html shows them).
    items: dict[str, Any] = field(default_factory=dict)
    # Pupils the items name, logged together as "Mijn werk".
    leerlingen: list[Leerling] = field(default_factory=list)
    # Pupils logged apart (first, in app order).
    inzagen: list[Inzage] = field(default_factory=list)
