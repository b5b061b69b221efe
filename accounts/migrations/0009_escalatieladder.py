# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_schoolcontactpersonen"),
    ]

    operations = [
        migrations.CreateModel(
            name="Escalatieniveau",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("niveau", models.PositiveSmallIntegerField(verbose_name="niveau")),
                (
                    "functionaris",
                    models.CharField(
                        help_text="De functie, bijvoorbeeld Teamleider jeugdteam of Directeur SWV.",
                        max_length=200,
                        verbose_name="functionaris",
                    ),
                ),
                (
                    "houders",
                    models.ManyToManyField(
                        blank=True,
                        related_name="escalatieniveaus",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="personen",
                    ),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="escalatieniveaus",
                        to="accounts.organisatie",
                        verbose_name="organisatie",
                    ),
                ),
            ],
            options={
                "verbose_name": "niveau van de escalatieladder",
                "verbose_name_plural": "niveaus van de escalatieladder",
                "ordering": ["organisatie", "niveau"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisatie", "niveau"),
                        name="escalatieniveau_uniek_per_organisatie",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("niveau__gte", 1)), name="escalatieniveau_vanaf_1"
                    ),
                ],
            },
        ),
    ]
