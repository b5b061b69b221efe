from django.db import migrations, models


class Migration(migrations.Migration):
    """A ground can name a functionaris of the escalation ladder (up to 200 characters)
    followed by "(opschaling)"; 60 characters was too short on PostgreSQL."""

    dependencies = [
        ("accounts", "0009_escalatieladder"),
    ]

    operations = [
        migrations.AlterField(
            model_name="toegangslog",
            name="rol",
            field=models.CharField(max_length=200, verbose_name="in de rol van"),
        ),
    ]
