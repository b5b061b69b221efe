"""Import a school's pupils from an export, as the schoolbeheerder's page does.

    manage.py importeer_leerlingen --school 99AA --door schoolbeheer@demo.nl \\
        docs/voorbeelden/parnassys_de_regenboog.csv [--dry-run] [--gedeeltelijk]

See docs/import.md.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from accounts.importeren import bevestig, lees_en_plan, plan_bestand
from accounts.models import Organisatie, User
from accounts.rollen import Soort

AANTALLEN = [
    ("nieuw", "nieuwe leerlingen"),
    ("overstap", "overstap van een andere school in de regio"),
    ("gewijzigd", "gewijzigd"),
    ("ongewijzigd", "ongewijzigd"),
    ("uitgeschreven", "uit te schrijven"),
    ("ouders_uit_te_nodigen", "ouders die een uitnodiging krijgen"),
    ("fouten", "rijen met fouten (niet verwerkt)"),
    ("waarschuwingen", "waarschuwingen"),
]


class Command(BaseCommand):
    help = "Importeert leerlingen van een school uit een export (CSV of .xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV- of Excelbestand (.xlsx)")
        parser.add_argument("--school", required=True, help="code (BRIN) van de school")
        parser.add_argument(
            "--door", required=True, help="e-mailadres van de beheerder van de school"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren"
        )
        parser.add_argument(
            "--gedeeltelijk",
            action="store_true",
            help="geen volledige export: leerlingen die ontbreken niet uitschrijven",
        )
        parser.add_argument(
            "--bevestig-uitschrijven",
            action="store_true",
            help="ook verwerken als meer dan de helft van de leerlingen wordt uitgeschreven",
        )

    def handle(self, *args, **opties):
        school = Organisatie.objects.filter(soort=Soort.SCHOOL, code__iexact=opties["school"])
        if school.count() != 1:
            raise CommandError(f"Geen (eenduidige) school met code {opties['school']}.")
        school = school.get()
        door = User.objects.filter(email__iexact=opties["door"], is_active=True).first()
        if door is None:
            raise CommandError(f"Geen actief account met e-mailadres {opties['door']}.")
        pad = Path(opties["bestand"])
        if not pad.is_file():
            raise CommandError(f"Bestand {pad} bestaat niet.")
        volledig = not opties["gedeeltelijk"]
        try:
            with pad.open("rb") as handvat:
                bestand = File(handvat, name=pad.name)
                if opties["dry_run"]:
                    gelezen, plan = plan_bestand(school, bestand, door, volledig=volledig)
                    meldingen = sorted(
                        gelezen.meldingen + plan.meldingen, key=lambda m: m["rij"] or 0
                    )
                    self.toon(plan.aantallen(meldingen), meldingen)
                    self.stdout.write("Dry run: er is niets opgeslagen.")
                    return
                leerlingimport = lees_en_plan(school, bestand, door, volledig=volledig)
            leerlingimport = bevestig(
                leerlingimport, door, uitschrijven_bevestigd=opties["bevestig_uitschrijven"]
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.toon(leerlingimport.resultaat, leerlingimport.meldingen)
        self.stdout.write(self.style.SUCCESS(f"Import verwerkt ({leerlingimport.uuid})."))

    def toon(self, aantallen: dict, meldingen: list[dict]) -> None:
        for sleutel, label in AANTALLEN:
            self.stdout.write(f"  {aantallen.get(sleutel, 0):>6}  {label}")
        for m in meldingen:
            plaats = f"rij {m['rij']}" if m["rij"] else "bestand"
            nummer = f" (leerlingnummer {m['leerlingnummer']})" if m["leerlingnummer"] else ""
            kolom = f" {m['kolom']}:" if m["kolom"] else ""
            self.stdout.write(f"  {m['soort']}: {plaats}{nummer}{kolom} {m['tekst']}")
