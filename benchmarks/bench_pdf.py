"""How fast the OPP's PDF renders (not part of the test run).

Builds an OPP of about ten A4 pages (goals with their inzet, long texts and signatures)
in a scratch database and times `opp.pdf.render_pdf` (template, layout and PDF writing).

    .venv/bin/python benchmarks/bench_pdf.py

Target: a 10-page OPP in 1.0 s or less (median of 5 runs) on the 2-core machine.
"""

import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)

from django.core.management import call_command  # noqa: E402

RUNS = 5
DOELEN = 12
ALINEA = (
    "Sam heeft baat bij voorspelbaarheid en korte instructies. Thuis en op school werken "
    "we met dezelfde dagstructuur, zodat hij weet wat er komt en minder spanning ervaart. "
)


def main() -> None:
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", verbosity=0, stdout=devnull)
    from weasyprint import HTML

    from opp.domein import Ontwikkelingsdomein
    from opp.models import Inzet, Opp, OppDoel
    from opp.pdf import FONT_DIR, _fetcher, html, render_pdf

    opp = Opp.objects.get(leerling__voornaam="Sam")
    for veld in ("onderbouwing", "ondersteuningsbehoeften", "integratief_beeld", "afwijkingen"):
        setattr(opp, veld, ALINEA * 6)
    opp.save()
    domeinen = list(Ontwikkelingsdomein)
    for nummer in range(DOELEN):
        doel = OppDoel.objects.create(
            opp=opp,
            volgorde=10 + nummer,
            domein=domeinen[nummer % len(domeinen)],
            soort="beide",
            omschrijving=ALINEA * 2,
            criterium=ALINEA,
        )
        Inzet.objects.bulk_create(
            Inzet(
                doel=doel,
                wat=f"Inzet {i}: {ALINEA[:120]}",
                wie="Mentor",
                vanaf=date.today(),
                tot=date.today() + timedelta(days=90),
                uren_per_week=2,
            )
            for i in range(3)
        )
    pagina_s = len(
        HTML(string=html(opp), url_fetcher=_fetcher(), base_url=FONT_DIR.as_uri()).render().pages
    )
    render_pdf(opp)  # warm up: fonts and templates
    tijden = []
    for _ in range(RUNS):
        start = time.perf_counter()
        pdf = render_pdf(opp)
        tijden.append(time.perf_counter() - start)
    print(
        f"OPP pdf: {pagina_s} pages, {len(pdf) // 1024} KiB, "
        f"median {statistics.median(tijden):.2f} s "
        f"(min {min(tijden):.2f} s, max {max(tijden):.2f} s, {RUNS} runs)"
    )


if __name__ == "__main__":
    main()
