"""What one user may do with one OPP (on top of accounts.permissions).

Reach follows the pupil. Inside it: school staff and parents read the OPP; outside
parties read it only with the parents' consent for OPP inzage. The school's
coördinator edits and sends for signature; each signer signs only their own request.
Which roles read as the school, edit, or sign for it is the capability table in
accounts/rollen.py (`Recht.OPP_*`); a mentor reads only the own pupils' OPP.

A pupil who moved school takes the OPP along once the parents agree; the old school
keeps reading the versions it fixed itself (its own record), for the retention term,
and nothing written after the move (docs/overstap.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import F, Q

from accounts.models import Informatiesoort, Leerling, User
from accounts.permissions import (
    Gronden,
    Toegangsgrond,
    gezagen,
    gronden,
    is_eigen_leerling,
    school_leest,
    school_leest_q,
    schrijft_voor_school,
)
from accounts.rollen import (
    ROLLEN,
    Bereik,
    Ouderrecht,
    Recht,
    Rol,
    heeft_recht,
    ouder_mag,
    rollen_met,
)
from accounts.toestemming import Toestemmingen
from opp.models import Gezinsplan, Opp

# Who signs for the school: coördinator or director (docs/opp.md, "Signing"), as the
# table in accounts/rollen.py says.
TEKENEN_NAMENS_SCHOOL = rollen_met(Recht.OPP_ONDERTEKENEN_SCHOOL)


@dataclass
class OppRechten:
    lezen: bool = False
    bewerken: bool = False
    ouder: bool = False
    ouder_met_gezag: bool = False
    school: bool = False
    extern: bool = False
    vorige_school: bool = False  # reads a version it fixed before the pupil moved on


def rechten_voor(user: User, opp: Opp) -> OppRechten:
    return _rechten(user, [opp])[0]


def rechten_voor_opps(
    user: User, opps: Iterable[Opp], gelezen: dict[int, Toestemmingen] | None = None
) -> dict[int, OppRechten]:
    """`rechten_voor` for a list of OPPs (their pupils loaded) in a fixed number of
    queries: the consent of all their pupils at once, for outsiders (OPP id -> rights).
    `gelezen`: consent a page already read (pupil id -> Toestemmingen), not read again."""
    opps = list(opps)
    rechten = _rechten(user, opps, gelezen or {})
    return {opp.pk: r for opp, r in zip(opps, rechten, strict=True)}


def _rechten(
    user: User, opps: list[Opp], gelezen: dict[int, Toestemmingen] | None = None
) -> list[OppRechten]:
    g = gronden(user)
    kinderen = gezagen(user) if g.met_gezag else {}
    extern = any(ROLLEN[Rol(lid.rol)].bereik == Bereik.MET_TOESTEMMING for lid in g.leden)
    toestemmingen = dict(gelezen or {})
    if extern:
        toestemmingen |= Toestemmingen.voor_leerlingen(
            o.leerling for o in opps if o.leerling_id not in toestemmingen
        )
    uitkomst = []
    for opp in opps:
        rechten = OppRechten()
        leerling = opp.leerling
        if leerling.pk in kinderen:
            # A parent without custody reads no OPP (BW 1:377c; docs/rollen.md, "Ouders").
            rechten.ouder = ouder_mag(kinderen[leerling.pk], Ouderrecht.DOSSIER)
            rechten.ouder_met_gezag = ouder_mag(kinderen[leerling.pk], Ouderrecht.BESLISSEN)
        for lid in g.leden:
            rol = Rol(lid.rol)
            if heeft_recht(rol, Recht.OPP_INZIEN) and lid.organisatie_id == leerling.school_id:
                if not is_eigen_leerling(rol, leerling, user):
                    continue
                rechten.school = True
                rechten.bewerken |= heeft_recht(rol, Recht.OPP_BEWERKEN)
            elif ROLLEN[rol].bereik == Bereik.MET_TOESTEMMING and toestemmingen[leerling.pk].dekt(
                Informatiesoort.OPP_INZAGE, user.pk, lid.organisatie_id
            ):
                rechten.extern = True
        if not (rechten.school or rechten.ouder or rechten.extern):
            rechten.vorige_school = _eigen_versie_van_vorige_school(g, opp)
        rechten.lezen = rechten.school or rechten.ouder or rechten.extern or rechten.vorige_school
        # After uitschrijving the old school reads its own record only (docs/overstap.md).
        rechten.bewerken &= schrijft_voor_school(leerling)
        uitkomst.append(rechten)
    return uitkomst


# The old school's own versions after a move (docs/overstap.md) ---------------------------

VASTGESTELD = [Opp.Status.VASTGESTELD, Opp.Status.VERVANGEN]
VORIGE_SCHOOL_LABEL = " (eigen OPP, leerling overgestapt)"


def _eigen_versie_van_vorige_school(g: Gronden, opp: Opp) -> bool:
    vorige = opp.leerling.vorige
    return bool(
        opp.status in VASTGESTELD
        and vorige is not None
        and vorige.school_id == opp.school_id
        and opp.leerling.school_id != opp.school_id
        and school_leest(vorige)
        and bool(g.met(bereik=Bereik.EIGEN_SCHOOL, organisatie_id=opp.school_id))
    )


def vorige_school_q(user: User) -> Q:
    """The versions a user's school fixed for a pupil who then moved on, as a filter."""
    scholen = gronden(user).organisatie_ids(bereik=Bereik.EIGEN_SCHOOL)
    return (
        Q(school__in=scholen, status__in=VASTGESTELD, leerling__vorige__school=F("school"))
        & ~Q(leerling__school=F("school"))
        & school_leest_q("leerling__vorige__")
    )


