"""A whole region on PostgreSQL, for the page and load benchmarks (not part of the test run).

Builds, on top of `seed_demo`, a region of LEERLINGEN pupils with the proportions of the
Holland Rijnland region at 100,000 pupils: 300 schools in 13 municipalities and 3 pairs of
SWVs, about 5,000 open trajecten (with MDOs, invitations and reports), 4,000 OPP versions
(goals, inzet, signature requests), 42,000 consent rows with the object permissions they
give, 1,000 TLV requests, 3,000 pupils in the fasenmodel, 700 thuiszitters, jeugdhulp with
hours, and 1,000,000 access-log rows. Everything scales with --leerlingen. The demo
coördinator's school (De Regenboog, ib@demo.nl) gets 1.5% of the pupils, at least 300
(a quarter in a very small region) and at most 1,500; it lies in the demo jeugdteam's
municipality (Leiden, jeugdteam@demo.nl).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_region_100k \\
        .venv/bin/python benchmarks/region.py --leerlingen 100000 [--opnieuw]

The database is created when missing, migrated and seeded. On a database that already
holds pupils the script refuses (--opnieuw drops and recreates it first). The big tables
go in with COPY; names are Dutch and fictional, dates relative to today. Target: 100,000
pupils in under 10 minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from regio.basis import Basis  # noqa: E402
from regio.database import maak_database  # noqa: E402
from regio.demo import lang_opp, sam_traject  # noqa: E402
from regio.leerlingen import Leerlingen  # noqa: E402
from regio.namen import stap  # noqa: E402
from regio.opp import Opps  # noqa: E402
from regio.organisaties import Organisaties  # noqa: E402
from regio.overig import Overig  # noqa: E402
from regio.route import Route  # noqa: E402
from regio.tlv import Tlvs  # noqa: E402


class Regio(Organisaties, Leerlingen, Route, Opps, Tlvs, Overig, Basis):
    """The whole region, built step by step (each step in its module under regio/)."""

    def bouw(self) -> None:
        with stap("organisaties"):
            self.organisaties()
        with stap("medewerkers"):
            self.medewerkers()
        with stap("leerlingen en ouders"):
            self.leerlingen()
        with stap("keuze van de dossiers"):
            self.kies_dossiers()
        with stap("toestemmingen en objectrechten"):
            self.toestemmingen()
        with stap("trajecten"):
            self.trajecten()
        with stap("MDO's, genodigden en verslagen"):
            self.mdos()
        with stap("OPP's, doelen, inzet en ondertekeningen"):
            self.opps()
        with stap("TLV-aanvragen"):
            self.tlvs()
        with stap("fasenmodel en thuiszitters"):
            self.fasen()
            self.thuiszitters()
        with stap("jeugdhulp en uren"):
            self.jeugdhulp()
        with stap("toegangslog"):
            self.toegangslog()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leerlingen", type=int, default=100_000)
    parser.add_argument(
        "--zaad", type=int, default=2026, help="random seed (same seed, same region)"
    )
    parser.add_argument(
        "--opnieuw", action="store_true", help="de database eerst verwijderen en opnieuw maken"
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Zet DATABASE_URL op een PostgreSQL-database (postgres://...).")
    begin = time.perf_counter()
    maak_database(database_url, args.opnieuw)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"  # no query log in memory
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import Leerling

    with stap("migreren"):
        call_command("migrate", verbosity=0)
    if Leerling.objects.exists():
        raise SystemExit(
            f"De database bevat al {Leerling.objects.count()} leerlingen: region.py bouwt "
            "alleen op een lege database. Gebruik --opnieuw om hem te verwijderen en opnieuw "
            "te maken, of kies een andere DATABASE_URL."
        )
    print(f"Regio met {args.leerlingen} leerlingen:")
    with stap("seed_demo"), open(os.devnull, "w") as stil:
        call_command("seed_demo", verbosity=0, stdout=stil)
    regio = Regio(args.leerlingen, args.zaad)
    with transaction.atomic():
        regio.bouw()
        sam_traject()
        lang_opp()
    from django.db import connection

    with stap("ANALYZE"), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Klaar in {time.perf_counter() - begin:.0f} s. Rijen per tabel:")
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in ("accounts", "route", "opp", "tlv", "fasenmodel", "jeugdhulp"):
            if model.__name__.startswith("Historical"):
                continue
            aantal = model.objects.count()
            if aantal:
                print(f"  {model._meta.label:<38} {aantal:>10,}".replace(",", "."))


if __name__ == "__main__":
    main()
