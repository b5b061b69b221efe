"""Scheduled work inside the app (docs/productie.md, "Geplande taken"): the job table,
once per period, catching up after downtime, failing jobs and the beheerder's page.

Time is frozen by passing `nu=` to the tick. Tasks run with django-tasks' immediate
backend here; the multi-instance test (tests/e2e/test_meerdere_instanties.py) runs real
workers and planners on PostgreSQL.
"""

import importlib
from datetime import UTC, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from accounts import planner
from accounts.models import Informatiesoort, Leerling, Organisatie, Taakrun
from accounts.planner import Taak, alle_taken, claim, tick
from accounts.services import (
    beantwoord_toestemming,
    verwerk_verlopen_toestemmingen,
    vraag_toestemming,
)
from accounts.views import taken as taken_pagina
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

ONMIDDELLIJK = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
OUTBOX = "accounts.berichten"


@pytest.fixture(autouse=True)
def taken_direct(settings):
    settings.TASKS = ONMIDDELLIJK


def vandaag_om(uur: int, minuut: int = 0, dagen: int = 0) -> datetime:
    dag = timezone.localdate() + timedelta(days=dagen)
    return timezone.make_aware(datetime.combine(dag, time(uur, minuut)))


def outbox_bestaat() -> bool:
    try:
        importlib.import_module(OUTBOX)
    except ImportError:
        return False
    return True


def runs(taak: str) -> list[Taakrun]:
    return list(Taakrun.objects.filter(taak=taak).order_by("gestart_op", "pk"))


def faalt():
    raise RuntimeError("SMTP weigert post voor ouder@demo.nl\nDETAIL: Sam de Vries")


def telt():
    return 3


FAALT = Taak("faalt", "tests.accounts.test_planner.faalt", "Faalt altijd.", om=time(2, 0))
TELT = Taak(
    "telt", "tests.accounts.test_planner.telt", "Telt.", om=time(2, 0), verslag="{aantal} x"
)


@pytest.fixture
def tabel(monkeypatch):
    """Replace the job table by the given jobs."""

    def _tabel(*taken):
        monkeypatch.setattr(planner, "alle_taken", lambda: tuple(taken))
        monkeypatch.setattr(taken_pagina, "alle_taken", lambda: tuple(taken))

    return _tabel


# The table -----------------------------------------------------------------------------


def test_the_table_holds_every_apps_daily_jobs_and_the_outbox_sweep():
    taken = {taak.naam: taak for taak in alle_taken()}
    assert set(taken) >= {
        "verwerk_toestemmingen",
        "stuur_herinneringen",
        "stuur_opp_herinneringen",
        "ruim_importvoorbeelden_op",
        "verwerk_wachtrij",
    }
    assert taken["verwerk_wachtrij"].frequentie == "Elke minuut"
    assert taken["verwerk_toestemmingen"].frequentie == "Dagelijks om 00:05"
    assert all(taak.omschrijving for taak in taken.values())


def test_every_job_in_the_table_resolves_and_runs_on_the_demo_data():
    for taak in alle_taken():
        if taak.functie.startswith(OUTBOX) and not outbox_bestaat():
            continue  # written alongside; the e2e test runs it
        assert callable(import_string(taak.functie)), taak.naam

    gestart = tick(nu=vandaag_om(23, 30))

    assert {regel.split()[0] for regel in gestart} == {taak.naam for taak in alle_taken()}
    for taak in alle_taken():
        (run,) = runs(taak.naam)
        if taak.functie.startswith(OUTBOX) and not outbox_bestaat():
            continue
        assert run.status == Taakrun.Status.KLAAR, (taak.naam, run.resultaat)
        assert run.klaar_op and run.resultaat
    assert runs("verwerk_toestemmingen")[0].resultaat.startswith("Toegang bijgewerkt voor ")
    if outbox_bestaat():
        assert runs("verwerk_wachtrij")[0].resultaat.endswith(" teruggezet, 0 opgegeven.")


# Once per period -----------------------------------------------------------------------


def test_two_ticks_at_the_same_moment_start_each_job_once(tabel):
    tabel(TELT)
    nu = vandaag_om(12)
    assert tick(nu=nu) == [f"telt {nu.date().isoformat()}"]
    assert tick(nu=nu) == []
    assert tick(nu=nu + timedelta(hours=3)) == []
    (run,) = runs("telt")
    assert (run.status, run.resultaat) == (Taakrun.Status.KLAAR, "3 x")


