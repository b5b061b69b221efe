"""The MDO report (steps 4-6) with its structured goals and agreements, in versions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Organisatie
from accounts.schrijfwijze import klein
from opp.domein import Doelsoort, Ontwikkelingsdomein

from .mdo import Genodigde, Mdo


class Mdoverslag(models.Model):
    """One version of the report. A concept is edited; a final version never changes."""

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        DEFINITIEF = "definitief", "Definitief"

    mdo = models.ForeignKey(Mdo, on_delete=models.CASCADE, related_name="verslagen")
    versie = models.PositiveSmallIntegerField("versie")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.CONCEPT
    )
    velden = models.JSONField("inhoud", default=dict)
    besluiten = models.TextField("besluiten", blank=True)
    evaluatiedatum = models.DateField("evaluatiedatum", null=True, blank=True)
    aanwezigen = models.ManyToManyField(Genodigde, blank=True, related_name="+")
    overige_aanwezigen = models.CharField("overige aanwezigen", max_length=500, blank=True)
    bewerkingen = models.PositiveIntegerField("bewerkingen", default=0)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(null=True, blank=True)
    reden_nieuwe_versie = models.TextField("reden voor een nieuwe versie", blank=True)
    overgenomen_in_opp_op = models.DateTimeField("overgenomen in het OPP op", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = "MDO-verslag"
        verbose_name_plural = "MDO-verslagen"
        ordering = ["mdo", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["mdo", "versie"], name="verslag_versie_uniek"),
            models.UniqueConstraint(
                fields=["mdo"], condition=Q(status="concept"), name="verslag_een_concept"
            ),
        ]

    def __str__(self) -> str:
        return f"Verslag versie {self.versie} ({klein(self.get_status_display())})"

    @property
    def is_concept(self) -> bool:
        return self.status == self.Status.CONCEPT


class Doel(models.Model):
    """Step 5: a goal, per development domain, for education, youth care or both."""

    verslag = models.ForeignKey(Mdoverslag, on_delete=models.CASCADE, related_name="doelen")
    volgorde = models.PositiveSmallIntegerField(default=0)
    domein = models.CharField(
        "ontwikkelingsdomein", max_length=30, choices=Ontwikkelingsdomein.choices
    )
    soort = models.CharField("soort doel", max_length=12, choices=Doelsoort.choices)
    omschrijving = models.TextField("doel")

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["volgorde", "pk"]

    def __str__(self) -> str:
        return self.omschrijving[:80]


class Afspraak(models.Model):
    """Step 6: per goal the inzet — what, by whom, from when, how many hours."""

    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="afspraken")
    inzet = models.TextField("inzet (wat)")
    uitvoerder = models.CharField("wie", max_length=200)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vanaf = models.DateField("vanaf")
    tot = models.DateField("tot en met", null=True, blank=True)
    uren_per_week = models.DecimalField(
        "uren per week",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = "afspraak"
        verbose_name_plural = "afspraken"
        ordering = ["vanaf", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("vanaf")),
                name="afspraak_tot_na_vanaf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inzet[:60]} ({self.uitvoerder})"
