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
import http.client
import importlib
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable
COOKIE = "__Host-sessionid"


def prepare(bestaande_data: bool) -> None:
    """Child process (dev settings): fresh data and a logged-in session; prints JSON."""
    sys.path.insert(0, str(BASE_DIR / "benchmarks"))
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(environment: dict, port: int, config: Path, log: Path) -> subprocess.Popen:
    proces = subprocess.Popen(
        [PY, "-m", "gunicorn", "--config", str(config), "config.wsgi"],
        cwd=BASE_DIR,
        env={**environment, "PORT": str(port)},
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            verbinding.request("GET", "/healthz")
            if verbinding.getresponse().status == 200:
                return proces
        except OSError:
            time.sleep(0.2)
    proces.terminate()
    raise SystemExit(f"gunicorn start niet; zie {log}")


def stop(proces: subprocess.Popen) -> None:
    proces.terminate()
    proces.wait(timeout=40)


def load(port: int, paginas: dict, sessie: str | None, duur: float, clients: int) -> dict:
    """CLIENTS threads, each on one keep-alive connection, for DURATION seconds."""
    headers = {"Cookie": f"{COOKIE}={sessie}"} if sessie else {}
    namen = list(paginas)
    uitkomsten = {naam: {"tijden": [], "fouten": 0} for naam in namen}
    slot = threading.Lock()
    einde = time.monotonic() + duur

    def client(nummer: int) -> None:
        verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = nummer
        while time.monotonic() < einde:
            naam = namen[i % len(namen)]
            i += 1
            start = time.perf_counter()
            try:
                verbinding.request("GET", paginas[naam], headers=headers)
                antwoord = verbinding.getresponse()
                antwoord.read()
                goed = antwoord.status == 200
            except (OSError, http.client.HTTPException):
                goed = False
                verbinding.close()
                verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            tijd = time.perf_counter() - start
            with slot:
                if goed:
                    uitkomsten[naam]["tijden"].append(tijd)
                else:
                    uitkomsten[naam]["fouten"] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    begin = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verstreken = time.monotonic() - begin
    return {"verstreken": verstreken, "paginas": uitkomsten}


def percentiel(tijden: list[float], p: float) -> float:
    if not tijden:
        return float("nan")
    return statistics.quantiles(tijden, n=100, method="inclusive")[int(p) - 1] * 1000


def report(titel: str, uitslag: dict) -> None:
    verstreken = uitslag["verstreken"]
    alle = [t for pagina in uitslag["paginas"].values() for t in pagina["tijden"]]
    fouten = sum(pagina["fouten"] for pagina in uitslag["paginas"].values())
    print(
        f"{titel}: {len(alle) / verstreken:.1f} verzoeken/s in {verstreken:.0f} s, {fouten} fouten"
    )
    for naam, pagina in uitslag["paginas"].items():
        tijden = pagina["tijden"]
        print(
            f"  {naam:<12} {len(tijden) / verstreken:7.1f}/s  p50 {percentiel(tijden, 50):6.1f} ms"
            f"  p95 {percentiel(tijden, 95):6.1f} ms  p99 {percentiel(tijden, 99):6.1f} ms"
            f"  fouten {pagina['fouten']}"
        )


def time_first_pdf(environment: dict, pdf: str, sessie: str, werkmap: Path) -> None:
    """The first and second PDF of a fresh single worker, with and without the warm-up."""
    zonder = werkmap / "gunicorn_zonder_opwarmen.py"
    zonder.write_text(
        f"exec(open({str(BASE_DIR / 'config' / 'gunicorn.conf.py')!r}).read())\n"
        "def post_worker_init(worker):\n    pass\n"
    )
    configs = {"met opwarmen": BASE_DIR / "config" / "gunicorn.conf.py", "zonder": zonder}
    for naam, config in configs.items():
        for _ in range(3):
            port = free_port()
            proces = start_gunicorn(
                {**environment, "WEB_CONCURRENCY": "1"}, port, config, werkmap / "gunicorn.log"
            )
            try:
                tijden = []
                verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                for _ in range(2):
                    start = time.perf_counter()
                    verbinding.request("GET", pdf, headers={"Cookie": f"{COOKIE}={sessie}"})
                    antwoord = verbinding.getresponse()
                    inhoud = antwoord.read()
                    tijden.append(time.perf_counter() - start)
                    assert antwoord.status == 200 and inhoud.startswith(b"%PDF"), antwoord.status
            finally:
                stop(proces)
            print(f"  OPP-pdf {naam:<13} eerste {tijden[0]:.2f} s, tweede {tijden[1]:.2f} s")


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
    productie = {
        **basis,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECURE_SSL_REDIRECT": "false",
    }
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=productie,
        check=True,
    )
    werkmap = Path(tempfile.mkdtemp(prefix="bench_server_"))
    if args.pdf:
        time_first_pdf(productie, gegevens["pdf"], gegevens["sessie"], werkmap)
        return
    port = free_port()
    proces = start_gunicorn(
        productie, port, BASE_DIR / "config" / "gunicorn.conf.py", werkmap / "gunicorn.log"
    )
    try:
        load(port, gegevens["paginas"], gegevens["sessie"], 3, args.clients)  # warm up
        report(
            f"gemengd, {args.clients} clients",
            load(port, gegevens["paginas"], gegevens["sessie"], args.duur, args.clients),
        )
        report(
            f"/healthz, {args.clients} clients",
            load(port, {"healthz": "/healthz"}, None, min(args.duur, 10), args.clients),
        )
    finally:
        stop(proces)
    print(f"gunicorn-log: {werkmap / 'gunicorn.log'}")


if __name__ == "__main__":
    main()
