"""Objects for the permission matrix and the fuzz register: a binding of a school's
contactpersoon and a beheerder of Jeugdteam Leiden (no persona holds that role)."""

from accounts.models import Contactsoort, Lidmaatschap, Organisatie, Schoolcontactpersoon
from accounts.rollen import Rol
from tests.factories import UserFactory

JEUGDTEAM = "Jeugdteam Leiden (demo)"


def _jeugdteam() -> Organisatie:
    return Organisatie.objects.get(naam=JEUGDTEAM)


def binding() -> Schoolcontactpersoon:
    """A vaste contactpersoon of Jeugdteam Leiden bound to SO De Wissel."""
    contact = UserFactory()
    Lidmaatschap.objects.create(
        user=contact, organisatie=_jeugdteam(), rol=Rol.VASTE_CONTACTPERSOON
    )
    return Schoolcontactpersoon.objects.create(
        school=Organisatie.objects.get(naam="SO De Wissel"),
        soort=Contactsoort.VASTE_CONTACTPERSOON,
        user=contact,
        jeugdteam=_jeugdteam(),
    )


def binding_kwargs() -> dict:
    return {"uuid": binding().uuid}


def jeugdteambeheerder():
    user = UserFactory()
    Lidmaatschap.objects.create(user=user, organisatie=_jeugdteam(), rol=Rol.ORGANISATIEBEHEERDER)
    return user


def als_jeugdteambeheerder_kwargs() -> dict:
    """The schoolcontacten page as the jeugdteam's beheerder (fuzz: `als`)."""
    binding()  # a vaste contactpersoon to choose, and a row to end
    return {"als": jeugdteambeheerder()}


def als_jeugdteambeheerder_binding_kwargs() -> dict:
    return {"als": jeugdteambeheerder(), "uuid": binding().uuid}
