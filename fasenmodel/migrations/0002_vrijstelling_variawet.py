# Issue 17 (H5): the vrijstelling route and deviations from the minimum teaching time
# (Variawet); a vrijstelling is no kind of verzuim any more (thuiszitter.soort).
import uuid

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

NOTITIE = (
    "Overgenomen uit het thuiszittersregister: de vrijstelling stond daar als soort verzuim. "
    "Leerplicht verleent een vrijstelling alleen na een positief advies van de "
    "onafhankelijk arts; datum en visie van het SWV zijn niet vastgelegd."
)


def vrijstelling_is_geen_verzuim(apps, schema_editor):
    """Entries with soort 'vrijstelling' become 'geen verzuim' with a granted vrijstelling
    from the day the pupil was registered at home (the register knew no more)."""
    Thuiszitter = apps.get_model("fasenmodel", "Thuiszitter")
    HistoricalThuiszitter = apps.get_model("fasenmodel", "HistoricalThuiszitter")
    Vrijstelling = apps.get_model("fasenmodel", "Vrijstelling")
    for t in Thuiszitter.objects.filter(soort="vrijstelling").order_by("pk"):
        if not Vrijstelling.objects.filter(leerling_id=t.leerling_id).exists():
            Vrijstelling.objects.create(
                leerling_id=t.leerling_id,
                aangevraagd_op=t.sinds,
                advies="positief",
                besluit="verleend",
                startdatum=t.sinds,
                einddatum=None,
                toelichting=NOTITIE,
                ingevoerd_door_id=t.ingevoerd_door_id,
            )
    Thuiszitter.objects.filter(soort="vrijstelling").update(soort="geen")
    HistoricalThuiszitter.objects.filter(soort="vrijstelling").update(soort="geen")


def terug(apps, schema_editor):
    Thuiszitter = apps.get_model("fasenmodel", "Thuiszitter")
    HistoricalThuiszitter = apps.get_model("fasenmodel", "HistoricalThuiszitter")
    Thuiszitter.objects.filter(soort="geen").update(soort="vrijstelling")
    HistoricalThuiszitter.objects.filter(soort="geen").update(soort="vrijstelling")


