"""Small real documents for upload tests: a PDF with header, objects, cross-reference
table, trailer and %%EOF (accounts/bestandscontrole.py checks all of them), and an
Office file with the parts Word writes."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(tekst: str = "") -> bytes:
    """A one-page PDF; `tekst` goes into a comment line, to tell files apart."""
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    uit = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    if tekst:
        uit += b"% " + tekst.encode() + b"\n"
    posities = []
    for nummer, inhoud in enumerate(objecten, start=1):
        posities.append(len(uit))
        uit += b"%d 0 obj\n%s\nendobj\n" % (nummer, inhoud)
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    for positie in posities:
        uit += b"%010d 00000 n \n" % positie
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return bytes(uit)


def pdf(naam: str = "document.pdf", tekst: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, pdf_bytes(tekst), "application/pdf")


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        archief.writestr("_rels/.rels", "<Relationships/>")
        archief.writestr("word/document.xml", "<w:document/>")
        for naam, inhoud in (extra or {}).items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()
