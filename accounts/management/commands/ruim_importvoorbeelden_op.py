"""Cancel pupil-import previews nobody confirmed within a day, and drop their rows (the
pupils' and parents' data). The planner runs it daily (accounts/planner.py); see
docs/import.md."""

from django.core.management.base import BaseCommand

from accounts.aantallen import aantal as aantal_van
from accounts.importeren import ruim_voorbeelden_op


class Command(BaseCommand):
    help = "Annuleert importvoorbeelden die na 24 uur niet zijn bevestigd en wist hun rijen."

    def handle(self, *args, **options):
        aantal = ruim_voorbeelden_op()
        self.stdout.write(f"{aantal_van(aantal, 'importvoorbeeld,importvoorbeelden')} opgeruimd.")
