"""The OPP as a PDF that looks like an official school document.

Rendered from a Django template with WeasyPrint (imported only when a PDF is made).
Only local files are read: fonts come from static/vendor/fonts, and any other URL,
including http(s), is refused, so rendering never touches the network.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts"


class NetwerkGeweigerd(ValueError):
    pass


def _alleen_lokaal(url: str, *args, **kwargs):
    from weasyprint import default_url_fetcher

    if not url.startswith("file://"):
        raise NetwerkGeweigerd(f"Geen netwerk bij het maken van een pdf: {url[:40]}")
    pad = Path(url.removeprefix("file://")).resolve()
    if FONT_DIR.resolve() not in pad.parents:
        raise NetwerkGeweigerd("Alleen lettertypen uit static/vendor/fonts.")
    return default_url_fetcher(url, *args, **kwargs)


def html(opp: Opp) -> str:
    return render_to_string(
        "opp/pdf.html",
        {
            "opp": opp,
            "leerling": opp.leerling,
            "school": opp.school,
            "doelen": list(opp.doelen.prefetch_related("inzet__organisatie")),
            "ondertekeningen": list(
                opp.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN).select_related(
                    "ondertekenaar", "namens"
                )
            ),
            "inhoud_hash": sha256(canoniek(opp)),
            "font_dir": FONT_DIR.as_uri(),
            "gemaakt_op": timezone.localtime(),
        },
    )


def render_pdf(opp: Opp) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=html(opp), url_fetcher=_alleen_lokaal, base_url=FONT_DIR.as_uri()
    ).write_pdf()
