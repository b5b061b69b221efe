"""The decision letter on a TLV request, as HTML and as PDF (the shared WeasyPrint helper)."""

from __future__ import annotations

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from arrangeren.tlv import regels
from arrangeren.tlv.models import TlvAanvraag
from opp import pdf

TEMPLATE = "arrangeren/tlv/besluit_pdf.html"


def context(aanvraag: TlvAanvraag) -> dict:
    beslist = timezone.localtime(aanvraag.beslist_op).date()
    return {
        "aanvraag": aanvraag,
        "tlv": getattr(aanvraag, "tlv", None)
        if aanvraag.status == regels.Status.TOEGEKEND
        else None,
        "leerling": aanvraag.leerling,
        "swv": aanvraag.swv,
        "swv_css": pdf.css_tekst(aanvraag.swv.naam),
        "dagtekening": beslist,
        "bezwaar_weken": regels.BEZWAARTERMIJN_WEKEN,
        "bezwaar_tot": beslist + timedelta(weeks=regels.BEZWAARTERMIJN_WEKEN),
        "font_dir": pdf.FONT_DIR.as_uri(),
        # Addressees, the expert advice taken over, and who decided.
        "ouders": [
            g.ouder
            for g in aanvraag.leerling.gezagen.filter(heeft_gezag=True).select_related("ouder")
        ],
        "school": aanvraag.school,
        "adviezen": list(aanvraag.adviezen.order_by("rang")),
        "consulent": aanvraag.consulent,
    }


def html(aanvraag: TlvAanvraag) -> str:
    return render_to_string(TEMPLATE, context(aanvraag))


def render_pdf(aanvraag: TlvAanvraag) -> bytes:
    return pdf.pdf_van_html(html(aanvraag))
