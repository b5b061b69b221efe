"""The job worker for `make serve` and `make demo`: django-tasks-db's `db_worker`, kept
alive through a database outage.

`db_worker` exits when its database connection fails (its loop opens a transaction
outside its error handling). Under `make serve` that would end the whole stack, and a
supervisor restarting it at once would give up while the database is still away. This
command waits and starts the worker again, with a growing pause (at most 30 s), so mail
and scheduled work resume by themselves once the database is back (docs/productie.md).
"""

import logging
import signal
import sys
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger(__name__)
MAX_PAUZE = 30


class Command(DbWorkerCommand):
    help = (
        "Draait de worker voor achtergrondtaken (db_worker) en start hem opnieuw als de "
        "database even onbereikbaar is."
    )

    def handle(self, *args, **options):
        pauze = 1
        while True:
            try:
                super().handle(*args, **options)
                return  # stopped by a signal, or --batch found nothing more to do
            except (OperationalError, InterfaceError) as fout:
                logger.warning(
                    "Database onbereikbaar (%s); de worker start over %d s opnieuw.",
                    type(fout).__name__,
                    pauze,
                )
                for verbinding in connections.all():
                    verbinding.close_if_unusable_or_obsolete()
                self.wacht(pauze)
                pauze = min(pauze * 2, MAX_PAUZE)

    @staticmethod
    def wacht(seconden: float) -> None:
        # The worker's own signal handlers only stop the worker that just failed: during
        # the pause a stop request ends the process at once.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: sys.exit(0))
        time.sleep(seconden)
