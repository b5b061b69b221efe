"""Remind MDO invitees a few days ahead. The planner runs it daily (accounts/planner.py);
by hand it is safe too: each invitee is reminded once."""

from django.core.management.base import BaseCommand

from accounts.aantallen import aantal as aantal_van
from arrangeren.route.services import stuur_herinneringen


class Command(BaseCommand):
    help = "Stuurt genodigden een herinnering voor een MDO dat binnenkort begint."

    def handle(self, *args, **options):
        aantal = stuur_herinneringen()
        self.stdout.write(f"{aantal_van(aantal, 'herinnering,herinneringen')} verstuurd.")
