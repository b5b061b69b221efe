"""TLV requests (toelaatbaarheidsverklaring): prepared by the school, decided by the SWV.

Rules (statuses, transitions, deadlines, checklist) live in `arrangeren.tlv`; the
writes in `arrangeren.tlv.services`. Attachments are stored under a random name outside
the web root and leave only through `arrangeren.tlv.views.tlv_bijlage`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import AppendOnlyModel, Bijlage, Leerling, Organisatie
from accounts.schrijfwijze import klein
from arrangeren.route.models import Traject
from arrangeren.tlv import regels
from opp.models import Opp


class TlvInstelling(models.Model):
    """Per SWV: the decision deadline and its one extension."""

    swv = models.OneToOneField(
        Organisatie,
        verbose_name="samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="tlv_instelling",
        limit_choices_to={"soort": "swv"},
    )
    beslistermijn_weken = models.PositiveSmallIntegerField(
        "beslistermijn in weken", default=regels.STANDAARD_BESLISTERMIJN_WEKEN
    )
    verlenging_weken = models.PositiveSmallIntegerField(
        "verlenging in weken (eenmalig)", default=regels.STANDAARD_VERLENGING_WEKEN
    )

    class Meta:
        verbose_name = "TLV-instelling"
        verbose_name_plural = "TLV-instellingen"

    def __str__(self) -> str:
        return f"TLV-termijnen {self.swv}"


class TlvAanvraag(models.Model):
    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="tlv_aanvragen", verbose_name="traject"
    )
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="tlv_aanvragen", verbose_name="leerling"
    )
    school = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name="school"
    )
    swv = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name="SWV"
    )
    opp = models.ForeignKey(
        Opp, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="OPP"
    )
    soort = models.CharField(
        "gevraagd soort onderwijs", max_length=12, choices=regels.Soort.choices
    )
    categorie = models.CharField(
        "bekostigingscategorie",
        max_length=8,
        choices=regels.Categorie.choices,
        blank=True,
        help_text="Alleen bij SO en VSO.",
    )
    startdatum = models.DateField("gevraagde startdatum", null=True, blank=True)
    einddatum = models.DateField("gevraagde einddatum", null=True, blank=True)
    motivering = models.TextField("motivering", blank=True)
    zienswijze_ouders = models.TextField("zienswijze van de ouders", blank=True)
    zienswijze_school = models.TextField(
        "zienswijze van de school op de afwijking van het advies", blank=True
    )
    status = models.CharField(
        "status", max_length=20, choices=regels.Status.choices, default=regels.Status.CONCEPT
    )
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="consulent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    compleet_op = models.DateTimeField("volledig ingediend op", null=True, blank=True)
    beslistermijn_weken = models.PositiveSmallIntegerField(
        "beslistermijn in weken", default=regels.STANDAARD_BESLISTERMIJN_WEKEN
    )
    verlengd_met_weken = models.PositiveSmallIntegerField("verlengd met weken", default=0)
    verlenging_reden = models.TextField("reden van verlenging", blank=True)
    beslist_op = models.DateTimeField("besloten op", null=True, blank=True)
    besluit_motivering = models.TextField("motivering van het besluit", blank=True)
    afwijking_advies = models.BooleanField(
        "besluit wijkt af van het deskundigenadvies", default=False
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    versie = models.PositiveIntegerField("versie", default=1)

    class Meta:
        verbose_name = "TLV-aanvraag"
        verbose_name_plural = "TLV-aanvragen"
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(startdatum__isnull=True)
                | Q(einddatum__isnull=True)
                | Q(einddatum__gt=models.F("startdatum")),
                name="tlvaanvraag_eind_na_start",
            ),
            models.CheckConstraint(
                condition=Q(categorie="") | Q(soort__in=["so", "vso"]),
                name="tlvaanvraag_categorie_alleen_so_vso",
            ),
            models.UniqueConstraint(
                fields=["leerling"],
                condition=Q(status__in=[s.value for s in regels.OPEN_STATUSSEN]),
                name="tlvaanvraag_een_lopende_per_leerling",
            ),
        ]

    def __str__(self) -> str:
        return f"TLV-aanvraag {self.get_soort_display()} ({klein(self.get_status_display())})"

    @property
    def uiterste_beslisdatum(self):
        return regels.uiterste_beslisdatum(
            self.compleet_op, self.beslistermijn_weken, self.verlengd_met_weken
        )

    @property
    def is_besloten(self) -> bool:
        return self.status in regels.BESLOTEN

    @property
    def bewerkbaar(self) -> bool:
        return self.status in (regels.Status.CONCEPT, regels.Status.AANVULLING_GEVRAAGD)


class Deskundigenadvies(models.Model):
    aanvraag = models.ForeignKey(TlvAanvraag, on_delete=models.CASCADE, related_name="adviezen")
    rang = models.PositiveSmallIntegerField("deskundige", choices=regels.Rang.choices)
    soort = models.CharField("soort deskundige", max_length=25, choices=regels.Deskundige.choices)
    naam = models.CharField("naam van de deskundige", max_length=200)
    datum = models.DateField("datum van het advies")
    advies = models.TextField("advies")
    geadviseerd_soort = models.CharField(
        "geadviseerd soort onderwijs", max_length=12, choices=regels.Soort.choices
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "deskundigenadvies"
        verbose_name_plural = "deskundigenadviezen"
        ordering = ["rang"]
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "rang"], name="advies_eenmaal_per_rang"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.naam}"


class TlvBijlage(Bijlage):
    opslagmap = "tlv"

    aanvraag = models.ForeignKey(TlvAanvraag, on_delete=models.CASCADE, related_name="bijlagen")

    class Meta:
        verbose_name = "bijlage bij een TLV-aanvraag"
        verbose_name_plural = "bijlagen bij TLV-aanvragen"
        ordering = ["geupload_op"]


class TlvGebeurtenis(AppendOnlyModel):
    """Every step of a request: who, when, from which status to which, with a note."""

    aanvraag = models.ForeignKey(
        TlvAanvraag, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    actie = models.CharField("handeling", max_length=20, choices=regels.Actie.choices)
    van_status = models.CharField(max_length=20, choices=regels.Status.choices, blank=True)
    naar_status = models.CharField(max_length=20, choices=regels.Status.choices, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)
    notitie = models.TextField("notitie", blank=True)

    class Meta:
        verbose_name = "gebeurtenis bij een TLV-aanvraag"
        verbose_name_plural = "gebeurtenissen bij TLV-aanvragen"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_actie_display()} ({self.op:%d-%m-%Y})"


class Tlv(models.Model):
    """The granted toelaatbaarheidsverklaring, numbered per SWV per year."""

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    aanvraag = models.OneToOneField(TlvAanvraag, on_delete=models.PROTECT, related_name="tlv")
    swv = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField("jaar")
    volgnummer = models.PositiveIntegerField("volgnummer")
    nummer = models.CharField("nummer", max_length=40, unique=True)
    soort = models.CharField("soort onderwijs", max_length=12, choices=regels.Soort.choices)
    categorie = models.CharField(
        "bekostigingscategorie", max_length=8, choices=regels.Categorie.choices, blank=True
    )
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum")
    afgegeven_op = models.DateTimeField("afgegeven op", auto_now_add=True)

    class Meta:
        verbose_name = "TLV"
        verbose_name_plural = "TLV's"
        ordering = ["-afgegeven_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["swv", "jaar", "volgnummer"], name="tlv_nummer_uniek_per_swv_per_jaar"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__gt=models.F("startdatum")), name="tlv_eind_na_start"
            ),
        ]

    def __str__(self) -> str:
        return f"TLV {self.nummer}"

    @property
    def signaleringsdatum(self):
        return regels.signaleringsdatum(self.einddatum)


class Bezwaar(models.Model):
    class Uitkomst(models.TextChoices):
        LOPEND = "lopend", "In behandeling"
        GEGROND = "gegrond", "Gegrond"
        ONGEGROND = "ongegrond", "Ongegrond"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    aanvraag = models.ForeignKey(TlvAanvraag, on_delete=models.PROTECT, related_name="bezwaren")
    ontvangen_op = models.DateField("bezwaar ontvangen op")
    indiener = models.CharField("ingediend door", max_length=200)
    omschrijving = models.TextField("waar gaat het bezwaar over")
    uitkomst = models.CharField(
        "uitkomst", max_length=12, choices=Uitkomst.choices, default=Uitkomst.LOPEND
    )
    uitkomst_op = models.DateField("uitkomst op", null=True, blank=True)
    uitkomst_toelichting = models.TextField("toelichting op de uitkomst", blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "bezwaar"
        verbose_name_plural = "bezwaren"
        ordering = ["ontvangen_op", "pk"]

    def __str__(self) -> str:
        return f"Bezwaar van {self.ontvangen_op:%d-%m-%Y} ({klein(self.get_uitkomst_display())})"
