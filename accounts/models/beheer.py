"""Who may work in an organisation: invitations, proposed roles and their confirmation.

A role that lets someone act for an organisation becomes a `Lidmaatschap` only when a
second person confirms the `Roltoekenning` (four eyes, see docs/beheer.md). Every
proposal, confirmation, refusal and removal is a `Beheergebeurtenis` (append-only).
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.rollen import Rol

from .append_only import AppendOnlyModel
from .organisaties import Lidmaatschap, Organisatie


class RoltoekenningQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Roltoekenning.Status.VOORGESTELD)


class Roltoekenning(models.Model):
    """A proposed role for one person in one organisation, waiting for a second person."""

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", "Wacht op bevestiging"
        BEVESTIGD = "bevestigd", "Bevestigd"
        AFGEWEZEN = "afgewezen", "Afgewezen"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="voor",
        on_delete=models.CASCADE,
        related_name="roltoekenningen",
    )
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="organisatie", on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField("rol", max_length=40, choices=Rol.choices)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.VOORGESTELD
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="voorgesteld door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    voorgesteld_op = models.DateTimeField("voorgesteld op", default=timezone.now)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bevestigd of afgewezen door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    afgehandeld_door_contact = models.EmailField(
        "bevestigd door contactpersoon",
        blank=True,
        help_text="De eerste beheerder van een organisatie bevestigt haar vaste contactpersoon.",
    )
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)
    lidmaatschap = models.ForeignKey(
        Lidmaatschap,
        verbose_name="lidmaatschap",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = RoltoekenningQuerySet.as_manager()

    class Meta:
        verbose_name = "roltoekenning"
        verbose_name_plural = "roltoekenningen"
        ordering = ["-voorgesteld_op"]
        constraints = [
            # One open proposal per person, organisation and role: a double click or a
            # second beheerder proposing the same does not make two.
            models.UniqueConstraint(
                fields=["user", "organisatie", "rol"],
                condition=models.Q(status="voorgesteld"),
                name="roltoekenning_een_open_voorstel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} · {self.organisatie} voor {self.user}"


class Beheergebeurtenis(AppendOnlyModel):
    """One event in the management of an organisation, shown to its beheerders."""

    class Soort(models.TextChoices):
        UITGENODIGD = "uitgenodigd", "Uitgenodigd"
        OPNIEUW_UITGENODIGD = "opnieuw_uitgenodigd", "Uitnodiging opnieuw verstuurd"
        GEACTIVEERD = "geactiveerd", "Account geactiveerd"
        VOORGESTELD = "voorgesteld", "Rol voorgesteld"
        BEVESTIGD = "bevestigd", "Rol bevestigd"
        AFGEWEZEN = "afgewezen", "Rol afgewezen"
        INGETROKKEN = "ingetrokken", "Voorstel ingetrokken"
        VERWIJDERD = "verwijderd", "Rol beëindigd"
        EMAIL_GEWIJZIGD = "email_gewijzigd", "E-mailadres gewijzigd"
        GEIMPORTEERD = "geimporteerd", "Leerlingen geïmporteerd"
        ORGANISATIE = "organisatie", "Organisatie aangemaakt of gewijzigd"

    tijdstip = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    door_contact = models.EmailField("door contactpersoon", blank=True)
    betreft = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="betreft",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rol = models.CharField("rol", max_length=40, choices=Rol.choices, blank=True)
    toelichting = models.CharField("toelichting", max_length=500, blank=True)

    class Meta:
        verbose_name = "beheergebeurtenis"
        verbose_name_plural = "beheergebeurtenissen"
        ordering = ["-tijdstip", "-pk"]


def token_hash(token: str) -> str:
    """What is stored of a link's token, and what a session may hold between steps."""
    return hashlib.sha256((token or "").encode()).hexdigest()


_hash = token_hash


class EmaillinkQuerySet(models.QuerySet):
    def bruikbaar(self):
        return self.filter(
            gebruikt_op__isnull=True, vervallen=False, verloopt_op__gt=timezone.now()
        )

    def bij_token(self, token: str):
        return self.filter(token_hash=token_hash(token))

    def bij_hash(self, sleutel: str):
        return self.filter(token_hash=sleutel or "-")


class Emaillink(models.Model):
    """A single-use link sent by e-mail: activate an account, confirm a new address,
    (for the named contact of an organisation) confirm its first beheerder, or lift the
    lock on one's own login (accounts/inlogrem.py).

    Only a hash of the token is stored, so a copy of the database holds no working link.
    """

    class Doel(models.TextChoices):
        ACTIVEREN = "activeren", "Account activeren"
        EMAILADRES = "emailadres", "Nieuw e-mailadres bevestigen"
        EERSTE_BEHEERDER = "eerste_beheerder", "Eerste beheerder bevestigen"
        BLOKKADE = "blokkade", "Blokkade van het inloggen opheffen"

    doel = models.CharField("doel", max_length=20, choices=Doel.choices)
    token_hash = models.CharField("token (hash)", max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emaillinks",
    )
    email = models.EmailField("verstuurd aan")
    roltoekenning = models.ForeignKey(
        Roltoekenning,
        verbose_name="roltoekenning",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangemaakt door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    verloopt_op = models.DateTimeField("verloopt op")
    gebruikt_op = models.DateTimeField("gebruikt op", null=True, blank=True)
    vervallen = models.BooleanField(
        "vervallen", default=False, help_text="Vervangen door een nieuwe link."
    )

    objects = EmaillinkQuerySet.as_manager()

    class Meta:
        verbose_name = "e-maillink"
        verbose_name_plural = "e-maillinks"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.get_doel_display()} ({self.aangemaakt_op:%d-%m-%Y})"

    @classmethod
    def maak(cls, **velden) -> tuple["Emaillink", str]:
        """A new, unsaved link and its token (the token is shown once, in the e-mail)."""
        token = secrets.token_urlsafe(32)
        return cls(token_hash=_hash(token), **velden), token

    @classmethod
    def nieuw(cls, **velden) -> tuple["Emaillink", str]:
        link, token = cls.maak(**velden)
        link.save()
        return link, token

    @property
    def is_bruikbaar(self) -> bool:
        return self.gebruikt_op is None and not self.vervallen and self.verloopt_op > timezone.now()
