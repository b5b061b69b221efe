"""The demo's escalation ladders (docs/rollen.md, "Opschalen"): De Regenboog escalates to
its director, Jeugdteam Leiden to its team leader. Made up, like all demo data."""

from django.utils import timezone

from accounts.models import Escalatieniveau, Lidmaatschap, Organisatie, User
from accounts.rollen import Rol

TEAMLEIDER = "teamleider@demo.nl"

# organisation -> [(functionaris, holders' e-mail addresses)], from the bottom.
LADDERS = {
    "Basisschool De Regenboog": [("Directeur", ["directie@demo.nl"])],
    "Jeugdteam Leiden (demo)": [("Teamleider jeugdteam", [TEAMLEIDER])],
}


def _teamleider(jeugdteam: Organisatie) -> User:
    """Jeugdteam Leiden's team leader, who also manages its accounts (not a persona)."""
    user, nieuw = User.objects.get_or_create(
        email=TEAMLEIDER,
        defaults={"naam": "Tamara Lems", "geactiveerd_op": timezone.now()},
    )
    if nieuw:
        user.set_password("demo")
        user.save(update_fields=["password"])
    Lidmaatschap.objects.get_or_create(
        user=user, organisatie=jeugdteam, rol=Rol.ORGANISATIEBEHEERDER
    )
    return user


def seed() -> None:
    jeugdteam = Organisatie.objects.filter(naam="Jeugdteam Leiden (demo)").first()
    if jeugdteam is not None:
        _teamleider(jeugdteam)
    for naam, niveaus in LADDERS.items():
        organisatie = Organisatie.objects.filter(naam=naam).first()
        if organisatie is None:
            continue
        for nummer, (functionaris, emails) in enumerate(niveaus, start=1):
            niveau, _ = Escalatieniveau.objects.get_or_create(
                organisatie=organisatie, niveau=nummer, defaults={"functionaris": functionaris}
            )
            niveau.houders.add(*User.objects.filter(email__in=emails))
