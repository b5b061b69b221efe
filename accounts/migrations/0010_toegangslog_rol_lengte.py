"""A ground can name a functionaris of the escalation ladder (up to 200 characters)
followed by "(opschaling)"; 60 characters was too short on PostgreSQL.

SQLite alters a column by rebuilding the table, which drops its triggers: the append-only
trigger of 0002 is laid again after the rebuild (PostgreSQL keeps it).
"""

from django.db import migrations, models

SQLITE_TRIGGER = """
CREATE TRIGGER accounts_toegangslog_no_update BEFORE UPDATE ON accounts_toegangslog
BEGIN
    SELECT RAISE(ABORT, 'Het toegangslog is alleen aan te vullen (UPDATE).');
END;
"""


def leg_trigger_opnieuw(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS accounts_toegangslog_no_update")
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_escalatieladder"),
    ]

    operations = [
        migrations.AlterField(
            model_name="toegangslog",
            name="rol",
            field=models.CharField(max_length=200, verbose_name="in de rol van"),
        ),
        migrations.RunPython(leg_trigger_opnieuw, leg_trigger_opnieuw),
    ]
