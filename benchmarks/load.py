"""A bounded load test of the production server on a region database (not part of the
test run).

Starts gunicorn with config/gunicorn.conf.py and the production settings on 127.0.0.1,
logs a few demo personas in (a session with a confirmed second factor, as the test suite
does) and sends a mixed load: CLIENTS users, each on its own keep-alive connection and as
one of the personas, ask in turn for "Mijn werk", the pupil list, a pupil page, a traject
page and an OPP page for DURATION seconds; then the bare /healthz for comparison. Traffic
goes to 127.0.0.1 only; a user waits for each answer before the next request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_region_100k \\
        .venv/bin/python benchmarks/load.py [--duur 60] [--clients 10] [--pdf]

The database comes from benchmarks/region.py. Reports requests per second, p50/p95/p99
and errors, in total and per page. --pdf instead times the PDF of the region's ten-page
OPP in a fresh worker (first and second request, with and without the warm-up in
gunicorn's post_worker_init). WEB_CONCURRENCY and GUNICORN_THREADS reach gunicorn.

The client and the gunicorn helpers are shared with benchmarks/bench_server.py.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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
# The personas of the mix and the role each works in (see benchmarks/pages.py).
PERSONAS = ["ib@demo.nl", "mentor@demo.nl", "jeugdteam@demo.nl", "directie@demo.nl"]
SOORTEN = {
    "Mijn werk": None,
    "Leerlingen": None,
    "Leerling": "leerling",
    "Traject": "traject",
    "OPP": "opp",
}


# gunicorn and the client -------------------------------------------------------------------


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


def load(port: int, werk: list[tuple[str | None, dict]], duur: float, clients: int) -> dict:
    """CLIENTS threads, each on one keep-alive connection, for DURATION seconds. Client n
    works as werk[n % len(werk)]: (session key or None, {page name: path}) and asks for its
    pages in turn, waiting for each answer."""
    namen = list(dict.fromkeys(naam for _, paginas in werk for naam in paginas))
    uitkomsten = {naam: {"tijden": [], "fouten": 0} for naam in namen}
    slot = threading.Lock()
    einde = time.monotonic() + duur

    def client(nummer: int) -> None:
        sessie, paginas = werk[nummer % len(werk)]
        headers = {"Cookie": f"{COOKIE}={sessie}"} if sessie else {}
        eigen = list(paginas)
        verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = nummer
        while time.monotonic() < einde:
            naam = eigen[i % len(eigen)]
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
    return {"verstreken": time.monotonic() - begin, "paginas": uitkomsten}


def percentiel(tijden: list[float], p: float) -> float:
    if len(tijden) < 2:
        return tijden[0] * 1000 if tijden else float("nan")
    return statistics.quantiles(tijden, n=100, method="inclusive")[int(p) - 1] * 1000


def regel(naam: str, tijden: list[float], verstreken: float, fouten: int) -> str:
    return (
        f"  {naam:<12} {len(tijden) / verstreken:7.1f}/s  p50 {percentiel(tijden, 50):6.1f} ms"
        f"  p95 {percentiel(tijden, 95):6.1f} ms  p99 {percentiel(tijden, 99):6.1f} ms"
        f"  fouten {fouten}"
    )


def report(titel: str, uitslag: dict) -> None:
    verstreken = uitslag["verstreken"]
    alle = [t for pagina in uitslag["paginas"].values() for t in pagina["tijden"]]
    fouten = sum(pagina["fouten"] for pagina in uitslag["paginas"].values())
    print(
        f"{titel}: {len(alle) / verstreken:.1f} verzoeken/s in {verstreken:.0f} s, {fouten} fouten"
    )
    if len(uitslag["paginas"]) > 1:
        print(regel("totaal", alle, verstreken, fouten))
    for naam, pagina in uitslag["paginas"].items():
        print(regel(naam, pagina["tijden"], verstreken, pagina["fouten"]))


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


def productie(basis: dict) -> dict:
    """The production settings' environment, with static files collected."""
    sys.path.insert(0, str(BASE_DIR / "benchmarks"))
    from pages import productie_omgeving

    omgeving = {**basis, **productie_omgeving()}
    # The sessions are signed with the key: keep the caller's.
    omgeving["DJANGO_SECRET_KEY"] = basis.get("DJANGO_SECRET_KEY") or omgeving["DJANGO_SECRET_KEY"]
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=omgeving,
        check=True,
    )
    return omgeving


# The region's page mix -----------------------------------------------------------------------


def prepare() -> None:
    """Child process (production settings): sessions and pages per persona; prints JSON."""
    sys.path.insert(0, str(BASE_DIR / "benchmarks"))
    import pages

    pages.setup()
    from django.urls import reverse
    from regio.namen import LANG_OPP

    from accounts.models import User
    from opp.models import Opp

    werk = []
    for email in PERSONAS:
        user = User.objects.get(email=email)
        objecten = pages.kies_objecten(user)
        paginas = {}
        for naam, sleutel in SOORTEN.items():
            if sleutel and objecten.get(sleutel) is None:
                continue
            paginas[naam] = {
                "Mijn werk": lambda: reverse("home"),
                "Leerlingen": lambda: reverse("accounts:leerling_list"),
                "Leerling": lambda o=objecten: reverse(
                    "accounts:leerling_detail", args=[o["leerling"].uuid]
                ),
                "Traject": lambda o=objecten: reverse(
                    "arrangeren:traject_detail", args=[o["traject"].uuid]
                ),
                "OPP": lambda o=objecten: reverse("opp:opp_detail", args=[o["opp"].uuid]),
            }[naam]()
        sessie = pages.sessie(user, pages.PERSONAS[email])
        werk.append({"persona": email, "sessie": sessie, "paginas": paginas})
    ib = User.objects.get(email="ib@demo.nl")
    pdf = reverse("opp:opp_pdf", args=[Opp.objects.get(uuid=LANG_OPP).uuid])
    print(json.dumps({"werk": werk, "pdf": pdf, "pdf_sessie": pages.sessie(ib, None)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duur", type=float, default=60)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--voorbereiden", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.voorbereiden:
        prepare()
        return
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Zet DATABASE_URL op een database van benchmarks/region.py.")
    omgeving = productie(dict(os.environ))
    voorbereid = subprocess.run(
        [PY, __file__, "--voorbereiden"],
        cwd=BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
    )
    gegevens = json.loads(voorbereid.stdout.strip().splitlines()[-1])
    werkmap = Path(tempfile.mkdtemp(prefix="bench_load_"))
    if args.pdf:
        time_first_pdf(omgeving, gegevens["pdf"], gegevens["pdf_sessie"], werkmap)
        return
    werk = [(w["sessie"], w["paginas"]) for w in gegevens["werk"]]
    print("Personas:", ", ".join(w["persona"] for w in gegevens["werk"]))
    port = free_port()
    proces = start_gunicorn(
        omgeving, port, BASE_DIR / "config" / "gunicorn.conf.py", werkmap / "gunicorn.log"
    )
    try:
        load(port, werk, 5, args.clients)  # warm up every worker
        report(f"gemengd, {args.clients} gebruikers", load(port, werk, args.duur, args.clients))
        report(
            f"/healthz, {args.clients} gebruikers",
            load(port, [(None, {"healthz": "/healthz"})], min(args.duur, 10), args.clients),
        )
    finally:
        stop(proces)
    print(f"gunicorn-log: {werkmap / 'gunicorn.log'}")


if __name__ == "__main__":
    main()