def vorige_school_grond(
    user: User, opp: Opp, rechten: OppRechten
) -> Callable[[Leerling], Toegangsgrond | None] | None:
    """The access-log ground for the old school reading its own version."""
    if not rechten.vorige_school:
        return None
    leden = gronden(user).met(bereik=Bereik.EIGEN_SCHOOL, organisatie_id=opp.school_id)
    lid = leden[0] if leden else None

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        if lid is None or leerling.pk != opp.leerling_id:
            return None
        return Toegangsgrond(lid.organisatie_id, lid.get_rol_display() + VORIGE_SCHOOL_LABEL)

    return grond


# The gezinsplan (docs/opp.md, "Gezinsplan") ---------------------------------------------


def gezinsplan_gedeeld(
    user: User,
    leerling: Leerling,
    *,
    eigenaar_id: int | None = None,
    gelezen: Callable[[], Toestemmingen] | None = None,
) -> bool:
    """May this user see the pupil's gezinsplan (the plan itself or an OPP attachment
    marked as gezinsplan or perspectiefplan)?

    Holland Rijnland Methode, stap 2: "de medewerker toegang/medewerker wijkteam vraagt
    ouders toestemming om informatie met school te delen". So: the parents with custody
    (it is their plan), whoever works for the organisation that drew it up with the right
    to draft one, and anyone else, school staff included, only when the parents' consent
    of the kind *het gezinsplan* covers them or their organisation. The caller has already
    checked reach of the pupil (or of the OPP); this only narrows it. `gelezen` reads the
    consent from rows a page has (called only when needed).
    """
    g = gronden(user)
    if g.met_gezag:
        kinderen = gezagen(user)
        if leerling.pk in kinderen and ouder_mag(kinderen[leerling.pk], Ouderrecht.DOSSIER):
            return True
    if not g.leden:
        return False
    if eigenaar_id is not None and any(
        lid.organisatie_id == eigenaar_id and heeft_recht(lid.rol, Recht.GEZINSPLAN_OPSTELLEN)
        for lid in g.leden
    ):
        return True
    toestemmingen = gelezen() if gelezen else Toestemmingen(leerling)
    return any(
        toestemmingen.dekt(Informatiesoort.GEZINSPLAN, user.pk, lid.organisatie_id)
        for lid in g.leden
        if ROLLEN[Rol(lid.rol)].bereik != Bereik.GEEN
    )


@dataclass
class GezinsplanRechten:
    lezen: bool = False
    bewerken: bool = False


def gezinsplan_rechten(user: User, plan: Gezinsplan) -> GezinsplanRechten:
    """The organisation that drew the plan up keeps it; others read it as
    `gezinsplan_gedeeld` says (the pupil within reach is checked by the caller)."""
    bewerken = bool(
        gronden(user).met(Recht.GEZINSPLAN_OPSTELLEN, organisatie_id=plan.organisatie_id)
    )
    lezen = bewerken or gezinsplan_gedeeld(user, plan.leerling, eigenaar_id=plan.organisatie_id)
    return GezinsplanRechten(lezen=lezen, bewerken=bewerken)


def gezinsplan_opstellers(user: User) -> list:
    """The memberships in which this user may draw up a gezinsplan."""
    return gronden(user).met(Recht.GEZINSPLAN_OPSTELLEN)
