"""Several instances on one PostgreSQL database: two job workers and two planners as real
processes (docs/productie.md). Each queued mail leaves exactly once, a worker killed
mid-send leaves its message to the other, and a daily job runs once however many planners
run.

Runs once, on PostgreSQL, in CI (`-m e2e`): SQLite is one file on one machine.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.mail import stuur_mail
from accounts.models import Bericht, Taakrun
from accounts.planner import alle_taken

pytestmark = pytest.mark.e2e

AANTAL = 50
BEZIG_TIMEOUT = 10  # seconds: a message BEZIG this long lost its worker (well above the
# few seconds the test may take to find and kill the hanging worker)
VERSTUREN = ("accounts.taken.verstuur_bericht", "accounts.taken.verstuur_berichten")


def database_url() -> str:
    db = connection.settings_dict
    gebruiker = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{gebruiker}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wacht_tot(voorwaarde, seconden: float, wat: str):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(0.1)
    raise AssertionError(f"Na {seconden} s nog niet: {wat}")


def afgeleverd(map_: Path) -> Counter:
    """Messages per recipient in the file-based backend's files."""
    return Counter(
        adres
        for bestand in map_.iterdir()
        for adres in re.findall(r"^To: (.+)$", bestand.read_text(), re.MULTILINE)
    )


