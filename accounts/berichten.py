"""The e-mail outbox: each message is a `Bericht` row, sent by a worker.

A message is written in the transaction of the change that causes it, so it exists
exactly when that change commits; a job (accounts/taken.py) sends it afterwards. The
guarantees and their limits are in docs/productie.md ("E-mail en achtergrondtaken"):

- a message is claimed under a row lock and its claim (BEZIG) is committed before the
  send, so two workers never send it both;
- it is VERSTUURD only after the mail backend returned without error;
- a failed send goes back to the queue with a growing wait (BACKOFF) and, after the last
  try, is MISLUKT: listed for whoever caused it and for the region's beheerder;
- a worker that dies mid-send leaves the row BEZIG; `verwerk_wachtrij` puts it back after
  SAMENPLAN_BERICHT_BEZIG_TIMEOUT and also queues messages whose job got lost.

Once sent, a message keeps who, what kind and when, but not its text: links with tokens
and details of a meeting need not stay in the database after they left.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Bericht, User

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed try; the last one repeats if more tries are set.
BACKOFF = tuple(timedelta(minutes=m) for m in (1, 5, 15, 60, 240))
# Messages per job when one change writes many (an import invites hundreds of parents):
# one job sends them over one connection to the mail server.
PER_TAAK = 50
# Messages claimed in one transaction: fewer commits, and still a short BEZIG (at most
# this many sends) for each.
PER_CLAIM = 10
# A due message still waiting this long after it was due has lost its job (the process
# died between the commit and the enqueue, or a backend without deferred jobs), or waits
# behind a backlog: the sweep queues it again. A second job for a message is harmless (it
# is claimed once), and the age of the oldest due message stays what /gereed reports.
ACHTERSTAND = timedelta(minutes=2)
# At most this many messages queued again per sweep (PER_RONDE / PER_TAAK jobs a minute).
PER_RONDE = 5000

ADRES = re.compile(r"[^\s<>()\[\]'\",;:]+@[^\s<>()\[\]'\",;:]+")


class NietGeaccepteerd(Exception):
    """The mail backend returned without error but did not take the message."""


# Writing -----------------------------------------------------------------------------


def bijlage(naam: str, inhoud: bytes, mimetype: str) -> dict:
    return {"naam": naam, "mimetype": mimetype, "inhoud": base64.b64encode(inhoud).decode()}


def zet_in_wachtrij(berichten: list[Bericht]) -> list[Bericht]:
    """Write the messages in the current transaction; their jobs start after the commit."""
    if not berichten:
        return []
    berichten = Bericht.objects.bulk_create(berichten)
    ids = [bericht.pk for bericht in berichten]
    # robust: the change is saved and the rows exist; should the enqueue fail, the
    # sweep finds the messages (ACHTERSTAND).
    transaction.on_commit(lambda: plan_verzending(ids), robust=True)
    return berichten


def plan_verzending(ids: list[int], run_after: datetime | None = None) -> None:
    """Enqueue the jobs that send these messages (one per message, or per PER_TAAK)."""
    from accounts import taken

    for start in range(0, len(ids), PER_TAAK):
        deel = ids[start : start + PER_TAAK]
        if len(deel) == 1:
            taak, argument = taken.verstuur_bericht, deel[0]
        else:
            taak, argument = taken.verstuur_berichten, deel
        if run_after is not None:
            if not taak.get_backend().supports_defer:
                return  # the sweep sends them once due
            taak = taak.using(run_after=run_after)
        taak.enqueue(argument)


# Sending -----------------------------------------------------------------------------


def verstuur(bericht_id: int) -> bool:
    """Send one message if it is still waiting and due; True when the server took it."""
    return verstuur_reeks([bericht_id]) == 1


def verstuur_reeks(ids: Iterable[int]) -> int:
    """Send the waiting, due messages among `ids` over one connection; returns how many
    the mail server accepted. Safe to call twice, from any number of workers."""
    verzending = _Verzending()
    verstuurd = 0
    herkansingen: dict[int, tuple[datetime, list[int]]] = {}
    ids = list(ids)
    try:
        for bericht in (
            bericht
            for start in range(0, len(ids), PER_CLAIM)
            for bericht in _claim(ids[start : start + PER_CLAIM])
        ):
            if verzending.storing is None and not _nog_van_mij(bericht):
                continue  # a sweep found this worker slow and another one took it over
            fout = verzending.stuur(bericht)
            if fout is None:
                _markeer_verstuurd(bericht)
                verstuurd += 1
            else:
                volgende = _registreer_fout(bericht, fout)
                if volgende is not None:  # one deferred job per number of tries
                    wanneer, groep = herkansingen.get(bericht.pogingen, (volgende, []))
                    herkansingen[bericht.pogingen] = (max(wanneer, volgende), [*groep, bericht.pk])
    finally:
        verzending.sluit()
    for wanneer, groep in herkansingen.values():
        plan_verzending(groep, run_after=wanneer)
    return verstuurd


class _Verzending:
    """One connection to the mail server, opened at the first send; once the server is
    out of reach (`storing`), the rest of the series waits too without trying."""

    def __init__(self) -> None:
        self.verbinding = None
        self.storing: Exception | None = None

    def stuur(self, bericht: Bericht) -> Exception | None:
        """None when the server took the message, else why not."""
        if self.storing is not None:
            return self.storing
        try:
            if self.verbinding is None:
                self.verbinding = get_connection()
                self.verbinding.open()
            if not self.verbinding.send_messages([_email(bericht)]):
                raise NietGeaccepteerd("De mailserver nam het bericht niet aan.")
        except Exception as fout:  # any failure: the message waits, nothing lost
            if _is_storing(fout):
                self.storing = fout
            return fout
        return None

    def sluit(self) -> None:
        if self.verbinding is not None:
            with contextlib.suppress(Exception):  # closing a broken connection may fail too
                self.verbinding.close()


def _vergrendeld(queryset: QuerySet[Bericht]) -> QuerySet[Bericht]:
    # On PostgreSQL a second worker skips a row another one is claiming; SQLite has no
    # row locks, but its IMMEDIATE transactions let one writer in at a time.
    return queryset.select_for_update(
        skip_locked=connection.features.has_select_for_update_skip_locked
    )


def _claim(ids: list[int]) -> list[Bericht]:
    """BEZIG, committed before the send: from here no other worker takes these messages."""
    nu = timezone.now()
    with transaction.atomic():
        berichten = list(
            _vergrendeld(Bericht.objects.filter(pk__in=ids))
            .filter(status=Bericht.Status.WACHTRIJ, volgende_poging__lte=nu)
            .order_by("pk")
        )
        Bericht.objects.filter(pk__in=[bericht.pk for bericht in berichten]).update(
            status=Bericht.Status.BEZIG, bezig_sinds=nu
        )
    for bericht in berichten:
        bericht.status, bericht.bezig_sinds = Bericht.Status.BEZIG, nu
    return berichten


def _email(bericht: Bericht) -> EmailMessage:
    email = EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + bericht.onderwerp,
        body=bericht.tekst,
        to=[bericht.aan],
    )
    for stuk in bericht.bijlagen:
        email.attach(stuk["naam"], base64.b64decode(stuk["inhoud"]), stuk["mimetype"])
    return email


def _nog_van_mij(bericht: Bericht) -> bool:
    """Renew this worker's claim just before the send; False when it was lost.

    A batch is claimed at once, but each message's claim is renewed right before its own
    send, so a slow mail server delays the sweep per message instead of letting it hand
    the rest of the batch to a second worker that would send it as well.
    """
    nu = timezone.now()
    eigen = Bericht.objects.filter(
        pk=bericht.pk, status=Bericht.Status.BEZIG, bezig_sinds=bericht.bezig_sinds
    ).update(bezig_sinds=nu)
    if eigen:
        bericht.bezig_sinds = nu
    return bool(eigen)


def _markeer_verstuurd(bericht: Bericht) -> None:
    # Whatever happened to the row meanwhile (a sweep that found it slow), it left.
    Bericht.objects.filter(pk=bericht.pk).update(
        status=Bericht.Status.VERSTUURD,
        verstuurd_op=timezone.now(),
        bezig_sinds=None,
        tekst="",
        bijlagen=[],
    )


def _registreer_fout(bericht: Bericht, fout: Exception) -> datetime | None:
    """Back to the queue with a wait, or MISLUKT after the last try; the next try's time."""
    bericht.pogingen += 1
    nu = timezone.now()
    laatste = bericht.pogingen >= settings.SAMENPLAN_BERICHT_POGINGEN or _is_blijvend(fout)
    volgende = None if laatste else nu + BACKOFF[min(bericht.pogingen, len(BACKOFF)) - 1]
    bijgewerkt = Bericht.objects.filter(
        pk=bericht.pk, status=Bericht.Status.BEZIG, bezig_sinds=bericht.bezig_sinds
    ).update(
        status=Bericht.Status.MISLUKT if laatste else Bericht.Status.WACHTRIJ,
        pogingen=bericht.pogingen,
        volgende_poging=volgende or F("volgende_poging"),
        bezig_sinds=None,
        laatste_fout=beschrijf_fout(fout),
    )
    logger.warning(
        "Bericht %s niet verstuurd (poging %d, %s): %s",
        bericht.uuid,
        bericht.pogingen,
        "opgegeven" if laatste else "volgt opnieuw",
        beschrijf_fout(fout),
    )
    return volgende if bijgewerkt else None


