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

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

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
from accounts.rollen import (
    OUDER_LABEL,
    ROLLEN,
    Bereik,
    Ouderrecht,
    Recht,
    Rol,
    gezag_met,
    heeft_recht,
    ouder_mag,
    rollen_met,
)

if TYPE_CHECKING:
    from accounts.rolcontext import Rolcontext

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


class _Elk:
    """No restriction on the organisation (see `Gronden.met`)."""


ELKE_ORGANISATIE = _Elk()


@dataclass(frozen=True)
class Gronden:
    """The memberships a user acts in right now, and whether their custody counts.

    In a request the user acts in one role at a time (chosen in the header, see
    accounts/rolcontext.py, attached by `RolcontextMiddleware`): only that role's reach
    applies, so a coördinator who is also a parent sees her school's pupils as
    coördinator and only her own child as parent. That membership was read with the role
    context, once per request, so asking the grounds costs no query. Outside a request
    (services, commands) every ground counts and they are read afresh on every call.
    """

    leden: tuple[Lidmaatschap, ...]  # with their organisation loaded
    met_gezag: bool
    rolcontext: Rolcontext | None = None

    def met(
        self,
        *rechten: Recht,
        bereik: Bereik | None = None,
        organisatie_id: int | _Elk | None = ELKE_ORGANISATIE,
    ) -> list[Lidmaatschap]:
        """The memberships with any of these capabilities, this reach, at this organisation."""
        return [
            lid
            for lid in self.leden
            if (not rechten or any(heeft_recht(lid.rol, recht) for recht in rechten))
            and (bereik is None or ROLLEN[Rol(lid.rol)].bereik == bereik)
            and (organisatie_id is ELKE_ORGANISATIE or lid.organisatie_id == organisatie_id)
        ]

    def organisatie_ids(self, *rechten: Recht, bereik: Bereik | None = None) -> list[int]:
        """The organisations of those memberships, as literal ids for a filter."""
        return sorted({lid.organisatie_id for lid in self.met(*rechten, bereik=bereik)})

    @property
    def bereiken(self) -> set[Bereik]:
        return {ROLLEN[Rol(lid.rol)].bereik for lid in self.leden}

    def onthoud(self, sleutel: str, bereken: Callable[[], Any]) -> Any:
        """Once per request in a request; outside a request every call reads afresh."""
        if self.rolcontext is None:
            return bereken()
        return self.rolcontext.onthoud(sleutel, bereken)


GEEN_GRONDEN = Gronden((), False)


def gronden(user: User) -> Gronden:
    """The user's grounds right now (see `Gronden`)."""
    if not _user_ok(user):
        return GEEN_GRONDEN
    rolcontext = getattr(user, "samenplan_rolcontext", None)
    if rolcontext is None:
        leden = tuple(Lidmaatschap.objects.filter(user=user).select_related("organisatie"))
        return Gronden(leden, True)
    lid = rolcontext.lidmaatschap
    return Gronden((lid,) if lid is not None else (), rolcontext.is_ouder, rolcontext)


class _Voorgelezen(QuerySet):
    """The active memberships as a QuerySet, already read with the role context: iterating,
    `exists()`, `first()` and `select_related("organisatie")` answer from memory; any
    other chained method (`filter`, `values`) is an ordinary query."""

    def select_related(self, *fields):
        if self._result_cache is not None and set(fields) <= {"organisatie"}:
            return self
        return super().select_related(*fields)


def actieve_lidmaatschappen(user: User) -> tuple[QuerySet, bool]:
    """The memberships a user acts in right now as a QuerySet, and whether they act as a
    parent. Prefer `gronden(user)`, which answers from memory: in a request this
    QuerySet does too, until a `.filter()` on it asks the database again."""
    if not _user_ok(user):
        return Lidmaatschap.objects.none(), False
    rolcontext = getattr(user, "samenplan_rolcontext", None)
    if rolcontext is None:
        return Lidmaatschap.objects.filter(user=user), True
    g = gronden(user)
    if not g.leden:
        return Lidmaatschap.objects.none(), g.met_gezag
    lidmaatschappen = _Voorgelezen(model=Lidmaatschap).filter(user=user, pk=g.leden[0].pk)
    lidmaatschappen._result_cache = list(g.leden)
    lidmaatschappen._prefetch_done = True
    return lidmaatschappen, g.met_gezag


