"""Scheduled work, run by the app itself: no crontab to install (docs/productie.md,
"Geplande taken").

The table of jobs is assembled from the apps: each app's AppConfig lists its own jobs in
`geplande_taken()`, so accounts never imports opp or arrangeren. Today's table:

    verwerk_toestemmingen     dagelijks 00:05  accounts  consent past its end date
    ruim_importvoorbeelden_op dagelijks 03:00  accounts  import previews older than a day
    ruim_formuliertokens_op   dagelijks 03:15  accounts  one-time form tokens older than a day
    ruim_taakgeschiedenis_op  dagelijks 03:30  accounts  old run records and queue rows
    ruim_meldingen_op         dagelijks 03:50  accounts  old notifications
    stuur_meldingen_dagoverzicht dagelijks 07:30 accounts one summary mail for "dagelijks"
    stuur_herinneringen       dagelijks 07:00  route     MDO invitees, 2 days ahead
    stuur_opp_herinneringen   dagelijks 07:00  opp       signers silent for 3 days
    verwerk_wachtrij          elke minuut      accounts  the e-mail outbox's sweep

Signals about TLV's that end within three months need no job: they are computed when the
work list is opened (arrangeren/tlv/queries.py, `aflopende_tlvs`).

Exactly once per period, however many planners run: a run is claimed by inserting its
`Taakrun(taak, periode)`; the unique constraint refuses the second planner. The claim and
the queued task are one transaction, so a planner that dies leaves neither. A worker runs
the task (`accounts.taken.voer_taak_uit`) and records the outcome.

Catching up: a daily job whose time has passed today and that has no run today runs at
the next tick. Days missed entirely need no replay, because every daily job works "as of
now" (each finds all that is due, not only what became due today); the one exception,
pupils who turned 12 or 16 while no run happened, is covered by passing the day of the
last successful run (`inhalen`).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.aantallen import AantalFormatter
from accounts.models import Taakrun

logger = logging.getLogger(__name__)

# A failed daily job is tried again the same day, this long after the failed attempt
# started; after the last retry it stays MISLUKT (visible on /beheer/taken/) until
# tomorrow's run.
WACHTTIJDEN = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MINUUTTAAK_BEWAREN = timedelta(days=2)
DAGTAAK_BEWAREN = timedelta(days=400)
TAAKRESULTAAT_BEWAREN = timedelta(days=14)
MISLUKT_TAAKRESULTAAT_BEWAREN = timedelta(days=60)


@dataclass(frozen=True)
class Taak:
    """One scheduled job. `naam` is also the management command that runs it by hand,
    where there is one."""

    naam: str
    functie: str  # import path, resolved when the job runs
    omschrijving: str
    om: time | None = None  # daily at this local time (Europe/Amsterdam)
    elke: int | None = None  # or every this many seconds (a divisor of a day)
    # What a run did, from the number (aantal) or the counts (a dict) it returns.
    verslag: str = "{aantal} verwerkt"
    inhalen: bool = False  # the function takes sinds=: the day of the last successful run

    def __post_init__(self):
        if (self.om is None) == (self.elke is None) or (self.elke and 86400 % self.elke):
            raise ValueError(f"Taak {self.naam}: geef óf een tijd (om) óf een interval (elke).")

    @property
    def dagelijks(self) -> bool:
        return self.om is not None

    @property
    def frequentie(self) -> str:
        if self.om:
            return f"Dagelijks om {self.om:%H:%M}"
        if self.elke == 60:
            return "Elke minuut"
        if self.elke % 60 == 0:
            return f"Elke {self.elke // 60} minuten"
        return f"Elke {self.elke} seconden"

    def periode(self, lokaal: datetime) -> str:
        """The local day; or the start of the slot of `elke` seconds in UTC (the hour
        that the autumn clock change repeats must not share its slots)."""
        if self.om:
            return lokaal.date().isoformat()
        utc = lokaal.astimezone(UTC).replace(microsecond=0)
        begin = utc - timedelta(
            seconds=(utc.hour * 3600 + utc.minute * 60 + utc.second) % self.elke
        )
        return f"{begin:%Y-%m-%dT%H:%MZ}" if self.elke % 60 == 0 else f"{begin:%Y-%m-%dT%H:%M:%SZ}"

    def beschrijf(self, uitkomst: object) -> str:
        if isinstance(uitkomst, bool) or uitkomst is None:
            return "Klaar."
        if isinstance(uitkomst, int):
            return AantalFormatter().format(self.verslag, aantal=uitkomst)
        if isinstance(uitkomst, dict):
            try:
                return AantalFormatter().format(self.verslag, **uitkomst)
            except (KeyError, IndexError, ValueError):
                return ", ".join(f"{sleutel}: {waarde}" for sleutel, waarde in uitkomst.items())
        return str(uitkomst)[:500]


TAKEN = (
    Taak(
        "verwerk_toestemmingen",
        "accounts.services.verwerk_verlopen_toestemmingen",
        "Trekt toegang in waar een toestemming over haar einddatum is, en laat leerlingen "
        "die 12 of 16 werden meebeslissen.",
        om=time(0, 5),
        verslag="Toegang bijgewerkt voor {aantal:leerling,leerlingen}.",
        inhalen=True,
    ),
    Taak(
        "ruim_importvoorbeelden_op",
        "accounts.importeren.ruim_voorbeelden_op",
        "Annuleert importvoorbeelden die na 24 uur niet zijn bevestigd en wist hun rijen.",
        om=time(3, 0),
        verslag="{aantal:importvoorbeeld,importvoorbeelden} opgeruimd.",
    ),
    Taak(
        "ruim_formuliertokens_op",
        "accounts.eenmalig.ruim_op",
        "Wist na een dag de eenmalige kenmerken van verstuurde formulieren (die een dubbel "
        "verstuurd formulier tegenhouden).",
        om=time(3, 15),
        verslag="{aantal:kenmerk,kenmerken} gewist.",
    ),
    Taak(
        "ruim_taakgeschiedenis_op",
        "accounts.planner.ruim_taakgeschiedenis_op",
        "Wist oude verslagen van taken: die van elke minuut na 2 dagen, dagelijkse na 400 "
        "dagen, afgehandelde opdrachten in de wachtrij na 14 dagen (mislukte na 60).",
        om=time(3, 30),
        verslag="{aantal:oude regel,oude regels} gewist.",
    ),
    Taak(
        "ruim_berichten_op",
        "accounts.berichten.ruim_op",
        "Wist verstuurde e-mail na 90 dagen: de wachtrij is geen archief.",
        om=time(3, 45),
        verslag="{aantal:verstuurd bericht,verstuurde berichten} gewist.",
    ),
    Taak(
        "stuur_meldingen_dagoverzicht",
        "accounts.notificaties.stuur_dagoverzichten",
        "Stuurt wie 'één e-mail per dag' koos één overzicht van de nieuwe, ongelezen "
        "meldingen (docs/meldingen.md).",
        om=time(7, 30),
        verslag="{aantal:dagoverzicht,dagoverzichten} verstuurd.",
    ),
    Taak(
        "ruim_meldingen_op",
        "accounts.notificaties.ruim_op",
        "Wist gelezen meldingen na 90 dagen en ongelezen na 180 dagen.",
        om=time(3, 50),
        verslag="{aantal:oude melding,oude meldingen} gewist.",
    ),
    Taak(
        "verwerk_wachtrij",
        "accounts.berichten.verwerk_wachtrij",
        "Zet e-mail terug in de wachtrij als het versturen bleef hangen (de worker stopte), "
        "en plant berichten opnieuw in waarvan de opdracht verloren ging.",
        elke=settings.SAMENPLAN_WACHTRIJ_INTERVAL,
        verslag=(
            "{ingepland:bericht,berichten} ingepland, {hersteld} teruggezet, {opgegeven} opgegeven."
        ),
    ),
)


def alle_taken() -> tuple[Taak, ...]:
    """Every app's jobs (AppConfig.geplande_taken()), in app order."""
    taken = []
    for app_config in apps.get_app_configs():
        if hasattr(app_config, "geplande_taken"):
            taken.extend(app_config.geplande_taken())
    namen = [taak.naam for taak in taken]
    dubbel = {naam for naam in namen if namen.count(naam) > 1}
    if dubbel:
        raise ValueError(f"Taken met dezelfde naam: {', '.join(sorted(dubbel))}")
    return tuple(taken)


