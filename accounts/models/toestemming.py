"""Consent (toestemming): who may receive which information about a pupil.

One row is one giver's answer (a parent with custody, or the pupil) about one receiver
(an organisation, optionally narrowed to one person of it) and one kind of information.
Whether the consent *counts* follows from the age rules in accounts/toestemming.py.
Every change is history-tracked.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .leerlingen import Leerling
from .organisaties import Organisatie


class Informatiesoort(models.TextChoices):
    MDO_DEELNAME = "mdo_deelname", "Deelname aan het MDO (en het verslag ervan)"
    VOORBEREIDINGSSTUKKEN = "voorbereidingsstukken", "Voorbereidingsstukken voor het MDO"
    OPP_INZAGE = "opp_inzage", "Inzage in het OPP"
    GEZINSPLAN = "gezinsplan", "Het gezinsplan"
    OVERDRACHT = (
        "overdracht",
        "Overdracht van het lopende traject, het OPP en de toestemmingen aan de nieuwe school",
    )


class ToestemmingQuerySet(models.QuerySet):
    def geldig(self, op=None):
        """Given, not withdrawn, not past its end date."""
        op = op or timezone.localdate()
        return self.filter(status=Toestemming.Status.GEGEVEN).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op)
        )

    def open_vragen(self):
        return self.filter(status=Toestemming.Status.GEVRAAGD)


class Toestemming(models.Model):
    class Status(models.TextChoices):
        GEVRAAGD = "gevraagd", "Gevraagd, nog geen antwoord"
        GEGEVEN = "gegeven", "Gegeven"
        GEWEIGERD = "geweigerd", "Geweigerd"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.CASCADE, related_name="toestemmingen"
    )
    soort = models.CharField("soort informatie", max_length=30, choices=Informatiesoort.choices)
    ontvanger_organisatie = models.ForeignKey(
        Organisatie, verbose_name="ontvangende organisatie", on_delete=models.PROTECT
    )
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ontvangende persoon",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ontvangen_toestemmingen",
        help_text="Leeg: de toestemming geldt voor de hele organisatie.",
    )
    gever = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ouder die toestemming geeft",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gegeven_toestemmingen",
        help_text="Leeg als het de toestemming van de leerling zelf is.",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices)
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gevraagd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De ouder zelf, of wie het antwoord van de leerling vastlegde.",
    )
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    history = HistoricalRecords()
    objects = ToestemmingQuerySet.as_manager()

    class Meta:
        verbose_name = "toestemming"
        verbose_name_plural = "toestemmingen"
        ordering = ["leerling", "soort", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "soort", "ontvanger_organisatie", "ontvanger", "gever"],
                condition=Q(ontvanger__isnull=False, gever__isnull=False),
                name="toestemming_persoon_ouder_uniek",
            ),
            models.UniqueConstraint(
                fields=["leerling", "soort", "ontvanger_organisatie", "gever"],
                condition=Q(ontvanger__isnull=True, gever__isnull=False),
                name="toestemming_organisatie_ouder_uniek",
            ),
            models.UniqueConstraint(
                fields=["leerling", "soort", "ontvanger_organisatie", "ontvanger"],
                condition=Q(ontvanger__isnull=False, gever__isnull=True),
                name="toestemming_persoon_leerling_uniek",
            ),
            models.UniqueConstraint(
                fields=["leerling", "soort", "ontvanger_organisatie"],
                condition=Q(ontvanger__isnull=True, gever__isnull=True),
                name="toestemming_organisatie_leerling_uniek",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_soort_display()} voor {self.ontvanger_label}: {self.get_status_display()}"
        )

    @property
    def ontvanger_label(self) -> str:
        if self.ontvanger_id:
            return f"{self.ontvanger.naam} ({self.ontvanger_organisatie.naam})"
        return self.ontvanger_organisatie.naam

    @property
    def gever_label(self) -> str:
        return self.gever.naam if self.gever_id else f"{self.leerling.voornaam} (leerling)"

    def is_geldig(self, op=None) -> bool:
        """`ToestemmingQuerySet.geldig` for one row already loaded."""
        op = op or timezone.localdate()
        return self.status == Toestemming.Status.GEGEVEN and (
            self.geldig_tot is None or self.geldig_tot >= op
        )

    @property
    def is_verlopen(self) -> bool:
        return bool(self.geldig_tot and self.geldig_tot < timezone.localdate())
