"""The escalation ladder ("escalatieladder") of one organisation, and the base of one
escalation ("opschaling") of a case (docs/rollen.md, "Opschalen").

*Regionale afspraken Duin- en Bollenstreek*, Leidende principes 3: "Als het niet lukt om
tot een oplossing te komen, dan wordt opgeschaald via een nog op te stellen
escalatieladder". Until the region has drawn up its ladder, each organisation keeps its
own: routekaart step 7 escalates "via de eigen organisatie".

The concrete escalations live with their case (route.Opschaling on a traject,
fasenmodel.Opschaling on a thuiszitter entry); accounts never imports them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .organisaties import Organisatie


class Escalatieniveau(models.Model):
    """One rung of an organisation's ladder: a functionaris and the people who hold it."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.CASCADE,
        related_name="escalatieniveaus",
    )
    niveau = models.PositiveSmallIntegerField("niveau")
    functionaris = models.CharField(
        "functionaris",
        max_length=200,
        help_text="De functie, bijvoorbeeld Teamleider jeugdteam of Directeur SWV.",
    )
    houders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="personen",
        related_name="escalatieniveaus",
        blank=True,
    )

    class Meta:
        verbose_name = "niveau van de escalatieladder"
        verbose_name_plural = "niveaus van de escalatieladder"
        ordering = ["organisatie", "niveau"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "niveau"], name="escalatieniveau_uniek_per_organisatie"
            ),
            models.CheckConstraint(
                condition=models.Q(niveau__gte=1), name="escalatieniveau_vanaf_1"
            ),
        ]

    def __str__(self) -> str:
        return f"Niveau {self.niveau}: {self.functionaris}"


class OpschalingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(opgelost_op__isnull=True)

    def voor_ontvanger(self, user):
        return self.filter(ontvangers=user)


class Opschaling(models.Model):
    """One escalation of a case to a rung of the escalating person's own organisation.

    The rung's number, title and holders are copied when it is sent, so the escalation
    keeps saying to whom it went after the ladder changes. Resolved ones stay (history).
    """

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="via organisatie", on_delete=models.PROTECT, related_name="+"
    )
    niveau = models.PositiveSmallIntegerField("niveau")
    functionaris = models.CharField("functionaris", max_length=200)
    ontvangers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="opgeschaald naar", related_name="+"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="opgeschaald door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reden = models.TextField("reden")
    aangemaakt_op = models.DateTimeField("opgeschaald op", default=timezone.now)
    opgelost_op = models.DateTimeField("opgelost op", null=True, blank=True)
    opgelost_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="opgelost door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    afspraak = models.TextField("afspraak", blank=True)

    objects = OpschalingQuerySet.as_manager()

    # Set by each concrete model: the case's field and the path to its pupil.
    ZAAK = ""
    LEERLING_PAD = ""

    class Meta:
        abstract = True
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return f"Opschaling naar niveau {self.niveau} ({self.functionaris})"

    def get_absolute_url(self) -> str:  # the escalation's own page
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        return self.opgelost_op is None

    @property
    def zaak(self):
        return getattr(self, self.ZAAK)

    @property
    def leerling(self):
        return self.zaak.leerling

    def zaak_url(self) -> str:  # the case's page
        raise NotImplementedError

    # Each concrete model names its case for the UI ("traject", "thuiszitter").
    soort_zaak = ""
