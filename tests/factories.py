"""factory_boy factories for the accounts app, with traits for common states."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from accounts.models import Gezag, Leerling, Lidmaatschap, Organisatie, User
from accounts.rollen import Rol, Sector, Soort


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    naam = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password("geheim-wachtwoord")


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = Soort.GEMEENTE

    class Params:
        swv_trait = factory.Trait(
            soort=Soort.SWV, code=factory.Sequence(lambda n: f"PO-99-{n:02d}")
        )
        school = factory.Trait(
            soort=Soort.SCHOOL,
            sector=Sector.PO,
            swv=factory.SubFactory("tests.factories.OrganisatieFactory", swv_trait=True),
        )
        jeugdteam = factory.Trait(
            soort=Soort.JEUGDTEAM,
            gemeente=factory.SubFactory("tests.factories.OrganisatieFactory"),
        )


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory, school=True)
    rol = Rol.ONDERSTEUNINGSCOORDINATOR


class LeerlingFactory(DjangoModelFactory):
    class Meta:
        model = Leerling

    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = date(2016, 5, 1)
    school = factory.SubFactory(OrganisatieFactory, school=True)
    groep = "groep 6"


class GezagFactory(DjangoModelFactory):
    class Meta:
        model = Gezag

    ouder = factory.SubFactory(UserFactory)
    leerling = factory.SubFactory(LeerlingFactory)
    relatie = Gezag.Relatie.MOEDER
    heeft_gezag = True
