# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("route", "0006_opschaling"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tevredenheid",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "score",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (1, "Heel ontevreden"),
                            (2, "Ontevreden"),
                            (3, "Niet tevreden en niet ontevreden"),
                            (4, "Tevreden"),
                            (5, "Heel tevreden"),
                        ],
                        help_text="Leeg: de ouder sloeg de vraag over.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="hoe tevreden",
                    ),
                ),
                (
                    "opmerking",
                    models.TextField(blank=True, max_length=1000, verbose_name="toelichting"),
                ),
                (
                    "beantwoord_op",
                    models.DateTimeField(auto_now_add=True, verbose_name="beantwoord op"),
                ),
                (
                    "mdo",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tevredenheden",
                        to="route.mdo",
                    ),
                ),
                (
                    "ouder",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ouder",
                    ),
                ),
            ],
            options={
                "verbose_name": "tevredenheid over een MDO",
                "verbose_name_plural": "tevredenheid over MDO's",
                "constraints": [
                    models.UniqueConstraint(fields=("mdo", "ouder"), name="tevredenheid_eenmaal"),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("score__isnull", True),
                            models.Q(("score__gte", 1), ("score__lte", 5)),
                            _connector="OR",
                        ),
                        name="tevredenheid_score_1_tot_5",
                    ),
                ],
            },
        ),
    ]
