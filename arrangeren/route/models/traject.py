import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import AppendOnlyModel, Leerling, Organisatie
from arrangeren.route.stappen import (
    EERSTE_STAP,
    LAATSTE_STAP,
    STAP,
    STARTVOORWAARDEN,
    Initiatief,
    Overgang,
)


class TrajectQuerySet(models.QuerySet):
    def for_user(self, user):
        """Trajecten of the pupils whose file the user may read (accounts.permissions)."""
        return self.filter(leerling__in=Leerling.objects.dossiers_for_user(user))

    def open(self):
        return self.filter(status=Traject.Status.OPEN)


class Traject(models.Model):
    """One integraal arrangeertraject for one pupil, through the nine steps."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        AFGESLOTEN = "afgesloten", "Afgesloten"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="trajecten"
    )
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geopend door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    geopend_namens = models.ForeignKey(
        Organisatie, verbose_name="geopend namens", on_delete=models.PROTECT, related_name="+"
    )
    signaal_buiten_school = models.BooleanField(
        "signaal kwam van buiten school",
        default=False,
        help_text="Dan neemt het jeugdteam het initiatief en betrekt het de school.",
    )
    initiatief = models.CharField(
        "initiatief",
        max_length=12,
        choices=Initiatief.choices,
        default=Initiatief.SCHOOL,
        db_default=Initiatief.SCHOOL,
    )
    aanleiding = models.TextField(
        "aanleiding",
        blank=True,
        db_default="",
        help_text="Wat het jeugdteam buiten het onderwijs signaleerde.",
    )
    kenmerken = models.JSONField(
        "situatie van de leerling",
        default=list,
        blank=True,
        db_default=[],
        help_text="Wat er speelt (betrokkenheid.Kenmerk): bepaalt wie verplicht betrokken is.",
    )
    regievoerder = models.ForeignKey(
        Organisatie,
        verbose_name="regievoerder",
        on_delete=models.PROTECT,
        related_name="trajecten_met_regie",
    )
    huidige_stap = models.PositiveSmallIntegerField("huidige stap", default=EERSTE_STAP)
    cyclus = models.PositiveSmallIntegerField("cyclus", default=1)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN)
    afsluitreden = models.TextField("reden van afsluiten", blank=True)
    geopend_op = models.DateTimeField("geopend op", auto_now_add=True)
    evaluatiedatum = models.DateField(
        "evaluatiedatum", null=True, blank=True, help_text="Vastgelegd in stap 6 (MDO-verslag)."
    )
    versie = models.PositiveIntegerField("versie", default=1)

    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        ordering = ["-geopend_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling"],
                condition=models.Q(status="open"),
                name="traject_een_open_traject_per_leerling",
            ),
            models.CheckConstraint(
                condition=models.Q(huidige_stap__gte=EERSTE_STAP, huidige_stap__lte=LAATSTE_STAP),
                name="traject_stap_1_tot_9",
            ),
        ]

    def __str__(self) -> str:
        return f"Traject {self.leerling} (stap {self.huidige_stap})"

    @property
    def stap(self):
        return STAP[self.huidige_stap]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class TrajectVoorwaarde(AppendOnlyModel):
    """A precondition confirmed before the traject started: who confirmed it and when."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="voorwaarden")
    voorwaarde = models.CharField("voorwaarde", max_length=30, choices=STARTVOORWAARDEN)
    toelichting = models.TextField("toelichting", blank=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bevestigd door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    bevestigd_op = models.DateTimeField("bevestigd op", auto_now_add=True)

    class Meta:
        verbose_name = "voorwaarde"
        verbose_name_plural = "voorwaarden"
        constraints = [
            models.UniqueConstraint(fields=["traject", "voorwaarde"], name="voorwaarde_eenmaal"),
        ]

    def __str__(self) -> str:
        return f"{self.get_voorwaarde_display()} (bevestigd door {self.bevestigd_door})"


class Stapovergang(AppendOnlyModel):
    """A move of the traject along the route: who, when, from, to, note."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="overgangen")
    soort = models.CharField("soort", max_length=20, choices=Overgang.choices)
    van_stap = models.PositiveSmallIntegerField("van stap", null=True, blank=True)
    naar_stap = models.PositiveSmallIntegerField("naar stap", null=True, blank=True)
    cyclus = models.PositiveSmallIntegerField("cyclus")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField("op", auto_now_add=True)
    notitie = models.TextField("notitie", blank=True)

    class Meta:
        verbose_name = "stapovergang"
        verbose_name_plural = "stapovergangen"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.van_stap} → {self.naar_stap}"


class Stapuitkomst(models.Model):
    """The free-text outcome of one step in one cycle (fields per `stappen.STAPPEN`)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="uitkomsten")
    stap = models.PositiveSmallIntegerField("stap")
    cyclus = models.PositiveSmallIntegerField("cyclus")
    velden = models.JSONField("velden", default=dict)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bijgewerkt door", on_delete=models.PROTECT
    )
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)
    versie = models.PositiveIntegerField("versie", default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "uitkomst van een stap"
        verbose_name_plural = "uitkomsten van stappen"
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "stap", "cyclus"], name="stapuitkomst_eenmaal_per_cyclus"
            ),
        ]

    def __str__(self) -> str:
        return f"Stap {self.stap}, cyclus {self.cyclus}"


class Regieoverdracht(AppendOnlyModel):
    """The regie handed from one party to another, with the reason."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="regieoverdrachten")
    van = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    naar = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    reden = models.TextField("reden")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "regieoverdracht"
        verbose_name_plural = "regieoverdrachten"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"Regie van {self.van} naar {self.naar}"


class Voortgangsnotitie(AppendOnlyModel):
    """Step 7: those carrying out the arrangement inform the regievoerder."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="voortgangsnotities"
    )
    cyclus = models.PositiveSmallIntegerField("cyclus")
    tekst = models.TextField("voortgang")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    namens = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "voortgangsnotitie"
        verbose_name_plural = "voortgangsnotities"
        ordering = ["-op", "-pk"]

    def __str__(self) -> str:
        return f"Voortgang door {self.door} op {self.op:%d-%m-%Y}"
