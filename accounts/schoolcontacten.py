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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Contactsoort, Lidmaatschap, Organisatie, Schoolcontactpersoon, User
from accounts.models.schoolcontacten import SBO_SECTOREN
from accounts.notificaties import notificeer
from accounts.rolbeheer import is_beheerder_van
from accounts.rollen import Recht, Rol, Soort, rollen_met

# The right a person's role at the bound jeugdteam must hold for each kind of binding.
# Holland Rijnland Methode, stap 2: the vaste contactpersoon is "een medewerker van het
# wijkteam/toegang in een andere rol"; the gemeentelijke toegang's contactpersoon is a
# medewerker jeugdteam (Regionale afspraken Duin- en Bollenstreek, Leidende principes 2).
RECHT_VOOR_SOORT: dict[str, Recht] = {
    Contactsoort.VASTE_CONTACTPERSOON: Recht.CONTACTPERSOON_SBO,
    Contactsoort.TOEGANG: Recht.CONTACTPERSOON_TOEGANG,
}


def rollen_voor_soort(soort: str) -> frozenset:
    return rollen_met(RECHT_VOOR_SOORT[soort])


def geldige_bindingen(
    soort: str | None = None, op: datetime.date | None = None
) -> QuerySet[Schoolcontactpersoon]:
    """Bindings valid on the day whose person is active and still holds the role at the
    bound jeugdteam."""
    bindingen = Schoolcontactpersoon.objects.geldig(op).filter(user__is_active=True)
    soorten = [soort] if soort else list(RECHT_VOOR_SOORT)
    resultaat = Schoolcontactpersoon.objects.none()
    for naam in soorten:
        heeft_rol = Lidmaatschap.objects.filter(
            user=OuterRef("user"),
            organisatie=OuterRef("jeugdteam"),
            rol__in=rollen_voor_soort(naam),
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


def contacten_van(school: Organisatie, soort: str | None = None) -> list[Schoolcontactpersoon]:
    """Every valid binding of the school (of one kind), with person and jeugdteam, for
    display: one query."""
    return list(
        geldige_bindingen(soort)
        .filter(school=school)
        .select_related("user", "jeugdteam")
        .order_by("soort", "user__naam")
    )


def contactpersonen_q(school: Organisatie) -> Q:
    """A filter on Lidmaatschap: the school's valid contactpersonen, in the role they hold
    at the bound jeugdteam (for the MDO planner's circle, arrangeren/route/personen.py)."""
    bindingen = geldige_bindingen().filter(
        school=school, user=OuterRef("user"), jeugdteam=OuterRef("organisatie")
    )
    return Q(Exists(bindingen))


def hulpverlening_verantwoordelijken(school: Organisatie) -> list[Schoolcontactpersoon]:
    """Who is responsible for the OPP's hulpverleningsonderdeel at an S(B)O school: its vaste
    contactpersoon (Holland Rijnland Methode, stap 2: "Is verantwoordelijk voor het
    hulpverleningsonderdeel van het OPP. De eindverantwoording van het plan ligt bij de
    school."). No query for another school."""
    if school.sector not in SBO_SECTOREN:
        return []
    return contacten_van(school, Contactsoort.VASTE_CONTACTPERSOON)


def scholen_van(user: User, soort: str = Contactsoort.VASTE_CONTACTPERSOON) -> QuerySet:
    """The schools the person is bound to today, as this kind of contact."""
    ids = geldige_bindingen(soort).filter(user=user).values("school_id")
    return Organisatie.objects.filter(pk__in=ids)


# Management: the jeugdteam's own beheerder binds its people to schools -------------------
# The person works for the jeugdteam, so the jeugdteam decides whom it sends to which school
# (its agreement is the binding itself); the school sees who on its pages. A binding grants
# no reach to pupils (docs/rollen.md, "Contactpersonen van een school").


def bindingen_van_team(jeugdteam: Organisatie) -> QuerySet[Schoolcontactpersoon]:
    """The team's bindings that hold today or start later, for its beheer page."""
    vandaag = timezone.localdate()
    return (
        Schoolcontactpersoon.objects.filter(jeugdteam=jeugdteam)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vandaag))
        .select_related("school", "user")
        .order_by("school__naam", "soort", "user__naam")
    )


