"""Placements in the fasenmodel, phase transitions, and the thuiszitters register.

A pupil's current phase is their latest `Plaatsing`. Every placement writes one
append-only `Faseovergang`; skipped phases are marked there for attention. Procesregie
over a thuiszitter follows the regional rule unless leerplicht overrides it, recorded
as an append-only `Procesregiebesluit`.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Leerling, Organisatie
from accounts.models import Opschaling as OpschalingBasis
from accounts.models.append_only import AppendOnlyModel

from .fasen import FASE_NUMMERS, FASEN, MET_COGNITIEF, fase, signalen
from .models_leerplicht import Onderwijstijdafwijking, Vrijstelling  # noqa: F401 (registered)
from .thuiszitten import Regievoerder, Soort, pact, procesregie_volgens_regel

FASE_KEUZES = [(n, FASEN[n].label) for n in sorted(FASEN, reverse=True)]
FASE_VALIDATORS = [MinValueValidator(FASE_NUMMERS[0]), MaxValueValidator(FASE_NUMMERS[-1])]


class Locatiesoort(models.TextChoices):
    SCHOOL = "school", "School"
    ZORGLOCATIE = "zorglocatie", "Zorglocatie"
    DAGBESTEDING = "dagbesteding", "Dagbesteding / dagbehandeling"


class Plaatsing(models.Model):
    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="plaatsingen"
    )
    fase = models.PositiveSmallIntegerField("fase", choices=FASE_KEUZES, validators=FASE_VALIDATORS)
    startdatum = models.DateField("startdatum")
    locatiesoort = models.CharField("soort locatie", max_length=20, choices=Locatiesoort.choices)
    locatie = models.CharField("naam van de locatie", max_length=200)
    reden = models.TextField("reden")
    cognitieve_leerbehoefte = models.BooleanField(
        "onderwijsbehoeften op cognitief vlak",
        default=False,
        help_text="Alleen voor fase 1: is er binnen een jaar een onderwijsbehoefte (leerrecht)?",
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    namens = models.ForeignKey(
        Organisatie, verbose_name="namens", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    # A placement decides regie, funding and the school registration: every change counts.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "plaatsing"
        verbose_name_plural = "plaatsingen"
        ordering = ["-startdatum", "-pk"]
        indexes = [models.Index(fields=["leerling", "-startdatum"], name="plaatsing_leerling")]
        constraints = [
            models.CheckConstraint(
                condition=Q(fase__gte=FASE_NUMMERS[0], fase__lte=FASE_NUMMERS[-1]),
                name="plaatsing_fase",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling} · fase {self.fase} sinds {self.startdatum:%d-%m-%Y}"

    @property
    def fasedefinitie(self):
        return fase(self.fase)

    @property
    def met_cognitief(self) -> bool:
        """Whether this placement's phase records cognitive learning needs."""
        return self.fase in MET_COGNITIEF

    def signalen(self, op):
        return signalen(self, op)


class Faseovergang(AppendOnlyModel):
    """A phase changed (or the first phase was recorded): domain data, never rewritten."""

    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="faseovergangen"
    )
    plaatsing = models.OneToOneField(
        Plaatsing, verbose_name="plaatsing", on_delete=models.PROTECT, related_name="overgang"
    )
    van_fase = models.PositiveSmallIntegerField("van fase", null=True, blank=True)
    naar_fase = models.PositiveSmallIntegerField("naar fase")
    datum = models.DateField("per")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    reden = models.TextField("reden")
    overgeslagen = models.BooleanField(
        "fasen overgeslagen",
        default=False,
        help_text="Fasen overslaan mag, maar de overgang vraagt extra aandacht.",
    )
    overgeslagen_fasen = models.CharField("overgeslagen fasen", max_length=20, blank=True)
    tijdstip = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "faseovergang"
        verbose_name_plural = "faseovergangen"
        ordering = ["-datum", "-pk"]


class ThuiszitterQuerySet(models.QuerySet):
    def for_user(self, user):
        from .permissions import thuiszitters_for_user

        return thuiszitters_for_user(user, self)

    def open(self):
        return self.filter(beeindigd_op__isnull=True)


