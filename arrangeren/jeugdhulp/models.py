"""Jeugdhulp inzet within a traject: what is delivered, by whom, for which OPP goals, hours.

The regional rules (docs/jeugdhulp.md) live in arrangeren/jeugdhulp/kaders.py.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Organisatie
from accounts.schrijfwijze import getal
from arrangeren.route.models import Traject
from opp.domein import Bekostiging
from opp.models import Gezinsplan, OppDoel


class Jeugdhulpsoort(models.TextChoices):
    BEGELEIDING = "begeleiding", "Begeleiding"
    BEHANDELING = "behandeling", "Behandeling"
    JOS = "jeugdhulp_op_school", "Jeugdhulp op school (JOS)"
    MDB = "multidisciplinaire_begeleider", "Multidisciplinaire begeleider"
    OVERIG = "overig", "Anders"


class Scenario(models.TextChoices):
    """How a multidisciplinaire begeleider is financed: the three scenarios of *Holland
    Rijnland Methode, stap 3: profiel multidisciplinaire begeleider* (kaders.SCENARIO_REGELS)."""

    GESPLITST = "a", "a. Ieder apart opdracht: voor deze leerling geeft één partij opdracht"
    EEN_OPDRACHTGEVER = "b", "b. Eén partij geeft opdracht, de andere stelt het budget beschikbaar"
    GEZAMENLIJK = "c", "c. Gezamenlijk contract met de aanbieder, verdeling afgesproken"


class Partij(models.TextChoices):
    """The two parties that finance a multidisciplinaire begeleider together."""

    ONDERWIJS = "onderwijs", "Onderwijs (school / SWV)"
    GEMEENTE = "gemeente", "Gemeente"


class Jeugdhulpinzet(models.Model):
    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="jeugdhulp")
    doelen = models.ManyToManyField(OppDoel, verbose_name="OPP-doelen", related_name="jeugdhulp")
    # Where there is no OPP the gezinsplan leads (Holland Rijnland Methode, stap 2): the
    # inzet rests on it instead of OPP goals (docs/jeugdhulp.md). Never for a MDB.
    gezinsplan = models.ForeignKey(
        Gezinsplan,
        verbose_name="gezinsplan (waar geen OPP is)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jeugdhulp",
    )
    aanbieder = models.ForeignKey(
        Organisatie, verbose_name="aanbieder", on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField("soort", max_length=40, choices=Jeugdhulpsoort.choices)
    omschrijving = models.TextField("omschrijving", blank=True)
    start = models.DateField("start")
    geplande_einde = models.DateField("gepland einde")
    uren_per_week = models.DecimalField(
        "geplande uren per week",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(40)],
    )
    financiering = models.CharField(
        "financiering", max_length=12, choices=Bekostiging.choices, default=Bekostiging.GEMEENTE
    )
    # Multidisciplinaire begeleider only:
    vaste_contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vaste contactpersoon S(B)O",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uurtarief = models.DecimalField(
        "uurtarief (EUR)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    scenario = models.CharField(
        "financieringsscenario", max_length=1, choices=Scenario.choices, blank=True
    )
    aandeel_onderwijs = models.PositiveSmallIntegerField(
        "aandeel onderwijs (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    betaler = models.CharField(
        "wie betaalt (scenario b)", max_length=12, choices=Bekostiging.choices, blank=True
    )
    # Multidisciplinaire begeleider, financing per scenario (issue 17, kaders.SCENARIO_REGELS):
    # a: the party that commissions this pupil's begeleider; b: the party that commissions
    # (the other makes the budget available: `betaler`); c: the agreed split in percent.
    opdrachtgever = models.CharField(
        "wie geeft opdracht", max_length=12, choices=Partij.choices, blank=True
    )
    aandeel_gemeente = models.PositiveSmallIntegerField(
        "aandeel gemeente (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # End of treatment, announced at least 6 weeks ahead:
    einde_aangekondigd_op = models.DateField("einde aangekondigd op", null=True, blank=True)
    aangekondigd_einde = models.DateField("aangekondigde einddatum", null=True, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jeugdhulpinzet"
        verbose_name_plural = "jeugdhulpinzet"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geplande_einde__gte=models.F("start")),
                name="jeugdhulp_einde_na_start",
                violation_error_message="De geplande einddatum ligt vóór de startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} door {self.aanbieder}"


class Urenregistratie(models.Model):
    """Delivered hours in one week (the Monday of that week)."""

    inzet = models.ForeignKey(Jeugdhulpinzet, on_delete=models.CASCADE, related_name="uren")
    week = models.DateField("week (maandag)")
    uren = models.DecimalField(
        "uren", max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    toelichting = models.CharField("toelichting", max_length=300, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "urenregistratie"
        verbose_name_plural = "urenregistraties"
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["inzet", "week"], name="uren_een_regel_per_week"),
            models.CheckConstraint(condition=Q(uren__gt=0), name="uren_positief"),
        ]

    def __str__(self) -> str:
        return f"{getal(self.uren)} uur in week van {self.week:%d-%m-%Y}"


class KaderuitzonderingQuerySet(models.QuerySet):
    def akkoord(self) -> "KaderuitzonderingQuerySet":
        """Agreed by both school and SWV: only these lift the kader."""
        return self.filter(akkoord_op__isnull=False)


class Kaderuitzondering(models.Model):
    """More than the kader's hours of begeleiding in a half year: allowed with a running
    education arrangement by school and SWV, and a reason. One of them proposes, the other
    agrees; only an agreed exception lifts the kader (docs/jeugdhulp.md)."""

    class Partij(models.TextChoices):
        SCHOOL = "school", "School"
        SWV = "swv", "Samenwerkingsverband"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        "accounts.Leerling", on_delete=models.CASCADE, related_name="kaderuitzonderingen"
    )
    halfjaar = models.DateField("halfjaar (1 januari of 1 juli)")
    onderwijsarrangement = models.TextField("lopend onderwijsarrangement van school en SWV")
    reden = models.TextField("reden")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now_add=True)
    # Issue 17: proposed by one party (`door`, on behalf of `voorgesteld_namens`), agreed
    # by the other.
    voorgesteld_namens = models.CharField(
        "voorgesteld namens", max_length=6, choices=Partij.choices, default=Partij.SCHOOL
    )
    akkoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akkoord gegeven door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    akkoord_op = models.DateTimeField("akkoord op", null=True, blank=True)

    history = HistoricalRecords()
    objects = KaderuitzonderingQuerySet.as_manager()

    class Meta:
        verbose_name = "uitzondering op het kader begeleiding"
        verbose_name_plural = "uitzonderingen op het kader begeleiding"
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "halfjaar"], name="uitzondering_per_halfjaar"
            )
        ]

    def __str__(self) -> str:
        return f"Uitzondering {self.halfjaar:%m-%Y}"

    @property
    def akkoord(self) -> bool:
        return self.akkoord_op is not None

    @property
    def wacht_op(self) -> str:
        """The party whose agreement is still needed ("" once agreed)."""
        if self.akkoord:
            return ""
        return (
            self.Partij.SWV if self.voorgesteld_namens == self.Partij.SCHOOL else self.Partij.SCHOOL
        )


# End of care (docs/jeugdhulp.md, "Einde van de zorg") ------------------------------------


class Terugkeer(models.TextChoices):
    """Where the pupil follows education again when the care ends."""

    SCHOOL = "school", "Op school"
    OZA = "oza", "In een onderwijs-zorgarrangement (OZA)"
    DOORLOPEND = "doorlopend", "Niet van toepassing: de leerling bleef onderwijs volgen"


class Eindafspraak(models.Model):
    """What school, aanbieder and toegang agreed for the end of an inzet: when the
    dagbesteding or treatment stops, when and where education starts again, and the
    nazorg at school that the local toegangsmedewerker organises (Regionale afspraken
    Duin- en Bollenstreek, Leidende principes: Rol jeugdhulpaanbieders, Rol gemeente)."""

    inzet = models.OneToOneField(
        Jeugdhulpinzet, on_delete=models.CASCADE, related_name="eindafspraak"
    )
    zorg_stopt_op = models.DateField("dagbesteding of behandeling stopt op")
    terugkeer = models.CharField("onderwijs volgen", max_length=12, choices=Terugkeer.choices)
    onderwijs_start_op = models.DateField("onderwijs start op", null=True, blank=True)
    nazorg = models.TextField("nazorg op school", blank=True)
    nazorg_door = models.CharField("nazorg gegeven door", max_length=200, blank=True)
    toegangsmedewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="toegangsmedewerker die de nazorg organiseert",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Against concurrent edits: a save must name the count it was made on.
    bewerkingen = models.PositiveIntegerField(default=0)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "afspraak over het einde van de zorg"
        verbose_name_plural = "afspraken over het einde van de zorg"

    def __str__(self) -> str:
        return f"Einde zorg {self.zorg_stopt_op:%d-%m-%Y}"
