# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations: the agreements for the end of care (Eindafspraak).
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

TERUGKEER = [
    ("school", "Op school"),
    ("oza", "In een onderwijs-zorgarrangement (OZA)"),
    ("doorlopend", "Niet van toepassing: de leerling bleef onderwijs volgen"),
]


def _velden() -> list:
    return [
        ("zorg_stopt_op", models.DateField(verbose_name="dagbesteding of behandeling stopt op")),
        (
            "terugkeer",
            models.CharField(choices=TERUGKEER, max_length=12, verbose_name="onderwijs volgen"),
        ),
        (
            "onderwijs_start_op",
            models.DateField(blank=True, null=True, verbose_name="onderwijs start op"),
        ),
        ("nazorg", models.TextField(blank=True, verbose_name="nazorg op school")),
        (
            "nazorg_door",
            models.CharField(blank=True, max_length=200, verbose_name="nazorg gegeven door"),
        ),
        ("bewerkingen", models.PositiveIntegerField(default=0)),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("jeugdhulp", "0002_mdb_kader"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Eindafspraak",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                *_velden(),
                ("gewijzigd_op", models.DateTimeField(auto_now=True)),
                (
                    "inzet",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="eindafspraak",
                        to="jeugdhulp.jeugdhulpinzet",
                    ),
                ),
                (
                    "toegangsmedewerker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="toegangsmedewerker die de nazorg organiseert",
                    ),
                ),
                (
                    "vastgelegd_door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "afspraak over het einde van de zorg",
                "verbose_name_plural": "afspraken over het einde van de zorg",
            },
        ),
        migrations.CreateModel(
            name="HistoricalEindafspraak",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                *_velden(),
                ("gewijzigd_op", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
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
                    "inzet",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="jeugdhulp.jeugdhulpinzet",
                    ),
                ),
                (
                    "toegangsmedewerker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="toegangsmedewerker die de nazorg organiseert",
                    ),
                ),
                (
                    "vastgelegd_door",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical afspraak over het einde van de zorg",
                "verbose_name_plural": "historical afspraken over het einde van de zorg",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
