"""Whom the MDO planner proposes because the pupil's situation requires them.

The situations: what the school recorded on the traject (`Traject.kenmerken`) and an open
entry in the thuiszitters register of the fasenmodel. The table `betrokkenheid.
VERPLICHT_BETROKKEN` maps them to a party: the SWV's consultants (already in the circle of
`personen.py`), or leerplicht, whose office of the school's municipality joins the circle
only while its involvement is required (docs/route.md, "Required involvement"). Nobody is
invited by this module: the coördinator decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, Q, QuerySet

from accounts.models import Lidmaatschap, Organisatie
from accounts.rollen import Bereik, Soort, rollen_met_bereik
from arrangeren.route.betrokkenheid import VERPLICHT_BETROKKEN, Partij, Situatie, vereist
from arrangeren.route.models import Genodigde, Traject
from fasenmodel.models import Thuiszitter


def open_thuiszitter(traject: Traject) -> QuerySet[Thuiszitter]:
    """The pupil's open entry in the register (read generically: any open entry)."""
    return Thuiszitter.objects.open().filter(leerling_id=traject.leerling_id)


def situaties(traject: Traject) -> set[str]:
    """The situations that play: the traject's kenmerken, and a thuiszitter (one query)."""
    gevonden = set(traject.kenmerken)
    if open_thuiszitter(traject).exists():
        gevonden.add(Situatie.THUISZITTER)
    return gevonden


def leerplichtkantoren(traject: Traject) -> QuerySet[Organisatie]:
    """The leerplicht office of the school's municipality (as `personen._gemeente_q` finds
    it: `Organisatie.gemeente`, or else the municipality with the school's place); where no
    office is tied to that municipality, the regional bureau (RBL) tied to none."""
    school = traject.leerling.school
    kantoren = Organisatie.objects.filter(soort=Soort.LEERPLICHT)
    if school is None:
        return kantoren.none()
    if school.gemeente_id:
        eigen = kantoren.filter(gemeente_id=school.gemeente_id)
    elif school.plaats:
        eigen = kantoren.filter(gemeente__plaats__iexact=school.plaats)
    else:
        eigen = kantoren.none()
    regionaal = kantoren.filter(~Exists(eigen), gemeente__isnull=True)
    return kantoren.filter(Q(pk__in=eigen.values("pk")) | Q(pk__in=regionaal.values("pk")))


def leerplicht_q(traject: Traject) -> Q:
    """The memberships of leerplicht that join the circle while its involvement is
    required: the officers of the office of the school's municipality, no one else."""
    regels = [r for r in VERPLICHT_BETROKKEN if r.partij == Partij.LEERPLICHT]
    if any(r.situatie in traject.kenmerken for r in regels):
        nodig = Q()
    elif any(r.situatie == Situatie.THUISZITTER for r in regels):
        nodig = Q(Exists(open_thuiszitter(traject)))
    else:
        return Q(pk__in=[])
    return (
        nodig
        & Q(organisatie__in=leerplichtkantoren(traject))
        & Q(rol__in=rollen_met_bereik(Bereik.MET_TOESTEMMING))
    )


@dataclass
class Voorstel:
    """One party the situation requires, why, whom of it to invite, and whether it is."""

    partij: Partij
    situaties: list[Situatie]
    leden: list[Lidmaatschap] = field(default_factory=list)
    uitgenodigd: bool = False

    @property
    def reden(self) -> str:
        return ", ".join(Situatie(s).label for s in self.situaties)


def _van_partij(partij: Partij, traject: Traject) -> Q:
    if partij == Partij.SWV:
        swv_id = traject.leerling.school.swv_id if traject.leerling.school else None
        return Q(organisatie_id=swv_id) if swv_id else Q(pk__in=[])
    return leerplicht_q(traject)


def _is_van(partij: Partij, genodigde: Genodigde, traject: Traject) -> bool:
    if genodigde.organisatie is None:
        return False
    if partij == Partij.SWV:
        school = traject.leerling.school
        return school is not None and genodigde.organisatie_id == school.swv_id
    return genodigde.organisatie.soort == Soort.LEERPLICHT


def voorstellen(traject: Traject, genodigden: list[Genodigde]) -> list[Voorstel]:
    """The parties the situation requires, with their people of the circle and whether one
    of them is on the list (`genodigden`: the MDO's, with their organisation). At most two
    queries, however many people or situations."""
    from arrangeren.route.personen import uit_te_nodigen

    partijen = vereist(situaties(traject))
    if not partijen:
        return []
    voorstel = {
        partij: Voorstel(
            partij,
            gevraagd,
            uitgenodigd=any(_is_van(partij, g, traject) for g in genodigden),
        )
        for partij, gevraagd in partijen.items()
    }
    filter_q = Q(pk__in=[])
    for partij in voorstel:
        filter_q |= _van_partij(partij, traject)
    al_genodigd = [g.user_id for g in genodigden if g.user_id]
    leden = uit_te_nodigen().filter(filter_q).exclude(user_id__in=al_genodigd)
    for lid in leden.order_by("user__naam", "pk"):
        partij = Partij.LEERPLICHT if lid.organisatie.soort == Soort.LEERPLICHT else Partij.SWV
        if partij in voorstel:
            voorstel[partij].leden.append(lid)
    return list(voorstel.values())
