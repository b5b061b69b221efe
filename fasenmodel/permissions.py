"""Who may see and do what in the fasenmodel and the thuiszitters register.

- A pupil's phase follows the pupil: whoever may see the pupil (`Leerling.objects.
  for_user`) sees the phase. Recording a placement: the coördinator of the pupil's
  school, leerplicht, or the jeugdteam, each only for a pupil within their reach.
- The thuiszitters register (docs/fasenmodel.md: leerplicht keeps a register of all
  thuiszitters): leerplicht sees every entry of the region, the SWV the entries of
  its schools, the school (coördinator, director) its own pupils' entries. Nobody else.
  Leerplicht and the SWV reach pupils only with consent elsewhere, so views showing
  register entries log them under the explicit ground `registergronden()`.
- Overviews (aggregates only): leerplicht (the region) and the SWV (its schools).

Which roles these are is the capability table in accounts/rollen.py: `REGIO_OVERZIEN`
(leerplicht), `SWV_OVERZIEN` (the SWV), `THUISZITTERS_SCHOOL`, `PROCESREGIE_OVERNEMEN`,
`PLAATSING_VASTLEGGEN`.

Everything outside reach answers 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from accounts.models import Leerling, Lidmaatschap, Organisatie, User
from accounts.permissions import (
    Toegangsgrond,
    actieve_lidmaatschappen,
    school_leest_q,
    schrijft_voor_school,
)
from accounts.rollen import ROLLEN, Bereik, Recht, Rol, heeft_recht

REGISTER_LABEL = " (thuiszittersregister)"
SCHOOLBEREIK = (Bereik.EIGEN_SCHOOL, Bereik.EIGEN_LEERLINGEN)


def _leden(user: User) -> list[Lidmaatschap]:
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    return list(lidmaatschappen.select_related("organisatie"))


def _leerplicht(leden) -> Lidmaatschap | None:
    """The membership that oversees the whole region (leerplicht)."""
    return next((lid for lid in leden if heeft_recht(lid.rol, Recht.REGIO_OVERZIEN)), None)


def _swv_leden(leden) -> dict[int, Lidmaatschap]:
    """The memberships that oversee an SWV's schools, by SWV."""
    return {lid.organisatie_id: lid for lid in leden if heeft_recht(lid.rol, Recht.SWV_OVERZIEN)}


def _swv_ids(leden) -> set[int]:
    return set(_swv_leden(leden))


def _is_schoolrol(lid: Lidmaatschap) -> bool:
    return heeft_recht(lid.rol, Recht.THUISZITTERS_SCHOOL)


def _school_ids(leden) -> set[int]:
    return {lid.organisatie_id for lid in leden if _is_schoolrol(lid)}


def scholen_van(user: User, swv_ids: set[int]) -> list[int]:
    """The schools of these SWV's as literal ids. Filtered on them, PostgreSQL reads only
    those schools' pupils; a join on the SWV made it scan every pupil of the region.
    Read once per request (kept with the role context)."""

    def lees() -> list[int]:
        return list(Organisatie.objects.filter(swv_id__in=swv_ids).values_list("pk", flat=True))

    if not swv_ids:
        return []
    rolcontext = getattr(user, "samenplan_rolcontext", None)
    if rolcontext is None:
        return lees()
    return rolcontext.onthoud(f"fasenmodel.scholen_van:{sorted(swv_ids)}", lees)


def thuiszitters_for_user(user: User, queryset: QuerySet) -> QuerySet:
    leden = _leden(user)
    if _leerplicht(leden):
        return queryset
    swv_ids, school_ids = _swv_ids(leden), _school_ids(leden)
    if not swv_ids and not school_ids:
        return queryset.none()
    # The school reads entries of a pupil who left for the retention term (docs/overstap.md).
    return queryset.filter(
        Q(leerling__school_id__in=scholen_van(user, swv_ids))
        | (Q(leerling__school_id__in=school_ids) & school_leest_q("leerling__"))
    )


def mag_register_zien(user: User) -> bool:
    leden = _leden(user)
    return bool(_leerplicht(leden) or _swv_ids(leden) or _school_ids(leden))


def mag_overzicht_zien(user: User) -> bool:
    leden = _leden(user)
    return bool(_leerplicht(leden) or _swv_ids(leden))


def overzicht_plaatsingen(user: User, queryset: QuerySet) -> QuerySet:
    """Placements counted in the overview: the region for leerplicht, else the SWV's."""
    leden = _leden(user)
    if _leerplicht(leden):
        return queryset
    return queryset.filter(leerling__school_id__in=scholen_van(user, _swv_ids(leden)))


def registratie_namens(user: User, leerling: Leerling) -> Lidmaatschap | None:
    """The membership on whose behalf the user may register or edit a thuiszitter."""
    leden = _leden(user)
    if lid := _leerplicht(leden):
        return lid
    if not schrijft_voor_school(leerling):
        return None  # the pupil left the school: it reads only (docs/overstap.md)
    return next(
        (lid for lid in leden if _is_schoolrol(lid) and leerling.school_id == lid.organisatie_id),
        None,
    )


def registreerbare_leerlingen(user: User) -> QuerySet:
    """Leerplicht registers any pupil of the region; the school its own pupils."""
    leden = _leden(user)
    if _leerplicht(leden):
        return Leerling.objects.select_related("school")
    return (
        Leerling.objects.filter(school_id__in=_school_ids(leden))
        .ingeschreven()
        .select_related("school")
    )


def procesregie_namens(user: User) -> Lidmaatschap | None:
    """Only leerplicht overrides procesregie, when the process stalls (docs/fasenmodel.md)."""
    return next(
        (lid for lid in _leden(user) if heeft_recht(lid.rol, Recht.PROCESREGIE_OVERNEMEN)), None
    )


def plaatsing_namens(user: User, leerling: Leerling) -> Lidmaatschap | None:
    """Who records a placement: the school's coördinator, leerplicht or the jeugdteam.

    The caller has checked that the pupil is within the user's reach (for the jeugdteam
    and leerplicht that means the parents' consent).
    """
    for lid in _leden(user):
        if not heeft_recht(lid.rol, Recht.PLAATSING_VASTLEGGEN):
            continue
        if ROLLEN[Rol(lid.rol)].bereik not in SCHOOLBEREIK:
            return lid
        # A school's role records for its own pupils, while the school still writes.
        if lid.organisatie_id == leerling.school_id and schrijft_voor_school(leerling):
            return lid
    return None


def registergronden(
    user: User, leerlingen: Iterable[Leerling]
) -> Callable[[Leerling], Toegangsgrond | None]:
    """The access-log ground for pupils shown because of the thuiszitters register.

    Only for pupils that have an entry the user may see; pass to `log_toegang(...,
    aanvullend=...)`. Costs a fixed number of queries for any number of pupils.
    """
    from .models import Thuiszitter

    leden = _leden(user)
    ids = [leerling.pk for leerling in leerlingen]
    in_register = set(
        Thuiszitter.objects.for_user(user)
        .filter(leerling_id__in=ids)
        .values_list("leerling_id", "leerling__school__swv_id")
    )
    swv_van = dict(in_register)
    leerplicht = _leerplicht(leden)
    swv_leden = _swv_leden(leden)

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        if leerling.pk not in swv_van:
            return None
        lid = leerplicht or swv_leden.get(swv_van[leerling.pk])
        if lid is None:
            return None
        return Toegangsgrond(lid.organisatie_id, lid.get_rol_display() + REGISTER_LABEL)

    return grond
