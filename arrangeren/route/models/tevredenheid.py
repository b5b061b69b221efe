"""The parents' answer to one short question after an MDO: how satisfied they are.

Source: *Nederlands Jeugdinstituut, Samen om het kind, deel 3*, "Sturen op samenhang": the
monitor pays "specifieke aandacht voor de tevredenheid van kinderen, jongeren en hun
ouders" (docs/monitor.md). One row per parent per MDO; a skipped question is a row
without a score, so it is not asked again. Only aggregates leave this table.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .mdo import Mdo

# The answer scale, 1 to 5, with the words the parent reads.
SCORES: tuple[tuple[int, str], ...] = (
    (1, "Heel ontevreden"),
    (2, "Ontevreden"),
    (3, "Niet tevreden en niet ontevreden"),
    (4, "Tevreden"),
    (5, "Heel tevreden"),
)
MAX_OPMERKING = 1000


class Tevredenheid(models.Model):
    mdo = models.ForeignKey(Mdo, on_delete=models.CASCADE, related_name="tevredenheden")
    ouder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ouder", on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        "hoe tevreden",
        choices=SCORES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Leeg: de ouder sloeg de vraag over.",
    )
    opmerking = models.TextField("toelichting", max_length=MAX_OPMERKING, blank=True)
    beantwoord_op = models.DateTimeField("beantwoord op", auto_now_add=True)

    class Meta:
        verbose_name = "tevredenheid over een MDO"
        verbose_name_plural = "tevredenheid over MDO's"
        constraints = [
            models.UniqueConstraint(fields=["mdo", "ouder"], name="tevredenheid_eenmaal"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="tevredenheid_score_1_tot_5",
            ),
        ]

    def __str__(self) -> str:
        return "Overgeslagen" if self.score is None else f"Score {self.score}"

    @property
    def overgeslagen(self) -> bool:
        return self.score is None
