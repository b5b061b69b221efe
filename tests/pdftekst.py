"""The text a PDF shows, read back from WeasyPrint's own output (no PDF library needed).

WeasyPrint (through pydyf) writes every font as a Type0 font with two-byte glyph codes
and a ToUnicode map, and keeps most dictionaries in compressed object streams. This
reads just that: the objects, the fonts' ToUnicode maps and the text operators of every
content stream. It is for tests only; a PDF from another producer may need more.
"""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_BEGIN = re.compile(rb"stream\r?\n")
_LENGTE = re.compile(rb"/Length (\d+)(?! \d+ R)")
_FONTS = re.compile(rb"/([A-Za-z0-9_.+-]+) (\d+) 0 R")
_TEKST = re.compile(
    rb"/([A-Za-z0-9_.+-]+) [\d.]+ Tf|\[([^\[\]]*)\] TJ|<([0-9a-fA-F]*)> Tj"
    rb"|(-?[\d.]+) Tm\b|\b(ET)\b",
    re.S,
)


def _stroom(body: bytes) -> bytes | None:
    gevonden = _STREAM.search(body)
    if gevonden is None:
        return None
    data = gevonden.group(1)
    # The stream's own /Length, where it is a number: compressed data may end in a CR
    # or LF byte, which the pattern above would take for the line break before endstream.
    lengte = _LENGTE.search(body.split(b"stream", 1)[0])
    if lengte:
        begin = _BEGIN.search(body).end()
        data = body[begin : begin + int(lengte.group(1))]
    if b"/FlateDecode" in body.split(b"stream", 1)[0]:
        return zlib.decompress(data)
    return data


def objecten(pdf: bytes) -> dict[int, bytes]:
    """Every object by number, those inside object streams included (streams decoded)."""
    alle: dict[int, bytes] = {}
    for nummer, body in _OBJ.findall(pdf):
        alle[int(nummer)] = body
        kop = body.split(b"stream", 1)[0]
        if b"/ObjStm" not in kop:
            continue
        data = _stroom(body) or b""
        eerste = int(re.search(rb"/First (\d+)", kop).group(1))
        getallen = [int(g) for g in data[:eerste].split()]
        paren = list(zip(getallen[::2], getallen[1::2], strict=True))
        for i, (num, start) in enumerate(paren):
            eind = paren[i + 1][1] if i + 1 < len(paren) else len(data) - eerste
            alle[num] = data[eerste + start : eerste + eind]
    return alle


def _cmap(data: bytes) -> dict[bytes, str]:
    kaart: dict[bytes, str] = {}
    for code, uni in re.findall(
        rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", data.split(b"endcodespacerange")[-1]
    ):
        kaart[code.lower()] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    return kaart


def _kaarten(alle: dict[int, bytes]) -> dict[bytes, dict[bytes, str]]:
    """Font resource name -> its ToUnicode map (WeasyPrint's names are unique per font)."""
    per_font: dict[int, dict[bytes, str]] = {}
    for nummer, body in alle.items():
        doel = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if doel:
            per_font[nummer] = _cmap(_stroom(alle[int(doel.group(1))]) or b"")
    kaarten: dict[bytes, dict[bytes, str]] = {}
    for body in alle.values():
        for naam, nummer in _FONTS.findall(body):
            if int(nummer) in per_font:
                kaarten[naam] = per_font[int(nummer)]
    return kaarten


def tekst(pdf: bytes) -> str:
    """All text shown on the pages (and in form XObjects), a line per text line."""
    alle = objecten(pdf)
    kaarten = _kaarten(alle)
    delen: list[str] = []
    for body in alle.values():
        data = _stroom(body) if b"stream" in body else None
        if not data or b" Tf" not in data:
            continue
        kaart: dict[bytes, str] = {}
        regel = b""
        for font, tj, tj_enkel, hoogte, einde in _TEKST.findall(data):
            if font:
                kaart = kaarten.get(font, {})
            elif einde or (hoogte and hoogte != regel):
                regel = hoogte
                delen.append("\n")  # another text object or another line
            else:
                for hexa in re.findall(rb"<([0-9a-fA-F]*)>", tj) if tj else [tj_enkel]:
                    delen.extend(
                        kaart.get(hexa[i : i + 4].lower(), "") for i in range(0, len(hexa), 4)
                    )
    return "".join(delen)


def alle_bytes(pdf: bytes) -> bytes:
    """The whole PDF with every stream decoded: to look for bytes of an embedded file."""
    return pdf + b"".join(
        _stroom(body) or b"" for body in objecten(pdf).values() if b"stream" in body
    )
