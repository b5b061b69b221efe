"""Creates or updates the owner role and the runtime role of a PostgreSQL database.

See docs/productie.md, "Database: rollen, back-up en herstel"; the rights are in
deploy/databaserollen.sql. Idempotent: a second run changes nothing.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from accounts.databaserollen import RolfoutError, Uitkomst, maak_rollen, toon_sql

WACHTWOORD_EIGENAAR = "SAMENPLAN_DB_EIGENAAR_WACHTWOORD"
WACHTWOORD_APP = "SAMENPLAN_DB_APP_WACHTWOORD"


class Command(BaseCommand):
    help = (
        "Maakt of werkt de eigenaarsrol (migraties) en de runtime-rol (alleen rijen lezen en "
        "schrijven, logtabellen alleen aanvullen) van de PostgreSQL-database bij. Als "
        "superuser: rollen, wachtwoorden, eigendom en rechten; als de eigenaarsrol: alleen de "
        f"rechten (na elke migratie). Wachtwoorden uit {WACHTWOORD_EIGENAAR} en "
        f"{WACHTWOORD_APP}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--eigenaar",
            default=os.environ.get("SAMENPLAN_DB_EIGENAAR", "samenplan_eigenaar"),
            help="eigenaarsrol (standaard $SAMENPLAN_DB_EIGENAAR of samenplan_eigenaar)",
        )
        parser.add_argument(
            "--app",
            default=os.environ.get("SAMENPLAN_DB_APP", "samenplan_app"),
            help="runtime-rol (standaard $SAMENPLAN_DB_APP of samenplan_app)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--toon-sql",
            action="store_true",
            dest="alleen_tonen",
            help="toont de SQL van de rechten zonder iets uit te voeren",
        )

    def handle(self, *args, eigenaar, app, database, alleen_tonen: bool, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError(
                "Databaserollen bestaan alleen op PostgreSQL; zet DATABASE_URL op de "
                "PostgreSQL-database (verbonden als superuser of als de eigenaarsrol)."
            )
        try:
            if alleen_tonen:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT current_database()")
                    naam = cursor.fetchone()[0]
                self.stdout.write(toon_sql(connection.connection, eigenaar, app, naam))
                return
            wachtwoorden = {
                eigenaar: os.environ.get(WACHTWOORD_EIGENAAR),
                app: os.environ.get(WACHTWOORD_APP),
            }
            with transaction.atomic(using=database), connection.cursor() as cursor:
                uitkomst = maak_rollen(cursor, eigenaar, app, wachtwoorden)
        except RolfoutError as fout:
            raise CommandError(str(fout)) from fout
        self._rapporteer(uitkomst, wachtwoorden, eigenaar, app)

    def _rapporteer(
        self, uitkomst: Uitkomst, wachtwoorden: dict[str, str | None], eigenaar: str, app: str
    ) -> None:
        for rol in uitkomst.aangemaakt:
            self.stdout.write(f"Rol {rol} aangemaakt.")
        if uitkomst.superuser:
            for rol in wachtwoorden:
                if rol in uitkomst.wachtwoord_gezet:
                    self.stdout.write(f"Wachtwoord van {rol} gezet.")
                elif rol in uitkomst.aangemaakt:
                    self.stdout.write(
                        self.style.WARNING(f"{rol} heeft geen wachtwoord (zie de help).")
                    )
            if uitkomst.eigendom_overgedragen:
                self.stdout.write(
                    f"{uitkomst.eigendom_overgedragen} objecten overgedragen aan {eigenaar}."
                )
        elif any(wachtwoorden.values()):
            self.stdout.write("Wachtwoorden niet gewijzigd: dat doet alleen een superuser.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Rechten gecontroleerd: {eigenaar} is eigenaar; {app} leest en schrijft rijen "
                f"en vult {len(uitkomst.append_only)} tabellen alleen aan "
                f"({', '.join(uitkomst.append_only)})."
            )
        )
        if not uitkomst.append_only:
            self.stdout.write(
                "Nog geen tabellen: draai migrate als de eigenaarsrol en daarna dit commando "
                "opnieuw (deploy/migreer.sh doet beide)."
            )
