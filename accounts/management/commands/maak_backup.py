"""Dumps the PostgreSQL database to a file (pg_dump's custom format).

See docs/productie.md, "Database: rollen, back-up en herstel".
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from accounts.backup import BackupError, maak_backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de PostgreSQL-database met pg_dump (custom format) in PAD. "
        "Het bestand bevat persoonsgegevens: alleen leesbaar voor de eigenaar."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path, help="bestand voor de back-up (.dump)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, pad: Path, database: str, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError(
                "Back-up met pg_dump kan alleen van PostgreSQL; de demo-database (SQLite) "
                "is één bestand in var/ dat u kunt kopiëren terwijl de app stilstaat."
            )
        try:
            grootte = maak_backup(connection.settings_dict, pad)
        except BackupError as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            self.style.SUCCESS(f"Back-up van {connection.settings_dict['NAME']} in {pad} ")
            + f"({grootte / 1024 / 1024:.1f} MB)."
        )