class Instanties:
    def __init__(self, tmp_path: Path):
        self.map = tmp_path / "mail"
        self.map.mkdir()
        self.logs = tmp_path
        self.marker = tmp_path / "hangt"
        self.processen: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.worker_test",
            "DATABASE_URL": database_url(),
            "EMAIL_BACKEND": "tests.mailbackends.HangendeBackend",
            "EMAIL_FILE_PATH": str(self.map),
            "SAMENPLAN_TEST_MAIL_PAUZE": "0.02",
            "SAMENPLAN_TEST_HANGT_VOOR": "hangt",
            "SAMENPLAN_TEST_HANGT_MARKER": str(self.marker),
            "SAMENPLAN_BERICHT_BEZIG_TIMEOUT": str(BEZIG_TIMEOUT),
            "SAMENPLAN_PLANNER_INTERVAL": "0.3",
            "SAMENPLAN_WACHTRIJ_INTERVAL": "1",
        }

    def start(self, naam: str, *argumenten: str):
        log = (self.logs / f"{naam}.log").open("w")
        self.processen[naam] = subprocess.Popen(
            [sys.executable, "manage.py", *argumenten],
            cwd=django_settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def worker(self, naam: str):
        self.start(naam, "werker", "--no-startup-delay", "--interval", "0.2", "--worker-id", naam)

    def stop_alle(self):
        for proces in self.processen.values():
            if proces.poll() is None:
                proces.send_signal(signal.SIGTERM)
        for proces in self.processen.values():
            try:
                proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proces.kill()
                proces.wait()

    def logboek(self) -> str:
        return "\n".join(
            f"--- {naam}\n{(self.logs / f'{naam}.log').read_text()[-3000:]}"
            for naam in self.processen
        )


@pytest.fixture
def instanties(transactional_db, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("Meerdere instanties delen één PostgreSQL-database (DATABASE_URL).")
    # This process queues jobs in the database, like the web server does.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    groep = Instanties(tmp_path)
    for naam in ("w1", "w2"):
        groep.worker(naam)
    for naam in ("planner1", "planner2"):
        groep.start(naam, "planner")
    # Up and running: a planner queued the outbox sweep and a worker ran it.
    wacht_tot(
        Taakrun.objects.filter(taak="verwerk_wachtrij", status="klaar").exists,
        30,
        "planner en worker gestart",
    )

    # Both workers are polling before the first mail is queued, so both can take part:
    # each has run at least one job (the planner queues the sweep every second).
    def beide_workers_draaien():
        ids = DBTaskResult.objects.exclude(worker_ids=[]).values_list("worker_ids", flat=True)
        return {"w1", "w2"} <= {worker for rij in ids for worker in rij}

    wacht_tot(beide_workers_draaien, 30, "beide workers gestart")
    yield groep
    groep.stop_alle()


def test_two_workers_and_two_planners_send_each_mail_once_and_run_each_job_once(instanties):
    try:
        _elk_bericht_eenmaal(instanties)
        _gedode_worker(instanties)
        _dagtaken_eenmaal(instanties)
    except AssertionError:
        print(instanties.logboek())
        raise


def _elk_bericht_eenmaal(instanties: Instanties):
    """(a) 50 mails, each its own committed transaction and job: both workers send, none twice."""
    adressen = [f"ontvanger{nummer}@example.org" for nummer in range(AANTAL)]
    begin = time.monotonic()
    for adres in adressen:
        with transaction.atomic():
            stuur_mail([adres], "Test", "accounts/email/otp_code.txt", {"token": "123456"})
    wacht_tot(
        lambda: Bericht.objects.filter(aan__in=adressen, status="verstuurd").count() == AANTAL,
        30,
        "alle 50 berichten verstuurd",
    )
    duur = time.monotonic() - begin
    print(f"\n{AANTAL} berichten via twee workers in {duur:.2f} s ({AANTAL / duur:.0f} per s)")
    geteld = afgeleverd(instanties.map)
    assert {adres: geteld[adres] for adres in adressen} == dict.fromkeys(adressen, 1)
    workers = Counter(
        worker
        for ids in DBTaskResult.objects.filter(task_path__in=VERSTUREN).values_list(
            "worker_ids", flat=True
        )
        for worker in ids
    )
    assert set(workers) == {"w1", "w2"}, workers


def _gedode_worker(instanties: Instanties):
    """(b) The worker sending a message is killed (SIGKILL) mid-send: after the BEZIG
    timeout the sweep puts it back, and the other worker sends it, once."""
    with transaction.atomic():
        (bericht,) = stuur_mail(
            ["hangt@example.org"], "Test", "accounts/email/otp_code.txt", {"token": "654321"}
        )
    wacht_tot(instanties.marker.exists, 15, "de verzending hangt")
    taak = wacht_tot(
        lambda: (
            DBTaskResult.objects.filter(task_path__in=VERSTUREN, status="RUNNING")
            .exclude(worker_ids=[])
            .first()
        ),
        5,
        "de hangende opdracht",
    )
    gedood = taak.worker_ids[-1]
    instanties.processen[gedood].send_signal(signal.SIGKILL)
    instanties.processen[gedood].wait(timeout=5)
    assert Bericht.objects.get(pk=bericht.pk).status == Bericht.Status.BEZIG

    bericht = wacht_tot(
        lambda: Bericht.objects.filter(pk=bericht.pk, status="verstuurd").first(),
        BEZIG_TIMEOUT + 15,
        "het bericht van de gedode worker verstuurd door de andere",
    )
    assert bericht.pogingen == 1  # the interrupted send counted as a try
    assert afgeleverd(instanties.map)["hangt@example.org"] == 1
    overgebleven = "w2" if gedood == "w1" else "w1"
    laatste = (
        DBTaskResult.objects.filter(task_path__in=VERSTUREN, status="SUCCESSFUL")
        .order_by("-finished_at")
        .first()
    )
    assert laatste.worker_ids == [overgebleven]


def _dagtaken_eenmaal(instanties: Instanties):
    """(c) Two planners ticking every 0.3 s: each due daily job has one run today."""
    lokaal = timezone.localtime()
    vandaag = lokaal.date().isoformat()
    dagtaken = [taak for taak in alle_taken() if taak.dagelijks and lokaal.time() >= taak.om]
    if not dagtaken:
        pytest.skip("Vlak na middernacht is nog geen dagelijkse taak aan de beurt.")
    wacht_tot(
        lambda: (
            Taakrun.objects.filter(
                taak__in=[taak.naam for taak in dagtaken], periode=vandaag, status="klaar"
            ).count()
            == len(dagtaken)
        ),
        15,
        "de dagelijkse taken van vandaag klaar",
    )
    time.sleep(1)  # a few more ticks of both planners
    for taak in dagtaken:
        runs = Taakrun.objects.filter(taak=taak.naam, periode__startswith=vandaag)
        assert list(runs.values_list("periode", "status")) == [(vandaag, "klaar")], taak.naam
        assert (
            DBTaskResult.objects.filter(
                task_path="accounts.taken.voer_taak_uit", args_kwargs__args=[taak.naam, vandaag]
            ).count()
            == 1
        ), taak.naam
    # The outbox sweep (every second here): one run per second, each queued once.
    sweeps = set(Taakrun.objects.filter(taak="verwerk_wachtrij").values_list("periode", flat=True))
    opdrachten = Counter(
        args[1]
        for args in DBTaskResult.objects.filter(
            task_path="accounts.taken.voer_taak_uit", args_kwargs__args__0="verwerk_wachtrij"
        ).values_list("args_kwargs__args", flat=True)
    )
    assert len(sweeps) >= 3 and sweeps <= set(opdrachten)
    assert set(opdrachten.values()) == {1}
