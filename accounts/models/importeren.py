"""A pupil import from a school's administration export: preview, then confirm."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .organisaties import Organisatie


class Leerlingimport(models.Model):
    """One uploaded export. Between preview and confirmation the parsed rows are kept
    here (not the file); once applied only the counts and the row messages remain."""

    class Status(models.TextChoices):
        VOORBEELD = "voorbeeld", "Voorbeeld, nog niet bevestigd"
        BEZIG = "bezig", "Wordt verwerkt"
        VERWERKT = "verwerkt", "Verwerkt"
        GEANNULEERD = "geannuleerd", "Geannuleerd"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        Organisatie, verbose_name="school", on_delete=models.PROTECT, related_name="+"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    bestandsnaam = models.CharField("bestandsnaam", max_length=255)
    volledig = models.BooleanField(
        "volledige export",
        default=True,
        help_text="Leerlingen van de school die niet in een volledige export staan, "
        "worden uitgeschreven.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.VOORBEELD
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    verwerkt_op = models.DateTimeField("verwerkt op", null=True, blank=True)
    rijen = models.JSONField("gelezen rijen", default=list, blank=True)
    meldingen = models.JSONField("meldingen per rij", default=list, blank=True)
    resultaat = models.JSONField("aantallen", default=dict, blank=True)

    class Meta:
        verbose_name = "leerlingimport"
        verbose_name_plural = "leerlingimports"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.school}, {self.aangemaakt_op:%d-%m-%Y %H:%M})"