def _is_storing(fout: Exception) -> bool:
    """The server is out of reach (not just this message): later messages need not try."""
    if isinstance(fout, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    if isinstance(fout, smtplib.SMTPResponseException):
        return fout.smtp_code in (421, 530, 535)  # closing, or our login refused
    return isinstance(fout, OSError) and not isinstance(fout, smtplib.SMTPException)


def _is_blijvend(fout: Exception) -> bool:
    """The server refused the address for good (5xx): trying again changes nothing."""
    return isinstance(fout, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _ in fout.recipients.values()
    )


def beschrijf_fout(fout: Exception) -> str:
    """The error's class and message, without e-mail addresses (the list shows it)."""
    if isinstance(fout, smtplib.SMTPRecipientsRefused) and fout.recipients:
        code, tekst = next(iter(fout.recipients.values()))
        melding = f"{code} {_als_tekst(tekst)}"
    elif isinstance(fout, smtplib.SMTPResponseException):
        melding = f"{fout.smtp_code} {_als_tekst(fout.smtp_error)}"
    else:
        melding = str(fout)
    melding = " ".join(ADRES.sub("[adres]", melding).split())
    return f"{type(fout).__name__}: {melding}"[:300] if melding else type(fout).__name__


def _als_tekst(waarde: object) -> str:
    return waarde.decode(errors="replace") if isinstance(waarde, bytes) else str(waarde)


# The sweep ---------------------------------------------------------------------------


def verwerk_wachtrij(nu: datetime | None = None) -> dict[str, int]:
    """Put back what dead workers left BEZIG, and queue due messages that lost their job.

    The scheduler runs this every minute; each message is sent under its lock, so a
    message queued twice is still sent once.
    """
    nu = nu or timezone.now()
    vastgelopen = Bericht.objects.filter(
        status=Bericht.Status.BEZIG,
        bezig_sinds__lt=nu - timedelta(seconds=settings.SAMENPLAN_BERICHT_BEZIG_TIMEOUT),
    )
    onderbroken = "Onderbroken: de verzending stopte halverwege (worker gestopt)."
    # The interrupted send counts as a try: a message that kills its worker every time
    # must end as MISLUKT, not loop for ever.
    opgegeven = vastgelopen.filter(pogingen__gte=settings.SAMENPLAN_BERICHT_POGINGEN - 1).update(
        status=Bericht.Status.MISLUKT,
        pogingen=F("pogingen") + 1,
        bezig_sinds=None,
        laatste_fout=onderbroken,
    )
    hersteld = vastgelopen.update(
        status=Bericht.Status.WACHTRIJ,
        pogingen=F("pogingen") + 1,
        volgende_poging=nu - ACHTERSTAND,
        bezig_sinds=None,
        laatste_fout=onderbroken,
    )
    ids = list(
        Bericht.objects.te_versturen(nu - ACHTERSTAND)
        .order_by("volgende_poging", "pk")
        .values_list("pk", flat=True)[:PER_RONDE]
    )
    if ids:
        plan_verzending(ids)
    return {"hersteld": hersteld, "opgegeven": opgegeven, "ingepland": len(ids)}


# Failed messages: who sees them, and sending again ------------------------------------


def niet_afgeleverd_voor(user: User) -> QuerySet[Bericht]:
    return Bericht.objects.for_user(user).niet_afgeleverd()


@transaction.atomic
def verstuur_opnieuw(bericht: Bericht, *, door: User) -> Bericht:
    """A failed message goes back to the queue with fresh tries, sent at once."""
    current = Bericht.objects.select_for_update().get(pk=bericht.pk)
    if current.status != Bericht.Status.MISLUKT:
        raise ValidationError("Dit bericht is al opnieuw in de wachtrij gezet of afgeleverd.")
    current.status = Bericht.Status.WACHTRIJ
    current.pogingen = 0
    current.volgende_poging = timezone.now()
    current.save(update_fields=["status", "pogingen", "volgende_poging"])
    logger.info("Bericht %s opnieuw in de wachtrij gezet door gebruiker %s", current.uuid, door.pk)
    transaction.on_commit(lambda: plan_verzending([current.pk]), robust=True)
    return current


def eerste_berichten_na(
    sjabloon: str, verzonden: dict, binnen: timedelta = timedelta(minutes=1)
) -> dict:
    """The message each domain event wrote: `verzonden` maps a key to (address, moment the
    event was recorded); the answer maps the key to the first message of this kind to that
    address at or after that moment. The message is written in the same transaction,
    within `binnen` of the moment (an invitation to the same person from another meeting
    comes later)."""
    verzonden = {k: (aan, op) for k, (aan, op) in verzonden.items() if aan and op}
    if not verzonden:
        return {}
    momenten = [op for _, op in verzonden.values()]
    kandidaten = defaultdict(list)
    for bericht in Bericht.objects.filter(
        sjabloon=sjabloon,
        aan__in={aan for aan, _ in verzonden.values()},
        aangemaakt_op__gte=min(momenten),
        aangemaakt_op__lt=max(momenten) + binnen,
    ).order_by("aangemaakt_op", "pk"):
        kandidaten[bericht.aan].append(bericht)
    gevonden = {}
    for sleutel, (aan, op) in verzonden.items():
        bericht = next((b for b in kandidaten[aan] if op <= b.aangemaakt_op < op + binnen), None)
        if bericht is not None:
            gevonden[sleutel] = bericht
    return gevonden


def ruim_op(bewaar_dagen: int = 90, nu: datetime | None = None) -> int:
    """Remove sent messages older than this: the outbox is no archive."""
    grens = (nu or timezone.now()) - timedelta(days=bewaar_dagen)
    aantal, _ = Bericht.objects.filter(
        status=Bericht.Status.VERSTUURD, verstuurd_op__lt=grens
    ).delete()
    return aantal
