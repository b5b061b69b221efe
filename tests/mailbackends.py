"""A mail backend for tests that fails like a mail server that is down or refuses.

Set `Mailserver.storing` to an exception and every send raises it; `Mailserver.bij_verzenden`
runs while a message is being sent (to look at the outbox at that moment).
"""

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
