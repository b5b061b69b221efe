"""Counts in Dutch: "1 vraag", "6 vragen", "0 vragen".

One helper for every count shown to a user, so that no page writes "vraagen" or
"vraag/vragen" again: templates use the `aantal` filter (accounts/templatetags/aantal.py),
services and messages call `aantal()`, and report lines of scheduled jobs use
`{aantal:leerling,leerlingen}` in a format string (`AantalFormatter`).

Dutch uses the plural for zero ("0 vragen"), as English does.
"""

from __future__ import annotations

import string
from typing import Any


def vorm(n: int, vormen: str) -> str:
    """The word of `vormen` ("enkelvoud,meervoud") that belongs to `n`, without the number."""
    enkelvoud, _, meervoud = vormen.partition(",")
    if not meervoud:
        raise ValueError(f"Geef enkelvoud en meervoud, met een komma: {vormen!r}")
    return enkelvoud if n == 1 else meervoud


def aantal(n: int, vormen: str) -> str:
    """`aantal(6, "vraag,vragen")` → "6 vragen"; `aantal(1, "vraag,vragen")` → "1 vraag"."""
    return f"{n} {vorm(n, vormen)}"


class AantalFormatter(string.Formatter):
    """str.format where a field's format spec may be "enkelvoud,meervoud":
    `AantalFormatter().format("{aantal:regel,regels} gewist", aantal=3)` → "3 regels gewist".
    Other specs behave as in str.format."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "," in format_spec and isinstance(value, int):
            return aantal(value, format_spec)
        return super().format_field(value, format_spec)
