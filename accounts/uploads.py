"""Checking an uploaded document before it is stored: size, kind, real content, macros.

The kind is sniffed from the first 8 KB; then the whole file is checked for that kind
(accounts/bestandscontrole.py: PDF structure, zip bombs and Office parts, no HTML).

Used for MDO preparation documents, OPP and TLV attachments (one shape:
accounts/models/bijlagen.py; one service: `bewaar_bijlage`). Stored files get a random name
outside the web root and leave only through permission-checked views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from accounts import bestandscontrole

if TYPE_CHECKING:  # annotations only: nothing more is imported at run time
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models.fields.files import FieldFile
    from django.http import FileResponse

    from accounts.models import Bijlage, User

# Accepted documents: extension -> what the file's own bytes must say it is.
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


def _bevat_macro(namen: list[str]) -> bool:
    """Office files are zip archives: refuse macros (vbaProject.bin, an ODF Basic folder)."""
    return any(
        naam.lower().endswith("vbaproject.bin") or naam.lower().startswith("basic/")
        for naam in namen
    )


def _controleer_inhoud(bestand: UploadedFile, extensie: str) -> None:
    """The whole file, beyond its first bytes (accounts/bestandscontrole.py): a PDF built
    like one, an Office archive that is no zip bomb and holds its parts, no web page."""
    if extensie == ".pdf":
        bestandscontrole.controleer_pdf(bestand, bestand.size)
    elif extensie in ZIP_BESTANDEN:
        if _bevat_macro(bestandscontrole.controleer_zip(bestand, extensie, bestand.size)):
            raise ValidationError(
                "Dit bestand bevat macro's en wordt daarom niet aangenomen. Sla het op "
                "zonder macro's (bijvoorbeeld als PDF) en probeer het opnieuw."
            )
    else:
        bestandscontrole.geen_html(bestand)


def controleer_bestand(bestand: UploadedFile) -> tuple[str, str]:
    """Raise a Dutch ValidationError, or return (file name, mimetype) for a good file."""
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
    _controleer_inhoud(bestand, extensie)
    return naam, MIMETYPES[extensie]


def bijlage_response(bestand: FieldFile, bestandsnaam: str, mimetype: str) -> FileResponse:
    """Serve a stored document as a download: never rendered inline, never sniffed.

    The caller has checked the permission policy and written the access log first.
    A file missing from storage answers 404, not 500.
    """
    from django.http import FileResponse, Http404

    try:
        inhoud = bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Niet gevonden.") from exc
    response = FileResponse(
        inhoud, as_attachment=True, filename=bestandsnaam, content_type=mimetype
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def bewaar_bijlage(
    model: type[Bijlage], titel: str, bestand: UploadedFile, *, door: User, **eigenaar: object
) -> Bijlage:
    """Check a document and store it as `model` (a subclass of accounts.models.Bijlage).

    `eigenaar` names the owner's foreign key and any extra fields, e.g. `opp=opp` or
    `mdo=mdo`. The caller has locked the owner and checked the permission policy; this
    writes one row, so it needs no transaction of its own.
    """
    naam, mimetype = controleer_bestand(bestand)
    return model.objects.create(
        titel=(titel.strip() or naam)[:200],
        bestand=bestand,
        bestandsnaam=naam,
        mimetype=mimetype,
        grootte=bestand.size,
        geupload_door=door,
        **eigenaar,
    )
