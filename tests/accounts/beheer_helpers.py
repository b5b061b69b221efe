"""Proposals and memberships for the beheer tests and the permission matrix."""

from accounts.models import Lidmaatschap, Organisatie, Roltoekenning, User
from accounts.rollen import Rol
from tests.conftest import user_by_email

REGENBOOG = "Basisschool De Regenboog"
VLIEGER = "Basisschool De Vlieger"  # no beheerder and no named contact in the demo


def organisatie(naam: str = REGENBOOG) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


def uitgenodigd(email: str, naam: str, door: User | None = None) -> User:
    """An account waiting for activation (as maak_account leaves it)."""
    user, _ = User.objects.get_or_create(
        email=email, defaults={"naam": naam, "uitgenodigd_door": door}
    )
    return user


def voorstel(
    voorgesteld_door: str = "directie@demo.nl",
    rol: Rol = Rol.LEERKRACHT,
    bij: str = REGENBOOG,
    email: str = "nieuwe.leerkracht@demo.nl",
) -> Roltoekenning:
    door = user_by_email(voorgesteld_door)
    toekenning, _ = Roltoekenning.objects.get_or_create(
        user=uitgenodigd(email, "Nina Nieuw", door=door),
        organisatie=organisatie(bij),
        rol=rol,
        status=Roltoekenning.Status.VOORGESTELD,
        defaults={"voorgesteld_door": door},
    )
    return toekenning


def voorstel_kwargs():
    return {"uuid": voorstel().uuid}


def eigen_voorstel_kwargs():
    return {"uuid": voorstel(voorgesteld_door="schoolbeheer@demo.nl").uuid}


def mentor_lidmaatschap_kwargs():
    return {"pk": Lidmaatschap.objects.get(user__email="mentor@demo.nl").pk}


def uitgenodigde_kwargs():
    return {"pk": voorstel().user_id}


def regenboog_kwargs():
    return {"pk": organisatie().pk}


def vlieger_kwargs():
    return {"pk": organisatie(VLIEGER).pk}


def eerste_beheerder_voorstel():
    return voorstel(
        voorgesteld_door="beheer@demo.nl",
        rol=Rol.ORGANISATIEBEHEERDER,
        bij=VLIEGER,
        email="nieuwe.beheerder@demo.nl",
    )


def eerste_beheerder_kwargs():
    return {"uuid": eerste_beheerder_voorstel().uuid}


def regio_uitgenodigde_kwargs():
    toekenning = eerste_beheerder_voorstel()
    return {"pk": toekenning.organisatie_id, "user_pk": toekenning.user_id}


def regio_beheerdersrol_kwargs():
    lid = Lidmaatschap.objects.get(user__email="schoolbeheer@demo.nl", rol=Rol.ORGANISATIEBEHEERDER)
    return {"pk": lid.organisatie_id, "lid_pk": lid.pk}
