"""Reads for a school's contactpersonen: the vaste contactpersoon S(B)O and the
contactpersoon in the gemeentelijke toegang (docs/rollen.md, "Contactpersonen van een
school").

A binding counts while it is valid (today within its period), the account is active and
the person still holds the matching role at the jeugdteam the binding names: a
contactpersoon who left the jeugdteam is no contact any more, without anyone having to
end the binding.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Contactsoort, Lidmaatschap, Organisatie, Schoolcontactpersoon, User
from accounts.rollen import Rol

# The role a person must hold at the bound jeugdteam for each kind of binding.
# Holland Rijnland Methode, stap 2: the vaste contactpersoon is "een medewerker van het
# wijkteam/toegang in een andere rol"; the gemeentelijke toegang's contactpersoon is a
# medewerker jeugdteam (Regionale afspraken Duin- en Bollenstreek, Leidende principes 2).
ROL_VOOR_SOORT: dict[str, tuple[str, ...]] = {
    Contactsoort.VASTE_CONTACTPERSOON: (Rol.VASTE_CONTACTPERSOON,),
    Contactsoort.TOEGANG: (Rol.MEDEWERKER_JEUGDTEAM, Rol.VASTE_CONTACTPERSOON),
}


def geldige_bindingen(
    soort: str | None = None, op: datetime.date | None = None
) -> QuerySet[Schoolcontactpersoon]:
    """Bindings valid on the day whose person is active and still holds the role at the
    bound jeugdteam."""
    bindingen = Schoolcontactpersoon.objects.geldig(op).filter(user__is_active=True)
    soorten = [soort] if soort else list(ROL_VOOR_SOORT)
    resultaat = Schoolcontactpersoon.objects.none()
    for naam in soorten:
        heeft_rol = Lidmaatschap.objects.filter(
            user=OuterRef("user"), organisatie=OuterRef("jeugdteam"), rol__in=ROL_VOOR_SOORT[naam]
        )
        resultaat = resultaat | bindingen.filter(soort=naam).filter(Exists(heeft_rol))
    return resultaat


def _personen(school: Organisatie, soort: str) -> QuerySet[User]:
    ids = geldige_bindingen(soort).filter(school=school).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("naam")


def vaste_contactpersonen(school: Organisatie) -> QuerySet[User]:
    """The vaste contactpersoon (or -personen) S(B)O of the school today."""
    return _personen(school, Contactsoort.VASTE_CONTACTPERSOON)


def toegangscontactpersonen(school: Organisatie) -> QuerySet[User]:
    """The school's contactpersoon (or -personen) in the gemeentelijke toegang today."""
    return _personen(school, Contactsoort.TOEGANG)


def contacten_van(school: Organisatie) -> list[Schoolcontactpersoon]:
    """Every valid binding of the school, with person and jeugdteam, for display: one query."""
    return list(
        geldige_bindingen()
        .filter(school=school)
        .select_related("user", "jeugdteam")
        .order_by("soort", "user__naam")
    )


def scholen_van(user: User, soort: str = Contactsoort.VASTE_CONTACTPERSOON) -> QuerySet:
    """The schools the person is bound to today, as this kind of contact."""
    ids = geldige_bindingen(soort).filter(user=user).values("school_id")
    return Organisatie.objects.filter(pk__in=ids)
