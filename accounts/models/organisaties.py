from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.rollen import ROLLEN, Rol, Sector, Soort


class OrganisatieQuerySet(models.QuerySet):
    def scholen(self):
        return self.filter(soort=Soort.SCHOOL)


class Organisatie(models.Model):
    """A school, SWV, gemeente, jeugdteam, care provider, leerplicht office, JGZ or the region."""

    naam = models.CharField("naam", max_length=200)
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    code = models.CharField(
        "code",
        max_length=20,
        blank=True,
        help_text="Bijvoorbeeld de code van het samenwerkingsverband (PO-28-01) of het BRIN.",
    )
    sector = models.CharField("sector", max_length=5, choices=Sector.choices, blank=True)
    swv = models.ForeignKey(
        "self",
        verbose_name="samenwerkingsverband",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scholen",
        limit_choices_to={"soort": Soort.SWV},
    )
    gemeente = models.ForeignKey(
        "self",
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdelen",
        limit_choices_to={"soort": Soort.GEMEENTE},
    )
    plaats = models.CharField("plaats", max_length=100, blank=True)
    contactpersoon_naam = models.CharField(
        "vaste contactpersoon",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld de directeur of bestuurder. Bevestigt de eerste beheerder.",
    )
    contactpersoon_email = models.EmailField(
        "e-mailadres vaste contactpersoon",
        blank=True,
        help_text="Hier komt de vraag om de eerste beheerder van de organisatie te bevestigen.",
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(soort=Soort.SCHOOL) & ~models.Q(sector=""))
                | (~models.Q(soort=Soort.SCHOOL) & models.Q(sector="")),
                name="organisatie_sector_alleen_bij_school",
            ),
            models.CheckConstraint(
                condition=~models.Q(soort=Soort.JEUGDTEAM) | models.Q(gemeente__isnull=False),
                name="organisatie_jeugdteam_hoort_bij_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        errors = {}
        if self.soort == Soort.SCHOOL and not self.sector:
            errors["sector"] = "Kies de sector van de school."
        if self.soort != Soort.SCHOOL and self.sector:
            errors["sector"] = "Alleen een school heeft een sector."
        if self.soort == Soort.SCHOOL and self.sector != Sector.MBO and not self.swv_id:
            errors["swv"] = "Een school hoort bij een samenwerkingsverband."
        if self.swv_id and self.soort != Soort.SCHOOL:
            errors["swv"] = "Alleen een school hoort bij een samenwerkingsverband."
        if self.soort == Soort.JEUGDTEAM and not self.gemeente_id:
            errors["gemeente"] = "Een jeugdteam hoort bij een gemeente."
        if errors:
            raise ValidationError(errors)


class Lidmaatschap(models.Model):
    """A user's role in an organisation. One user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    rol = models.CharField("rol", max_length=40, choices=Rol.choices)

    # Who gave whom which role, and when: a role decides which pupils someone sees.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["organisatie__naam", "rol"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisatie", "rol"], name="lidmaatschap_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} · {self.organisatie}"

    def clean(self):
        if self.organisatie_id and self.rol:
            toegestaan = ROLLEN[Rol(self.rol)].soorten
            if self.organisatie.soort not in toegestaan:
                raise ValidationError(
                    {
                        "rol": (
                            f"De rol {self.get_rol_display()} past niet bij een "
                            f"{self.organisatie.get_soort_display().lower()}."
                        )
                    }
                )
