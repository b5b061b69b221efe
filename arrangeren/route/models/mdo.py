"""The multidisciplinair overleg (MDO): planning, invitees, slots, documents, hoorrecht."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Bijlage, Organisatie

from .traject import Traject


class Mdo(models.Model):
    class Status(models.TextChoices):
        IN_VOORBEREIDING = "in_voorbereiding", "In voorbereiding"
        UITGENODIGD = "uitgenodigd", "Uitnodigingen verstuurd"
        GEHOUDEN = "gehouden", "Gehouden"
        GEANNULEERD = "geannuleerd", "Geannuleerd"

    class Planning(models.TextChoices):
        VAST = "vast", "Vaste datum en tijd"
        KIEZEN = "kiezen", "Genodigden kiezen uit voorgestelde tijden"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="mdos")
    cyclus = models.PositiveSmallIntegerField("cyclus")
    doel = models.TextField("doel van het overleg")
    planning = models.CharField(
        "planning", max_length=10, choices=Planning.choices, default=Planning.VAST
    )
    start = models.DateTimeField("begint om", null=True, blank=True)
    eind = models.DateTimeField("eindigt om", null=True, blank=True)
    locatie = models.CharField("plaats", max_length=200, blank=True)
    videolink = models.URLField("videolink", blank=True, max_length=500)
    tolk_nodig = models.BooleanField("tolk nodig", default=False)
    tolk_taal = models.CharField("taal van de tolk", max_length=60, blank=True)
    agenda = models.TextField("agenda", blank=True)
    leerling_aanwezig = models.BooleanField(
        "leerling is bij het overleg",
        default=False,
        help_text="Zo niet, dan wordt de visie van de leerling vooraf in een gesprek "
        "opgehaald (hoorrecht).",
    )
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="voorzitter", on_delete=models.PROTECT
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.IN_VOORBEREIDING
    )
    uitnodigingen_verstuurd_op = models.DateTimeField(null=True, blank=True)
    # Shown on the MDO page; the cancellation mail only links to it (docs/route.md).
    annuleringsreden = models.TextField("reden van annuleren", blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    versie = models.PositiveIntegerField("versie", default=1)

    class Meta:
        verbose_name = "MDO"
        verbose_name_plural = "MDO's"
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(eind__gt=models.F("start")),
                name="mdo_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"MDO {self.traject.leerling} ({self.start:%d-%m-%Y})" if self.start else "MDO"

    @property
    def ical_uid(self) -> str:
        return f"mdo-{self.uuid}@samenplan"


class Genodigde(models.Model):
    """Someone invited to the MDO: parents always, the pupil when possible, professionals."""

    class Rol(models.TextChoices):
        OUDER = "ouder", "Ouder / verzorger"
        LEERLING = "leerling", "Leerling"
        SCHOOL = "school", "School"
        EXTERN = "extern", "Externe deelnemer"

    class Antwoord(models.TextChoices):
        GEEN = "geen", "Nog geen antwoord"
        KOMT = "komt", "Komt"
        KOMT_NIET = "komt_niet", "Komt niet"

    mdo = models.ForeignKey(Mdo, on_delete=models.CASCADE, related_name="genodigden")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mdo_uitnodigingen",
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rol = models.CharField("rol", max_length=10, choices=Rol.choices)
    antwoord = models.CharField(
        "antwoord", max_length=10, choices=Antwoord.choices, default=Antwoord.GEEN
    )
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    uitgenodigd_op = models.DateTimeField(null=True, blank=True)
    herinnerd_op = models.DateTimeField(null=True, blank=True)
    # The coördinator's "Herinnering sturen" to an invitee who has not answered, at most
    # once a day (services/herinnering.py); apart from the reminder before the meeting.
    handmatig_herinnerd_op = models.DateTimeField(null=True, blank=True)
    # Last asked by e-mail to mark the proposed times (the slot poll, docs/route.md): a
    # late invitee (added, or covered by consent, after the times went out) has none yet.
    tijden_gevraagd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "genodigde"
        verbose_name_plural = "genodigden"
        ordering = ["rol", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mdo", "user"], condition=Q(user__isnull=False), name="genodigde_eenmaal"
            ),
            models.UniqueConstraint(
                fields=["mdo"], condition=Q(rol="leerling"), name="genodigde_een_leerling"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        if self.rol == self.Rol.LEERLING:
            return f"{self.mdo.traject.leerling.voornaam} (leerling)"
        return self.user.naam

    @property
    def is_extern(self) -> bool:
        return self.rol == self.Rol.EXTERN


class Tijdslot(models.Model):
    mdo = models.ForeignKey(Mdo, on_delete=models.CASCADE, related_name="tijdsloten")
    start = models.DateTimeField("begint om")
    eind = models.DateTimeField("eindigt om")

    class Meta:
        verbose_name = "voorgestelde tijd"
        verbose_name_plural = "voorgestelde tijden"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gt=models.F("start")), name="slot_eind_na_start"
            ),
            models.UniqueConstraint(fields=["mdo", "start"], name="slot_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%d-%m-%Y %H:%M}"


class Beschikbaarheid(models.Model):
    tijdslot = models.ForeignKey(
        Tijdslot, on_delete=models.CASCADE, related_name="beschikbaarheden"
    )
    genodigde = models.ForeignKey(Genodigde, on_delete=models.CASCADE, related_name="+")
    kan = models.BooleanField("kan dan")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tijdslot", "genodigde"], name="beschikbaarheid_uniek")
        ]

    def __str__(self) -> str:
        return f"{'Kan' if self.kan else 'Kan niet'} op {self.tijdslot}"


class Voorbereidingsstuk(Bijlage):
    opslagmap = "voorbereiding"

    mdo = models.ForeignKey(Mdo, on_delete=models.CASCADE, related_name="stukken")

    class Meta:
        verbose_name = "voorbereidingsstuk"
        verbose_name_plural = "voorbereidingsstukken"
        ordering = ["geupload_op"]


class Leerlinggesprek(models.Model):
    """Hoorrecht: the pupil's own view, heard beforehand when the pupil does not attend."""

    mdo = models.OneToOneField(Mdo, on_delete=models.CASCADE, related_name="leerlinggesprek")
    gevoerd_op = models.DateField("gesprek gevoerd op")
    gevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    wat_goed_gaat = models.TextField("wat gaat goed, volgens de leerling")
    wat_moeilijk_is = models.TextField("wat is moeilijk, volgens de leerling")
    wensen = models.TextField("wat wil de leerling, en wie wil de leerling erbij")

    class Meta:
        verbose_name = "leerlinggesprek"
        verbose_name_plural = "leerlinggesprekken"

    def __str__(self) -> str:
        return f"Leerlinggesprek {self.gevoerd_op:%d-%m-%Y}"
