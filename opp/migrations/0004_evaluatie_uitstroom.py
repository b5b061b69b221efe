import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# Who pays what (opp/betalers.py): the inzet's kinds of support.
INZET_THEMA_KEUZES = [
    ("onderwijskundige_begeleiding", "Onderwijskundige begeleiding"),
    ("overbruggingsplek", "Onderwijsplek ter overbrugging (wachtlijst)"),
    ("begeleiding_overbrugging", "Begeleiding omdat passende jeugdhulp (nog) ontbreekt"),
    ("jeugdhulp_handelingsdeel", "Jeugdhulp uit het handelingsdeel van het OPP"),
    ("jeugdhulp_op_school", "Jeugdhulp op school (JOS)"),
    ("multidisciplinaire_begeleider", "Multidisciplinaire begeleider"),
    ("oza", "Onderwijs-zorgarrangement (OZA)"),
    (
        "zoa_ingeschreven",
        "Tijdelijk onderwijs op een zorglocatie, leerling ingeschreven op een school",
    ),
    (
        "zorg_niet_ingeschreven",
        "Toeleiding naar school of ontwikkeling op een zorglocatie, leerling niet ingeschreven",
    ),
    ("leerproblemen", "Leerproblemen"),
    ("intelligentieonderzoek", "Intelligentieonderzoek"),
    ("coaching_op_school", "Coaching op school"),
    ("huiswerkbegeleiding", "Huiswerkbegeleiding"),
    ("hoogbegaafdheid", "Hoogbegaafdheid"),
    ("persoonlijke_verzorging", "Persoonlijke verzorging"),
]


def _sluit_dubbele_gezinsplannen(apps, schema_editor):
    gezinsplan = apps.get_model("opp", "Gezinsplan")
    gezien = set()
    for plan in gezinsplan.objects.filter(status="lopend").order_by("leerling_id", "-datum", "-pk"):
        if plan.leerling_id in gezien:
            gezinsplan.objects.filter(pk=plan.pk).update(status="afgesloten")
        gezien.add(plan.leerling_id)


class Migration(migrations.Migration):
    dependencies = [
        ("opp", "0003_gezinsplan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalopp",
            name="uitstroomniveau",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pro", "Praktijkonderwijs"),
                    ("vmbo_b", "Vmbo basisberoepsgerichte leerweg"),
                    ("vmbo_k", "Vmbo kaderberoepsgerichte leerweg"),
                    ("vmbo_gt", "Vmbo gemengde / theoretische leerweg"),
                    ("havo", "Havo"),
                    ("vwo", "Vwo"),
                    ("vso", "Voortgezet speciaal onderwijs"),
                ],
                db_default="",
                max_length=20,
                verbose_name="verwachte uitstroombestemming (voortgezet onderwijs)",
            ),
        ),
        migrations.AddField(
            model_name="opp",
            name="uitstroomniveau",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pro", "Praktijkonderwijs"),
                    ("vmbo_b", "Vmbo basisberoepsgerichte leerweg"),
                    ("vmbo_k", "Vmbo kaderberoepsgerichte leerweg"),
                    ("vmbo_gt", "Vmbo gemengde / theoretische leerweg"),
                    ("havo", "Havo"),
                    ("vwo", "Vwo"),
                    ("vso", "Voortgezet speciaal onderwijs"),
                ],
                db_default="",
                max_length=20,
                verbose_name="verwachte uitstroombestemming (voortgezet onderwijs)",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalOppevaluatie",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum van de evaluatie")),
                (
                    "met_ouders",
                    models.BooleanField(default=False, verbose_name="met de ouders besproken"),
                ),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                ("vastgelegd_op", models.DateTimeField(blank=True, editable=False)),
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
                    "door",
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
                    "opp",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="opp.opp",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical evaluatie van het OPP",
                "verbose_name_plural": "historical evaluaties van het OPP",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Oppevaluatie",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum van de evaluatie")),
                (
                    "met_ouders",
                    models.BooleanField(default=False, verbose_name="met de ouders besproken"),
                ),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                ("vastgelegd_op", models.DateTimeField(auto_now_add=True)),
                (
                    "door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "opp",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evaluaties",
                        to="opp.opp",
                    ),
                ),
            ],
            options={
                "verbose_name": "evaluatie van het OPP",
                "verbose_name_plural": "evaluaties van het OPP",
                "ordering": ["-datum", "-pk"],
            },
        ),
        # Who pays what (opp/betalers.py): the inzet's kind of support.
        *(
            migrations.AddField(
                model_name=model,
                name="thema",
                field=models.CharField(
                    blank=True,
                    choices=INZET_THEMA_KEUZES,
                    max_length=40,
                    verbose_name="soort ondersteuning",
                ),
            )
            for model in ("historicalinzet", "inzet")
        ),
        # At most one running gezinsplan per pupil (opp/services/gezinsplan.py): a pupil
        # who has two from before keeps the newest running, the older ones are closed.
        migrations.RunPython(_sluit_dubbele_gezinsplannen, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="gezinsplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "lopend")),
                fields=("leerling",),
                name="gezinsplan_een_lopend_per_leerling",
            ),
        ),
    ]
