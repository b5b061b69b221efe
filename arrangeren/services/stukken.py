"""Preparation documents for an MDO: accepted only after checking size, type and content.

Files are stored under a random name outside the web root (MEDIA_ROOT, no MEDIA_URL)
and leave only through the permission-checked view `arrangeren.views.mdo.stuk_downloaden`.
"""

from __future__ import annotations

import zipfile

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from accounts.models import User
from arrangeren.models import Mdo, Voorbereidingsstuk

from .mdo import _locked

# Accepted preparation documents: extension -> what the file's own bytes must say it is.
# Old binary Office files (.doc, .xls) are refused: their macros cannot be checked.
TOEGESTANE_BESTANDEN = {
    ".pdf": {".pdf"},
    ".docx": {".docx", ".zip"},
    ".xlsx": {".xlsx", ".zip"},
    ".pptx": {".pptx", ".zip"},
    ".odt": {".odt", ".zip"},
    ".ods": {".ods", ".zip"},
    ".png": {".png"},
    ".jpg": {".jpg", ".jpeg", ".jfif"},
    ".jpeg": {".jpg", ".jpeg", ".jfif"},
}
MIMETYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


ZIP_BESTANDEN = {".docx", ".xlsx", ".pptx", ".odt", ".ods"}


def _bevat_macro_of_is_kapot(bestand) -> bool:
    """Office files are zip archives: refuse macros (vbaProject.bin) and broken archives."""
    try:
        with zipfile.ZipFile(bestand) as archief:
            namen = archief.namelist()
    except (zipfile.BadZipFile, OSError):
        return True
    finally:
        bestand.seek(0)
    return any(naam.lower().endswith("vbaproject.bin") for naam in namen)


def upload_stuk(mdo: Mdo, titel: str, bestand, *, door: User) -> Voorbereidingsstuk:
    """Store a preparation document after checking size, extension and actual content."""
    naam = (bestand.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    extensie = ("." + naam.rsplit(".", 1)[-1].lower()) if "." in naam else ""
    if bestand.size > settings.SAMENPLAN_UPLOAD_MAX_BYTES:
        limiet = filesizeformat(settings.SAMENPLAN_UPLOAD_MAX_BYTES)
        raise ValidationError(f"Het bestand is te groot: maximaal {limiet}.")
    if bestand.size == 0:
        raise ValidationError("Het bestand is leeg.")
    if extensie not in TOEGESTANE_BESTANDEN:
        raise ValidationError(
            "Dit soort bestand wordt niet aangenomen. Toegestaan: PDF, Word (.docx), Excel "
            "(.xlsx), PowerPoint (.pptx), OpenDocument, PNG en JPEG."
        )
    kop = bestand.read(8192)
    bestand.seek(0)
    try:
        herkend = {m.extension.lower() for m in puremagic.magic_string(kop)}
    except (puremagic.PureError, ValueError):
        herkend = set()
    if not herkend & TOEGESTANE_BESTANDEN[extensie]:
        raise ValidationError(
            f"De inhoud van het bestand past niet bij de extensie {extensie}. Het bestand is "
            "niet opgeslagen."
        )
    if extensie in ZIP_BESTANDEN and _bevat_macro_of_is_kapot(bestand):
        raise ValidationError(
            "Dit bestand bevat macro's of is beschadigd en wordt daarom niet aangenomen. "
            "Sla het op zonder macro's (bijvoorbeeld als PDF) en probeer het opnieuw."
        )
    if not titel.strip():
        titel = naam
    with transaction.atomic():
        current = _locked(mdo)
        return Voorbereidingsstuk.objects.create(
            mdo=current,
            titel=titel.strip()[:200],
            bestand=bestand,
            bestandsnaam=naam,
            mimetype=MIMETYPES[extensie],
            grootte=bestand.size,
            geupload_door=door,
        )
