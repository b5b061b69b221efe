# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("route", "0004_genodigde_handmatig_herinnerd_op"),
    ]

    operations = [
        migrations.AddField(
            model_name="traject",
            name="aanleiding",
            field=models.TextField(
                blank=True,
                db_default="",
                help_text="Wat het jeugdteam buiten het onderwijs signaleerde.",
                verbose_name="aanleiding",
            ),
        ),
        migrations.AddField(
            model_name="traject",
            name="initiatief",
            field=models.CharField(
                choices=[
                    ("school", "De school"),
                    ("jeugdteam", "Het jeugdteam (signaal buiten het onderwijs)"),
                ],
                db_default="school",
                default="school",
                max_length=12,
                verbose_name="initiatief",
            ),
        ),
        migrations.AddField(
            model_name="traject",
            name="kenmerken",
            field=models.JSONField(
                blank=True,
                db_default=[],
                default=list,
                help_text="Wat er speelt (betrokkenheid.Kenmerk): bepaalt wie verplicht "
                "betrokken is.",
                verbose_name="situatie van de leerling",
            ),
        ),
        migrations.AlterField(
            model_name="trajectvoorwaarde",
            name="voorwaarde",
            field=models.CharField(
                choices=[
                    (
                        "eigen_route",
                        "De route van de eigen ondersteuningsstructuur is gevolgd: er is een "
                        "groeiplan of OPP gemaakt en geëvalueerd.",
                    ),
                    (
                        "onvoldoende_groei",
                        "De ontwikkeling bleef ondanks die ondersteuning onvoldoende.",
                    ),
                    (
                        "externe_deskundige",
                        "Een externe deskundige die aan de school verbonden is, is geraadpleegd.",
                    ),
                    (
                        "signaal_buiten_onderwijs",
                        "Er is iets gesignaleerd buiten het onderwijs (thuis, in het gezin of "
                        "in de wijk).",
                    ),
                    (
                        "ouders_ingelicht",
                        "De ouders zijn ingelicht en stemmen in met de start van integraal "
                        "arrangeren.",
                    ),
                ],
                max_length=30,
                verbose_name="voorwaarde",
            ),
        ),
    ]
