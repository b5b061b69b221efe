"""Database triggers that make the access log append-only (NEN 7513).

UPDATE is refused on every backend. DELETE is refused on PostgreSQL; TRUNCATE stays
possible there for the test runner's flush. SQLite's flush uses DELETE, so on the
embedded demo database only the model guards refuse a delete.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION accounts_toegangslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het toegangslog is alleen aan te vullen (%).', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_toegangslog_no_update BEFORE UPDATE ON accounts_toegangslog
    FOR EACH ROW EXECUTE FUNCTION accounts_toegangslog_append_only();
CREATE TRIGGER accounts_toegangslog_no_delete BEFORE DELETE ON accounts_toegangslog
    FOR EACH ROW EXECUTE FUNCTION accounts_toegangslog_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS accounts_toegangslog_no_update ON accounts_toegangslog;
DROP TRIGGER IF EXISTS accounts_toegangslog_no_delete ON accounts_toegangslog;
DROP FUNCTION IF EXISTS accounts_toegangslog_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER accounts_toegangslog_no_update BEFORE UPDATE ON accounts_toegangslog
BEGIN
    SELECT RAISE(ABORT, 'Het toegangslog is alleen aan te vullen (UPDATE).');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS accounts_toegangslog_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