def kandidaten(jeugdteam: Organisatie) -> QuerySet[User]:
    """The team's people who can be bound as some kind of contact."""
    rollen = rollen_met(*RECHT_VOOR_SOORT.values())
    return User.objects.filter(
        is_active=True, lidmaatschappen__organisatie=jeugdteam, lidmaatschappen__rol__in=rollen
    ).distinct()


def _controleer(school: Organisatie, soort: str, user: User, jeugdteam: Organisatie) -> None:
    if jeugdteam.soort != Soort.JEUGDTEAM:
        raise ValidationError("Alleen een jeugdteam wijst contactpersonen van scholen aan.")
    if school.soort != Soort.SCHOOL:
        raise ValidationError("Kies een school.")
    if soort not in RECHT_VOOR_SOORT:
        raise ValidationError("Kies het soort contactpersoon.")
    if soort == Contactsoort.VASTE_CONTACTPERSOON and school.sector not in SBO_SECTOREN:
        raise ValidationError(
            f"{school} is geen S(B)O-school: alleen een school voor speciaal (basis)onderwijs "
            "heeft een vaste contactpersoon S(B)O. Kies een contactpersoon gemeentelijke "
            "toegang."
        )
    if not Lidmaatschap.objects.filter(
        user=user, organisatie=jeugdteam, rol__in=rollen_voor_soort(soort)
    ).exists():
        rollen = " of ".join(sorted(Rol(rol).label.lower() for rol in rollen_voor_soort(soort)))
        raise ValidationError(f"{user} heeft bij {jeugdteam} niet de rol {rollen}.")


@transaction.atomic
def wijs_contactpersoon_aan(
    jeugdteam: Organisatie,
    *,
    door: User,
    school: Organisatie,
    soort: str,
    user: User,
    geldig_van: datetime.date | None = None,
) -> Schoolcontactpersoon:
    """Bind one of the team's people to a school. Only the team's own beheerder does this."""
    if not is_beheerder_van(door, jeugdteam):
        raise PermissionDenied
    # One binding at a time per school, kind and person: lock the school's bindings.
    Organisatie.objects.select_for_update().get(pk=school.pk)
    _controleer(school, soort, user, jeugdteam)
    vanaf = geldig_van or timezone.localdate()
    if (
        Schoolcontactpersoon.objects.filter(school=school, soort=soort, user=user)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vanaf))
        .exists()
    ):
        raise ValidationError(f"{user} is al {Contactsoort(soort).label.lower()} van {school}.")
    binding = Schoolcontactpersoon(
        school=school, soort=soort, user=user, jeugdteam=jeugdteam, geldig_van=vanaf
    )
    binding._history_user = door
    binding.save()
    # The person and the school's coördinators hear of it (docs/meldingen.md); the title
    # names nobody, the link leads to "Mijn werk".
    coordinatoren = User.objects.filter(
        lidmaatschappen__organisatie=school,
        lidmaatschappen__rol__in=rollen_met(Recht.OPP_BEWERKEN),
    ).distinct()
    notificeer(
        [user, *coordinatoren],
        "schoolcontact_aangewezen",
        "/",
        veroorzaakt_door=door,
        onderwerp=binding.uuid,
        organisatie=jeugdteam,
    )
    return binding


@transaction.atomic
def beeindig_contactpersoon(binding: Schoolcontactpersoon, *, door: User) -> None:
    """End a binding today; one that had not started yet is withdrawn. History keeps both."""
    binding = Schoolcontactpersoon.objects.select_for_update().get(pk=binding.pk)
    if not is_beheerder_van(door, binding.jeugdteam):
        raise PermissionDenied
    vandaag = timezone.localdate()
    binding._history_user = door
    if binding.geldig_van >= vandaag:
        binding.delete()
        return
    if binding.geldig_tot is None or binding.geldig_tot >= vandaag:
        binding.geldig_tot = vandaag - datetime.timedelta(days=1)
        binding.save(update_fields=["geldig_tot"])
