"""A back-up restores into a new database with the access log and its append-only triggers.

PostgreSQL only, as a role that may create databases (CI's `make test` runs as postgres).
"""

import os
import shutil
import subprocess
import sys
import uuid
from io import StringIO
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.backup import verbind

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump en pg_restore: alleen PostgreSQL"
    ),
    pytest.mark.django_db,  # the test database exists (its rows are not used)
]


@pytest.fixture
def server(db) -> dict:
    """The test database's connection settings, when this role may create databases."""
    if not all(shutil.which(naam) for naam in ("pg_dump", "pg_restore", "createdb", "dropdb")):
        pytest.skip("de PostgreSQL-clientprogramma's ontbreken")
    gegevens = connection.settings_dict
    with verbind(gegevens, gegevens["NAME"]) as verbinding:
        mag = verbinding.execute(
            "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]
    if not mag:
        pytest.skip("deze rol mag geen databases maken (de runtime-rol)")
    return gegevens


@pytest.fixture
def nieuwe_databases(server):
    """Names for scratch databases; dropped again after the test, whatever happened."""
    kenmerk = uuid.uuid4().hex[:8]
    namen = [f"samenplan_backuptest_{kenmerk}_{deel}" for deel in ("bron", "hersteld")]
    yield namen
    with verbind(server, "postgres") as verbinding:
        for naam in namen:
            verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def database_url(gegevens: dict, naam: str) -> str:
    gebruiker = quote(gegevens["USER"] or "", safe="")
    if gegevens.get("PASSWORD"):
        gebruiker += ":" + quote(gegevens["PASSWORD"], safe="")
    server = f"{gegevens['HOST'] or '127.0.0.1'}:{gegevens['PORT'] or 5432}"
    return f"postgres://{gebruiker}@{server}/{naam}"


def manage(gegevens: dict, database: str, *argumenten: str) -> subprocess.CompletedProcess:
    """The command line an operator types, on another database than the test's."""
    omgeving = {**os.environ, "DATABASE_URL": database_url(gegevens, database)}
    omgeving["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    return subprocess.run(
        [sys.executable, "manage.py", *argumenten],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_restored_backup_keeps_the_access_log_and_refuses_to_change_it(
    server, nieuwe_databases, tmp_path
):
    bron, hersteld = nieuwe_databases
    # A database of our own with committed access-log rows: the test database's rows
    # live in transactions that roll back, and its log must stay empty for other tests.
    call_command("maak_backup", tmp_path / "test.dump", stdout=StringIO())
    call_command("herstel_backup", tmp_path / "test.dump", doel_database=bron, stdout=StringIO())
    with verbind(server, bron) as verbinding:
        verbinding.execute(
            "INSERT INTO accounts_toegangslog (tijdstip, gebruiker_id, rol, leerling_id, actie, "
            "onderdeel) SELECT now(), u.id, 'Ondersteuningscoördinator', l.id, 'bekijken', "
            "'Hersteltest' FROM accounts_user u, (SELECT id FROM accounts_leerling "
            "ORDER BY id LIMIT 3) l WHERE u.email = 'ib@demo.nl'"
        )

    backup = manage(server, bron, "maak_backup", str(tmp_path / "bron.dump"))
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "bron.dump").stat().st_mode & 0o077 == 0  # personal data: owner only
    herstel = manage(
        server, bron, "herstel_backup", str(tmp_path / "bron.dump"), "--doel-database", hersteld
    )
    assert herstel.returncode == 0, herstel.stderr
    assert "3 regels in het toegangslog" in herstel.stdout
    assert "accounts_toegangslog_no_update" in herstel.stdout

    with verbind(server, hersteld) as verbinding:
        regels = verbinding.execute(
            "SELECT count(*) FROM accounts_toegangslog WHERE onderdeel = 'Hersteltest'"
        ).fetchone()[0]
        assert regels == 3
        for poging in (
            "UPDATE accounts_toegangslog SET actie = 'exporteren'",
            "DELETE FROM accounts_toegangslog",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="alleen aan te vullen"):
                verbinding.execute(poging)
        assert verbinding.execute("SELECT count(*) FROM accounts_toegangslog").fetchone()[0] == 3


def test_a_backup_is_never_restored_over_an_existing_database(server, tmp_path):
    (tmp_path / "leeg.dump").write_bytes(b"")
    with pytest.raises(CommandError, match="bestaat al"):
        call_command(
            "herstel_backup", tmp_path / "leeg.dump", doel_database="postgres", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="verbonden"):
        call_command(
            "herstel_backup",
            tmp_path / "leeg.dump",
            doel_database=server["NAME"],
            stdout=StringIO(),
        )


def test_a_failed_restore_leaves_no_half_database(server, nieuwe_databases, tmp_path):
    (tmp_path / "kapot.dump").write_bytes(b"geen back-up")
    with pytest.raises(CommandError, match="pg_restore mislukte"):
        call_command(
            "herstel_backup",
            tmp_path / "kapot.dump",
            doel_database=nieuwe_databases[0],
            stdout=StringIO(),
        )
    with verbind(server, "postgres") as verbinding:
        assert not verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [nieuwe_databases[0]]
        ).fetchone()