def test_the_planner_that_loses_the_claim_queues_nothing(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    periode = timezone.localdate().isoformat()
    assert claim(TELT, periode, timezone.now())
    assert not claim(TELT, periode, timezone.now())
    assert Taakrun.objects.filter(taak="telt").count() == 1
    assert DBTaskResult.objects.filter(args_kwargs__args=["telt", periode]).count() == 1


def test_a_job_of_every_minute_runs_once_a_minute(tabel):
    tabel(Taak("elke_minuut", "tests.accounts.test_planner.telt", "Telt.", elke=60))
    nu = vandaag_om(10, 31)
    assert tick(nu=nu) and not tick(nu=nu + timedelta(seconds=30))
    assert tick(nu=nu + timedelta(seconds=60))
    assert [run.periode for run in runs("elke_minuut")] == [
        f"{nu.astimezone(UTC):%Y-%m-%dT%H}:31Z",
        f"{nu.astimezone(UTC):%Y-%m-%dT%H}:32Z",
    ]


def test_a_job_every_15_seconds_runs_once_per_slot(tabel):
    tabel(Taak("vaak", "tests.accounts.test_planner.telt", "Telt.", elke=15))
    nu = vandaag_om(10, 31)
    for seconden in (0, 5, 14, 15, 29, 31):
        tick(nu=nu + timedelta(seconds=seconden))
    assert [run.periode[-6:] for run in runs("vaak")] == ["31:00Z", "31:15Z", "31:30Z"]


def test_the_hour_repeated_in_autumn_has_slots_of_its_own(tabel):
    tabel(Taak("elke_minuut", "tests.accounts.test_planner.telt", "Telt.", elke=60))
    # 27 October 2024: 02:30 local comes twice, first in summer time, then in winter time.
    eerste = datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert timezone.localtime(eerste).hour == timezone.localtime(eerste + timedelta(hours=1)).hour
    assert tick(nu=eerste) and tick(nu=eerste + timedelta(hours=1))
    assert [run.periode for run in runs("elke_minuut")] == [
        "2024-10-27T00:30Z",
        "2024-10-27T01:30Z",
    ]


def test_a_job_has_either_a_time_or_an_interval():
    with pytest.raises(ValueError):
        Taak("geen", "tests.accounts.test_planner.telt", "Niets.")
    with pytest.raises(ValueError):
        Taak("beide", "tests.accounts.test_planner.telt", "Beide.", om=time(1), elke=60)
    with pytest.raises(ValueError):
        Taak("scheef", "tests.accounts.test_planner.telt", "Past niet in een dag.", elke=7)


# Catching up after downtime ------------------------------------------------------------


def test_a_daily_job_waits_for_its_time_and_catches_up_when_the_planner_was_down(tabel):
    tabel(TELT)  # due at 02:00
    assert tick(nu=vandaag_om(1, 59)) == []
    # The planner was down from before 02:00 until the afternoon: the job runs now.
    assert tick(nu=vandaag_om(15, 12)) == [f"telt {timezone.localdate().isoformat()}"]
    # Tomorrow it runs again, once.
    assert len(tick(nu=vandaag_om(2, 0, dagen=1))) == 1
    assert len(runs("telt")) == 2


def test_pupils_who_turned_12_while_no_run_happened_are_caught_up(sam):
    ib = user_by_email("ib@demo.nl")
    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=jeugdteam, soorten=[Informatiesoort.MDO_DEELNAME]
    )
    twee_dagen_terug = timezone.localdate() - timedelta(days=2)
    Leerling.objects.filter(pk=sam.pk).update(
        geboortedatum=twee_dagen_terug.replace(year=twee_dagen_terug.year - 12)
    )
    assert verwerk_verlopen_toestemmingen() == 0  # today's birthdays only: Sam is missed
    uit = StringIO()
    sinds = (timezone.localdate() - timedelta(days=3)).isoformat()
    call_command("verwerk_toestemmingen", "--sinds", sinds, stdout=uit)  # by hand
    assert uit.getvalue() == "Toegang bijgewerkt voor 1 leerling.\n"

    # The last successful run was three days ago: the planner passes that day on.
    drie_dagen_terug = timezone.localdate() - timedelta(days=3)
    Taakrun.objects.create(
        taak="verwerk_toestemmingen",
        periode=drie_dagen_terug.isoformat(),
        status=Taakrun.Status.KLAAR,
        gestart_op=vandaag_om(0, 5, dagen=-3),
        klaar_op=vandaag_om(0, 6, dagen=-3),
    )
    tick(nu=vandaag_om(9))
    run = Taakrun.objects.get(
        taak="verwerk_toestemmingen", periode=timezone.localdate().isoformat()
    )
    assert run.resultaat == "Toegang bijgewerkt voor 1 leerling."


def test_consent_answered_by_both_parents_still_expires_after_a_missed_day(sam):
    ib = user_by_email("ib@demo.nl")
    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        sam, door=ib, ontvanger_organisatie=jeugdteam, soorten=[Informatiesoort.MDO_DEELNAME]
    ):
        beantwoord_toestemming(
            rij, door=rij.gever, geven=True, geldig_tot=timezone.localdate() + timedelta(days=1)
        )
    # It ended three days ago and no run happened since: today's run still finds it.
    sam.toestemmingen.update(geldig_tot=timezone.localdate() - timedelta(days=3))
    assert verwerk_verlopen_toestemmingen() == 1


# Failing jobs ---------------------------------------------------------------------------


