"""How fast the pupil import is at school scale (not part of the test run).

Generates a full export of 1,500 fictional pupils with 2,500 parents (CSV, semicolons,
Windows-1252), imports it into De Regenboog of the demo region in a scratch database
(preview, then confirm), imports the identical file again, then a file with 150 changed
rows and 50 leavers. Prints wall time and query count per step; on PostgreSQL it also
confirms one preview twice at the same moment from two threads, and two previews of the
same file, to show nothing is made twice.

    .venv/bin/python benchmarks/bench_import.py            # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_bench_import \\
        .venv/bin/python benchmarks/bench_import.py        # PostgreSQL (created if missing)

Target: seconds, not minutes; queries that do not grow per row (see docs/import.md).
"""

import csv
import io
import os
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PUPILS = 1500
SECOND_PARENT_EVERY = 3  # 1,000 of 1,500 pupils have a second parent: 2,500 parents
VOORNAMEN = ["Daan", "Emma", "Liam", "Julia", "Noah", "Mila", "Lucas", "Tess", "Finn", "Zoë"]
ACHTERNAMEN = [("", "Jansen"), ("de", "Vries"), ("van", "Dijk"), ("", "Bakker"), ("", "Öztürk")]
KOP = [
    "Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Groep",
    "Datum inschrijving", "Mentor e-mail", "Ouder1 naam", "Ouder1 e-mail", "Ouder1 telefoon",
    "Ouder1 gezag", "Ouder2 naam", "Ouder2 e-mail", "Ouder2 telefoon", "Ouder2 gezag",
]  # fmt: skip


def export(pupils: int = PUPILS, *, changed: int = 0, left: int = 0) -> SimpleUploadedFile:
    uit = io.StringIO(newline="")
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOP)
    for n in range(left, pupils):
        voornaam = VOORNAMEN[n % len(VOORNAMEN)]
        tussenvoegsel, achternaam = ACHTERNAMEN[n % len(ACHTERNAMEN)]
        geboren = date(2013, 1, 1) + timedelta(days=(n * 7) % 2500)
        groep = f"groep {3 + n % 6}" + (" (nieuw)" if n < left + changed else "")
        ouder2 = ["", "", "", ""]
        if n % SECOND_PARENT_EVERY:
            ouder2 = [f"Vader {n}", f"vader.{n}@bench.example", "", "nee" if n % 10 == 1 else "ja"]
        schrijver.writerow(
            [
                str(900000 + n), f"{voornaam}{n}", tussenvoegsel, achternaam,
                geboren.strftime("%d-%m-%Y"), groep, "22-08-2022",
                "mentor@demo.nl" if n % 4 == 0 else "",
                f"Moeder {n}", f"moeder.{n}@bench.example", "06-12345678", "ja", *ouder2,
            ]
        )  # fmt: skip
    return SimpleUploadedFile("bench.csv", uit.getvalue().encode("cp1252"))


def timed(label: str, fn):
    connection.queries_log.clear()  # the log keeps 9,000 queries; count from empty
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:6.2f} s  {len(queries):6} queries")
    return result


def reset_database() -> None:
    if connection.vendor == "postgresql":
        settings = connections["default"].settings_dict
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", verbosity=0, stdout=devnull)


def run(label: str, school, door, bestand, **opties):
    from accounts.importeren import bevestig, lees_en_plan

    leerlingimport = timed(
        f"{label}: read and plan (preview)", lambda: lees_en_plan(school, bestand, door)
    )
    from accounts.models import Bericht

    # The confirm queues the activation mails in the outbox; a worker sends them after.
    activaties = Bericht.objects.filter(sjabloon="accounts/email/activeren.txt")
    mails = activaties.count()
    leerlingimport = timed(f"{label}: confirm", lambda: bevestig(leerlingimport, door, **opties))
    resultaat = leerlingimport.resultaat
    print(
        "    "
        + ", ".join(
            f"{sleutel} {resultaat[sleutel]}"
            for sleutel in ("nieuw", "gewijzigd", "ongewijzigd", "uitgeschreven", "uitgenodigd")
        )
        + f"; activation mails queued {activaties.count() - mails}"
    )
    start = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    print(f"    sent by one db_worker --batch in {time.perf_counter() - start:.2f} s")
    return leerlingimport


def concurrency(school, door) -> None:
    """Two confirmations at the same moment: one applies, the other finds it done."""
    from accounts.importeren import bevestig, lees_en_plan
    from accounts.models import Leerling

    def confirm(leerlingimport, answers):
        try:
            bevestig(leerlingimport, door)
            answers.append("verwerkt")
        except ValidationError as exc:
            answers.append(exc.messages[0])
        finally:
            connection.close()

    for label, previews, pupils in (
        ("same preview confirmed twice at once", 1, PUPILS + 100),
        ("two previews of one file confirmed at once", 2, PUPILS + 200),
    ):
        bestand = export(pupils)  # 100 pupils the school does not have yet
        made = [lees_en_plan(school, bestand, door)]
        if previews == 2:
            bestand.seek(0)
            made.append(lees_en_plan(school, bestand, door))
        answers: list[str] = []
        threads = [
            threading.Thread(target=confirm, args=(made[n % previews], answers)) for n in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        aantal = Leerling.objects.filter(school=school, leerlingnummer__startswith="9").count()
        print(f"  {label}: {sorted(answers)}; pupils of the export in the school: {aantal}")


def main() -> None:
    reset_database()
    from accounts.models import Gezag, Leerling, Organisatie, User

    school = Organisatie.objects.get(code="99AA")
    door = User.objects.get(email="schoolbeheer@demo.nl")
    print(
        f"{connection.vendor}: {PUPILS} pupils, "
        f"{PUPILS + PUPILS // SECOND_PARENT_EVERY * (SECOND_PARENT_EVERY - 1)} parents"
    )
    # Sam and Noor (the demo's numbered pupils) are not in this export: they leave.
    run("first import", school, door, export(), uitschrijven_bevestigd=True)
    print(
        f"    in the database: {Leerling.objects.filter(school=school).count()} pupils of the "
        f"school, {Gezag.objects.filter(leerling__school=school).count()} custody links"
    )
    run("same file again", school, door, export())
    run(
        "150 changed, 50 left",
        school,
        door,
        export(changed=150, left=50),
        uitschrijven_bevestigd=True,
    )
    if connection.vendor == "postgresql":
        concurrency(school, door)


if __name__ == "__main__":
    main()
