"""The scheduler: every few seconds, claim and queue the jobs that are due (see
accounts/planner.py and docs/productie.md, "Geplande taken"). Any number may run: each
job still runs once per period. A worker (`manage.py db_worker`) runs what it queues."""

import logging
import signal
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from accounts.planner import alle_taken, tick

logger = logging.getLogger("accounts.planner")


class Command(BaseCommand):
    help = "Plant de geplande taken in (dagelijkse taken en die van elke minuut)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--eenmalig", action="store_true", help="Eén keer kijken wat klaarstaat en stoppen."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconden tussen twee keer kijken (standaard SAMENPLAN_PLANNER_INTERVAL).",
        )

    def handle(self, *args, eenmalig=False, interval=None, verbosity=1, **options):
        self.verbosity = verbosity
        interval = interval if interval is not None else settings.SAMENPLAN_PLANNER_INTERVAL
        alle_taken()  # a broken table fails now, not at the first tick
        if eenmalig:
            self.kijk()
            return
        self.doorgaan, self.bezig = True, False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.meld(f"Planner gestart: kijkt elke {interval:g} s.")
        while self.doorgaan:
            self.bezig = True
            # A long-running process: drop a connection the database closed meanwhile
            # (restart, failover), as Django does around each request.
            close_old_connections()
            self.kijk()
            close_old_connections()
            self.bezig = False
            if self.doorgaan:
                time.sleep(interval)
        self.meld("Planner gestopt.")

    def kijk(self):
        try:
            gestart = tick()
        except DatabaseError as fout:
            # Database away or locked: the next tick tries again; nothing was half-claimed.
            logger.warning("Planner: database niet bereikbaar (%s)", type(fout).__name__)
            return
        for regel in gestart:
            self.meld(f"Gestart: {regel}")

    def stop(self, signum, frame):
        """SIGTERM: finish the tick in progress (a claim is one short transaction), then
        leave; while asleep, leave at once."""
        self.doorgaan = False
        if not self.bezig:
            self.meld("Planner gestopt.")
            sys.exit(0)

    def meld(self, tekst: str):
        if self.verbosity:
            self.stdout.write(tekst)
            self.stdout.flush()
