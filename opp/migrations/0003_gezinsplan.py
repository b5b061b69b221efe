import uuid

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import accounts.models.bijlagen


class Migration(migrations.Migration):
    dependencies = [
        ("opp", "0002_tekencodes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Gezinsplan",
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
                (
                    "doelen",
                    models.TextField(
                        help_text="De doelen die het gezin (de jeugdige) zelf stelt.",
                        verbose_name="doelen van het gezin",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("lopend", "Lopend"), ("afgesloten", "Afgesloten")],
                        default="lopend",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum van het plan")),
                ("bewerkingen", models.PositiveIntegerField(default=0, verbose_name="bewerkingen")),
                ("gemaakt_op", models.DateTimeField(auto_now_add=True)),
                (
                    "gemaakt_door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "leerling",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="gezinsplannen",
                        to="accounts.leerling",
                        verbose_name="leerling",
                    ),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="organisatie (jeugdteam of jeugdhulp)",
                    ),
                ),
                (
                    "regievoerder",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="regievoerder",
                    ),
                ),
            ],
            options={
                "verbose_name": "gezinsplan",
                "verbose_name_plural": "gezinsplannen",
                "ordering": ["-datum", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalGezinsplan",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="kenmerk"
                    ),
                ),
                (
                    "doelen",
                    models.TextField(
                        help_text="De doelen die het gezin (de jeugdige) zelf stelt.",
                        verbose_name="doelen van het gezin",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("lopend", "Lopend"), ("afgesloten", "Afgesloten")],
                        default="lopend",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum van het plan")),
                ("bewerkingen", models.PositiveIntegerField(default=0, verbose_name="bewerkingen")),
                ("gemaakt_op", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "gemaakt_door",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "leerling",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.leerling",
                        verbose_name="leerling",
                    ),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="organisatie (jeugdteam of jeugdhulp)",
                    ),
                ),
                (
                    "regievoerder",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="regievoerder",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical gezinsplan",
                "verbose_name_plural": "historical gezinsplannen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="GezinsplanBijlage",
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
                ("titel", models.CharField(max_length=200, verbose_name="titel")),
                (
                    "bestand",
                    models.FileField(
                        max_length=200,
                        upload_to=accounts.models.bijlagen.bijlage_pad,
                        verbose_name="bestand",
                    ),
                ),
                ("bestandsnaam", models.CharField(max_length=200, verbose_name="bestandsnaam")),
                ("mimetype", models.CharField(max_length=100)),
                ("grootte", models.PositiveIntegerField(verbose_name="grootte in bytes")),
                ("geupload_op", models.DateTimeField(auto_now_add=True)),
                (
                    "geupload_door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "gezinsplan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bijlagen",
                        to="opp.gezinsplan",
                    ),
                ),
            ],
            options={
                "verbose_name": "bestand van het gezinsplan",
                "verbose_name_plural": "bestanden van het gezinsplan",
                "ordering": ["geupload_op"],
            },
        ),
    ]
