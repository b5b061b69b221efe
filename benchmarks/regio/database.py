"""The benchmark database: created when missing, or dropped first with --opnieuw."""

from __future__ import annotations


def maak_database(database_url: str, opnieuw: bool) -> None:
    """Create the database when missing (or drop it first with --opnieuw)."""
    import dj_database_url
    import psycopg

    instellingen = dj_database_url.parse(database_url)
    naam = instellingen["NAME"]
    with psycopg.connect(
        host=instellingen["HOST"] or None,
        port=instellingen["PORT"] or None,
        user=instellingen["USER"] or None,
        password=instellingen["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as verbinding:
        if opnieuw:
            verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        bestaat = verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [naam]
        ).fetchone()
        if not bestaat:
            verbinding.execute(f'CREATE DATABASE "{naam}"')
            print(f"Database {naam} aangemaakt.")
