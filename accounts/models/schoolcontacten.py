"""Which person of a jeugdteam is a school's contact: the vaste contactpersoon S(B)O and the
contactpersoon in the gemeentelijke toegang (docs/rollen.md, "Contactpersonen van een
school")."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.rollen import Sector


class Contactsoort(models.TextChoices):
    # Holland Rijnland Methode, stap 2: "Elke S(B)O school werkt met een vaste
    # contactpersoon"; "Is verantwoordelijk voor het hulpverleningsonderdeel van het OPP."
    VASTE_CONTACTPERSOON = "vaste_contactpersoon", "Vaste contactpersoon S(B)O"
    # Regionale afspraken Duin- en Bollenstreek, Leidende principes 2: "Elke school heeft
    # een contactpersoon binnen de gemeentelijke toegang".
    TOEGANG = "toegang", "Contactpersoon gemeentelijke toegang"


# The school sectors that are "S(B)O": speciaal basisonderwijs and (voortgezet) speciaal
# onderwijs. Only these schools get a vaste contactpersoon S(B)O.
SBO_SECTOREN: frozenset[str] = frozenset({Sector.SBO, Sector.SO, Sector.VSO})


class SchoolcontactpersoonQuerySet(models.QuerySet):
    def geldig(self, op=None):
        """The bindings that hold on a day (today by default)."""
        dag = op or timezone.localdate()
        return self.filter(geldig_van__lte=dag).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=dag)
        )


class Schoolcontactpersoon(models.Model):
    """A person of a jeugdteam bound to a school as its vaste contactpersoon S(B)O or as
    its contactpersoon in the gemeentelijke toegang, for a period."""

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "accounts.Organisatie",
        verbose_name="school",
        on_delete=models.PROTECT,
        related_name="schoolcontactpersonen",
    )
    soort = models.CharField("soort", max_length=30, choices=Contactsoort.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="contactpersoon",
        on_delete=models.CASCADE,
        related_name="schoolcontacten",
    )
    jeugdteam = models.ForeignKey(
        "accounts.Organisatie",
        verbose_name="jeugdteam",
        on_delete=models.PROTECT,
        related_name="schoolcontacten_van_team",
    )
    geldig_van = models.DateField("geldig vanaf", default=timezone.localdate)
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)

    objects = SchoolcontactpersoonQuerySet.as_manager()
    # Who bound whom to which school, and when: a binding can give reach to pupils.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "contactpersoon van een school"
        verbose_name_plural = "contactpersonen van scholen"
        ordering = ["school__naam", "soort", "user__naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="schoolcontactpersoon_periode",
            ),
        ]
        indexes = [models.Index(fields=["user", "soort"], name="schoolcontact_user_soort")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.user} ({self.jeugdteam})"
