"""The coördinator's pages under load, served by gunicorn (not part of the test run).

Builds a PostgreSQL database with the demo region and 300 open trajecten at one school
(the data of benchmarks/bench_werk.py), starts gunicorn with config/gunicorn.conf.py and
the production settings, logs ib@demo.nl in (a session with a confirmed second factor, as
the test suite does) and sends a mixed load: CLIENTS clients, each on its own keep-alive
connection, ask in turn for "Mijn werk", the trajecten list and a pupil page for DURATION
seconds; then the same for the bare /healthz. Traffic goes to 127.0.0.1 only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_server \\
        .venv/bin/python benchmarks/bench_server.py [--duur 30] [--clients 10] [--pdf]

--pdf instead times the first OPP PDF of a fresh worker, with and without the warm-up in
gunicorn's post_worker_init. Reports requests per second, p50/p95/p99 and errors.
WEB_CONCURRENCY and GUNICORN_THREADS in the environment reach gunicorn, to compare.
"""

import argparse
import importlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(BASE_DIR / "benchmarks"))

# The client and the gunicorn helpers live in benchmarks/load.py (the region's load test).
from load import (  # noqa: E402
    free_port,
    load,
    report,
    start_gunicorn,
    stop,
    time_first_pdf,
)
from load import productie as productie_omgeving  # noqa: E402


def prepare(bestaande_data: bool) -> None:
    """Child process (dev settings): fresh data and a logged-in session; prints JSON."""
    # Importing it sets up Django with the development settings.
    bench_werk = importlib.import_module("bench_werk")

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Leerling, User
    from opp.models import Opp

    if bestaande_data:
        ib = User.objects.get(email="ib@demo.nl")
    else:
        bench_werk.maak_database()
        ib, _, _ = bench_werk.bouw_werkvoorraad()
    device, _ = TOTPDevice.objects.get_or_create(
        user=ib, name="Bench", defaults={"confirmed": True}
    )
    session = SessionStore()
    session[SESSION_KEY] = str(ib.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = ib.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    print(
        json.dumps(
            {
                "sessie": session.session_key,
                "paginas": {
                    "Mijn werk": reverse("home"),
                    "Trajecten": reverse("arrangeren:traject_list"),
                    "Leerling": reverse("accounts:leerling_detail", args=[sam.uuid]),
                },
                "pdf": reverse("opp:opp_pdf", args=[Opp.objects.get(leerling=sam, versie=1).uuid]),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duur", type=float, default=30)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument(
        "--bestaande-data", action="store_true", help="de database van een vorige run gebruiken"
    )
    parser.add_argument("--voorbereiden", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.voorbereiden:
        prepare(args.bestaande_data)
        return
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Zet DATABASE_URL op een PostgreSQL-database (wordt opnieuw gemaakt).")
    geheim = secrets.token_urlsafe(50)
    basis = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": geheim,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    voorbereid = subprocess.run(
        [PY, __file__, "--voorbereiden", *(["--bestaande-data"] if args.bestaande_data else [])],
        cwd=BASE_DIR,
        env={**basis, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        check=True,
    )
    gegevens = json.loads(voorbereid.stdout.strip().splitlines()[-1])
    productie = productie_omgeving(basis)
    werkmap = Path(tempfile.mkdtemp(prefix="bench_server_"))
    if args.pdf:
        time_first_pdf(productie, gegevens["pdf"], gegevens["sessie"], werkmap)
        return
    port = free_port()
    proces = start_gunicorn(
        productie, port, BASE_DIR / "config" / "gunicorn.conf.py", werkmap / "gunicorn.log"
    )
    try:
        werk = [(gegevens["sessie"], gegevens["paginas"])]
        load(port, werk, 3, args.clients)  # warm up
        report(f"gemengd, {args.clients} clients", load(port, werk, args.duur, args.clients))
        report(
            f"/healthz, {args.clients} clients",
            load(port, [(None, {"healthz": "/healthz"})], min(args.duur, 10), args.clients),
        )
    finally:
        stop(proces)
    print(f"gunicorn-log: {werkmap / 'gunicorn.log'}")


if __name__ == "__main__":
    main()
