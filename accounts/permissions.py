"""The permission policy: the one place that decides who may see and do what.

What a role may do is its row in accounts/rollen.py (`Recht`); this module and each
feature's permissions.py ask that table, never a role by name.

Reach follows from role and organisation (the `Bereik` column in accounts/rollen.py),
custody (Gezag) and object permissions held in django-guardian's direct foreign-key
tables. Object permissions of outside parties (jeugdteam, SWV, JGZ, ...) are granted
and revoked by consent; nothing in a view decides access by itself.

Objects outside a user's reach answer 404, so their existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from accounts.bewaartermijnen import leesgrens
from accounts.models import (
    Gezag,
    Leerling,
    LeerlingUserObjectPermission,
    Lidmaatschap,
    Overstap,
    User,
)
from accounts.rollen import OUDER_LABEL, ROLLEN, Bereik, Recht, Rol, rollen_met, rollen_met_bereik

VIEW_LEERLING = "accounts.view_leerling"


@dataclass(frozen=True)
class Toegangsgrond:
    """On whose behalf a user reaches a pupil: recorded in the access log."""

    organisatie_id: int | None
    rol: str


def _user_ok(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# A pupil who left the school (uitgeschreven, see docs/overstap.md) -----------------------


def schrijft_voor_school(
    leerling: Leerling, op: date | None = None, *, overdrachtsantwoord: bool = False
) -> bool:
    """Does the school still work in this dossier? Not once the pupil is uitgeschreven.

    Every write right of the school on a pupil (traject, OPP, TLV, fasenmodel, consent)
    asks this one function; after uitschrijving the old school reads only.

    One exception, asked by name (`overdrachtsantwoord=True`): recording the pupil's own
    answer about handing the file to the new school is part of letting it go, so the old
    school does it for as long as it reads the file. The receiving school must not decide
    in its own favour (docs/overstap.md, "The pupil's own answer").
    """
    if overdrachtsantwoord:
        return school_leest(leerling, op)
    return not leerling.is_uitgeschreven(op)


def school_leest(leerling: Leerling, op: date | None = None) -> bool:
    """Do the school's staff (reach EIGEN_SCHOOL) still read it? Until the retention term
    after uitschrijving ends (accounts/bewaartermijnen.py)."""
    return leerling.uitgeschreven_op is None or leerling.uitgeschreven_op > leesgrens(op)


def ingeschreven_q(prefix: str = "", op: date | None = None) -> Q:
    """`schrijft_voor_school` as a filter; `prefix` e.g. "leerling__"."""
    op = op or timezone.localdate()
    return Q(**{f"{prefix}uitgeschreven_op__isnull": True}) | Q(
        **{f"{prefix}uitgeschreven_op__gt": op}
    )


def school_leest_q(prefix: str = "", op: date | None = None) -> Q:
    """`school_leest` as a filter."""
    return Q(**{f"{prefix}uitgeschreven_op__isnull": True}) | Q(
        **{f"{prefix}uitgeschreven_op__gt": leesgrens(op)}
    )


def _grounds(user: User) -> tuple[QuerySet, bool]:
    """The memberships and whether custody count for this user right now.

    In a request the user acts in one role at a time (chosen in the header, see
    accounts/rolcontext.py, attached by `RolcontextMiddleware`): only that role's reach
    applies, so a coördinator who is also a parent sees her school's pupils as
    coördinator and only her own child as parent. Outside a request (services, commands)
    every ground counts.
    """
    lidmaatschappen = Lidmaatschap.objects.filter(user=user)
    rolcontext = getattr(user, "samenplan_rolcontext", None)
    if rolcontext is None:
        return lidmaatschappen, True
    if rolcontext.lidmaatschap is not None:
        return lidmaatschappen.filter(pk=rolcontext.lidmaatschap.pk), False
    return lidmaatschappen.none(), rolcontext.is_ouder


def actieve_lidmaatschappen(user: User) -> tuple[QuerySet, bool]:
    """The memberships a user acts in right now, and whether they act as a parent."""
    if not _user_ok(user):
        return Lidmaatschap.objects.none(), False
    return _grounds(user)


def leerlingen_for_user(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """All pupils the user may see in their current role."""
    queryset = Leerling.objects.all() if queryset is None else queryset
    if not _user_ok(user):
        return queryset.none()

    lidmaatschappen, met_gezag = _grounds(user)
    eigen_school = lidmaatschappen.filter(rol__in=rollen_met_bereik(Bereik.EIGEN_SCHOOL)).values(
        "organisatie_id"
    )
    mentor_scholen = lidmaatschappen.filter(
        rol__in=rollen_met_bereik(Bereik.EIGEN_LEERLINGEN)
    ).values("organisatie_id")
    met_toestemming = lidmaatschappen.filter(rol__in=rollen_met_bereik(Bereik.MET_TOESTEMMING))

    mentor_van = Leerling.mentoren.through.objects.filter(user=user).values("leerling_id")
    # After uitschrijving the school's staff read the old dossier for the retention term;
    # a mentor's reach ends on the day itself (docs/overstap.md).
    reach = (Q(school__in=eigen_school) & school_leest_q()) | (
        Q(school__in=mentor_scholen, pk__in=mentor_van) & ingeschreven_q()
    )
    if met_gezag:
        reach |= Q(pk__in=Gezag.objects.filter(ouder=user).values("leerling_id"))
    if met_toestemming.exists():
        reach |= Q(
            pk__in=LeerlingUserObjectPermission.objects.filter(
                user=user, permission__codename="view_leerling"
            ).values("content_object_id")
        )
    return queryset.filter(reach)


def can_view_leerling(user: User, leerling: Leerling) -> bool:
    return leerlingen_for_user(user).filter(pk=leerling.pk).exists()


class Toegangsgronden:
    """Resolves, for many pupils at once, the membership (or custody) giving access.

    Loads the user's grounds (in their current role, see `_grounds`) in a fixed number
    of queries, so logging a list of pupils costs the same as logging one.

    `aanvullend` is an extra ground a view passes explicitly for pupils it shows under
    a rule of its own (e.g. leerplicht's thuiszittersregister, see fasenmodel/
    permissions.py); it is asked only when none of the user's normal grounds applies.
    """

    def __init__(
        self,
        user: User,
        aanvullend: Callable[[Leerling], Toegangsgrond | None] | None = None,
    ):
        self.user = user
        self.aanvullend = aanvullend
        self.lidmaatschappen = []
        self.mentor_ids: set[int] = set()
        self.objectrecht_ids: set[int] = set()
        self.kind_ids: set[int] = set()
        if not _user_ok(user):
            return
        lidmaatschappen, met_gezag = _grounds(user)
        self.lidmaatschappen = list(lidmaatschappen.select_related("organisatie"))
        bereiken = {ROLLEN[Rol(lid.rol)].bereik for lid in self.lidmaatschappen}
        if Bereik.EIGEN_LEERLINGEN in bereiken:
            self.mentor_ids = set(user.mentorleerlingen.values_list("pk", flat=True))
        if Bereik.MET_TOESTEMMING in bereiken:
            self.objectrecht_ids = set(
                LeerlingUserObjectPermission.objects.filter(
                    user=user, permission__codename="view_leerling"
                ).values_list("content_object_id", flat=True)
            )
        if met_gezag:
            self.kind_ids = set(
                Gezag.objects.filter(ouder=user).values_list("leerling_id", flat=True)
            )

    def voor(self, leerling: Leerling) -> Toegangsgrond | None:
        for lid in self.lidmaatschappen:
            bereik = ROLLEN[Rol(lid.rol)].bereik
            eigen_school = leerling.school_id == lid.organisatie_id
            if (
                (bereik == Bereik.EIGEN_SCHOOL and eigen_school and school_leest(leerling))
                or (
                    bereik == Bereik.EIGEN_LEERLINGEN
                    and eigen_school
                    and leerling.pk in self.mentor_ids
                    and schrijft_voor_school(leerling)
                )
                or (bereik == Bereik.MET_TOESTEMMING and leerling.pk in self.objectrecht_ids)
            ):
                return Toegangsgrond(lid.organisatie_id, lid.get_rol_display())
        if leerling.pk in self.kind_ids:
            return Toegangsgrond(None, OUDER_LABEL)
        if self.aanvullend is not None:
            return self.aanvullend(leerling)
        return None


def get_object_for_user(user: User, queryset: QuerySet | type[Model], **lookup) -> Model:
    """Fetch one object within the user's reach, or raise 404 (never 403).

    `queryset` is a model or QuerySet whose manager has `for_user(user)`.
    """
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    try:
        return queryset.for_user(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Niet gevonden.") from exc


def grant_leerling_access(user: User, leerling: Leerling) -> None:
    """Give an outside professional sight of a pupil (called when consent is given)."""
    assign_perm(VIEW_LEERLING, user, leerling)


def revoke_leerling_access(user: User, leerling: Leerling) -> None:
    """Take it away again (consent withdrawn or expired): effective at once."""
    remove_perm(VIEW_LEERLING, user, leerling)


def has_recht(user: User, recht: Recht) -> bool:
    """Whether any of the user's roles has this capability (services, which do not follow
    the role chosen in the header)."""
    if not _user_ok(user):
        return False
    return Lidmaatschap.objects.filter(user=user, rol__in=rollen_met(recht)).exists()


def is_eigen_leerling(rol: str, leerling: Leerling, user: User) -> bool:
    """For a role that reaches only its own pupils (the mentor): is this one of them? For
    every other role: yes (the pupil's school is checked by the caller)."""
    return (
        ROLLEN[Rol(rol)].bereik != Bereik.EIGEN_LEERLINGEN
        or leerling.mentoren.filter(pk=user.pk).exists()
    )


def can_search_toegangslog(user: User) -> bool:
    """The beheerder searches the access log; it holds no case content itself."""
    return has_recht(user, Recht.TOEGANGSLOG_DOORZOEKEN)


# Management of organisations (see docs/beheer.md) ---------------------------------------


def beheerde_organisatie(user: User):
    """The organisation this user manages in their current role, or None.

    Only the organisation's own beheerder (schoolbeheerder) manages its people, roles and
    pupil imports; the region's beheerder does not.
    """
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    lid = (
        lidmaatschappen.filter(rol__in=rollen_met(Recht.ORGANISATIE_BEHEREN))
        .select_related("organisatie")
        .first()
    )
    return lid.organisatie if lid else None


def is_regiobeheerder(user: User) -> bool:
    """The region's beheerder, acting in that role right now."""
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    return lidmaatschappen.filter(rol__in=rollen_met(Recht.REGIO_BEHEREN)).exists()


# Moves between schools (see docs/overstap.md) --------------------------------------------

OVERSTAP_LABEL = " (overstappen)"


def _overstap_leden(user: User) -> tuple[Lidmaatschap | None, dict[int, Lidmaatschap]]:
    """Leerplicht (the whole region) and the SWV's consulenten (their SWV's schools)."""
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    regio, swv_rollen = rollen_met(Recht.REGIO_OVERZIEN), rollen_met(Recht.SWV_OVERZIEN)
    leden = list(lidmaatschappen.filter(rol__in=regio | swv_rollen).select_related("organisatie"))
    leerplicht = next((lid for lid in leden if lid.rol in regio), None)
    swv = {lid.organisatie_id: lid for lid in leden if lid.rol in swv_rollen}
    return leerplicht, swv


def mag_overstappen_zien(user: User) -> bool:
    leerplicht, swv = _overstap_leden(user)
    return bool(leerplicht or swv)


def overstappen_for_user(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """The moves leerplicht and the SWV see: the region's, or from or to the SWV's schools;
    for the retention term of the school file (accounts/bewaartermijnen.py)."""
    queryset = Overstap.objects.all() if queryset is None else queryset
    leerplicht, swv = _overstap_leden(user)
    queryset = queryset.filter(datum__gt=leesgrens())
    if leerplicht:
        return queryset
    if not swv:
        return queryset.none()
    return queryset.filter(Q(van_school__swv_id__in=swv) | Q(naar_school__swv_id__in=swv))


def overstapgronden(user: User, overstappen) -> Callable[[Leerling], Toegangsgrond | None]:
    """The access-log ground for pupils shown because of a move the user may see (logged on
    the new dossier). Pass to `log_toegang(..., aanvullend=...)`; no queries per pupil."""
    leerplicht, swv = _overstap_leden(user)
    per_leerling = {
        overstap.nieuw_id: (overstap.van_school.swv_id, overstap.naar_school.swv_id)
        for overstap in overstappen
    }

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        if leerling.pk not in per_leerling:
            return None
        lid = leerplicht or next(
            (swv[swv_id] for swv_id in per_leerling[leerling.pk] if swv_id in swv), None
        )
        if lid is None:
            return None
        return Toegangsgrond(lid.organisatie_id, lid.get_rol_display() + OVERSTAP_LABEL)

    return grond
