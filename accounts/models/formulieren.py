"""One-time tokens of forms that add something (accounts/eenmalig.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Formulierinzending(models.Model):
    """A form that was sent, by its one-time token: the same form sent again (a double
    click, the browser's back button, a retry) finds its token here and adds nothing.

    The token is unique, so of two requests at the same moment the database lets one
    insert it; the other waits for that transaction and then finds it. Kept a day
    (`ruim_formuliertokens_op`).
    """

    token = models.UUIDField("token", unique=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="+",
    )
    ontvangen_op = models.DateTimeField("ontvangen op", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "verstuurd formulier"
        verbose_name_plural = "verstuurde formulieren"

    def __str__(self) -> str:
        return str(self.token)
