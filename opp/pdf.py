"""The OPP as a PDF that looks like an official school document.

Rendered from a Django template with WeasyPrint (imported only when a PDF is made).
Only the bundled fonts in static/vendor/fonts are read. Any other URL is refused: other
local files, http(s), data:, ftp and file://otherhost/. The fetcher opens the file it
checked itself, so what urllib would decode differently cannot slip past the check.
Text from users that goes into a CSS string (the letterhead) is escaped with css_tekst.
"""

from __future__ import annotations

import mimetypes
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from opp.inhoud import canoniek, sha256
from opp.models import Inzet, Ondertekening, Opp

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts"


class NetwerkGeweigerd(ValueError):
    pass


def _controleer(url: str) -> Path:
    """The bundled font file a URL names; NetwerkGeweigerd for anything else.

    The path is percent-decoded once (as a file URL is), then resolved with realpath
    (``..`` removed, symlinks followed) and must lie inside the fonts folder. A path that
    still holds a ``%`` after decoding (double encoding), a backslash or a NUL byte is
    refused outright, as are a host (file://localhost/ too), a query and a fragment.
    """
    delen = urlsplit(url)
    if delen.scheme.lower() != "file":
        raise NetwerkGeweigerd(f"Geen netwerk bij het maken van een pdf: {url[:40]}")
    try:
        pad = unquote(delen.path, errors="strict")
    except UnicodeDecodeError as exc:
        raise NetwerkGeweigerd("Alleen lettertypen uit static/vendor/fonts.") from exc
    if delen.netloc or delen.query or delen.fragment or any(t in pad for t in "%\\\x00"):
        raise NetwerkGeweigerd("Alleen lettertypen uit static/vendor/fonts.")
    echt = Path(os.path.realpath(pad))
    if Path(os.path.realpath(FONT_DIR)) not in echt.parents or not echt.is_file():
        raise NetwerkGeweigerd("Alleen lettertypen uit static/vendor/fonts.")
    return echt


def _fetcher() -> URLFetcher:
    """A WeasyPrint URL fetcher that reads only the bundled fonts (fails hard otherwise)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class AlleenLettertypen(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            try:
                pad = _controleer(url)
            except NetwerkGeweigerd as exc:
                raise FatalURLFetchingError(str(exc)) from exc
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(pad.as_uri(), pad.read_bytes(), {"Content-Type": soort})

    return AlleenLettertypen(allowed_protocols={"file"}, fail_on_errors=True)


def css_tekst(tekst: str) -> str:
    """Text for a CSS string in the page margin (e.g. "'t Kompas" in the letterhead).

    Every character other than an ASCII letter or digit is written as a CSS escape of
    six hex digits and a space (CSS Syntax Level 3, 4.3.7 "consume an escaped code
    point"; the OWASP XSS Prevention Cheat Sheet, rule 4, escapes all non-alphanumerics
    the same way). So no quote, backslash, CR, LF or form feed ends the string, and no
    ``<`` closes the style element. Control characters (line breaks too) become a space.
    """
    return "".join(_css_teken(teken) for teken in tekst)


def _css_teken(teken: str) -> str:
    if teken.isascii() and teken.isalnum():
        return teken
    if unicodedata.category(teken) == "Cc":  # a line break, tab or other control character
        teken = " "
    return f"\\{ord(teken):06x} "


def html(
    opp: Opp,
    *,
    bijlagen: list | None = None,
    gezinsplan=None,
    gezinsplan_gedeeld: bool = False,
) -> str:
    """The OPP's HTML for the PDF. An attachment that is the gezinsplan is listed only when
    `gezinsplan_gedeeld` (the parents' consent covers the reader: docs/opp.md)."""
    if bijlagen is None:
        bijlagen = list(opp.bijlagen.all())
    doelen = list(
        opp.doelen.prefetch_related(Prefetch("inzet", Inzet.objects.select_related("organisatie")))
    )
    return render_to_string(
        "opp/pdf.html",
        {
            "opp": opp,
            "leerling": opp.leerling,
            "school": opp.school,
            "school_css": css_tekst(opp.school.naam),
            "bijlagen": [b for b in bijlagen if gezinsplan_gedeeld or not b.is_gezinsplan],
            "gezinsplan": gezinsplan,
            "gezinsplan_gedeeld": gezinsplan_gedeeld,
            "doelen": doelen,
            "ondertekeningen": list(
                opp.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN).select_related(
                    "ondertekenaar", "namens"
                )
            ),
            "inhoud_hash": sha256(canoniek(opp, doelen)),  # the goals it prints
            "font_dir": FONT_DIR.as_uri(),
            "gemaakt_op": timezone.localtime(),
        },
    )


# PDF/UA-1 (ISO 14289-1): a tagged PDF (structure tree, headings, tables with their
# headers, lists) with the language and title of the template's <html lang> and <title>,
# bookmarks from its headings and the PDF/UA mark in the XMP metadata, so a screen reader
# can read the document (docs/ui.md, "PDF").
PDF_VARIANT = "pdf/ua-1"


def pdf_van_html(inhoud: str) -> bytes:
    """Any HTML (from our own templates) to an accessible PDF, reading only the bundled
    fonts. Every PDF Samenplan makes goes through here: the OPP, the MDO report and the
    TLV decision letter."""
    from weasyprint import HTML

    return HTML(string=inhoud, url_fetcher=_fetcher(), base_url=FONT_DIR.as_uri()).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def render(template: str, context: dict) -> bytes:
    """A PDF from a Django template; the context gets `font_dir` for @font-face."""
    return pdf_van_html(render_to_string(template, {"font_dir": FONT_DIR.as_uri(), **context}))


def render_pdf(opp: Opp, **kwargs) -> bytes:
    return pdf_van_html(html(opp, **kwargs))


def opwarmen() -> None:
    """Loads WeasyPrint, the OPP template and every font face it uses, so a user's first
    PDF costs what any other does.

    The web server calls this in every new worker (config/gunicorn.conf.py). It renders
    the OPP template itself, for an OPP that exists only in memory (no query): the same
    stylesheet, page margins, tables and the regular, bold and italic faces.
    """
    from datetime import date

    from accounts.models import Leerling, Organisatie

    school = Organisatie(naam="Samenplan")
    leerling = Leerling(
        voornaam="Sam", achternaam="Samenplan", geboortedatum=date(2015, 1, 1), school=school
    )
    opp = Opp(leerling=leerling, school=school, versie=1, onderbouwing="Samenplan")
    inhoud = render_to_string(
        "opp/pdf.html",
        {
            "opp": opp,
            "leerling": leerling,
            "school": school,
            "school_css": css_tekst(school.naam),
            "bijlagen": [],
            "doelen": [],
            "ondertekeningen": [],
            "inhoud_hash": sha256(""),
            "font_dir": FONT_DIR.as_uri(),
            "gemaakt_op": timezone.localtime(),
        },
    )
    pdf_van_html(inhoud.replace("</body>", "<p><em>Samenplan</em></p></body>"))
