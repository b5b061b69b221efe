"""What a screen reader needs from a PDF, read back with pypdf (PDF/UA-1, ISO 14289-1).

A tagged PDF carries a structure tree (headings, paragraphs, tables with their header
cells, lists) beside what is drawn, the language of its text, a title shown instead of
the file name, bookmarks, and the PDF/UA mark in its XMP metadata. `lees` collects just
that, so a test can assert it; opp/pdf.py makes every PDF this way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITEL = (
    ".//{http://purl.org/dc/elements/1.1/}title//{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
)


@dataclass
class Toegankelijkheid:
    gemarkeerd: bool  # /MarkInfo /Marked true: the content is tagged
    structuur: list[str]  # the structure elements in reading order: "H1", "P", "TD", ...
    taal: str | None  # the catalog's /Lang
    titel: str  # /Info /Title
    xmp_titel: str  # dc:title in the XMP metadata
    toont_titel: bool  # /ViewerPreferences /DisplayDocTitle: a reader shows the title
    bladwijzers: list[str]  # the outline's titles, depth first
    pdfua_deel: str | None  # pdfuaid:part in the XMP metadata
    cellen_zonder_kop: list[int] = field(default_factory=list)  # TD cells without /Headers


def _kinderen(element: DictionaryObject) -> list[DictionaryObject]:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    lijst = kids if isinstance(kids, ArrayObject) else [kids]
    uit = []
    for kid in lijst:
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:  # not an MCID or an OBJR
            uit.append(kid)
    return uit


def _boom(element: DictionaryObject, uit: Toegankelijkheid) -> None:
    soort = str(element["/S"]).lstrip("/")
    uit.structuur.append(soort)
    if soort == "TD":
        attributen = element.get("/A")
        koppen = attributen.get_object().get("/Headers") if attributen is not None else None
        if not koppen:
            uit.cellen_zonder_kop.append(len(uit.structuur) - 1)
    for kind in _kinderen(element):
        _boom(kind, uit)


def _titels(outline: list) -> list[str]:
    uit: list[str] = []
    for item in outline:
        uit.extend(_titels(item) if isinstance(item, list) else [str(item.title)])
    return uit


def lees(pdf: bytes) -> Toegankelijkheid:
    lezer = PdfReader(BytesIO(pdf))
    catalogus = lezer.trailer["/Root"].get_object()
    markering = catalogus.get("/MarkInfo")
    voorkeuren = catalogus.get("/ViewerPreferences")
    xmp = lezer.xmp_metadata
    rdf = ET.fromstring(xmp.stream.get_data()) if xmp is not None else None
    delen = [e.get(PDFUAID) for e in rdf.iter() if e.get(PDFUAID)] if rdf is not None else []
    xmp_titel = rdf.find(DC_TITEL) if rdf is not None else None
    uit = Toegankelijkheid(
        gemarkeerd=bool(markering and markering.get_object().get("/Marked")),
        structuur=[],
        taal=str(catalogus["/Lang"]) if "/Lang" in catalogus else None,
        titel=(lezer.metadata.title or "") if lezer.metadata else "",
        xmp_titel=(xmp_titel.text or "") if xmp_titel is not None else "",
        toont_titel=bool(voorkeuren and voorkeuren.get_object().get("/DisplayDocTitle")),
        bladwijzers=_titels(lezer.outline),
        pdfua_deel=delen[0] if delen else None,
    )
    if "/StructTreeRoot" in catalogus:
        for element in _kinderen(catalogus["/StructTreeRoot"].get_object()):
            _boom(element, uit)
    return uit
