"""The outbox and the record of scheduled work (see docs/productie.md).

Every e-mail is a `Bericht` row written in the same transaction as the change that
causes it, and is sent by a worker: nothing is lost when the mail server is down, and a
message counts as sent only once the mail server accepted it. `Taakrun` records each run
of a scheduled job; its unique (taak, periode) makes a daily job run once, however many
schedulers run.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .organisaties import Organisatie


class BerichtQuerySet(models.QuerySet):
    def for_user(self, user):
        """Whoever caused a message sees it; the region's beheerder sees all of them."""
        from accounts.permissions import is_regiobeheerder

        if not user.is_authenticated:
            return self.none()
        if is_regiobeheerder(user):
            return self
        return self.filter(veroorzaakt_door=user)

    def niet_afgeleverd(self):
        return self.filter(status=Bericht.Status.MISLUKT)

    def te_versturen(self, op=None):
        return self.filter(
            status=Bericht.Status.WACHTRIJ, volgende_poging__lte=op or timezone.now()
        )


class Bericht(models.Model):
    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", "In de wachtrij"
        BEZIG = "bezig", "Wordt verstuurd"
        VERSTUURD = "verstuurd", "Verstuurd"
        MISLUKT = "mislukt", "Niet afgeleverd"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    aan = models.EmailField("aan")
    onderwerp = models.CharField("onderwerp", max_length=255)
    tekst = models.TextField("tekst")
    bijlagen = models.JSONField(
        "bijlagen", default=list, blank=True, help_text="Naam, mimetype en inhoud (base64)."
    )
    sjabloon = models.CharField(
        "soort bericht", max_length=200, help_text="Het sjabloon: wat voor bericht dit is."
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.WACHTRIJ
    )
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    volgende_poging = models.DateTimeField("volgende poging", default=timezone.now)
    bezig_sinds = models.DateTimeField("bezig sinds", null=True, blank=True)
    laatste_fout = models.CharField("laatste fout", max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)
    veroorzaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="veroorzaakt door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Wie de handeling deed waardoor dit bericht ontstond.",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="namens organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = BerichtQuerySet.as_manager()

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["status", "volgende_poging"], name="bericht_wachtrij"),
            models.Index(fields=["veroorzaakt_door", "status"], name="bericht_veroorzaker"),
            # The MDO page finds each invitation's message by kind, address and time.
            models.Index(fields=["sjabloon", "aan", "aangemaakt_op"], name="bericht_per_soort"),
        ]

    def __str__(self) -> str:
        return f"{self.sjabloon} → {self.aan} ({self.get_status_display()})"


class Taakrun(models.Model):
    """One run of a scheduled job for one period (a day, or a minute for frequent work)."""

    class Status(models.TextChoices):
        BEZIG = "bezig", "Bezig"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Mislukt"

    taak = models.CharField("taak", max_length=80)
    periode = models.CharField("periode", max_length=20, help_text="Bijvoorbeeld 2026-12-02.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.BEZIG)
    gestart_op = models.DateTimeField("gestart op", default=timezone.now)
    klaar_op = models.DateTimeField("klaar op", null=True, blank=True)
    resultaat = models.TextField("resultaat", blank=True)

    class Meta:
        verbose_name = "taakrun"
        verbose_name_plural = "taakruns"
        ordering = ["-gestart_op", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["taak", "periode"], name="taakrun_eenmaal_per_periode")
        ]

    def __str__(self) -> str:
        return f"{self.taak} {self.periode} ({self.get_status_display()})"

    @property
    def duur(self):
        return (self.klaar_op - self.gestart_op) if self.klaar_op else None
