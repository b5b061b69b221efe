# Where there is no OPP, jeugdhulp can rest on the pupil's gezinsplan (docs/opp.md,
# "Gezinsplan"; docs/jeugdhulp.md).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jeugdhulp", "0003_betaler_nazorg"),
        ("opp", "0003_gezinsplan"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaljeugdhulpinzet",
            name="gezinsplan",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="opp.gezinsplan",
                verbose_name="gezinsplan (waar geen OPP is)",
            ),
        ),
        migrations.AddField(
            model_name="jeugdhulpinzet",
            name="gezinsplan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="jeugdhulp",
                to="opp.gezinsplan",
                verbose_name="gezinsplan (waar geen OPP is)",
            ),
        ),
    ]
