# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
# Issue 17 (H2a): the MDB's financing per scenario, and the kader exception agreed by
# school and SWV. Existing exceptions were recorded by one party: they become proposals
# of the school that wait for the SWV (docs/jeugdhulp.md).
import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SCENARIO_KEUZES = [
    ("a", "a. Ieder apart opdracht: voor deze leerling geeft één partij opdracht"),
    ("b", "b. Eén partij geeft opdracht, de andere stelt het budget beschikbaar"),
    ("c", "c. Gezamenlijk contract met de aanbieder, verdeling afgesproken"),
]
PARTIJ_KEUZES = [("onderwijs", "Onderwijs (school / SWV)"), ("gemeente", "Gemeente")]
NAMENS_KEUZES = [("school", "School"), ("swv", "Samenwerkingsverband")]


def kenmerken(apps, schema_editor):
    Kaderuitzondering = apps.get_model("jeugdhulp", "Kaderuitzondering")
    for uitzondering in Kaderuitzondering.objects.all():
        uitzondering.uuid = uuid.uuid4()
        uitzondering.save(update_fields=["uuid"])


def _aandeel(verbose_name):
    return models.PositiveSmallIntegerField(
        blank=True,
        null=True,
        validators=[django.core.validators.MaxValueValidator(100)],
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("jeugdhulp", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=model,
                name="aandeel_gemeente",
                field=_aandeel("aandeel gemeente (%)"),
            )
            for model in ("jeugdhulpinzet", "historicaljeugdhulpinzet")
        ],
        *[
            migrations.AddField(
                model_name=model,
                name="opdrachtgever",
                field=models.CharField(
                    blank=True,
                    choices=PARTIJ_KEUZES,
                    max_length=12,
                    verbose_name="wie geeft opdracht",
                ),
            )
            for model in ("jeugdhulpinzet", "historicaljeugdhulpinzet")
        ],
        *[
            migrations.AlterField(
                model_name=model,
                name="scenario",
                field=models.CharField(
                    blank=True,
                    choices=SCENARIO_KEUZES,
                    max_length=1,
                    verbose_name="financieringsscenario",
                ),
            )
            for model in ("jeugdhulpinzet", "historicaljeugdhulpinzet")
        ],
        migrations.AddField(
            model_name="historicalkaderuitzondering",
            name="akkoord_door",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="akkoord gegeven door",
            ),
        ),
        migrations.AddField(
            model_name="kaderuitzondering",
            name="akkoord_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="akkoord gegeven door",
            ),
        ),
        *[
            migrations.AddField(
                model_name=model,
                name="akkoord_op",
                field=models.DateTimeField(blank=True, null=True, verbose_name="akkoord op"),
            )
            for model in ("kaderuitzondering", "historicalkaderuitzondering")
        ],
        *[
            migrations.AddField(
                model_name=model,
                name="voorgesteld_namens",
                field=models.CharField(
                    choices=NAMENS_KEUZES,
                    default="school",
                    max_length=6,
                    verbose_name="voorgesteld namens",
                ),
            )
            for model in ("kaderuitzondering", "historicalkaderuitzondering")
        ],
        migrations.AddField(
            model_name="historicalkaderuitzondering",
            name="uuid",
            field=models.UUIDField(
                db_index=True, default=uuid.uuid4, editable=False, verbose_name="kenmerk"
            ),
        ),
        # A unique uuid for existing rows: added empty, filled one by one, then unique.
        migrations.AddField(
            model_name="kaderuitzondering",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="kenmerk"),
        ),
        migrations.RunPython(kenmerken, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="kaderuitzondering",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="kenmerk"
            ),
        ),
    ]
