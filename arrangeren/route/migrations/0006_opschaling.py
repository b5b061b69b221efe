# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("route", "0005_start_door_jeugdteam"),
        ("accounts", "0009_escalatieladder"),
    ]

    operations = [
        migrations.CreateModel(
            name="Opschaling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="kenmerk"
                    ),
                ),
                ("niveau", models.PositiveSmallIntegerField(verbose_name="niveau")),
                ("functionaris", models.CharField(max_length=200, verbose_name="functionaris")),
                ("reden", models.TextField(verbose_name="reden")),
                (
                    "aangemaakt_op",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="opgeschaald op"
                    ),
                ),
                (
                    "opgelost_op",
                    models.DateTimeField(blank=True, null=True, verbose_name="opgelost op"),
                ),
                ("afspraak", models.TextField(blank=True, verbose_name="afspraak")),
                (
                    "door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="opgeschaald door",
                    ),
                ),
                (
                    "ontvangers",
                    models.ManyToManyField(
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="opgeschaald naar",
                    ),
                ),
                (
                    "opgelost_door",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="opgelost door",
                    ),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="via organisatie",
                    ),
                ),
                (
                    "traject",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="opschalingen",
                        to="route.traject",
                        verbose_name="traject",
                    ),
                ),
            ],
            options={
                "verbose_name": "opschaling",
                "verbose_name_plural": "opschalingen",
                "ordering": ["-aangemaakt_op", "-pk"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("opgelost_op__isnull", True)),
                        fields=("traject", "organisatie", "niveau"),
                        name="route_opschaling_een_open_per_niveau",
                    )
                ],
            },
        ),
    ]
