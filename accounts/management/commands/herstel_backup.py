"""Restores a back-up into a new PostgreSQL database and checks the access log survived.

See docs/productie.md, "Database: rollen, back-up en herstel".
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from accounts.backup import BackupError, herstel_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van maak_backup terug in een nieuwe database (nooit over een "
        "bestaande heen) en controleert dat het toegangslog en zijn triggers er zijn. "
        "Verbind als superuser of als een rol die databases mag maken."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path, help="het back-upbestand")
        parser.add_argument("--doel-database", required=True, help="naam van de nieuwe database")
        parser.add_argument(
            "--eigenaar",
            help="eigenaarsrol van de nieuwe database en alles erin (bijv. samenplan_eigenaar)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, pad: Path, doel_database: str, eigenaar, database, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("Herstellen met pg_restore kan alleen naar PostgreSQL.")
        try:
            hersteld = herstel_backup(connection.settings_dict, pad, doel_database, eigenaar)
        except BackupError as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            self.style.SUCCESS(f"Hersteld in {hersteld.database}: ")
            + f"{hersteld.logregels} regels in het toegangslog, triggers "
            + ", ".join(hersteld.triggers)
            + "."
        )
        self.stdout.write(
            "Volgende stap: maak_databaserollen op de nieuwe database (rechten van de "
            "runtime-rol), daarna DATABASE_URL omzetten."
        )
