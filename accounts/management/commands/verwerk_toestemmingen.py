"""Take away access where consent passed its end date. The planner runs it daily just
after midnight (accounts/planner.py); by hand, `--sinds` catches up the pupils who turned
12 or 16 since that day."""

from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand

from accounts.aantallen import aantal as aantal_van
from accounts.services import verwerk_verlopen_toestemmingen


def dag(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise ArgumentTypeError(f"{tekst!r} is geen datum; schrijf JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Trekt toegang in waar een toestemming over haar einddatum is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sinds",
            type=dag,
            default=None,
            help="Dag van de vorige run (JJJJ-MM-DD): wie sindsdien 12 of 16 werd, telt mee.",
        )

    def handle(self, *args, sinds=None, **options):
        aantal = verwerk_verlopen_toestemmingen(sinds=sinds)
        self.stdout.write(f"Toegang bijgewerkt voor {aantal_van(aantal, 'leerling,leerlingen')}.")
