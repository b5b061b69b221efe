"""Failed logins per account: the brake on password guessing (accounts/inlogrem.py).

Decision and its grounds: docs/adr/0007-inlogrem.md.
"""

from django.db import models


class Inlogrem(models.Model):
    """The failed logins of one e-mail address in a row, and how long it must wait.

    The address itself is not stored: `sleutel` is a keyed hash of it, so the table
    holds no list of addresses that were tried (also ones that belong to nobody).
    """

    sleutel = models.CharField("sleutel (hash van het e-mailadres)", max_length=64, unique=True)
    mislukt = models.PositiveIntegerField("mislukte pogingen na elkaar", default=0)
    laatst_mislukt = models.DateTimeField("laatste mislukte poging", null=True, blank=True)
    wacht_tot = models.DateTimeField(
        "geen poging voor", null=True, blank=True, help_text="Wachttijd of blokkade."
    )
    geblokkeerd_op = models.DateTimeField("geblokkeerd op", null=True, blank=True)

    class Meta:
        verbose_name = "inlogrem"
        verbose_name_plural = "inlogremmen"

    def __str__(self) -> str:
        return f"{self.mislukt} mislukt"
