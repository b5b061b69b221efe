"""A mail backend for tests that fails like a mail server that is down or refuses.

Set `Mailserver.storing` to an exception and every send raises it; `Mailserver.bij_verzenden`
runs while a message is being sent (to look at the outbox at that moment). `HangendeBackend`
is for worker processes: it writes files and can hang mid-send.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend


class Mailserver(EmailBackend):
    storing: Exception | None = None
    neemt_niet_aan = False  # returns without error, but takes nothing
    bij_verzenden = None

    def send_messages(self, messages):
        if Mailserver.bij_verzenden is not None:
            Mailserver.bij_verzenden(messages)
        if Mailserver.storing is not None:
            raise Mailserver.storing
        if Mailserver.neemt_niet_aan:
            return 0
        return super().send_messages(messages)

    @classmethod
    def herstel(cls) -> None:
        cls.storing = None
        cls.neemt_niet_aan = False
        cls.bij_verzenden = None


class HangendeBackend(FileBackend):
    """For real worker processes (tests/e2e/test_meerdere_instanties.py): writes mail to
    files after a short pause (SAMENPLAN_TEST_MAIL_PAUZE seconds), and hangs for good on
    the first message to an address starting with SAMENPLAN_TEST_HANGT_VOOR, after
    creating SAMENPLAN_TEST_HANGT_MARKER: the test then kills that worker mid-send. The
    marker makes the next try (by the other worker) go through."""

    def send_messages(self, messages):
        pauze = float(os.environ.get("SAMENPLAN_TEST_MAIL_PAUZE", "0"))
        voorvoegsel = os.environ.get("SAMENPLAN_TEST_HANGT_VOOR", "")
        marker = os.environ.get("SAMENPLAN_TEST_HANGT_MARKER", "")
        hangt = voorvoegsel and any(
            adres.startswith(voorvoegsel) for bericht in messages for adres in bericht.to
        )
        if hangt and marker and not os.path.exists(marker):
            Path(marker).touch()
            while True:
                time.sleep(60)
        if pauze:
            time.sleep(pauze)
        return super().send_messages(messages)
