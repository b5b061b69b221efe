"""Helpers of the role-management tests."""

from django.urls import reverse

from accounts.models import Beheergebeurtenis, Lidmaatschap, Roltoekenning
from accounts.rolbeheer import nodig_medewerker_uit
from accounts.rollen import Rol
from tests.accounts.beheer_helpers import REGENBOOG, organisatie
from tests.conftest import user_by_email

Soortgebeurtenis = Beheergebeurtenis.Soort
Status = Roltoekenning.Status


def nodig_uit(door, email="lea@demo.nl", rol=Rol.LEERKRACHT, bij=None):
    return nodig_medewerker_uit(
        bij or organisatie(REGENBOOG), email=email, naam="Lea Leraar", rol=rol, door=door
    )


def soorten(organisatie):
    return list(
        Beheergebeurtenis.objects.filter(organisatie=organisatie)
        .order_by("tijdstip", "pk")
        .values_list("soort", flat=True)
    )


def als_beheerder(client, email):
    """Log in and work as the organisation's beheerder (Dirk is also its director)."""
    from tests.conftest import login_verified

    user = user_by_email(email)
    login_verified(client, user)
    lid = Lidmaatschap.objects.get(user=user, rol=Rol.ORGANISATIEBEHEERDER)
    client.post(reverse("accounts:switch_rol"), {"rol": str(lid.pk)})
    return client