def gezagen(user: User) -> dict[int, bool]:
    """The pupils whose custody counts for the user right now: pupil id -> legal custody
    (`Gezag.heeft_gezag`). Empty unless acting as a parent. Read with the role context
    in a request, so asking it per row of a list costs nothing."""
    g = gronden(user)
    if not g.met_gezag:
        return {}
    if g.rolcontext is not None:
        return g.rolcontext.gezagen
    return dict(Gezag.objects.filter(ouder=user).values_list("leerling_id", "heeft_gezag"))


def kinderen_met(user: User, recht: Ouderrecht) -> set[int]:
    """The pupils for whom the user, acting as a parent, holds this right: custody decides
    (`OUDERRECHTEN` in accounts/rollen.py). Empty unless acting as a parent."""
    return {pk for pk, gezag in gezagen(user).items() if ouder_mag(gezag, recht)}


def mentor_ids(user: User) -> set[int]:
    """The pupils the user is mentor of (once per request)."""
    g = gronden(user)
    return g.onthoud(
        "mentor_ids",
        lambda: set(
            Leerling.mentoren.through.objects.filter(user=user).values_list(
                "leerling_id", flat=True
            )
        ),
    )


def _kinderen(user: User, g: Gronden, ouderrecht: Ouderrecht) -> list[int] | QuerySet:
    """The children whose custody gives this right (in a request as literal ids)."""
    if g.rolcontext is not None:
        return sorted(kinderen_met(user, ouderrecht))
    return Gezag.objects.filter(ouder=user, heeft_gezag__in=gezag_met(ouderrecht)).values(
        "leerling_id"
    )


def leerlingen_for_user(
    user: User,
    queryset: QuerySet | None = None,
    *,
    ouderrecht: Ouderrecht = Ouderrecht.INFORMATIE,
) -> QuerySet:
    """All pupils the user may see in their current role.

    Only the branches of the active role's reach are emitted, with its organisations as
    literal ids (`school_id IN (7)`), so the database uses the index on the pupil's school
    instead of scanning every pupil of the region for an OR of subselects.

    A parent sees a child whose custody gives `ouderrecht`: any child for its name and
    school (`INFORMATIE`), only a child in their custody for its file (`DOSSIER`, see
    `dossiers_for_user`).
    """
    queryset = Leerling.objects.all() if queryset is None else queryset
    g = gronden(user)
    reach = Q()
    eigen_school = g.organisatie_ids(bereik=Bereik.EIGEN_SCHOOL)
    if eigen_school:
        # After uitschrijving the school's staff read the old dossier for the retention
        # term; a mentor's reach ends on the day itself (docs/overstap.md).
        reach |= Q(school_id__in=eigen_school) & school_leest_q()
    mentor_scholen = g.organisatie_ids(bereik=Bereik.EIGEN_LEERLINGEN)
    if mentor_scholen:
        mentor_van = (
            sorted(mentor_ids(user))
            if g.rolcontext is not None
            else Leerling.mentoren.through.objects.filter(user=user).values("leerling_id")
        )
        reach |= Q(school_id__in=mentor_scholen, pk__in=mentor_van) & ingeschreven_q()
    # In a request the mentor's pupils and the custody rows are read once (with the role
    # context), so they go in as literal ids too; outside a request as subselects.
    if g.met_gezag:
        reach |= Q(pk__in=_kinderen(user, g, ouderrecht))
    if g.met(bereik=Bereik.MET_TOESTEMMING):
        reach |= Q(
            pk__in=LeerlingUserObjectPermission.objects.filter(
                user=user, permission__codename="view_leerling"
            ).values("content_object_id")
        )
    if not reach:
        return queryset.none()
    return queryset.filter(reach)


def can_view_leerling(user: User, leerling: Leerling) -> bool:
    return leerlingen_for_user(user).filter(pk=leerling.pk).exists()


# A pupil's file, and a parent without custody (BW 1:377c, docs/rollen.md "Ouders") -------


