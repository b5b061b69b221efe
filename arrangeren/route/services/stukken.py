"""Preparation documents for an MDO, checked by `accounts.uploads` before they are stored.

Files are stored under a random name outside the web root (MEDIA_ROOT, no MEDIA_URL)
and leave only through the permission-checked view `arrangeren.route.views.mdo.stuk_downloaden`.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from accounts.uploads import bewaar_bijlage
from arrangeren.route.models import Mdo, Voorbereidingsstuk

from .common import vergrendel_mdo


def upload_stuk(mdo: Mdo, titel: str, bestand: UploadedFile, *, door: User) -> Voorbereidingsstuk:
    """Store a preparation document after checking size, extension and actual content."""
    with transaction.atomic():
        return bewaar_bijlage(
            Voorbereidingsstuk, titel, bestand, door=door, mdo=vergrendel_mdo(mdo)
        )