def test_a_failing_job_is_recorded_without_personal_data_and_retried_three_times(tabel):
    tabel(FAALT)
    dag = timezone.localdate().isoformat()
    begin = vandaag_om(2, 0)

    assert tick(nu=begin) == [f"faalt {dag}"]
    (run,) = runs("faalt")
    assert run.status == Taakrun.Status.MISLUKT
    assert run.resultaat == "RuntimeError: SMTP weigert post voor [e-mailadres]"

    assert tick(nu=begin + timedelta(minutes=4)) == []  # backoff: 5 minutes
    assert tick(nu=begin + timedelta(minutes=5)) == [f"faalt {dag}#2"]
    assert tick(nu=begin + timedelta(minutes=30)) == []  # 30 minutes after attempt 2
    assert tick(nu=begin + timedelta(minutes=35)) == [f"faalt {dag}#3"]
    assert tick(nu=begin + timedelta(minutes=34, hours=2)) == []  # 2 hours after attempt 3
    assert tick(nu=begin + timedelta(minutes=35, hours=2)) == [f"faalt {dag}#4"]
    # Four attempts failed: it stays MISLUKT (visible) until tomorrow's run.
    assert tick(nu=vandaag_om(23, 59)) == []
    assert [run.status for run in runs("faalt")] == [Taakrun.Status.MISLUKT] * 4
    assert tick(nu=vandaag_om(2, 0, dagen=1)) == [f"faalt {vandaag_om(0, dagen=1).date()}"]


def test_a_run_whose_worker_died_is_marked_failed_and_retried(tabel, settings):
    tabel(TELT)
    settings.SAMENPLAN_TAAK_TIMEOUT = 600
    dag = timezone.localdate().isoformat()
    # Claimed at 02:00, but the worker was killed: it stays BEZIG.
    Taakrun.objects.create(taak="telt", periode=dag, gestart_op=vandaag_om(2))
    assert tick(nu=vandaag_om(2, 9)) == []
    # Ten minutes on it counts as failed, and (5 minutes after it started) is retried.
    assert tick(nu=vandaag_om(2, 11)) == [f"telt {dag}#2"]
    eerste = Taakrun.objects.get(taak="telt", periode=dag)
    assert eerste.status == Taakrun.Status.MISLUKT
    assert eerste.resultaat.startswith("Afgebroken: na 10 minuten niet klaar")
    assert Taakrun.objects.get(taak="telt", periode=f"{dag}#2").status == Taakrun.Status.KLAAR


def test_a_queued_run_already_marked_failed_is_not_run_twice(tabel):
    tabel(TELT)
    periode = timezone.localdate().isoformat()
    Taakrun.objects.create(taak="telt", periode=periode, status=Taakrun.Status.MISLUKT)
    assert planner.voer_uit("telt", periode).startswith("Overgeslagen")
    assert Taakrun.objects.get(taak="telt").status == Taakrun.Status.MISLUKT


# The command and the page ---------------------------------------------------------------


def test_the_planner_command_runs_one_tick_with_eenmalig(tabel):
    tabel(
        Taak(
            "elke_minuut",
            "tests.accounts.test_planner.telt",
            "Telt.",
            elke=60,
            verslag="{aantal} x",
        )
    )
    uit = StringIO()
    call_command("planner", "--eenmalig", stdout=uit)
    assert "Gestart: elke_minuut " in uit.getvalue()
    assert Taakrun.objects.get(taak="elke_minuut").resultaat == "3 x"


def test_old_runs_are_cleared_and_recent_ones_stay():
    nu = timezone.now()
    oud = Taakrun.objects.create(
        taak="verwerk_wachtrij",
        periode="2020-01-01T10:00",
        gestart_op=nu - timedelta(days=3),
        status=Taakrun.Status.KLAAR,
    )
    recent = Taakrun.objects.create(
        taak="verwerk_wachtrij",
        periode="2020-01-05T10:00",
        gestart_op=nu - timedelta(hours=3),
        status=Taakrun.Status.KLAAR,
    )
    dagelijks = Taakrun.objects.create(
        taak="verwerk_toestemmingen",
        periode="2020-01-01",
        gestart_op=nu - timedelta(days=3),
        status=Taakrun.Status.KLAAR,
    )
    assert planner.ruim_taakgeschiedenis_op(nu) >= 1
    overgebleven = set(Taakrun.objects.values_list("pk", flat=True))
    assert oud.pk not in overgebleven and {recent.pk, dagelijks.pk} <= overgebleven


def test_the_beheerder_sees_each_jobs_runs_without_pupil_data(login, tabel):
    tick(nu=vandaag_om(23, 30))
    tabel(FAALT, *alle_taken())
    tick(nu=vandaag_om(23, 30))
    response = login("beheer@demo.nl").get("/beheer/taken/")
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "verwerk_toestemmingen" in inhoud and "Dagelijks om 00:05" in inhoud
    assert "Toegang bijgewerkt voor" in inhoud
    assert "De laatste keer is deze taak mislukt." in inhoud
    assert "RuntimeError: SMTP weigert post voor [e-mailadres]" in inhoud
    assert "Vries" not in inhoud and "ouder@demo.nl" not in inhoud


def test_the_job_page_is_not_found_for_a_coordinator(login):
    assert login("ib@demo.nl").get("/beheer/taken/").status_code == 404
