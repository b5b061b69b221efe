"""The whole file checked, not only its first bytes (accounts/uploads.py sniffs the kind).

A PDF must be built like one from header to trailer; an Office or OpenDocument file is
a zip archive that must hold what such a file holds, and nothing that unpacks to far
more than was uploaded (a zip bomb) or names a path outside the archive. No accepted
file may carry a web page: a file that starts as a PDF or an image and goes on as HTML
is refused. Each refusal is a Dutch ValidationError; the file is then not stored.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from typing import IO

from django.core.exceptions import ValidationError

# Zip archives: limits far above what an Office document holds (a docx has a few dozen
# parts, a large slide deck some hundreds), far below what harms whoever opens it.
MAX_LEDEN = 2000
MAX_UITGEPAKT = 256 * 1024 * 1024
# Deflate packs at most ~1000:1; text XML packs 5-20:1, a very repetitive sheet ~100:1.
# Only parts of some size count: a tiny part packs oddly without doing harm.
MAX_VERHOUDING = 200
VERHOUDING_VANAF = 1024 * 1024
# What each kind must hold: OOXML its content types and its main folder, ODF its
# mimetype (with the kind's own value) and its content.
OOXML_MAP = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ODF_MIMETYPE = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}

PDF_KOP = re.compile(rb"%PDF-[12]\.\d")
# The last startxref in the tail, its offset, and %%EOF with nothing but whitespace after.
PDF_STAART = re.compile(rb"startxref\s+(\d+)\s+%%EOF[\s\x00]*\Z")
PDF_XREF = re.compile(rb"\s*(xref|\d+\s+\d+\s+obj)\b")
STAART_BYTES = 2048
# Markup a browser would run as a page. Followed by a space or '>' (or, for the doctype,
# "html"), so the chance that compressed bytes spell one is negligible.
HTML = re.compile(rb"<(?:html|head|body|script|iframe|object|embed)[\s>/]|<!doctype\s+html", re.I)
HTML_OVERLAP = 32
BLOK = 1024 * 1024

GEEN_PDF = (
    "Dit bestand is geen geldige PDF of het is beschadigd. Sla het opnieuw op als PDF "
    "(bijvoorbeeld via Afdrukken > Opslaan als PDF) en probeer het opnieuw."
)
BESCHADIGD = (
    "Dit bestand is beschadigd of geen echt {soort}-bestand en wordt daarom niet "
    "aangenomen. Sla het opnieuw op en probeer het opnieuw."
)
SOORTEN = {
    ".docx": "Word",
    ".xlsx": "Excel",
    ".pptx": "PowerPoint",
    ".odt": "OpenDocument",
    ".ods": "OpenDocument",
}


def geen_html(bestand: IO[bytes]) -> None:
    """Refuse a file that carries a web page anywhere, read in blocks."""
    bestand.seek(0)
    vorige = b""
    try:
        while blok := bestand.read(BLOK):
            if HTML.search(vorige + blok):
                raise ValidationError(
                    "Dit bestand bevat code van een webpagina (HTML) en wordt daarom niet "
                    "aangenomen. Het bestand is niet opgeslagen."
                )
            vorige = blok[-HTML_OVERLAP:]
    finally:
        bestand.seek(0)


def controleer_pdf(bestand: IO[bytes], grootte: int) -> None:
    """Header at the start, `startxref` pointing at a cross-reference table or stream,
    `%%EOF` at the end with nothing after it, and no HTML anywhere."""
    try:
        bestand.seek(0)
        if not PDF_KOP.match(bestand.read(16)):
            raise ValidationError(GEEN_PDF)
        bestand.seek(max(0, grootte - STAART_BYTES))
        staart = PDF_STAART.search(bestand.read())
        if staart is None or int(staart[1]) >= grootte:
            raise ValidationError(GEEN_PDF)
        bestand.seek(int(staart[1]))
        if not PDF_XREF.match(bestand.read(64)):
            raise ValidationError(GEEN_PDF)
    finally:
        bestand.seek(0)
    geen_html(bestand)


def controleer_zip(bestand: IO[bytes], extensie: str, grootte: int) -> list[str]:
    """The archive's parts, checked: their number, names, sizes and packing, the parts its
    kind must have, and every part read once (CRC and real size, bounded by the declared
    sizes). Returns the part names (for the macro check)."""
    beschadigd = ValidationError(BESCHADIGD.format(soort=SOORTEN[extensie]))
    try:
        with zipfile.ZipFile(bestand) as archief:
            leden = archief.infolist()
            _controleer_leden(leden, grootte)
            namen = [lid.filename for lid in leden]
            if not _heeft_verplichte_delen(archief, set(namen), extensie):
                raise beschadigd
            if archief.testzip() is not None:
                raise beschadigd
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
        # RuntimeError: an encrypted part; NotImplementedError is refused before reading.
        raise beschadigd from exc
    finally:
        bestand.seek(0)
    return namen


def _controleer_leden(leden: list[zipfile.ZipInfo], grootte: int) -> None:
    if len(leden) > MAX_LEDEN:
        raise ValidationError(
            f"Dit bestand bestaat uit te veel onderdelen (meer dan {MAX_LEDEN}) en wordt "
            "daarom niet aangenomen."
        )
    if sum(lid.file_size for lid in leden) > MAX_UITGEPAKT:
        raise ValidationError(
            f"Dit bestand wordt uitgepakt groter dan {MAX_UITGEPAKT // (1024 * 1024)} MB en "
            "wordt daarom niet aangenomen (mogelijk een zip-bom)."
        )
    namen = set()
    for lid in leden:
        if lid.file_size >= VERHOUDING_VANAF and (
            lid.file_size > MAX_VERHOUDING * max(lid.compress_size, 1)
        ):
            raise ValidationError(
                "Dit bestand is ongewoon sterk samengeperst en wordt daarom niet aangenomen "
                "(mogelijk een zip-bom)."
            )
        if _ongeldige_naam(lid.filename) or lid.filename in namen:
            raise ValidationError(
                "Dit bestand bevat onderdelen met een ongeldige of dubbele naam en wordt "
                "daarom niet aangenomen."
            )
        if lid.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValidationError(
                "Dit bestand is op een ongebruikelijke manier samengeperst en wordt daarom "
                "niet aangenomen. Sla het opnieuw op en probeer het opnieuw."
            )
        namen.add(lid.filename)


def _ongeldige_naam(naam: str) -> bool:
    """A part that would land outside the folder it is unpacked in."""
    delen = naam.replace("\\", "/").split("/")
    return (
        not naam
        or "\x00" in naam
        or "\\" in naam
        or naam.startswith("/")
        or re.match(r"[A-Za-z]:", naam) is not None
        or ".." in delen
    )


def _heeft_verplichte_delen(archief: zipfile.ZipFile, namen: set[str], extensie: str) -> bool:
    if extensie in OOXML_MAP:
        map_ = OOXML_MAP[extensie]
        return "[Content_Types].xml" in namen and any(n.startswith(map_) for n in namen)
    if "mimetype" not in namen or "content.xml" not in namen:
        return False
    if archief.getinfo("mimetype").file_size > 100:
        return False
    return archief.read("mimetype").strip() == ODF_MIMETYPE[extensie]
