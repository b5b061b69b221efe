"""Who sees and records vrijstellingen and deviations from the minimum teaching time.

- Vrijstellingen (the vrijstelling route, docs/fasenmodel.md): leerplicht records the
  request, the doctor's advice and its decision, and sees every vrijstelling of the region;
  the SWV (SWV_OVERZIEN) sees those of pupils of its schools and adds its view on the
  onderwijsperspectief; on the care side the jeugdteam (gemeentelijke toegang) sees those
  of pupils within its reach (the parents' consent). They meet on the review list
  "Aflopende vrijstellingen". A jeugdhulpaanbieder sees none: it sees only the inzet it
  delivers, no kind of consent covers leerplicht data, and the vrijstelling's care
  location is free text (`Vrijstelling.zorglocatie`), not an organisation of the region
  whose staff could be recognised. Leerplicht and the SWV reach pupils here without consent,
  so their views log them under the explicit ground `vrijstellingsgronden()`.
- Onderwijstijd (Variawet): the school's coördinator (PLAATSING_VASTLEGGEN with the
  school's reach) records it for its own enrolled pupils; whoever sees the pupil sees it.

Everything outside reach answers 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from accounts.models import Leerling, Lidmaatschap, User
from accounts.permissions import Toegangsgrond, schrijft_voor_school
from accounts.rollen import ROLLEN, Recht, Rol, Soort, heeft_recht

from .permissions import SCHOOLBEREIK, _leden, _leerplicht, _swv_leden, scholen_van

VRIJSTELLING_LABEL = " (vrijstellingen)"
# The care side of the periodic review: the jeugdteam (gemeentelijke toegang) only.
ZORGKANT = (Soort.JEUGDTEAM,)


def _zorgkant(leden) -> bool:
    """Whether the role the user acts in (`_leden`: the active role in a request) is held
    at a jeugdteam; a jeugdteam role the user holds beside it does not count."""
    return any(lid.organisatie.soort in ZORGKANT for lid in leden)


def vrijstellingen_for_user(user: User, queryset: QuerySet) -> QuerySet:
    leden = _leden(user)
    if _leerplicht(leden):
        return queryset
    voorwaarde = Q(pk__in=[])
    if swv_ids := set(_swv_leden(leden)):
        voorwaarde |= Q(leerling__school_id__in=scholen_van(user, swv_ids))
    if _zorgkant(leden):
        voorwaarde |= Q(leerling__in=Leerling.objects.for_user(user).values("pk"))
    return queryset.filter(voorwaarde)


def mag_vrijstellingen_zien(user: User) -> bool:
    leden = _leden(user)
    return bool(_leerplicht(leden) or _swv_leden(leden) or _zorgkant(leden))


def vrijstelling_namens(user: User) -> Lidmaatschap | None:
    """Leerplicht records requests, advice and decisions (the leerplichtambtenaar)."""
    return _leerplicht(_leden(user))


def visie_namens(user: User, leerling: Leerling) -> Lidmaatschap | None:
    """The SWV of the pupil's school gives its view on the onderwijsperspectief."""
    if leerling.school is None:
        return None
    return _swv_leden(_leden(user)).get(leerling.school.swv_id)


def vrijstellingsgronden(user: User) -> Callable[[Leerling], Toegangsgrond | None]:
    """The access-log ground for pupils shown because of the vrijstelling route
    (leerplicht: the region; the SWV: its schools). No queries per pupil: the pupils come
    with `school` loaded."""
    leden = _leden(user)
    leerplicht = _leerplicht(leden)
    swv_leden = _swv_leden(leden)

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        lid = leerplicht
        if lid is None and leerling.school is not None:
            lid = swv_leden.get(leerling.school.swv_id)
        if lid is None:
            return None
        return Toegangsgrond(lid.organisatie_id, lid.get_rol_display() + VRIJSTELLING_LABEL)

    return grond


def onderwijstijd_namens(user: User, leerling: Leerling) -> Lidmaatschap | None:
    """The school of enrolment records a deviation from the minimum teaching time."""
    if leerling.school_id is None or not schrijft_voor_school(leerling):
        return None
    for lid in _leden(user):
        if (
            heeft_recht(lid.rol, Recht.PLAATSING_VASTLEGGEN)
            and ROLLEN[Rol(lid.rol)].bereik in SCHOOLBEREIK
            and lid.organisatie_id == leerling.school_id
        ):
            return lid
    return None