def dossiers_for_user(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """The pupils whose file the user reads: their reach, except the children of whom they
    are a parent without custody (who hear about important matters, not the file)."""
    return leerlingen_for_user(user, queryset, ouderrecht=Ouderrecht.DOSSIER)


def leest_dossier(user: User, leerling: Leerling) -> bool:
    return dossiers_for_user(user).filter(pk=leerling.pk).exists()


def get_dossier_for_user(user: User, queryset: QuerySet, **lookup) -> Leerling:
    """`get_object_for_user` for a page of the file: 404 for a parent without custody."""
    try:
        return dossiers_for_user(user, queryset).get(**lookup)
    except (Leerling.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Niet gevonden.") from exc


def alleen_informatie(user: User, leerling: Leerling) -> bool:
    """Does the user see this pupil only as a parent without custody? Then the pupil page
    shows the information of BW 1:377c instead of the file."""
    kinderen = gezagen(user)
    if leerling.pk not in kinderen or ouder_mag(kinderen[leerling.pk], Ouderrecht.DOSSIER):
        return False
    return not leest_dossier(user, leerling)  # outside a request a role may still reach it


class Toegangsgronden:
    """Resolves, for many pupils at once, the membership (or custody) giving access.

    Loads the user's grounds (in their current role, see `Gronden`) in a fixed number
    of queries, so logging a list of pupils costs the same as logging one. Pass the
    pupils (`leerlingen`) to read the object permissions of those pupils only.

    `aanvullend` is an extra ground a view passes explicitly for pupils it shows under
    a rule of its own (e.g. leerplicht's thuiszittersregister, see fasenmodel/
    permissions.py); it is asked only when none of the user's normal grounds applies.
    """

    def __init__(
        self,
        user: User,
        aanvullend: Callable[[Leerling], Toegangsgrond | None] | None = None,
        leerlingen: Collection[Leerling] | None = None,
    ):
        self.user = user
        self.aanvullend = aanvullend
        self.lidmaatschappen: list[Lidmaatschap] = []
        self.mentor_ids: set[int] = set()
        self.objectrecht_ids: set[int] = set()
        self.kind_ids: set[int] = set()
        if not _user_ok(user):
            return
        g = gronden(user)
        self.lidmaatschappen = list(g.leden)
        if Bereik.EIGEN_LEERLINGEN in g.bereiken:
            self.mentor_ids = mentor_ids(user)
        if Bereik.MET_TOESTEMMING in g.bereiken:
            rechten = LeerlingUserObjectPermission.objects.filter(
                user=user, permission__codename="view_leerling"
            )
            if leerlingen is not None:
                rechten = rechten.filter(content_object_id__in=[lln.pk for lln in leerlingen])
            self.objectrecht_ids = set(rechten.values_list("content_object_id", flat=True))
        if g.met_gezag:
            self.kind_ids = set(gezagen(user))

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
    return ROLLEN[Rol(rol)].bereik != Bereik.EIGEN_LEERLINGEN or leerling.pk in mentor_ids(user)


def can_search_toegangslog(user: User) -> bool:
    """The beheerder searches the access log; it holds no case content itself."""
    return has_recht(user, Recht.TOEGANGSLOG_DOORZOEKEN)


# Management of organisations (see docs/beheer.md) ---------------------------------------


def beheerde_organisatie(user: User):
    """The organisation this user manages in their current role, or None.

    Only the organisation's own beheerder (schoolbeheerder) manages its people, roles and
    pupil imports; the region's beheerder does not.
    """
    leden = gronden(user).met(Recht.ORGANISATIE_BEHEREN)
    return leden[0].organisatie if leden else None


def is_regiobeheerder(user: User) -> bool:
    """The region's beheerder, acting in that role right now."""
    return bool(gronden(user).met(Recht.REGIO_BEHEREN))


# Moves between schools (see docs/overstap.md) --------------------------------------------

OVERSTAP_LABEL = " (overstappen)"


def _overstap_leden(user: User) -> tuple[Lidmaatschap | None, dict[int, Lidmaatschap]]:
    """Leerplicht (the whole region) and the SWV's consulenten (their SWV's schools)."""
    g = gronden(user)
    leerplicht = next(iter(g.met(Recht.REGIO_OVERZIEN)), None)
    swv = {lid.organisatie_id: lid for lid in g.met(Recht.SWV_OVERZIEN)}
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
