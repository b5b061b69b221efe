import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from accounts.rollen import Soort

from .organisaties import Organisatie


class LeerlingQuerySet(models.QuerySet):
    def for_user(self, user):
        """The pupils this user may see, per the permission policy."""
        from accounts.permissions import leerlingen_for_user

        return leerlingen_for_user(user, self)

    def dossiers_for_user(self, user):
        """The pupils whose file this user may read: not the children of whom they are a
        parent without custody (accounts.permissions.dossiers_for_user)."""
        from accounts.permissions import dossiers_for_user

        return dossiers_for_user(user, self)

    def ingeschreven(self, op: date | None = None):
        """Enrolled on `op` (today): not (yet) uitgeschreven."""
        op = op or timezone.localdate()
        return self.filter(Q(uitgeschreven_op__isnull=True) | Q(uitgeschreven_op__gt=op))


class Leerling(models.Model):
    """A pupil. No BSN: the region's schools identify pupils in their own administration."""

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    voornaam = models.CharField("voornaam", max_length=100)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=20, blank=True)
    achternaam = models.CharField("achternaam", max_length=100)
    geboortedatum = models.DateField("geboortedatum")
    school = models.ForeignKey(
        Organisatie,
        verbose_name="school van inschrijving",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leerlingen",
        limit_choices_to={"soort": Soort.SCHOOL},
        help_text="Leeg als de leerling nergens staat ingeschreven.",
    )
    groep = models.CharField(
        "groep / leerjaar", max_length=40, blank=True, help_text="Bijvoorbeeld groep 6."
    )
    ingeschreven_op = models.DateField(
        "ingeschreven op deze school sinds",
        null=True,
        blank=True,
        help_text="Voor leerlingen in het S(B)O moet binnen 6 weken na plaatsing een OPP zijn.",
    )
    leerlingnummer = models.CharField(
        "leerlingnummer",
        max_length=20,
        blank=True,
        help_text="Het nummer in de leerlingadministratie van de school (ParnasSys, Magister): "
        "de sleutel bij een nieuwe import.",
    )
    uitgeschreven_op = models.DateField(
        "uitgeschreven op",
        null=True,
        blank=True,
        help_text="Vanaf deze datum werkt de school niet meer in het dossier; zij leest "
        "alleen nog wat zij zelf schreef (zie docs/overstap.md).",
    )
    vorige = models.OneToOneField(
        "self",
        verbose_name="dossier op de vorige school",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volgende",
    )
    mentoren = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="leerkrachten / mentoren",
        blank=True,
        related_name="mentorleerlingen",
    )

    objects = LeerlingQuerySet.as_manager()
    # A pupil changed by an import (or by hand) keeps the earlier values.
    history = HistoricalRecords(excluded_fields=["mentoren"])

    class Meta:
        verbose_name = "leerling"
        verbose_name_plural = "leerlingen"
        ordering = ["achternaam", "voornaam"]
        permissions = [
            ("export_leerling", "Gegevens van de leerling exporteren"),
        ]
        indexes = [
            # A school's pupils in list order: the pupil filter of a school role is
            # `school_id IN (...)` (accounts/permissions.py), so a page of 25 reads 25 rows.
            models.Index(fields=["school", "achternaam", "voornaam"], name="leerling_school_naam"),
        ]
        constraints = [
            # The school's own number identifies a pupil within that school only.
            models.UniqueConstraint(
                fields=["school", "leerlingnummer"],
                condition=~Q(leerlingnummer=""),
                name="leerling_nummer_uniek_per_school",
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(
            part for part in (self.voornaam, self.tussenvoegsel, self.achternaam) if part
        )

    def is_uitgeschreven(self, op: date | None = None) -> bool:
        op = op or timezone.localdate()
        return self.uitgeschreven_op is not None and self.uitgeschreven_op <= op

    def leeftijd(self, op: date | None = None) -> int:
        op = op or date.today()
        jaren = op.year - self.geboortedatum.year
        if (op.month, op.day) < (self.geboortedatum.month, self.geboortedatum.day):
            jaren -= 1
        return jaren


class Gezag(models.Model):
    """A parent or carer of a pupil; `heeft_gezag` says whether they hold legal custody."""

    class Relatie(models.TextChoices):
        MOEDER = "moeder", "Moeder"
        VADER = "vader", "Vader"
        OUDER = "ouder", "Ouder"
        VERZORGER = "verzorger", "Verzorger"
        VOOGD = "voogd", "Voogd"

    ouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ouder / verzorger",
        on_delete=models.CASCADE,
        related_name="gezagen",
    )
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.CASCADE, related_name="gezagen"
    )
    relatie = models.CharField("relatie", max_length=20, choices=Relatie.choices)
    heeft_gezag = models.BooleanField(
        "heeft wettelijk gezag",
        default=True,
        help_text="Alleen ouders met gezag geven toestemming en ondertekenen het handelingsdeel.",
    )

    # Custody decides whose consent counts: every change is kept.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "gezag"
        verbose_name_plural = "gezagsrelaties"
        constraints = [
            models.UniqueConstraint(fields=["ouder", "leerling"], name="gezag_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.ouder} ({self.get_relatie_display().lower()} van {self.leerling})"


# Direct foreign-key object permissions (django-guardian): one indexed join instead of
# the generic table's content-type + text primary key lookups.
class LeerlingUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Leerling, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "objectrecht op leerling (gebruiker)"


class LeerlingGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Leerling, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "objectrecht op leerling (groep)"


class Overstap(models.Model):
    """A pupil moved from one school of the region to another.

    The new school works in a new dossier (`nieuw`); the old dossier stays the old
    school's own record, read-only. The running traject, OPP and consent go to the new
    dossier only once the parents agree (consent of the kind "overdracht").
    """

    oud = models.OneToOneField(
        Leerling, verbose_name="dossier vorige school", on_delete=models.PROTECT, related_name="+"
    )
    nieuw = models.OneToOneField(
        Leerling,
        verbose_name="dossier nieuwe school",
        on_delete=models.PROTECT,
        related_name="overstap",
    )
    van_school = models.ForeignKey(
        Organisatie, verbose_name="van school", on_delete=models.PROTECT, related_name="+"
    )
    naar_school = models.ForeignKey(
        Organisatie, verbose_name="naar school", on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField("datum overstap")
    geregistreerd_op = models.DateTimeField("geregistreerd op", default=timezone.now)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geregistreerd door",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    overgedragen_op = models.DateTimeField(
        "traject, OPP en toestemming overgedragen op", null=True, blank=True
    )

    class Meta:
        verbose_name = "overstap"
        verbose_name_plural = "overstappen"
        ordering = ["-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.van_school} → {self.naar_school} ({self.datum:%d-%m-%Y})"
