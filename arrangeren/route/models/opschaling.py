from django.db import models
from django.urls import reverse

from accounts.models import Opschaling as OpschalingBasis

from .traject import Traject


class Opschaling(OpschalingBasis):
    """An escalation of a traject: "Wanneer de inzet niet tot het gewenste resultaat leidt
    kan via de eigen organisatie worden opgeschaald." (*Regionale afspraken Duin- en
    Bollenstreek*, routekaart stap 7; docs/route.md, "Opschalen")."""

    traject = models.ForeignKey(
        Traject, verbose_name="traject", on_delete=models.PROTECT, related_name="opschalingen"
    )

    ZAAK = "traject"
    LEERLING_PAD = "traject__leerling"
    soort_zaak = "traject"

    class Meta(OpschalingBasis.Meta):
        verbose_name = "opschaling"
        verbose_name_plural = "opschalingen"
        constraints = [
            # One open escalation per traject and rung of one organisation (double submit).
            models.UniqueConstraint(
                fields=["traject", "organisatie", "niveau"],
                condition=models.Q(opgelost_op__isnull=True),
                name="route_opschaling_een_open_per_niveau",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("arrangeren:opschaling_detail", args=[self.uuid])

    def zaak_url(self) -> str:
        return reverse("arrangeren:traject_detail", args=[self.traject.uuid])
