"""The roles (docs/rollen.md) as one data table: who they are, where they work, what they reach.

The permission policy (accounts/permissions.py) reads `Bereik` from this table; nothing
else decides which pupils a role can see.
"""

from dataclasses import dataclass

from django.db import models


class Soort(models.TextChoices):
    SCHOOL = "school", "School"
    SWV = "swv", "Samenwerkingsverband passend onderwijs"
    GEMEENTE = "gemeente", "Gemeente"
    JEUGDTEAM = "jeugdteam", "Jeugdteam / wijkteam"
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder", "Jeugdhulpaanbieder"
    LEERPLICHT = "leerplicht", "Leerplicht / RBL"
    JGZ = "jgz", "Jeugdgezondheidszorg (JGZ)"
    REGIO = "regio", "Regio"


class Sector(models.TextChoices):
    PO = "PO", "Primair onderwijs"
    SBO = "SBO", "Speciaal basisonderwijs"
    SO = "SO", "Speciaal onderwijs"
    VO = "VO", "Voortgezet onderwijs"
    VSO = "VSO", "Voortgezet speciaal onderwijs"
    MBO = "MBO", "Middelbaar beroepsonderwijs"


class Rol(models.TextChoices):
    ONDERSTEUNINGSCOORDINATOR = "ondersteuningscoordinator", "Ondersteuningscoördinator"
    DIRECTEUR = "directeur", "Directeur"
    LEERKRACHT = "leerkracht", "Leerkracht / mentor"
    MEDEWERKER_JEUGDTEAM = "medewerker_jeugdteam", "Medewerker jeugdteam"
    VASTE_CONTACTPERSOON = "vaste_contactpersoon", "Vaste contactpersoon S(B)O"
    MEDEWERKER_JEUGDHULP = "medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"
    MULTIDISCIPLINAIRE_BEGELEIDER = (
        "multidisciplinaire_begeleider",
        "Multidisciplinaire begeleider",
    )
    CONSULENT_SWV = "consulent_swv", "Onderwijsspecialist / consulent SWV"
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", "Leerplichtambtenaar"
    JGZ = "jgz", "Jeugdarts / jeugdverpleegkundige"
    ORGANISATIEBEHEERDER = "organisatiebeheerder", "Beheerder van de organisatie"
    BEHEERDER = "beheerder", "Beheerder van de regio"


# Parents are no Lidmaatschap: they reach their child through Gezag.
OUDER_LABEL = "Ouder / verzorger"


class Bereik(models.TextChoices):
    """Which pupils a role reaches without anyone granting it explicitly."""

    EIGEN_SCHOOL = "eigen_school", "alle leerlingen van de eigen school"
    EIGEN_LEERLINGEN = "eigen_leerlingen", "de eigen leerlingen (mentor)"
    MET_TOESTEMMING = "met_toestemming", "alleen leerlingen waarvoor toegang is verleend"
    GEEN = "geen", "geen leerlinggegevens"


@dataclass(frozen=True)
class Roldefinitie:
    rol: Rol
    soorten: tuple[Soort, ...]
    bereik: Bereik


ROLLEN: dict[Rol, Roldefinitie] = {
    definitie.rol: definitie
    for definitie in (
        Roldefinitie(Rol.ONDERSTEUNINGSCOORDINATOR, (Soort.SCHOOL,), Bereik.EIGEN_SCHOOL),
        Roldefinitie(Rol.DIRECTEUR, (Soort.SCHOOL,), Bereik.EIGEN_SCHOOL),
        Roldefinitie(Rol.LEERKRACHT, (Soort.SCHOOL,), Bereik.EIGEN_LEERLINGEN),
        Roldefinitie(Rol.MEDEWERKER_JEUGDTEAM, (Soort.JEUGDTEAM,), Bereik.MET_TOESTEMMING),
        Roldefinitie(Rol.VASTE_CONTACTPERSOON, (Soort.JEUGDTEAM,), Bereik.MET_TOESTEMMING),
        Roldefinitie(Rol.MEDEWERKER_JEUGDHULP, (Soort.JEUGDHULPAANBIEDER,), Bereik.MET_TOESTEMMING),
        Roldefinitie(
            Rol.MULTIDISCIPLINAIRE_BEGELEIDER,
            (Soort.JEUGDHULPAANBIEDER, Soort.SCHOOL),
            Bereik.MET_TOESTEMMING,
        ),
        Roldefinitie(Rol.CONSULENT_SWV, (Soort.SWV,), Bereik.MET_TOESTEMMING),
        Roldefinitie(Rol.LEERPLICHTAMBTENAAR, (Soort.LEERPLICHT,), Bereik.MET_TOESTEMMING),
        Roldefinitie(Rol.JGZ, (Soort.JGZ,), Bereik.MET_TOESTEMMING),
        # The school's (or office's) own administrator: imports pupils, invites staff and
        # parents, proposes and confirms roles of that organisation. No case content.
        Roldefinitie(
            Rol.ORGANISATIEBEHEERDER,
            tuple(soort for soort in Soort if soort != Soort.REGIO),
            Bereik.GEEN,
        ),
        # The region's beheerder creates organisations and proposes their first beheerder;
        # reaches no pupil data (see docs/beheer.md).
        Roldefinitie(Rol.BEHEERDER, (Soort.REGIO,), Bereik.GEEN),
    )
}


def rollen_met_bereik(bereik: Bereik) -> list[str]:
    return [rol.value for rol, definitie in ROLLEN.items() if definitie.bereik == bereik]
