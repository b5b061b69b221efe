"""Loads the fictional demo region. Idempotent: running it twice changes nothing."""

import random
import uuid
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import demo
from accounts.models import (
    Gezag,
    Leerling,
    Lidmaatschap,
    Organisatie,
    Schoolcontactpersoon,
    User,
)
from accounts.rollen import Rol, Sector, Soort

DEMO_NAMESPACE = uuid.UUID("5a3e1f7c-2b8d-4c1e-9f6a-0d7b3c2e1a90")
AANTAL_LEERLINGEN = 60
PEILDATUM = date(2026, 10, 1)


class Command(BaseCommand):
    help = "Laadt de fictieve demoregio 'Regio Holland Rijnland (demo)' met demo-inloggegevens."

    def handle(self, *args, **options):
        if not settings.SAMENPLAN_DEMO_MODE:
            raise CommandError(
                "seed_demo maakt accounts met het wachtwoord 'demo' en draait alleen in "
                "de demo- en testomgeving (SAMENPLAN_DEMO_MODE)."
            )
        self.password = make_password("demo")
        with transaction.atomic():
            organisaties = self.seed_organisaties()
            users = self.seed_personas(organisaties)
            self.seed_schoolcontacten(organisaties, users)
            self.seed_leerlingen(organisaties, users)
            # Apps that build on accounts add their own demo data (e.g. opp: Sam's OPP).
            for app_config in apps.get_app_configs():
                if hasattr(app_config, "seed_demo"):
                    app_config.seed_demo()
        self.stdout.write(self.style.SUCCESS("Demoregio geladen."))
        self.stdout.write("Demo-inloggegevens (wachtwoord voor iedereen: demo):")
        for persona in demo.PERSONAS:
            self.stdout.write(f"  {persona.email:<24} {persona.omschrijving}")

    def organisatie(self, naam, soort, **velden) -> Organisatie:
        organisatie, _ = Organisatie.objects.update_or_create(
            naam=naam, soort=soort, defaults=velden
        )
        return organisatie

    def seed_organisaties(self) -> dict[str, Organisatie]:
        orgs = {demo.REGIO: self.organisatie(demo.REGIO, Soort.REGIO, plaats="Leiden")}
        for code, naam in demo.SWVS.items():
            orgs[code] = orgs[naam] = self.organisatie(naam, Soort.SWV, code=code)
        for plaats, jeugdteam in demo.GEMEENTEN.items():
            gemeente = self.organisatie(f"Gemeente {plaats} (demo)", Soort.GEMEENTE, plaats=plaats)
            orgs[gemeente.naam] = gemeente
            orgs[jeugdteam] = self.organisatie(
                jeugdteam, Soort.JEUGDTEAM, gemeente=gemeente, plaats=plaats
            )
        for school in demo.SCHOLEN:
            orgs[school.naam] = self.organisatie(
                school.naam,
                Soort.SCHOOL,
                sector=school.sector,
                swv=orgs[school.swv],
                plaats=school.plaats,
                code=school.code,
            )
        for naam, soort, plaats in demo.OVERIGE:
            orgs[naam] = self.organisatie(naam, soort, plaats=plaats)
        return orgs

    def user(self, email: str, naam: str, **velden) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "naam": naam,
                "password": self.password,
                "geactiveerd_op": timezone.now(),
                **velden,
            },
        )
        if not created and user.naam != naam:
            user.naam = naam
            user.save(update_fields=["naam"])
        return user

    def seed_personas(self, orgs) -> dict[str, User]:
        users = {}
        for persona in demo.PERSONAS:
            user = self.user(persona.email, persona.naam)
            if persona.rol:
                Lidmaatschap.objects.get_or_create(
                    user=user, organisatie=orgs[persona.organisatie], rol=persona.rol
                )
            users[persona.email] = user
        # The director is also the school's second beheerder (four eyes on roles).
        Lidmaatschap.objects.get_or_create(
            user=users["directie@demo.nl"],
            organisatie=orgs["Basisschool De Regenboog"],
            rol=Rol.DIRECTEUR,
        )
        regenboog = orgs["Basisschool De Regenboog"]
        if not regenboog.contactpersoon_email:
            regenboog.contactpersoon_naam = "Dirk de Ruiter"
            regenboog.contactpersoon_email = "directie@demo.nl"
            regenboog.save(update_fields=["contactpersoon_naam", "contactpersoon_email"])
        beheerder = users["beheer@demo.nl"]
        if not beheerder.is_staff:
            beheerder.is_staff = True
            beheerder.save(update_fields=["is_staff"])
        # Organisations in the admin (the TLV app adds its deadlines); people and roles are managed
        # in the app, with four eyes (see docs/beheer.md). On accounts only switching one
        # off (the admin keeps everything else read-only).
        beheerder.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="accounts", content_type__model="organisatie"
            ).exclude(codename="delete_organisatie")
            | Permission.objects.filter(
                content_type__app_label="accounts", codename__in=["view_user", "change_user"]
            )
        )
        return users

    def seed_schoolcontacten(self, orgs, users) -> None:
        """The schools' contactpersonen in the jeugdteam (docs/rollen.md)."""
        email, naam, jeugdteam = demo.VASTE_CONTACTPERSOON
        contactpersonen = {**users, email: self.user(email, naam)}
        Lidmaatschap.objects.get_or_create(
            user=contactpersonen[email], organisatie=orgs[jeugdteam], rol=Rol.VASTE_CONTACTPERSOON
        )
        for school, soort, email in demo.SCHOOLCONTACTEN:
            user = contactpersonen[email]
            Schoolcontactpersoon.objects.get_or_create(
                school=orgs[school],
                soort=soort,
                user=user,
                defaults={"jeugdteam": user.lidmaatschappen.first().organisatie},
            )

    def leerling(self, sleutel: str, **velden) -> Leerling:
        leerling, _ = Leerling.objects.update_or_create(
            uuid=uuid.uuid5(DEMO_NAMESPACE, sleutel), defaults=velden
        )
        return leerling

    def gezag(self, ouder, leerling, relatie, heeft_gezag=True):
        Gezag.objects.update_or_create(
            ouder=ouder,
            leerling=leerling,
            defaults={"relatie": relatie, "heeft_gezag": heeft_gezag},
        )

    def seed_leerlingen(self, orgs, users):
        regenboog = orgs["Basisschool De Regenboog"]
        sam = self.leerling(
            "sam-de-vries",
            voornaam="Sam",
            tussenvoegsel="de",
            achternaam="Vries",
            geboortedatum=date(2016, 9, 14),
            school=regenboog,
            groep="groep 6",
            leerlingnummer="10001",  # as in docs/voorbeelden/parnassys_de_regenboog.csv
        )
        sam.mentoren.add(users["mentor@demo.nl"])
        self.gezag(users["ouder@demo.nl"], sam, Gezag.Relatie.MOEDER)
        self.gezag(users["ouder2@demo.nl"], sam, Gezag.Relatie.VADER)

        noor = self.leerling(
            "noor-visser",
            voornaam="Noor",
            achternaam="Visser",
            geboortedatum=date(2017, 3, 2),
            school=regenboog,
            groep="groep 5",
            leerlingnummer="10002",
        )
        self.gezag(users["ouder.andere@demo.nl"], noor, Gezag.Relatie.MOEDER)

        rng = random.Random(2026)
        scholen = [orgs[school.naam] for school in demo.SCHOLEN]
        for nummer in range(AANTAL_LEERLINGEN - 2):
            school = scholen[nummer % len(scholen)]
            voornaam = rng.choice(demo.VOORNAMEN)
            tussenvoegsel, achternaam = rng.choice(demo.ACHTERNAMEN)
            leeftijd, groep = self.leeftijd_en_groep(school.sector, rng)
            leerling = self.leerling(
                f"leerling-{nummer}",
                voornaam=voornaam,
                tussenvoegsel=tussenvoegsel,
                achternaam=achternaam,
                geboortedatum=date(
                    PEILDATUM.year - leeftijd, rng.randint(1, 12), rng.randint(1, 28)
                ),
                school=school,
                groep=groep,
                ingeschreven_op=PEILDATUM - timedelta(days=20 + 9 * nummer),
            )
            if school == regenboog and groep == "groep 6":
                leerling.mentoren.add(users["mentor@demo.nl"])
            achternaam_ouder = " ".join(p for p in (tussenvoegsel, achternaam) if p)
            ouder = self.user(
                f"ouder.{nummer}@demo.nl",
                f"{rng.choice(demo.VOORNAMEN_MOEDER)} {achternaam_ouder}",
            )
            self.gezag(ouder, leerling, Gezag.Relatie.MOEDER)
            if nummer % 3 != 0:
                tweede = self.user(
                    f"ouder.{nummer}b@demo.nl",
                    f"{rng.choice(demo.VOORNAMEN_VADER)} {achternaam_ouder}",
                )
                # Every fifth second parent has no legal custody: they hear about
                # important matters, not the file, and do not decide (docs/rollen.md).
                self.gezag(tweede, leerling, Gezag.Relatie.VADER, heeft_gezag=nummer % 5 != 0)

    @staticmethod
    def leeftijd_en_groep(sector: str, rng: random.Random) -> tuple[int, str]:
        if sector in {Sector.PO, Sector.SBO, Sector.SO}:
            groep = rng.randint(3, 8)
            return groep + 4, f"groep {groep}"
        leerjaar = rng.randint(1, 4)
        return leerjaar + 11, f"leerjaar {leerjaar}"
