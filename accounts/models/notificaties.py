"""In-app notifications ("meldingen") and how each person wants to hear of them by e-mail
(docs/meldingen.md).

A notification says *that* something waits and links to it: its kind (a code from the
table in accounts/notificaties.py) and a relative link to the item. It holds no names and
no free text; the page behind the link checks who may open it, as any page does.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificatieQuerySet(models.QuerySet):
    def voor(self, user):
        """A person only ever sees her own notifications."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(ontvanger=user)

    def ongelezen(self):
        return self.filter(gelezen_op__isnull=True)


class Notificatie(models.Model):
    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ontvanger",
        on_delete=models.CASCADE,
        related_name="notificaties",
    )
    soort = models.CharField(
        "soort", max_length=40, help_text="Een code uit accounts/notificaties.py (SOORTEN)."
    )
    link = models.CharField(
        "link", max_length=300, help_text="Relatieve link naar het onderwerp, bijv. /mdo/…/."
    )
    onderwerp = models.UUIDField(
        "onderwerp",
        null=True,
        blank=True,
        help_text="Het kenmerk van het MDO, OPP, de aanvraag of inzet waarover het gaat.",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    gelezen_op = models.DateTimeField("gelezen op", null=True, blank=True)
    gemaild_op = models.DateTimeField(
        "gemaild op",
        null=True,
        blank=True,
        help_text="Wanneer de e-mail (direct of in het dagoverzicht) in de wachtrij ging.",
    )

    objects = NotificatieQuerySet.as_manager()

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            # The bell's count on every page, and the list newest first.
            models.Index(fields=["ontvanger", "gelezen_op"], name="notificatie_ongelezen"),
            models.Index(fields=["ontvanger", "-aangemaakt_op"], name="notificatie_lijst"),
            # "Once per inzet": has this kind been sent about this item?
            models.Index(fields=["soort", "onderwerp"], name="notificatie_onderwerp"),
        ]

    def __str__(self) -> str:
        return f"{self.soort} → {self.ontvanger_id}"

    @property
    def is_gelezen(self) -> bool:
        return self.gelezen_op is not None
