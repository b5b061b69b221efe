"""How fast the coördinator's pages answer with many trajecten (not part of the test run).

Builds the demo region plus TRAJECTEN open trajecten at one school, each with an MDO
whose invitations went out, then times full requests (view, queries and template) for
ib@demo.nl: "Mijn werk" (the home page), the trajecten list, one traject page and one
MDO page, and the consent check for one pupil.

    .venv/bin/python benchmarks/bench_werk.py                  # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_bench \\
        .venv/bin/python benchmarks/bench_werk.py              # PostgreSQL (created if missing)

Target: every page under 300 ms (median of 20 runs) on the 2-core machine.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SAMENPLAN_TWO_FACTOR_REQUIRED"] = "false"
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

TRAJECTEN = 300
RUNS = 20


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def maak_database() -> None:
    """A fresh database (PostgreSQL: dropped and created) with the demo region."""
    if connection.vendor == "postgresql":
        from django.db import connections

        settings = connections["default"].settings_dict
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", verbosity=0, stdout=devnull)


def bouw_werkvoorraad():
    """TRAJECTEN open trajecten at ib@demo.nl's school, each with an MDO that was sent.

    Also used by benchmarks/bench_server.py. Returns (ib, trajecten, mdos).
    """
    from accounts.models import Leerling, Lidmaatschap, User
    from arrangeren.route.models import Genodigde, Mdo, Traject

    ib_lid = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    ib = ib_lid.user
    school = ib_lid.organisatie
    leerlingen = Leerling.objects.bulk_create(
        Leerling(
            voornaam=f"Bench{i}",
            achternaam="Traject",
            geboortedatum=date(2015, 1, 1),
            school=school,
        )
        for i in range(TRAJECTEN)
    )
    trajecten = Traject.objects.bulk_create(
        Traject(
            leerling=leerling,
            geopend_door=ib,
            geopend_namens=school,
            regievoerder=school,
            huidige_stap=4,
            evaluatiedatum=date.today() - timedelta(days=i % 3),
        )
        for i, leerling in enumerate(leerlingen)
    )
    nu = timezone.now()
    mdos = Mdo.objects.bulk_create(
        Mdo(
            traject=traject,
            cyclus=1,
            doel="Plan",
            start=nu + timedelta(days=1 + i % 10),
            eind=nu + timedelta(days=1 + i % 10, hours=1),
            locatie="School",
            voorzitter=ib,
            status=Mdo.Status.UITGENODIGD,
            uitnodigingen_verstuurd_op=nu - timedelta(days=5),
        )
        for i, traject in enumerate(trajecten)
    )
    mentor = User.objects.get(email="mentor@demo.nl")
    Genodigde.objects.bulk_create(
        Genodigde(
            mdo=mdo,
            user=gebruiker,
            rol="school",
            organisatie=school,
            uitgenodigd_op=nu - timedelta(days=5),
        )
        for mdo in mdos
        for gebruiker in (ib, mentor)
    )
    return ib, trajecten, mdos


def main() -> None:
    from accounts.toestemming import Toestemmingen
    from arrangeren.route.models import Traject

    maak_database()
    ib, trajecten, mdos = bouw_werkvoorraad()
    school = trajecten[0].leerling.school
    client = Client()
    client.force_login(ib)
    traject = trajecten[0]
    pages = {
        "Mijn werk (home)": reverse("home"),
        "Trajecten (lijst)": reverse("arrangeren:traject_list"),
        "Traject (detail)": reverse("arrangeren:traject_detail", args=[traject.uuid]),
        "MDO (detail)": reverse("arrangeren:mdo_detail", args=[mdos[0].uuid]),
    }
    print(f"{connection.vendor}: {Traject.objects.count()} open trajecten, median of {RUNS} runs")
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        teller = []

        def tel(execute, *args, teller=teller):
            teller.append(1)
            return execute(*args)

        with connection.execute_wrapper(tel):
            client.get(url)
        ms = median_ms(lambda url=url: client.get(url))
        print(f"  {name:<28} {ms:7.1f} ms  {len(teller):3d} queries")
    ms = median_ms(lambda: Toestemmingen(traject.leerling).dekt("mdo_deelname", None, school.pk))
    print(f"  {'Toestemmingen(leerling)':<28} {ms:7.1f} ms")


if __name__ == "__main__":
    main()
