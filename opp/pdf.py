"""The OPP as a PDF that looks like an official school document.

Rendered from a Django template with WeasyPrint (imported only when a PDF is made).
Only local files are read: fonts come from static/vendor/fonts, and any other URL,
including http(s), is refused, so rendering never touches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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


def _controleer(url: str) -> None:
    if not url.startswith("file://"):
        raise NetwerkGeweigerd(f"Geen netwerk bij het maken van een pdf: {url[:40]}")
    pad = Path(url.removeprefix("file://").split("?")[0]).resolve()
    if FONT_DIR.resolve() not in pad.parents:
        raise NetwerkGeweigerd("Alleen lettertypen uit static/vendor/fonts.")


def _fetcher() -> URLFetcher:
    """A WeasyPrint URL fetcher that reads only the bundled fonts (fails hard otherwise)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class AlleenLokaal(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            try:
                _controleer(url)
            except NetwerkGeweigerd as exc:
                raise FatalURLFetchingError(str(exc)) from exc
            return super().fetch(url, headers)

    return AlleenLokaal(allowed_protocols={"file"}, fail_on_errors=True)


def css_tekst(tekst: str) -> str:
    """Text for a CSS string in the page margin (e.g. "'t Kompas" in the letterhead)."""
    return tekst.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")


def html(opp: Opp) -> str:
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
            "bijlagen": list(opp.bijlagen.all()),
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


def pdf_van_html(inhoud: str) -> bytes:
    """Any HTML (from our own templates) to PDF, reading only the bundled fonts."""
    from weasyprint import HTML

    return HTML(string=inhoud, url_fetcher=_fetcher(), base_url=FONT_DIR.as_uri()).write_pdf()


def render(template: str, context: dict) -> bytes:
    """A PDF from a Django template; the context gets `font_dir` for @font-face."""
    return pdf_van_html(render_to_string(template, {"font_dir": FONT_DIR.as_uri(), **context}))


def render_pdf(opp: Opp) -> bytes:
    return pdf_van_html(html(opp))


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
