"""Preparation documents for an MDO, checked by `accounts.uploads` before they are stored.

Files are stored under a random name outside the web root (MEDIA_ROOT, no MEDIA_URL)
and leave only through the permission-checked view `arrangeren.views.mdo.stuk_downloaden`.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.uploads import controleer_bestand
from arrangeren.models import Mdo, Voorbereidingsstuk

from .mdo import _locked


def upload_stuk(mdo: Mdo, titel: str, bestand, *, door: User) -> Voorbereidingsstuk:
    """Store a preparation document after checking size, extension and actual content."""
    naam, mimetype = controleer_bestand(bestand)
    with transaction.atomic():
        current = _locked(mdo)
        return Voorbereidingsstuk.objects.create(
            mdo=current,
            titel=(titel.strip() or naam)[:200],
            bestand=bestand,
            bestandsnaam=naam,
            mimetype=mimetype,
            grootte=bestand.size,
            geupload_door=door,
        )