def zoek_taak(naam: str) -> Taak | None:
    return next((taak for taak in alle_taken() if taak.naam == naam), None)


def poging(periode: str) -> int:
    """'2026-12-02' is the first attempt of that day, '2026-12-02#2' the second."""
    return int(periode.partition("#")[2] or 1)


# The planner's tick ------------------------------------------------------------------


def tick(nu: datetime | None = None) -> list[str]:
    """Claim and queue every job that is due at `nu`. Returns what was started, as
    'taak periode'. Safe to call from any number of planners at once."""
    nu = nu or timezone.now()
    lokaal = timezone.localtime(nu)
    taken = alle_taken()
    markeer_vastgelopen(nu)
    runs = _runs_van_vandaag(taken, lokaal)
    gestart = []
    for taak in taken:
        periode = _volgende_periode(taak, lokaal, runs[taak.naam], nu)
        if periode and claim(taak, periode, nu):
            gestart.append(f"{taak.naam} {periode}")
    return gestart


def _runs_van_vandaag(taken: Collection[Taak], lokaal: datetime) -> dict[str, list[dict]]:
    dagtaken = [taak.naam for taak in taken if taak.dagelijks]
    frequente = [taak.naam for taak in taken if not taak.dagelijks]
    runs = defaultdict(list)
    rijen = Taakrun.objects.filter(
        Q(taak__in=dagtaken, periode__startswith=lokaal.date().isoformat())
        | Q(taak__in=frequente, periode__in={taak.periode(lokaal) for taak in taken})
    ).values("taak", "periode", "status", "gestart_op")
    for rij in rijen:
        runs[rij["taak"]].append(rij)
    return runs


