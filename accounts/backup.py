"""Back-up and restore of the PostgreSQL database with pg_dump and pg_restore.

The connection settings travel to the client programs as libpq environment variables
(PGPASSWORD among them), never on their command line, where `ps` would show them.
See docs/productie.md, "Database: rollen, back-up en herstel".
"""

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from accounts.databaserollen import append_only_tabellen

# libpq's environment variable per key of a Django PostgreSQL OPTIONS dict.
LIBPQ_OPTIES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


class BackupError(Exception):
    """A dump or restore that did not succeed; the message says why, in Dutch."""


@dataclass
class Hersteld:
    database: str
    logregels: int
    triggers: list[str]


def libpq_omgeving(settings_dict: dict, database: str | None = None) -> dict[str, str]:
    """The process environment for pg_dump, pg_restore and createdb on this connection."""
    omgeving = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    waarden = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": database or settings_dict.get("NAME"),
    }
    opties = settings_dict.get("OPTIONS", {})
    waarden.update({variabele: opties.get(sleutel) for sleutel, variabele in LIBPQ_OPTIES.items()})
    omgeving.update({key: str(value) for key, value in waarden.items() if value})
    return omgeving


def programma(naam: str) -> str:
    pad = shutil.which(naam)
    if not pad:
        raise BackupError(
            f"{naam} ontbreekt: installeer de PostgreSQL-clientprogramma's "
            "(Debian: apt-get install postgresql-client)."
        )
    return pad


def _draai(argumenten: list[str], omgeving: dict[str, str]) -> None:
    uitkomst = subprocess.run(argumenten, env=omgeving, capture_output=True, text=True, check=False)
    if uitkomst.returncode != 0:
        melding = uitkomst.stderr.strip() or uitkomst.stdout.strip()
        raise BackupError(f"{Path(argumenten[0]).name} mislukte: {melding}")


def maak_backup(settings_dict: dict, pad: Path) -> int:
    """Dumps the whole database in pg_dump's custom format to `pad`; returns its size.

    The file holds personal data: it is written readable for its owner only, and appears
    under its name only when the dump is complete.
    """
    pad = Path(pad)
    if not pad.parent.is_dir():
        raise BackupError(f"De map {pad.parent} bestaat niet.")
    descriptor, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.", suffix=".deel")
    os.close(descriptor)  # mkstemp made it 0600; pg_dump writes into it
    try:
        _draai(
            [programma("pg_dump"), "--format=custom", "--no-password", f"--file={tijdelijk}"],
            libpq_omgeving(settings_dict),
        )
        os.replace(tijdelijk, pad)
    finally:
        if os.path.exists(tijdelijk):
            os.unlink(tijdelijk)
    return pad.stat().st_size


def herstel_backup(
    settings_dict: dict, pad: Path, doel: str, eigenaar: str | None = None
) -> Hersteld:
    """Restores a dump into a new database `doel`, owned by `eigenaar` when given.

    Never into an existing database: createdb refuses, and a failed restore removes the
    database it created, so a retry starts clean. Ownership and grants are not taken from
    the dump (another cluster may lack the roles); `maak_databaserollen` sets them.
    """
    pad = Path(pad)
    if not pad.is_file():
        raise BackupError(f"Het bestand {pad} bestaat niet.")
    if doel == settings_dict.get("NAME"):
        raise BackupError(
            f"{doel} is de database waarmee de app nu verbonden is; herstel in een nieuwe "
            "database en zet daarna DATABASE_URL om."
        )
    with verbind(settings_dict, settings_dict["NAME"]) as verbinding:
        if verbinding.execute("SELECT 1 FROM pg_database WHERE datname = %s", [doel]).fetchone():
            raise BackupError(
                f"De database {doel} bestaat al; herstel gaat nooit over een bestaande "
                "database heen. Kies een nieuwe naam."
            )
    omgeving = libpq_omgeving(settings_dict)
    createdb = [programma("createdb"), "--no-password"]
    if eigenaar:
        createdb.append(f"--owner={eigenaar}")
    _draai([*createdb, "--", doel], omgeving)
    restore = [
        programma("pg_restore"),
        "--no-password",
        "--exit-on-error",
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
        f"--dbname={doel}",
    ]
    if eigenaar:
        restore.append(f"--role={eigenaar}")
    try:
        _draai([*restore, str(pad)], omgeving)
        return controleer_herstel(settings_dict, doel)
    except BackupError:
        _draai([programma("dropdb"), "--no-password", "--", doel], omgeving)
        raise


def verbind(settings_dict: dict, database: str) -> psycopg.Connection:
    return psycopg.connect(dbname=database, autocommit=True, **_verbindingsgegevens(settings_dict))


def _verbindingsgegevens(settings_dict: dict) -> dict:
    gegevens = {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    opties = settings_dict.get("OPTIONS", {})
    gegevens.update({sleutel: opties[sleutel] for sleutel in LIBPQ_OPTIES if sleutel in opties})
    return {key: value for key, value in gegevens.items() if value is not None}


def controleer_herstel(settings_dict: dict, database: str) -> Hersteld:
    """Counts the restored access log and lists its triggers: the proof that it survived."""
    with verbind(settings_dict, database) as verbinding:
        logregels = verbinding.execute("SELECT count(*) FROM accounts_toegangslog").fetchone()[0]
        triggers = [
            rij[0]
            for rij in verbinding.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'accounts_toegangslog'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D' ORDER BY tgname"
            )
        ]
        for tabel in append_only_tabellen():
            verbinding.execute(sql.SQL("SELECT 1 FROM {} LIMIT 1").format(sql.Identifier(tabel)))
    if len(triggers) < 2:
        raise BackupError(
            f"Het toegangslog in {database} mist zijn triggers (gevonden: {triggers}); "
            "gebruik deze database niet."
        )
    return Hersteld(database=database, logregels=logregels, triggers=triggers)
