"""Who sees and does what with TLV requests.

- The school: the coördinator and the director of the pupil's school (their own
  requests); the coördinator prepares and submits.
- The SWV: its consulenten, for requests of schools that belong to that SWV only. They
  reach these pupils without the parents' consent elsewhere, so TLV views log them
  under the explicit ground `tlv_gronden()`.
- Parents with custody see their child's request and decision (a parent without custody
  hears of the decision on the child's page, docs/rollen.md).
Nobody else; everything outside reach answers 404. Which roles are the school's side,
prepare a request and decide as the SWV is the capability table in accounts/rollen.py
(`Recht.TLV_INZIEN`, `TLV_AANVRAGEN`, `TLV_BESLUITEN`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Gezag, Leerling, Lidmaatschap, User
from accounts.permissions import (
    Toegangsgrond,
    actieve_lidmaatschappen,
    school_leest_q,
    schrijft_voor_school,
)
from accounts.rollen import Ouderrecht, Recht, gezag_met, heeft_recht

TLV_GROND = "Consulent SWV (TLV-aanvraag)"


@dataclass(frozen=True)
class Bereik:
    school_ids: frozenset[int]
    coordinator_school_ids: frozenset[int]
    swv_leden: dict[int, Lidmaatschap]
    met_gezag: bool

    @property
    def swv_ids(self) -> set[int]:
        return set(self.swv_leden)


def bereik(user: User) -> Bereik:
    lidmaatschappen, met_gezag = actieve_lidmaatschappen(user)
    leden = list(lidmaatschappen)
    return Bereik(
        school_ids=frozenset(
            lid.organisatie_id for lid in leden if heeft_recht(lid.rol, Recht.TLV_INZIEN)
        ),
        coordinator_school_ids=frozenset(
            lid.organisatie_id for lid in leden if heeft_recht(lid.rol, Recht.TLV_AANVRAGEN)
        ),
        swv_leden={
            lid.organisatie_id: lid for lid in leden if heeft_recht(lid.rol, Recht.TLV_BESLUITEN)
        },
        met_gezag=met_gezag,
    )


def _swv_q(swv_ids: Collection[int]) -> Q:
    """The SWV sees a request once the school has submitted it, never the school's draft:
    not in a list, not in a count (docs/tlv.md)."""
    return Q(swv_id__in=swv_ids) & ~Q(status="concept")


def swv_aanvragen(user: User, queryset: QuerySet) -> QuerySet:
    """The requests of the consulent's own SWV as the SWV sees them (its overview)."""
    return queryset.filter(_swv_q(bereik(user).swv_ids))


def aanvragen_for_user(user: User, queryset: QuerySet) -> QuerySet:
    b = bereik(user)
    # The school reads its requests for the retention term after the pupil left.
    reach = (Q(school_id__in=b.school_ids) & school_leest_q("leerling__")) | _swv_q(b.swv_ids)
    if b.met_gezag:
        reach |= Q(leerling__in=_kinderen(user).values("leerling_id"))
    if not (b.school_ids or b.swv_ids or b.met_gezag):
        return queryset.none()
    return queryset.filter(reach)


def _kinderen(user: User) -> QuerySet:
    """The custody rows that let a parent read the child's requests: not those of a parent
    without custody, who hears of a decision on the child's page (docs/rollen.md)."""
    return Gezag.objects.filter(ouder=user, heeft_gezag__in=gezag_met(Ouderrecht.DOSSIER))


@dataclass(frozen=True)
class TlvRechten:
    school: bool = False
    bewerken: bool = False  # the coördinator of the pupil's school
    swv: bool = False
    ouder: bool = False


def rechten_voor_aanvraag(user: User, aanvraag) -> TlvRechten:
    b = bereik(user)
    return TlvRechten(
        school=aanvraag.school_id in b.school_ids,
        bewerken=aanvraag.school_id in b.coordinator_school_ids
        and schrijft_voor_school(aanvraag.leerling),
        swv=aanvraag.swv_id in b.swv_ids,
        ouder=b.met_gezag and _kinderen(user).filter(leerling_id=aanvraag.leerling_id).exists(),
    )


def mag_tlv_aanvragen(user: User, leerling: Leerling) -> bool:
    return leerling.school_id in bereik(user).coordinator_school_ids and schrijft_voor_school(
        leerling
    )


def is_swv(user: User) -> bool:
    return bool(bereik(user).swv_ids)


def tlv_gronden(
    user: User, leerling_ids: Collection[int] | None = None
) -> Callable[[Leerling], Toegangsgrond | None]:
    """The access-log ground for a consulent who sees pupils of their SWV's schools.

    Only pass for pupils shown because of a TLV request the user may see. With
    `leerling_ids` (the pupils about to be logged) only their requests are read.
    """
    from arrangeren.tlv.models import TlvAanvraag

    b = bereik(user)
    per_leerling: dict[int, list[tuple[int, int]]] = {}
    if b.swv_ids or b.school_ids:
        aanvragen = aanvragen_for_user(user, TlvAanvraag.objects.all())
        if leerling_ids is not None:
            aanvragen = aanvragen.filter(leerling_id__in=leerling_ids)
        # From the requests themselves, not the pupil's current school: a pupil may have
        # moved (that is what a TLV is for) and the request stays within reach.
        for leerling_id, school_id, swv_id in aanvragen.values_list(
            "leerling_id", "school_id", "swv_id"
        ):
            per_leerling.setdefault(leerling_id, []).append((school_id, swv_id))

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        for school_id, swv_id in per_leerling.get(leerling.pk, []):
            lid = b.swv_leden.get(swv_id)
            if lid:
                return Toegangsgrond(lid.organisatie_id, TLV_GROND)
            if school_id in b.school_ids:
                return Toegangsgrond(school_id, "School (TLV-aanvraag)")
        return None

    return grond
