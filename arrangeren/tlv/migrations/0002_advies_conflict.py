# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tlv", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="tlvaanvraag",
            name="zienswijze_school",
            field=models.TextField(
                blank=True,
                verbose_name="zienswijze van de school op de afwijking van het advies",
            ),
        ),
    ]
