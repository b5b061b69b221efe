"""What a parent without custody hears about their child (BW 1:377c).

The parent without custody has a right to information about important matters
concerning the child, not to the file and not to decide (docs/rollen.md, "Ouders zonder
gezag"). The pupil page shows them, instead of the file, a few facts each feature gives
through a hook on its AppConfig, `informatie_voor_ouder(leerling) -> list[Informatie]`
(docs/adr/0005-feature-apps.md): where the traject stands, when an MDO is planned,
whether an OPP is vastgesteld, what was decided on a TLV. Facts, never documents, texts,
names of professionals or attachments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Leerling


@dataclass(frozen=True)
class Informatie:
    onderwerp: str  # e.g. "Traject", "MDO", "OPP", "TLV"
    tekst: str


def datum(waarde: date | datetime) -> str:
    """A date (or the local date of a moment) as Dutch text: 14 mei 2026."""
    if isinstance(waarde, datetime):
        waarde = timezone.localtime(waarde).date()
    return date_format(waarde, "j F Y")


def moment(waarde: datetime) -> str:
    """A moment as Dutch text: 14 mei 2026, 15:30 uur."""
    return date_format(timezone.localtime(waarde), "j F Y, H:i") + " uur"


def informatie_voor_ouder(leerling: Leerling) -> list[Informatie]:
    """Every feature's facts about this pupil, in app order."""
    regels: list[Informatie] = []
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "informatie_voor_ouder", None)
        if hook is not None:
            regels += hook(leerling)
    return regels