def _volgende_periode(taak: Taak, lokaal: datetime, runs: list[dict], nu: datetime) -> str | None:
    periode = taak.periode(lokaal)
    if not taak.dagelijks:
        return None if any(rij["periode"] == periode for rij in runs) else periode
    if lokaal.time() < taak.om:
        return None
    if not runs:
        return periode
    laatste = max(runs, key=lambda rij: poging(rij["periode"]))
    nummer = poging(laatste["periode"])
    if laatste["status"] != Taakrun.Status.MISLUKT or nummer > len(WACHTTIJDEN):
        return None
    if nu < laatste["gestart_op"] + WACHTTIJDEN[nummer - 1]:
        return None
    return f"{periode}#{nummer + 1}"


def claim(taak: Taak, periode: str, nu: datetime) -> bool:
    """Insert the run and queue its task in one transaction; the planner that loses the
    race gets an IntegrityError and leaves the run to the winner."""
    from accounts.taken import voer_taak_uit

    try:
        with transaction.atomic():
            Taakrun.objects.create(taak=taak.naam, periode=periode, gestart_op=nu)
            voer_taak_uit.enqueue(taak.naam, periode)
    except IntegrityError:
        return False
    return True


def markeer_vastgelopen(nu: datetime) -> int:
    """A run still BEZIG long after it started lost its worker (killed, machine gone):
    mark it MISLUKT, so a daily job is tried again by the retry rule."""
    grens = timedelta(seconds=settings.SAMENPLAN_TAAK_TIMEOUT)
    minuten = settings.SAMENPLAN_TAAK_TIMEOUT // 60
    return Taakrun.objects.filter(status=Taakrun.Status.BEZIG, gestart_op__lt=nu - grens).update(
        status=Taakrun.Status.MISLUKT,
        klaar_op=nu,
        resultaat=f"Afgebroken: na {minuten} minuten niet klaar (is de worker gestopt?).",
    )


# Running a claimed job (in the worker) -----------------------------------------------


def voer_uit(naam: str, periode: str) -> str:
    """Run one claimed job and record what it did. Never raises: a failing job is
    recorded MISLUKT and retried by the rule above."""
    if not Taakrun.objects.filter(taak=naam, periode=periode, status=Taakrun.Status.BEZIG).exists():
        return "Overgeslagen: deze run is al afgesloten."
    taak = zoek_taak(naam)
    try:
        if taak is None:
            raise LookupError(f"De taak {naam} staat niet (meer) in de tabel.")
        functie = import_string(taak.functie)
        argumenten = {"sinds": laatste_geslaagde_dag(naam, periode)} if taak.inhalen else {}
        status, resultaat = Taakrun.Status.KLAAR, taak.beschrijf(functie(**argumenten))
    except Exception as fout:
        status, resultaat = Taakrun.Status.MISLUKT, foutmelding(fout)
        logger.warning("Geplande taak %s %s mislukt: %s", naam, periode, type(fout).__name__)
    Taakrun.objects.filter(taak=naam, periode=periode).update(
        status=status, klaar_op=timezone.now(), resultaat=resultaat
    )
    return resultaat


def laatste_geslaagde_dag(naam: str, periode: str) -> date | None:
    """The day of the last successful run before this one: what it covered is done."""
    eerdere = (
        Taakrun.objects.filter(
            taak=naam, status=Taakrun.Status.KLAAR, periode__lt=periode.partition("#")[0]
        )
        .order_by("-periode")
        .values_list("periode", flat=True)
        .first()
    )
    return date.fromisoformat(eerdere[:10]) if eerdere else None


E_MAILADRES = re.compile(r"[^\s@()<>'\"]+@[^\s@()<>'\"]+")


def foutmelding(fout: Exception) -> str:
    """The error's class and the first line of its message, e-mail addresses masked: the
    region's beheerder reads it, and a database error's DETAIL line (which can quote
    values) is left out. The traceback stays in the worker's log."""
    regel = (str(fout).strip().splitlines() or [""])[0]
    regel = E_MAILADRES.sub("[e-mailadres]", regel)[:300]
    return f"{type(fout).__name__}: {regel}" if regel else type(fout).__name__


# Retention -----------------------------------------------------------------------------


def ruim_taakgeschiedenis_op(nu: datetime | None = None) -> int:
    """Drop old run records and finished queue rows; recent ones stay for /beheer/taken/."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    nu = nu or timezone.now()
    runs, _ = (
        Taakrun.objects.exclude(status=Taakrun.Status.BEZIG)
        .filter(
            Q(periode__contains="T", gestart_op__lt=nu - MINUUTTAAK_BEWAREN)
            | Q(gestart_op__lt=nu - DAGTAAK_BEWAREN)
        )
        .delete()
    )
    resultaten, _ = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=nu - TAAKRESULTAAT_BEWAREN)
        | Q(status=TaskResultStatus.FAILED, finished_at__lt=nu - MISLUKT_TAAKRESULTAAT_BEWAREN)
        # A job whose worker was killed stays RUNNING for ever (the queue does not recover
        # it; the outbox and the run record do).
        | Q(status=TaskResultStatus.RUNNING, started_at__lt=nu - MISLUKT_TAAKRESULTAAT_BEWAREN)
    ).delete()
    return runs + resultaten
