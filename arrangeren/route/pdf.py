"""The final MDO report as a PDF, made the way the OPP's is (opp/pdf.py): a Django
template rendered by WeasyPrint, imported only when a PDF is made, reading only the
bundled fonts and nothing from the network."""

from __future__ import annotations

from django.utils import timezone

from arrangeren.route.forms import VERSLAGSTAPPEN
from arrangeren.route.models import Mdo, Mdoverslag
from opp.pdf import css_tekst, render


def render_verslag_pdf(mdo: Mdo, verslag: Mdoverslag) -> bytes:
    school = mdo.traject.leerling.school
    return render(
        "arrangeren/verslag_pdf.html",
        {
            "mdo": mdo,
            "verslag": verslag,
            "leerling": mdo.traject.leerling,
            "school": school,
            "school_css": css_tekst(school.naam if school else "Samenplan"),
            "aanwezigen": list(verslag.aanwezigen.all()),
            "stapvelden": [
                (stap, [(label, verslag.velden.get(naam, "")) for naam, label in stap.uitkomsten])
                for stap in VERSLAGSTAPPEN
            ],
            "doelen": list(verslag.doelen.prefetch_related("afspraken__organisatie")),
            "gemaakt_op": timezone.localtime(),
        },
    )
