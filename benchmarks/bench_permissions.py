"""How fast the permission policy answers at region scale (not part of the test run).

Builds 6,000 pupils and about 12,000 direct foreign-key object permissions (jeugdteam access
granted by consent) in a scratch database, then times the queries every page runs:
`Leerling.objects.for_user(user)` for a coördinator and a jeugdteam member, one
`get_object_for_user`, and the access-log write for a page of 25 pupils.

    .venv/bin/python benchmarks/bench_permissions.py            # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_bench \\
        .venv/bin/python benchmarks/bench_permissions.py        # PostgreSQL (created if missing)

Target: every measured operation under 50 ms (median of 20 runs) on the 2-core machine.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

PUPILS = 6000
JEUGDTEAM_USERS = 20
RUNS = 20


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    if connection.vendor == "postgresql":
        from django.db import connections

        settings = connections["default"].settings_dict
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", verbosity=0, stdout=devnull)

    from accounts.models import Leerling, LeerlingUserObjectPermission, Lidmaatschap, Organisatie
    from accounts.permissions import get_object_for_user
    from accounts.services import log_toegang

    scholen = list(Organisatie.objects.scholen())
    Leerling.objects.bulk_create(
        Leerling(
            voornaam=f"Leerling{i}",
            achternaam="Bench",
            geboortedatum=date(2015, 1, 1),
            school=scholen[i % len(scholen)],
        )
        for i in range(PUPILS)
    )
    team = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    users = [team.user]
    from accounts.models import User

    for i in range(JEUGDTEAM_USERS - 1):
        user = User.objects.create_user(f"jt{i}@bench.nl", "x", naam=f"JT {i}")
        Lidmaatschap.objects.create(user=user, organisatie=team.organisatie, rol=team.rol)
        users.append(user)
    view = Permission.objects.get(codename="view_leerling")
    pks = list(Leerling.objects.values_list("pk", flat=True))
    per_user = len(pks) // 2
    LeerlingUserObjectPermission.objects.bulk_create(
        LeerlingUserObjectPermission(user=user, permission=view, content_object_id=pk)
        for n, user in enumerate(users)
        for pk in pks[(n * 300) % len(pks) :][: per_user // 5]
    )
    total_perms = LeerlingUserObjectPermission.objects.count()

    ib = User.objects.get(email="ib@demo.nl")
    jeugdteam = team.user
    sample = Leerling.objects.for_user(jeugdteam).first()
    request = RequestFactory().get("/")
    request.user = ib
    request.session = {}
    pagina = list(Leerling.objects.for_user(ib)[:25])

    results = {
        "for_user(coördinator), first 25": median_ms(
            lambda: list(Leerling.objects.for_user(ib)[:25])
        ),
        "for_user(coördinator).count()": median_ms(lambda: Leerling.objects.for_user(ib).count()),
        "for_user(jeugdteam), first 25": median_ms(
            lambda: list(Leerling.objects.for_user(jeugdteam)[:25])
        ),
        "for_user(jeugdteam).count()": median_ms(
            lambda: Leerling.objects.for_user(jeugdteam).count()
        ),
        "get_object_for_user(jeugdteam)": median_ms(
            lambda: get_object_for_user(jeugdteam, Leerling, uuid=sample.uuid)
        ),
        "log_toegang, 25 pupils": median_ms(
            lambda: log_toegang(request, pagina, "zoeken", "benchmark")
        ),
    }
    print(
        f"{connection.vendor}: {Leerling.objects.count()} pupils, "
        f"{total_perms} object permissions, median of {RUNS} runs"
    )
    for name, ms in results.items():
        print(f"  {name:<36} {ms:7.2f} ms")


if __name__ == "__main__":
    main()
