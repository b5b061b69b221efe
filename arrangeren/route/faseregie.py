"""The fasenmodel meets the traject and the OPP (fasenmodel may import neither).

- The regie per phase (fasenmodel/fasen.py, `Fase.regie_bij`): in phase 4 school and
  jeugdhulp share the regie over the plan, in phases 3 to 1 it lies with the care side.
  The traject page says so while the traject's regievoerder does not match, with the way
  to hand the regie over (`faseregie_context`); the pupil's phase page links to the open
  traject (`trajectlink`, through RouteConfig.traject_voor_fase).
- Phase 4 always has an OPP (Fasenmodel: "Er is altijd sprake van een OPP."): a pupil
  placed there without any OPP is in the work list of the school and of the SWV
  (`zonder_opp`), in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from accounts.models import Leerling, User
from accounts.permissions import Toegangsgrond, actieve_lidmaatschappen
from accounts.rollen import Bereik, Recht, Soort, heeft_recht, rollen_met_bereik
from accounts.werk import Inzage, Werkonderdeel
from arrangeren.route.models import Traject
from fasenmodel.fasen import ALTIJD_OPP, REGIE_BIJ, Regiehouder, fase
from fasenmodel.permissions import scholen_van
from fasenmodel.queries import huidige_plaatsing, huidige_plaatsingen
from opp.models import Opp

# Which kind of regievoerder fits the regie of a phase. A shared regie is either party's.
PASSENDE_REGIE: dict[str, frozenset[str]] = {
    Regiehouder.SCHOOL: frozenset({Soort.SCHOOL}),
    Regiehouder.GEZAMENLIJK: frozenset({Soort.SCHOOL, Soort.JEUGDTEAM}),
    Regiehouder.ZORG: frozenset({Soort.JEUGDTEAM}),
}
ZONDER_OPP_MAX = 25
SWV_LABEL = " (fasenmodel: OZA zonder OPP)"


@dataclass(frozen=True)
class Faseregie:
    fase: int
    regie: str  # where the regie over the plan lies: "bij de zorg"
    voorstel: str  # the handover the phase implies
    past: bool  # the traject's regievoerder fits the phase


def faseregie(traject: Traject) -> Faseregie | None:
    """For an open traject of a pupil in a phase with a regie proposal (phases 4 to 1)."""
    if not traject.is_open:
        return None
    plaatsing = huidige_plaatsing(traject.leerling)
    if plaatsing is None:
        return None
    definitie = fase(plaatsing.fase)
    if definitie.regievoorstel is None:
        return None
    past = traject.regievoerder.soort in PASSENDE_REGIE[definitie.regie_bij]
    return Faseregie(
        definitie.nummer, REGIE_BIJ[definitie.regie_bij], definitie.regievoorstel, past
    )


def faseregie_context(traject: Traject) -> dict:
    return {"faseregie": faseregie(traject)}


def trajectlink(user: User, leerling: Leerling) -> str | None:
    """The pupil's open traject the user may see, where the regie is handed over."""
    traject = Traject.objects.for_user(user).open().filter(leerling=leerling).first()
    return reverse("arrangeren:traject_detail", args=[traject.uuid]) if traject else None


def zonder_opp(user: User) -> tuple[list[Leerling], dict[int, Toegangsgrond]]:
    """Pupils of the user's school(s), or of the SWV's schools, placed in a phase that
    always has an OPP while they have none. Returns the pupils and, for the SWV, the
    ground to log them under (it reaches them through the fasenmodel, not by consent)."""
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    schoolrollen = rollen_met_bereik(Bereik.EIGEN_SCHOOL)
    school_ids = {lid.organisatie_id for lid in lidmaatschappen if lid.rol in schoolrollen}
    swv = {
        lid.organisatie_id: lid
        for lid in lidmaatschappen
        if heeft_recht(lid.rol, Recht.SWV_OVERZIEN)
    }
    if not school_ids and not swv:
        return [], {}
    # The SWV's schools as literal ids, read once per request (fasenmodel.permissions).
    scholen = school_ids | set(scholen_van(user, set(swv)))
    plaatsingen = (
        huidige_plaatsingen()
        .filter(fase__in=ALTIJD_OPP, leerling__school_id__in=scholen)
        .exclude(Exists(Opp.objects.filter(leerling_id=OuterRef("leerling_id"))))
        .select_related("leerling__school")
        .order_by("startdatum", "pk")[:ZONDER_OPP_MAX]
    )
    leerlingen = [p.leerling for p in plaatsingen]
    gronden = {}
    for leerling in leerlingen:
        lid = swv.get(leerling.school.swv_id)
        if lid is not None and leerling.school_id not in school_ids:
            gronden[leerling.pk] = Toegangsgrond(
                lid.organisatie_id, lid.get_rol_display() + SWV_LABEL
            )
    return leerlingen, gronden


def met_zonder_opp(request, onderdeel: Werkonderdeel | None) -> Werkonderdeel | None:
    """Adds `zonder_opp` to the route's part of "Mijn werk"; the SWV's pupils are logged
    under their own ground."""
    leerlingen, gronden = zonder_opp(request.user)
    if not leerlingen:
        return onderdeel
    onderdeel = onderdeel or Werkonderdeel()
    onderdeel.items["zonder_opp"] = leerlingen
    eigen = [leerling for leerling in leerlingen if leerling.pk not in gronden]
    onderdeel.leerlingen = [*onderdeel.leerlingen, *eigen]
    if gronden:
        onderdeel.inzagen = [
            *onderdeel.inzagen,
            Inzage(
                [leerling for leerling in leerlingen if leerling.pk in gronden],
                "Mijn werk: OZA zonder OPP",
                aanvullend=lambda leerling: gronden.get(leerling.pk),
            ),
        ]
    return onderdeel
