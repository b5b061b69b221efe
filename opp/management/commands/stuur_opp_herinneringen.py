"""Remind signers of the handelingsdeel who have not answered. The planner runs it daily
(accounts/planner.py); by hand it is safe too: each request is reminded once."""

from django.core.management.base import BaseCommand

from accounts.aantallen import aantal
from opp.services import stuur_herinneringen


class Command(BaseCommand):
    help = "Herinnert ondertekenaars die het handelingsdeel nog niet hebben beantwoord."

    def handle(self, *args, **options):
        self.stdout.write(
            f"{aantal(stuur_herinneringen(), 'herinnering,herinneringen')} verstuurd."
        )
