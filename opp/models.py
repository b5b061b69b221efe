"""The OPP (ontwikkelingsperspectiefplan): one plan per pupil, in versions, signed per version.

A version is one `Opp` row. Its handelingsdeel (goals with their inzet, deviations,
regie and bridging agreements, evaluation date) is what parents, school and the
medewerker toegang sign; each `Ondertekening` stores the SHA-256 of that exact content.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.models import Bijlage, Leerling, Organisatie

from .betalers import Ondersteuningsthema
from .domein import (
    Bekostiging,
    Doelsoort,
    Ontwikkelingsdomein,
    Uitstroomniveau,
    Uitstroomprofiel,
    uitstroomveld,
)


class OppQuerySet(models.QuerySet):
    def for_user(self, user):
        """OPPs of pupils whose file is within reach (not for a parent without custody);
        outsiders additionally need OPP-inzage consent (checked per object in
        opp.permissions, since consent is per receiver). A school also reads the versions
        it fixed for a pupil who moved on (docs/overstap.md)."""
        from opp.permissions import vorige_school_q

        return self.filter(
            Q(leerling__in=Leerling.objects.dossiers_for_user(user)) | vorige_school_q(user)
        )

    def lopend(self):
        return self.exclude(status__in=[Opp.Status.VASTGESTELD, Opp.Status.VERVANGEN])


class Opp(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        TER_ONDERTEKENING = "ter_ondertekening", "Ter ondertekening"
        VASTGESTELD = "vastgesteld", "Vastgesteld"
        VERVANGEN = "vervangen", "Vervangen door een nieuwere versie"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="opps"
    )
    versie = models.PositiveSmallIntegerField("versie", default=1)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    school = models.ForeignKey(
        Organisatie, verbose_name="school", on_delete=models.PROTECT, related_name="+"
    )
    uitstroomprofiel = models.CharField(
        "uitstroomprofiel", max_length=20, choices=Uitstroomprofiel.choices, blank=True
    )
    uitstroombestemming = models.CharField(
        "verwachte uitstroombestemming", max_length=300, blank=True
    )
    # PO, SBO and SO: the expected level in secondary education (opp/domein.py, UITSTROOM).
    uitstroomniveau = models.CharField(
        "verwachte uitstroombestemming (voortgezet onderwijs)",
        max_length=20,
        choices=Uitstroomniveau.choices,
        blank=True,
        db_default="",  # rows written without it (bulk copies) stay valid
    )
    belemmerende_factoren = models.TextField("belemmerende factoren", blank=True)
    bevorderende_factoren = models.TextField("bevorderende factoren", blank=True)
    onderbouwing = models.TextField("onderbouwing van de uitstroombestemming", blank=True)
    ondersteuningsbehoeften = models.TextField("ondersteuningsbehoeften", blank=True)
    integratief_beeld = models.TextField("integratief beeld", blank=True)
    # The handelingsdeel, besides the goals and their inzet:
    afwijkingen = models.TextField("afwijkingen van het reguliere programma", blank=True)
    regieafspraken = models.TextField(
        "regieafspraken",
        blank=True,
        help_text="De school heeft de regie over het OPP, de jeugdhulp over het gezinsplan.",
    )
    overbrugging = models.TextField("overbruggingsafspraken", blank=True)
    evaluatiedatum = models.DateField("evaluatiedatum", null=True, blank=True)
    visie_leerling = models.TextField("visie van de leerling (hoorrecht)", blank=True)
    visie_ouders = models.TextField("visie van de ouders", blank=True)
    bewerkingen = models.PositiveIntegerField("bewerkingen", default=0)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ter ondertekening verstuurd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgesteld_op = models.DateTimeField("vastgesteld op", null=True, blank=True)
    reden_nieuwe_versie = models.TextField("reden voor deze versie", blank=True)

    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])
    objects = OppQuerySet.as_manager()

    class Meta:
        verbose_name = "OPP"
        verbose_name_plural = "OPP's"
        ordering = ["leerling", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["leerling", "versie"], name="opp_versie_uniek"),
            models.UniqueConstraint(
                fields=["leerling"],
                condition=Q(status__in=["concept", "ter_ondertekening"]),
                name="opp_een_lopende_versie",
            ),
        ]

    def __str__(self) -> str:
        return f"OPP {self.leerling} versie {self.versie}"

    @property
    def bewerkbaar(self) -> bool:
        return self.status in (self.Status.CONCEPT, self.Status.TER_ONDERTEKENING)

    @property
    def uitstroom(self) -> list[tuple[str, str]]:
        """The exit fields of the school's sector as (label, value) for page and PDF:
        PO, SBO, SO the expected VO level, VSO the uitstroomprofiel (opp/domein.py)."""
        veld = uitstroomveld(self.school.sector)
        regels = []
        if veld is not None:
            regels.append((veld.label, getattr(self, f"get_{veld.veld}_display")()))
        tekstlabel = veld.tekstlabel if veld else "Verwachte uitstroombestemming"
        return [*regels, (tekstlabel, self.uitstroombestemming)]


class OppDoel(models.Model):
    opp = models.ForeignKey(Opp, on_delete=models.CASCADE, related_name="doelen")
    volgorde = models.PositiveSmallIntegerField(default=0)
    domein = models.CharField(
        "ontwikkelingsdomein", max_length=30, choices=Ontwikkelingsdomein.choices
    )
    soort = models.CharField("soort doel", max_length=12, choices=Doelsoort.choices)
    omschrijving = models.TextField("doel")
    criterium = models.TextField(
        "waaraan zien we dat het doel is bereikt",
        blank=True,
        help_text="Een waarneembaar criterium.",
    )
    evaluatie = models.TextField("evaluatie", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["volgorde", "pk"]

    def __str__(self) -> str:
        return self.omschrijving[:80]


class Inzet(models.Model):
    """Per goal: what, by whom, from when to when, how many hours, and who pays."""

    doel = models.ForeignKey(OppDoel, on_delete=models.CASCADE, related_name="inzet")
    wat = models.TextField("inzet (wat)")
    wie = models.CharField("door wie", max_length=200)
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="organisatie", on_delete=models.PROTECT, null=True, blank=True
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
    bekostiging = models.CharField(
        "wie betaalt", max_length=12, choices=Bekostiging.choices, default=Bekostiging.ONDERWIJS
    )
    # The kind of support, for the region's table of who pays (opp/betalers.py).
    thema = models.CharField(
        "soort ondersteuning", max_length=40, choices=Ondersteuningsthema.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "inzet"
        verbose_name_plural = "inzet"
        ordering = ["vanaf", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("vanaf")),
                name="inzet_tot_na_vanaf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wat[:60]} ({self.wie})"


class OppBijlage(Bijlage):
    """E.g. the gezinsplan or the perspectiefplan from care."""

    opslagmap = "opp"

    opp = models.ForeignKey(Opp, on_delete=models.CASCADE, related_name="bijlagen")
    is_gezinsplan = models.BooleanField("dit is het gezinsplan of perspectiefplan", default=False)

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        ordering = ["geupload_op"]


class Oppevaluatie(models.Model):
    """The OPP evaluated with the parents (WPO art. 40a, WEC art. 41a, WVO art. 26: at
    least once a school year): one row per evaluation, on the version in force. It clears
    the "not evaluated this school year" signal (opp/termijnen.py). Append-only."""

    opp = models.ForeignKey(Opp, on_delete=models.CASCADE, related_name="evaluaties")
    datum = models.DateField("datum van de evaluatie")
    met_ouders = models.BooleanField("met de ouders besproken", default=False)
    toelichting = models.TextField("toelichting", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evaluatie van het OPP"
        verbose_name_plural = "evaluaties van het OPP"
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"Evaluatie {self.opp} op {self.datum:%d-%m-%Y}"


class GezinsplanQuerySet(models.QuerySet):
    def lopend(self):
        return self.filter(status=Gezinsplan.Status.LOPEND)


class Gezinsplan(models.Model):
    """The family's own plan from youth care (1Gezin1Plan): its goals are the ones the
    family set itself, the jeugdteam or jeugdhulp holds regie with the parents; it can sit
    beside the OPP and leads where there is no OPP (docs/opp.md, "Gezinsplan")."""

    class Status(models.TextChoices):
        LOPEND = "lopend", "Lopend"
        AFGESLOTEN = "afgesloten", "Afgesloten"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="gezinsplannen"
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie (jeugdteam of jeugdhulp)",
        on_delete=models.PROTECT,
        related_name="+",
    )
    regievoerder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="regievoerder",
        on_delete=models.PROTECT,
        related_name="+",
    )
    doelen = models.TextField(
        "doelen van het gezin", help_text="De doelen die het gezin (de jeugdige) zelf stelt."
    )
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.LOPEND
    )
    datum = models.DateField("datum van het plan")
    bewerkingen = models.PositiveIntegerField("bewerkingen", default=0)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = GezinsplanQuerySet.as_manager()

    class Meta:
        verbose_name = "gezinsplan"
        verbose_name_plural = "gezinsplannen"
        ordering = ["-datum", "-pk"]
        constraints = [
            # At most one running plan per pupil, also under two concurrent reopens.
            models.UniqueConstraint(
                fields=["leerling"],
                condition=models.Q(status="lopend"),
                name="gezinsplan_een_lopend_per_leerling",
            )
        ]

    def __str__(self) -> str:
        return f"Gezinsplan {self.leerling} ({self.datum:%d-%m-%Y})"


class GezinsplanBijlage(Bijlage):
    """The gezinsplan itself as a document (optional), shown as the plan is."""

    opslagmap = "gezinsplan"

    gezinsplan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="bijlagen")

    class Meta:
        verbose_name = "bestand van het gezinsplan"
        verbose_name_plural = "bestanden van het gezinsplan"
        ordering = ["geupload_op"]


class Ondertekening(models.Model):
    """One signer's answer on one exact version of the handelingsdeel."""

    class Partij(models.TextChoices):
        OUDER = "ouder", "Ouder / verzorger met gezag"
        SCHOOL = "school", "School"
        TOEGANG = "toegang", "Medewerker toegang (jeugdteam)"

    class Status(models.TextChoices):
        GEVRAAGD = "gevraagd", "Wacht op ondertekening"
        GETEKEND = "getekend", "Getekend (akkoord)"
        NIET_AKKOORD = "niet_akkoord", "Niet akkoord"
        VERVALLEN = "vervallen", "Vervallen: het handelingsdeel is daarna gewijzigd"

    class Methode(models.TextChoices):
        WACHTWOORD = "wachtwoord", "Opnieuw ingelogd met wachtwoord"
        # "code": a code from a device of django-otp, in practice the authenticator app.
        CODE = "code", "Code uit de authenticator-app"
        EMAILCODE = "emailcode", "Eenmalige code per e-mail"

    opp = models.ForeignKey(Opp, on_delete=models.CASCADE, related_name="ondertekeningen")
    ondertekenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ondertekeningen"
    )
    partij = models.CharField("partij", max_length=10, choices=Partij.choices)
    namens = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        "status", max_length=15, choices=Status.choices, default=Status.GEVRAAGD
    )
    reden = models.TextField("reden (bij niet akkoord)", blank=True)
    gevraagd_op = models.DateTimeField(auto_now_add=True)
    herinnerd_op = models.DateTimeField(null=True, blank=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    methode = models.CharField(max_length=12, choices=Methode.choices, blank=True)
    ip_adres = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    inhoud = models.TextField("ondertekende inhoud (canoniek)", blank=True)
    inhoud_hash = models.CharField("SHA-256 van de inhoud", max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ondertekening"
        verbose_name_plural = "ondertekeningen"
        ordering = ["partij", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opp", "ondertekenaar"],
                condition=Q(status__in=["gevraagd", "getekend", "niet_akkoord"]),
                name="ondertekening_een_lopende_per_persoon",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ondertekenaar} ({self.get_partij_display()}): {self.get_status_display()}"


class Tekencode(models.Model):
    """A one-time code mailed to a signer for one signature request (opp/services/
    tekencodes.py, docs/opp.md): only a keyed hash is kept, it expires, it is used once
    and allows a few attempts. The rows also count how often a signer asked."""

    ondertekening = models.ForeignKey(Ondertekening, on_delete=models.CASCADE, related_name="codes")
    ondertekenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField()
    verloopt_op = models.DateTimeField()
    pogingen = models.PositiveSmallIntegerField(default=0)
    # Used, or replaced by a newer code, or spent by too many wrong attempts.
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "code om te ondertekenen"
        verbose_name_plural = "codes om te ondertekenen"
        indexes = [models.Index(fields=["ondertekenaar", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"Code voor {self.ondertekening_id} ({self.aangemaakt_op:%Y-%m-%d %H:%M})"
