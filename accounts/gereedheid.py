"""Is this installation ready for work? The database answers and the queues move.

`/healthz` only says the process lives; `/gereed` (readiness) also asks the database
and looks at the age of the oldest due e-mail in the outbox and the oldest task waiting
for a worker: a worker that stopped shows as a queue that grows old. The answer names
checks and seconds only, never a message, address or person (docs/productie.md,
"Storingen").
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Min, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import Bericht

OK = "ok"
TE_OUD = "te oud"
ONBEREIKBAAR = "onbereikbaar"


def is_database_onbereikbaar(exc: BaseException | None) -> bool:
    """Whether an exception (or one it came from) says the database cannot be reached."""
    for _ in range(5):  # the chain of causes, not endlessly
        if exc is None:
            return False
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _oudste_bericht(nu: datetime) -> datetime | None:
    return Bericht.objects.te_versturen(nu).aggregate(oudste=Min("volgende_poging"))["oudste"]


def _oudste_taak(nu: datetime) -> datetime | None:
    from django_tasks_db.models import DBTaskResult, get_date_max

    # A task without a start time waits since it was queued; one with a start time since
    # then (or since it was queued, if that is later).
    zonder_tijd = Q(run_after=get_date_max())
    tijden = DBTaskResult.objects.ready().aggregate(
        zonder=Min("enqueued_at", filter=zonder_tijd),
        met=Min(Greatest("enqueued_at", "run_after"), filter=~zonder_tijd),
    )
    return min((t for t in tijden.values() if t is not None), default=None)


def _wachttijd(sinds: datetime | None, nu: datetime) -> int:
    return max(0, int((nu - sinds).total_seconds())) if sinds else 0


def controleer() -> dict:
    """{"status": "ok" | "fout", "controles": {...}, "wachttijd_seconden": {...}}."""
    maximum = settings.SAMENPLAN_GEREED_MAX_WACHTRIJ_SECONDEN
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        nu = timezone.now()
        wachttijd = {
            "berichten": _wachttijd(_oudste_bericht(nu), nu),
            "taken": _wachttijd(_oudste_taak(nu), nu),
        }
    except DatabaseError:
        return {"status": "fout", "controles": {"database": ONBEREIKBAAR}}
    controles = {"database": OK}
    for wachtrij, seconden in wachttijd.items():
        controles[wachtrij] = TE_OUD if seconden > maximum else OK
    return {
        "status": OK if all(uitslag == OK for uitslag in controles.values()) else "fout",
        "controles": controles,
        "wachttijd_seconden": wachttijd,
        "max_wachttijd_seconden": maximum,
    }
