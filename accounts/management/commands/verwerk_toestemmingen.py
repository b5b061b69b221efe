"""Take away access where consent passed its end date. Run it daily, just after midnight."""

from django.core.management.base import BaseCommand

from accounts.services import verwerk_verlopen_toestemmingen


class Command(BaseCommand):
    help = "Trekt toegang in waar een toestemming over haar einddatum is."

    def handle(self, *args, **options):
        aantal = verwerk_verlopen_toestemmingen()
        self.stdout.write(f"Toegang bijgewerkt voor {aantal} leerling(en).")
