from django.conf import settings
from django.db import models

from .append_only import AppendOnlyModel
from .leerlingen import Leerling
from .organisaties import Organisatie


class Toegangslog(AppendOnlyModel):
    """One access to a pupil's data (NEN 7513): who, on whose behalf, when, whom, what.

    Append-only: the model refuses updates and deletes, and database triggers (see the
    migration) refuse them too, so neither the ORM nor raw SQL can rewrite the record.
    """

    class Actie(models.TextChoices):
        BEKIJKEN = "bekijken", "Bekijken"
        AFDRUKKEN = "afdrukken", "Afdrukken / PDF"
        EXPORTEREN = "exporteren", "Exporteren"
        ZOEKEN = "zoeken", "Zoeken / overzicht"
        IMPORTEREN = "importeren", "Importeren uit de leerlingadministratie"

    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="namens organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Room for a role with its ground ("... (opschaling)" after a functionaris of 200).
    rol = models.CharField("in de rol van", max_length=200)
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="toegangslog"
    )
    actie = models.CharField("actie", max_length=20, choices=Actie.choices)
    onderdeel = models.CharField("onderdeel", max_length=200)
    ip_adres = models.GenericIPAddressField("IP-adres", null=True, blank=True)

    class Meta:
        verbose_name = "toegangslogregel"
        verbose_name_plural = "toegangslog"
        ordering = ["-tijdstip", "-pk"]
        indexes = [models.Index(fields=["leerling", "-tijdstip"], name="toegangslog_leerling")]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruiker} {self.actie} {self.leerling}"


class Logzoekvraag(AppendOnlyModel):
    """One look into the access log by the region's beheerder, with its filters (NEN 7513:
    access to the log is logged too). Shown on the log page to the region's beheerders.

    The filters name at most a staff member and a dossier kenmerk (docs/beheer.md); they
    are stored here, never in URLs (the search is a POST) or application logs.
    """

    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gezocht door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    zoekterm_gebruiker = models.CharField("gebruiker (zoekterm)", max_length=200, blank=True)
    leerling_kenmerk = models.CharField("leerling (kenmerk)", max_length=36, blank=True)
    actie = models.CharField("actie", max_length=20, choices=Toegangslog.Actie.choices, blank=True)
    vanaf = models.DateField("vanaf", null=True, blank=True)
    tot_en_met = models.DateField("tot en met", null=True, blank=True)
    pagina = models.PositiveIntegerField("pagina", default=1)
    ip_adres = models.GenericIPAddressField("IP-adres", null=True, blank=True)

    class Meta:
        verbose_name = "zoekvraag in het toegangslog"
        verbose_name_plural = "zoekvragen in het toegangslog"
        ordering = ["-tijdstip", "-pk"]
