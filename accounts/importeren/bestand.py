"""Reading an uploaded export: CSV (comma or semicolon; UTF-8 with or without BOM, or
Windows-1252) or Excel (.xlsx), into a header and numbered rows.

The file is checked by its content, not its name, and is never stored: only the rows
read from it are (see docs/import.md). Row numbers are those a spreadsheet shows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat

from .kolommen import aantal_herkend

GEEN_CSV_OF_EXCEL = (
    "Dit bestand is geen CSV- of Excelbestand. Sla de export op als CSV of als Excel "
    "(.xlsx) en probeer het opnieuw."
)
GEEN_LEERLINGEN = "Het bestand bevat geen leerlingen."
MAX_RIJEN = 20_000
MAX_KOLOMMEN = 200
# An .xlsx is a zip: a small file can unpack to a very large one.
MAX_UITGEPAKT = 200 * 1024 * 1024
ZOEK_KOP_IN = 10
TEKSTSOORTEN = {"", ".csv", ".txt", ".tsv", ".json", ".html", ".htm", ".xml", ".slk"}


# (row number as shown in a spreadsheet, cells)
Regel = tuple[int, list[object]]


@dataclass
class Tabel:
    kopregel: list[object]
    rijen: list[Regel]


def lees_tabel(bestand: File) -> Tabel:
    """Raise a Dutch ValidationError, or return the header and the non-empty rows."""
    naam = (getattr(bestand, "name", "") or "").lower()
    grootte = getattr(bestand, "size", None)
    if grootte is not None and grootte > settings.SAMENPLAN_IMPORT_MAX_BYTES:
        raise _te_groot()
    if hasattr(bestand, "seek"):
        bestand.seek(0)
    inhoud = bestand.read(settings.SAMENPLAN_IMPORT_MAX_BYTES + 1)
    if len(inhoud) > settings.SAMENPLAN_IMPORT_MAX_BYTES:
        raise _te_groot()
    if not inhoud.strip():
        raise ValidationError(GEEN_LEERLINGEN)
    if naam.endswith((".xlsx", ".xlsm")) or inhoud.startswith(b"PK\x03\x04"):
        regels = _xlsx_regels(inhoud)
    elif naam.endswith(".xls"):
        raise ValidationError(
            "Oude Excelbestanden (.xls) worden niet gelezen. Sla de export in Excel op als "
            ".xlsx of als CSV en probeer het opnieuw."
        )
    else:
        regels = _csv_regels(_als_tekst(inhoud))
    return _tabel(regels)


def _te_groot() -> ValidationError:
    limiet = filesizeformat(settings.SAMENPLAN_IMPORT_MAX_BYTES)
    return ValidationError(
        f"Het bestand is te groot: maximaal {limiet}. Exporteer alleen de kolommen die de "
        "import gebruikt, of splits het bestand en vink dan 'volledige export' uit."
    )


def _als_tekst(inhoud: bytes) -> str:
    if b"\x00" in inhoud:
        raise ValidationError(GEEN_CSV_OF_EXCEL)
    try:
        herkend = puremagic.magic_string(inhoud[:8192])
    except (puremagic.PureError, ValueError):
        herkend = []
    # puremagic knows binary formats by their signature (a PDF's scores 0.4); what it
    # guesses for text (json, html, SYLK) is no reason to refuse.
    if any(m.confidence >= 0.4 and m.extension.lower() not in TEKSTSOORTEN for m in herkend):
        raise ValidationError(GEEN_CSV_OF_EXCEL)
    if inhoud.startswith(b"\xef\xbb\xbf"):
        inhoud = inhoud[3:]
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError:
        try:
            tekst = inhoud.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValidationError(GEEN_CSV_OF_EXCEL) from exc
    stuurtekens = sum(1 for teken in tekst if ord(teken) < 32 and teken not in "\t\r\n")
    if stuurtekens > max(5, len(tekst) // 100):
        raise ValidationError(GEEN_CSV_OF_EXCEL)
    return tekst


def _scheidingsteken(tekst: str) -> str:
    """The delimiter of the header line: semicolon (Dutch Excel), comma or tab."""
    eerste = next((regel for regel in tekst.splitlines() if regel.strip()), "")
    tellingen = {teken: eerste.count(teken) for teken in (";", ",", "\t")}
    return max(tellingen, key=lambda teken: tellingen[teken]) if any(tellingen.values()) else ","


def _csv_regels(tekst: str) -> Iterator[Regel]:
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=_scheidingsteken(tekst))
    try:
        for nummer, regel in enumerate(lezer, start=1):
            yield nummer, regel[:MAX_KOLOMMEN]
    except csv.Error as exc:
        raise ValidationError(
            "Het CSV-bestand kan niet worden gelezen (bijvoorbeeld een aanhalingsteken dat "
            "niet wordt gesloten). Exporteer het opnieuw uit de leerlingadministratie."
        ) from exc


def _xlsx_regels(inhoud: bytes) -> Iterator[Regel]:
    from openpyxl import load_workbook

    kapot = ValidationError(
        "Dit Excelbestand kan niet worden gelezen: het is beschadigd of geen echt "
        ".xlsx-bestand. Open het in Excel, kies 'Opslaan als' met type Excel-werkmap "
        "(.xlsx) of CSV, en probeer het opnieuw."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            uitgepakt = sum(info.file_size for info in archief.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise kapot from exc
    if uitgepakt > MAX_UITGEPAKT:
        raise _te_groot()
    # A zip that opens can still hold anything: broken XML (ParseError), a missing part,
    # XML entities (refused by defusedxml, which openpyxl uses once installed), cells
    # openpyxl cannot make sense of. Whatever it raises, the file is unreadable: a Dutch
    # message, never a 500.
    try:
        # read_only streams the sheet; data_only gives a formula's stored result and
        # never evaluates anything.
        werkmap = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as exc:
        raise kapot from exc
    try:
        if not werkmap.worksheets:
            raise ValidationError(GEEN_LEERLINGEN)
        rijen = werkmap.worksheets[0].iter_rows(values_only=True, max_col=MAX_KOLOMMEN)
        for nummer, regel in enumerate(rijen, start=1):
            if nummer > 5 * MAX_RIJEN:  # mostly empty formatted rows: refuse, do not spin
                raise _te_groot()
            yield nummer, list(regel)
    except ValidationError:
        raise
    except Exception as exc:
        raise kapot from exc
    finally:
        werkmap.close()


def _is_leeg(regel: list[object]) -> bool:
    return all(cel is None or (isinstance(cel, str) and not cel.strip()) for cel in regel)


def _tabel(regels: Iterable[Regel]) -> Tabel:
    """The header is the first of the first rows that names known columns (an export may
    start with a title line); without one, the first non-empty row."""
    gevuld: list[tuple[int, list[object]]] = []
    for nummer, regel in regels:
        if _is_leeg(regel):
            continue
        gevuld.append((nummer, regel))
        if len(gevuld) > MAX_RIJEN + ZOEK_KOP_IN:
            raise ValidationError(
                f"Het bestand bevat meer dan {MAX_RIJEN:_} leerlingen. Splits het bestand en "
                "vink dan 'volledige export' uit.".replace("_", ".")
            )
    if not gevuld:
        raise ValidationError(GEEN_LEERLINGEN)
    kop = next(
        (i for i, (_, regel) in enumerate(gevuld[:ZOEK_KOP_IN]) if aantal_herkend(regel) >= 2),
        0,
    )
    rijen = gevuld[kop + 1 :]
    if not rijen:
        raise ValidationError(GEEN_LEERLINGEN)
    return Tabel(kopregel=list(gevuld[kop][1]), rijen=rijen)