class Migration(migrations.Migration):
    dependencies = [
        ("fasenmodel", "0001_initial"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalthuiszitter",
            name="soort",
            field=models.CharField(
                choices=[
                    ("absoluut", "Absoluut verzuim: niet ingeschreven op een school"),
                    (
                        "relatief",
                        "Relatief verzuim: ongeoorloofd verzuim van een ingeschreven leerling",
                    ),
                    ("geen", "Geen verzuim: vrijgesteld van leerplicht"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.AlterField(
            model_name="thuiszitter",
            name="soort",
            field=models.CharField(
                choices=[
                    ("absoluut", "Absoluut verzuim: niet ingeschreven op een school"),
                    (
                        "relatief",
                        "Relatief verzuim: ongeoorloofd verzuim van een ingeschreven leerling",
                    ),
                    ("geen", "Geen verzuim: vrijgesteld van leerplicht"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalOnderwijstijdafwijking",
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
                    "uren_per_week",
                    models.DecimalField(
                        decimal_places=1, max_digits=4, verbose_name="uren onderwijs per week"
                    ),
                ),
                (
                    "grondslag",
                    models.CharField(
                        choices=[
                            ("variawet", "Variawet (categorie a)"),
                            ("wec", "Wet op de expertisecentra (WEC)"),
                            ("experiment", "Experimentregeling"),
                        ],
                        max_length=20,
                        verbose_name="grondslag",
                    ),
                ),
                ("ingroeiplan", models.TextField(verbose_name="ingroeiplan")),
                ("startdatum", models.DateField(verbose_name="vanaf")),
                ("einddatum", models.DateField(verbose_name="tot en met")),
                (
                    "aangemaakt_op",
                    models.DateTimeField(blank=True, editable=False, verbose_name="vastgelegd op"),
                ),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "ingevoerd_door",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="vastgelegd door",
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
                    "school",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="school",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical afwijking van de onderwijstijd",
                "verbose_name_plural": "historical afwijkingen van de onderwijstijd",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalVrijstelling",
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
                ("aangevraagd_op", models.DateField(verbose_name="verzoek ingediend op")),
                (
                    "perspectief_swv",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("wel", "Er is onderwijsperspectief"),
                            ("geen", "Er is geen onderwijsperspectief"),
                        ],
                        max_length=10,
                        verbose_name="onderwijsperspectief volgens het SWV",
                    ),
                ),
                (
                    "visie_swv",
                    models.TextField(blank=True, verbose_name="visie van het samenwerkingsverband"),
                ),
                (
                    "visie_swv_op",
                    models.DateField(blank=True, null=True, verbose_name="visie gegeven op"),
                ),
                (
                    "advies",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("positief", "Positief: vrijstelling verantwoord"),
                            ("negatief", "Negatief: geen vrijstelling"),
                        ],
                        max_length=10,
                        verbose_name="advies onafhankelijk arts",
                    ),
                ),
                (
                    "advies_op",
                    models.DateField(blank=True, null=True, verbose_name="advies gegeven op"),
                ),
                (
                    "besluit",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("verleend", "Vrijstelling verleend"),
                            ("geweigerd", "Vrijstelling geweigerd"),
                        ],
                        max_length=10,
                        verbose_name="besluit leerplicht",
                    ),
                ),
                (
                    "besluit_op",
                    models.DateField(blank=True, null=True, verbose_name="besluit genomen op"),
                ),
                (
                    "startdatum",
                    models.DateField(blank=True, null=True, verbose_name="vrijgesteld vanaf"),
                ),
                (
                    "einddatum",
                    models.DateField(blank=True, null=True, verbose_name="vrijgesteld tot en met"),
                ),
                (
                    "zorglocatie",
                    models.CharField(blank=True, max_length=200, verbose_name="zorglocatie"),
                ),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                (
                    "aangemaakt_op",
                    models.DateTimeField(blank=True, editable=False, verbose_name="ingevoerd op"),
                ),
                (
                    "gewijzigd_op",
                    models.DateTimeField(blank=True, editable=False, verbose_name="gewijzigd op"),
                ),
                ("versie", models.PositiveIntegerField(default=1, verbose_name="versie")),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "ingevoerd_door",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ingevoerd door",
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
            ],
            options={
                "verbose_name": "historical vrijstelling",
                "verbose_name_plural": "historical vrijstellingen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Onderwijstijdafwijking",
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
                    "uren_per_week",
                    models.DecimalField(
                        decimal_places=1, max_digits=4, verbose_name="uren onderwijs per week"
                    ),
                ),
                (
                    "grondslag",
                    models.CharField(
                        choices=[
                            ("variawet", "Variawet (categorie a)"),
                            ("wec", "Wet op de expertisecentra (WEC)"),
                            ("experiment", "Experimentregeling"),
                        ],
                        max_length=20,
                        verbose_name="grondslag",
                    ),
                ),
                ("ingroeiplan", models.TextField(verbose_name="ingroeiplan")),
                ("startdatum", models.DateField(verbose_name="vanaf")),
                ("einddatum", models.DateField(verbose_name="tot en met")),
                (
                    "aangemaakt_op",
                    models.DateTimeField(auto_now_add=True, verbose_name="vastgelegd op"),
                ),
                (
                    "ingevoerd_door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="vastgelegd door",
                    ),
                ),
                (
                    "leerling",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="onderwijstijdafwijkingen",
                        to="accounts.leerling",
                        verbose_name="leerling",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="school",
                    ),
                ),
            ],
            options={
                "verbose_name": "afwijking van de onderwijstijd",
                "verbose_name_plural": "afwijkingen van de onderwijstijd",
                "ordering": ["-startdatum", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("einddatum__gte", models.F("startdatum"))),
                        name="onderwijstijd_eind_na_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("uren_per_week__gte", 0)),
                        name="onderwijstijd_uren_positief",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Vrijstelling",
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
                ("aangevraagd_op", models.DateField(verbose_name="verzoek ingediend op")),
                (
                    "perspectief_swv",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("wel", "Er is onderwijsperspectief"),
                            ("geen", "Er is geen onderwijsperspectief"),
                        ],
                        max_length=10,
                        verbose_name="onderwijsperspectief volgens het SWV",
                    ),
                ),
                (
                    "visie_swv",
                    models.TextField(blank=True, verbose_name="visie van het samenwerkingsverband"),
                ),
                (
                    "visie_swv_op",
                    models.DateField(blank=True, null=True, verbose_name="visie gegeven op"),
                ),
                (
                    "advies",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("positief", "Positief: vrijstelling verantwoord"),
                            ("negatief", "Negatief: geen vrijstelling"),
                        ],
                        max_length=10,
                        verbose_name="advies onafhankelijk arts",
                    ),
                ),
                (
                    "advies_op",
                    models.DateField(blank=True, null=True, verbose_name="advies gegeven op"),
                ),
                (
                    "besluit",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("verleend", "Vrijstelling verleend"),
                            ("geweigerd", "Vrijstelling geweigerd"),
                        ],
                        max_length=10,
                        verbose_name="besluit leerplicht",
                    ),
                ),
                (
                    "besluit_op",
                    models.DateField(blank=True, null=True, verbose_name="besluit genomen op"),
                ),
                (
                    "startdatum",
                    models.DateField(blank=True, null=True, verbose_name="vrijgesteld vanaf"),
                ),
                (
                    "einddatum",
                    models.DateField(blank=True, null=True, verbose_name="vrijgesteld tot en met"),
                ),
                (
                    "zorglocatie",
                    models.CharField(blank=True, max_length=200, verbose_name="zorglocatie"),
                ),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                (
                    "aangemaakt_op",
                    models.DateTimeField(auto_now_add=True, verbose_name="ingevoerd op"),
                ),
                ("gewijzigd_op", models.DateTimeField(auto_now=True, verbose_name="gewijzigd op")),
                ("versie", models.PositiveIntegerField(default=1, verbose_name="versie")),
                (
                    "ingevoerd_door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ingevoerd door",
                    ),
                ),
                (
                    "leerling",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="vrijstellingen",
                        to="accounts.leerling",
                        verbose_name="leerling",
                    ),
                ),
            ],
            options={
                "verbose_name": "vrijstelling",
                "verbose_name_plural": "vrijstellingen",
                "ordering": ["-aangevraagd_op", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("besluit", "verleend"), _negated=True),
                            models.Q(("advies", "positief"), ("startdatum__isnull", False)),
                            _connector="OR",
                        ),
                        name="vrijstelling_alleen_na_positief_advies",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("einddatum__isnull", True),
                            models.Q(
                                ("einddatum__gte", models.F("startdatum")),
                                ("startdatum__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="vrijstelling_eind_na_start",
                    ),
                ],
            },
        ),
        migrations.RunPython(vrijstelling_is_geen_verzuim, terug),
    ]
