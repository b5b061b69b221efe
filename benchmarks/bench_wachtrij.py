"""Mails per second through the outbox, and the time from a commit to the mail leaving
(not part of the test run; docs/productie.md, "E-mail en achtergrondtaken").

1. Throughput: AANTAL messages written (a) in one transaction, as an import of a school
   does (jobs of 50 messages over one connection), and (b) in AANTAL transactions, as
   AANTAL user actions do (one job each); then one `db_worker --batch` run sends them
   all, timed, with the locmem mail backend (the mail server itself is not measured).
2. Latency: a real `manage.py db_worker` process at its default interval (1 s) while
   messages are committed one by one at random moments; time from the commit to
   `verstuurd_op`.

    .venv/bin/python benchmarks/bench_wachtrij.py                 # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_bench_mail \\
        .venv/bin/python benchmarks/bench_wachtrij.py             # PostgreSQL (recreated)
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings_wachtrij"
os.environ["DJANGO_DEBUG"] = "false"  # no query log in memory
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("SAMENPLAN_BENCH_SQLITE", f"{tempfile.mkdtemp()}/wachtrij.sqlite3")

import django

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.mail import stuur_mail  # noqa: E402
from accounts.models import Bericht  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
AANTAL = 1000
LATENTIE_BERICHTEN = 20
SJABLOON = "arrangeren/email/tlv.txt"
CONTEXT = {"soort": "besluit", "pad": "/tlv/"}


def maak_database() -> None:
    if connection.vendor == "postgresql":
        settings = connections["default"].settings_dict
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    call_command("migrate", verbosity=0)


def leeg() -> None:
    from django_tasks_db.models import DBTaskResult

    Bericht.objects.all().delete()
    DBTaskResult.objects.all().delete()
    mail.outbox = []


def worker_batch() -> float:
    start = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    return time.perf_counter() - start


def doorvoer(naam: str, schrijf) -> None:
    leeg()
    start = time.perf_counter()
    schrijf()
    geschreven = time.perf_counter() - start
    duur = worker_batch()
    verstuurd = Bericht.objects.filter(status=Bericht.Status.VERSTUURD).count()
    assert verstuurd == AANTAL == len(mail.outbox), (verstuurd, len(mail.outbox))
    print(
        f"  {naam}: schrijven {geschreven:.2f} s, db_worker --batch {duur:.2f} s "
        f"= {AANTAL / duur:.0f} berichten/s"
    )


def in_een_transactie() -> None:
    with transaction.atomic():
        stuur_mail([f"ouder{i}@voorbeeld.nl" for i in range(AANTAL)], "Test", SJABLOON, CONTEXT)


def per_handeling() -> None:
    for i in range(AANTAL):
        with transaction.atomic():
            stuur_mail([f"ouder{i}@voorbeeld.nl"], "Test", SJABLOON, CONTEXT)


def latentie() -> None:
    leeg()
    connection.close()  # the worker process gets the database to itself at start
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=os.environ.copy(),
    )
    try:
        time.sleep(3)  # started and polling
        gecommit = {}
        for i in range(LATENTIE_BERICHTEN):
            time.sleep(random.uniform(0.2, 1.8))  # any moment of the worker's 1 s wait
            with transaction.atomic():
                (bericht,) = stuur_mail([f"l{i}@voorbeeld.nl"], "Test", SJABLOON, CONTEXT)
            gecommit[bericht.pk] = timezone.now()
        einde = time.monotonic() + 30
        while time.monotonic() < einde:
            klaar = dict(
                Bericht.objects.filter(
                    pk__in=gecommit, status=Bericht.Status.VERSTUURD
                ).values_list("pk", "verstuurd_op")
            )
            if len(klaar) == len(gecommit):
                break
            time.sleep(0.2)
        tijden = sorted((klaar[pk] - gecommit[pk]).total_seconds() for pk in gecommit)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    print(
        f"  van commit tot verstuurd ({LATENTIE_BERICHTEN} berichten, worker --interval 1): "
        f"mediaan {statistics.median(tijden):.2f} s, p90 {tijden[int(0.9 * len(tijden))]:.2f} s, "
        f"max {tijden[-1]:.2f} s"
    )


def main() -> None:
    maak_database()
    print(f"Database: {connection.vendor}; {AANTAL} berichten, locmem mail backend")
    doorvoer("één transactie (taken van 50)", in_een_transactie)
    doorvoer(f"{AANTAL} transacties (één taak per bericht)", per_handeling)
    latentie()


if __name__ == "__main__":
    main()