class Thuiszitter(models.Model):
    """An entry in leerplicht's register: a pupil at home without education."""

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="thuiszitten"
    )
    sinds = models.DateField("thuis sinds")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    oorzaken = models.JSONField("oorzaken", default=list, blank=True)
    dagbesteding = models.TextField("dagbesteding", blank=True)
    aanbod_gestart = models.BooleanField("passend aanbod gestart", default=False)
    aanbod_sinds = models.DateField("passend aanbod gestart op", null=True, blank=True)
    beeindigd_op = models.DateField("niet meer thuis sinds", null=True, blank=True)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingevoerd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("ingevoerd op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    history = HistoricalRecords()
    objects = ThuiszitterQuerySet.as_manager()

    class Meta:
        verbose_name = "thuiszitter"
        verbose_name_plural = "thuiszitters"
        ordering = ["sinds", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling"],
                condition=Q(beeindigd_op__isnull=True),
                name="thuiszitter_een_open_registratie",
            ),
            models.CheckConstraint(
                condition=Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=models.F("sinds")),
                name="thuiszitter_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling} thuis sinds {self.sinds:%d-%m-%Y}"

    def pact(self, op):
        return pact(
            self.sinds,
            op,
            aanbod_gestart=self.aanbod_gestart,
            aanbod_sinds=self.aanbod_sinds,
            beeindigd_op=self.beeindigd_op,
        )

    @property
    def vrijgesteld(self) -> bool:
        """Whether the pupil has an active exemption today (the vrijstelling route), read
        from the annotation `_vrijgesteld` (queries.met_vrijstelling) when present."""
        if (waarde := getattr(self, "_vrijgesteld", None)) is not None:
            return waarde
        return (
            Vrijstelling.objects.filter(leerling_id=self.leerling_id)
            .actief(timezone.localdate())
            .exists()
        )

    @property
    def procesregie_volgens_regel(self) -> str:
        return procesregie_volgens_regel(
            ingeschreven=self.leerling.school_id is not None, vrijstelling=self.vrijgesteld
        )

    @property
    def procesregie_volgens_regel_label(self) -> str:
        return Regievoerder(self.procesregie_volgens_regel).label

    def procesregie(self, besluiten=None) -> tuple[str, "Procesregiebesluit | None"]:
        """The party holding procesregie now, and the override it comes from (if any).

        `besluiten` may be passed (prefetched, newest first) to avoid a query per row.
        """
        if besluiten is None:
            besluiten = list(self.procesregiebesluiten.all())
        laatste = besluiten[0] if besluiten else None
        if laatste is None or laatste.regievoerder == Procesregiebesluit.VOLGENS_REGEL:
            return self.procesregie_volgens_regel, laatste
        return laatste.regievoerder, laatste

    def procesregie_label(self, besluiten=None) -> str:
        return Regievoerder(self.procesregie(besluiten)[0]).label


class Procesregiebesluit(AppendOnlyModel):
    """Leerplicht takes (or hands back) procesregie when the process stalls."""

    VOLGENS_REGEL = "regel"
    KEUZES = [*Regievoerder.choices, (VOLGENS_REGEL, "Terug naar de regionale regel")]

    thuiszitter = models.ForeignKey(
        Thuiszitter,
        verbose_name="thuiszitter",
        on_delete=models.PROTECT,
        related_name="procesregiebesluiten",
    )
    regievoerder = models.CharField("procesregie bij", max_length=20, choices=KEUZES)
    reden = models.TextField("reden")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    namens = models.ForeignKey(
        Organisatie, verbose_name="namens", on_delete=models.PROTECT, related_name="+"
    )
    tijdstip = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "procesregiebesluit"
        verbose_name_plural = "procesregiebesluiten"
        ordering = ["-tijdstip", "-pk"]


class Opschaling(OpschalingBasis):
    """An escalation of a thuiszitter entry via the escalating person's own organisation
    (*Regionale afspraken Duin- en Bollenstreek*, Leidende principes 3; docs/fasenmodel.md,
    "Opschalen")."""

    thuiszitter = models.ForeignKey(
        Thuiszitter,
        verbose_name="thuiszitter",
        on_delete=models.PROTECT,
        related_name="opschalingen",
    )

    ZAAK = "thuiszitter"
    LEERLING_PAD = "thuiszitter__leerling"
    soort_zaak = "thuiszitter"

    class Meta(OpschalingBasis.Meta):
        verbose_name = "opschaling"
        verbose_name_plural = "opschalingen"
        constraints = [
            # One open escalation per entry and rung of one organisation (double submit).
            models.UniqueConstraint(
                fields=["thuiszitter", "organisatie", "niveau"],
                condition=Q(opgelost_op__isnull=True),
                name="fasenmodel_opschaling_een_open_per_niveau",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("fasenmodel:opschaling_detail", args=[self.uuid])

    def zaak_url(self) -> str:
        return reverse("fasenmodel:thuiszitter_detail", args=[self.thuiszitter.uuid])
