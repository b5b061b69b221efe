"""The vrijstelling route and deviations from the minimum teaching time (Variawet).

A `Vrijstelling` is a request for exemption from leerplicht and what became of it: the
SWV's view on the onderwijsperspectief, the independent doctor's advice, leerplicht's
decision (granted only after a positive advice: fasenmodel/leerplicht.py) and the period.
An exempt pupil is not absent: the thuiszitters register reads "vrijgesteld" from an
active exemption. An `Onderwijstijdafwijking` is the school's deviation from the minimum
teaching time for an enrolled pupil, with its ingroeiplan. Both keep their history.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Leerling, Organisatie

from .leerplicht import Advies, Besluit, Grondslag, Perspectief, is_actief


class VrijstellingQuerySet(models.QuerySet):
    def for_user(self, user):
        from .permissions_leerplicht import vrijstellingen_for_user

        return vrijstellingen_for_user(user, self)

    def actief(self, op):
        return self.filter(besluit=Besluit.VERLEEND, startdatum__lte=op).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=op)
        )


class Vrijstelling(models.Model):
    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="vrijstellingen"
    )
    aangevraagd_op = models.DateField("verzoek ingediend op")
    perspectief_swv = models.CharField(
        "onderwijsperspectief volgens het SWV",
        max_length=10,
        choices=Perspectief.choices,
        blank=True,
    )
    visie_swv = models.TextField("visie van het samenwerkingsverband", blank=True)
    visie_swv_op = models.DateField("visie gegeven op", null=True, blank=True)
    advies = models.CharField(
        "advies onafhankelijk arts", max_length=10, choices=Advies.choices, blank=True
    )
    advies_op = models.DateField("advies gegeven op", null=True, blank=True)
    besluit = models.CharField(
        "besluit leerplicht", max_length=10, choices=Besluit.choices, blank=True
    )
    besluit_op = models.DateField("besluit genomen op", null=True, blank=True)
    startdatum = models.DateField("vrijgesteld vanaf", null=True, blank=True)
    einddatum = models.DateField("vrijgesteld tot en met", null=True, blank=True)
    zorglocatie = models.CharField("zorglocatie", max_length=200, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingevoerd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("ingevoerd op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    versie = models.PositiveIntegerField("versie", default=1)

    history = HistoricalRecords()
    objects = VrijstellingQuerySet.as_manager()

    class Meta:
        verbose_name = "vrijstelling"
        verbose_name_plural = "vrijstellingen"
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            # Thuiszittersaanpak: "Bij een negatief advies geeft leerplicht geen
            # vrijstelling af."
            models.CheckConstraint(
                condition=~Q(besluit="verleend") | Q(advies="positief", startdatum__isnull=False),
                name="vrijstelling_alleen_na_positief_advies",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=False, einddatum__gte=models.F("startdatum")),
                name="vrijstelling_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Vrijstelling {self.leerling} (verzoek {self.aangevraagd_op:%d-%m-%Y})"

    def is_actief(self, op) -> bool:
        return is_actief(self.besluit, self.startdatum, self.einddatum, op)

    @property
    def stand(self) -> str:
        if self.besluit:
            return self.get_besluit_display()
        if self.advies:
            return "Advies gegeven, besluit leerplicht volgt"
        return "Verzoek ingediend, advies arts volgt"


class Onderwijstijdafwijking(models.Model):
    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling,
        verbose_name="leerling",
        on_delete=models.PROTECT,
        related_name="onderwijstijdafwijkingen",
    )
    school = models.ForeignKey(
        Organisatie, verbose_name="school", on_delete=models.PROTECT, related_name="+"
    )
    uren_per_week = models.DecimalField("uren onderwijs per week", max_digits=4, decimal_places=1)
    grondslag = models.CharField("grondslag", max_length=20, choices=Grondslag.choices)
    ingroeiplan = models.TextField("ingroeiplan")
    startdatum = models.DateField("vanaf")
    einddatum = models.DateField("tot en met")
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "afwijking van de onderwijstijd"
        verbose_name_plural = "afwijkingen van de onderwijstijd"
        ordering = ["-startdatum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=models.F("startdatum")),
                name="onderwijstijd_eind_na_start",
            ),
            models.CheckConstraint(
                condition=Q(uren_per_week__gte=0), name="onderwijstijd_uren_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling}: {self.uren_per_week} uur per week tot {self.einddatum:%d-%m-%Y}"
