"""What one user may see and do inside one traject (on top of accounts.permissions).

Reach of the traject itself follows the pupil (`Traject.objects.for_user`). Inside it:
school staff and parents see the whole route; outside parties see only what consent
covers (an MDO they are invited to, its documents, the final report of a meeting they
attended). Editing is for the school's coördinator and the party holding regie.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import Gezag, Informatiesoort, User
from accounts.permissions import actieve_lidmaatschappen, schrijft_voor_school
from accounts.rollen import ROLLEN, Bereik, Rol, Soort
from accounts.toestemming import Toestemmingen
from arrangeren.route.models import Genodigde, Mdo, Mdoverslag, Traject

SCHOOLROLLEN = {Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR, Rol.LEERKRACHT}
# Who edits a traject: the school's coördinator, or the jeugdteam when it holds regie.
BEWERKROLLEN = {
    Rol.ONDERSTEUNINGSCOORDINATOR: Soort.SCHOOL,
    Rol.MEDEWERKER_JEUGDTEAM: Soort.JEUGDTEAM,
}


@dataclass
class TrajectRechten:
    traject: Traject
    user: User
    school: bool = False
    ouder: bool = False
    bewerken: bool = False
    extern_organisatie_id: int | None = None
    extern_rol: str | None = None
    soorten: set[str] = field(default_factory=set)
    # The pupil left the school (docs/overstap.md): the traject is read-only for all.
    alleen_lezen: bool = False

    @property
    def intern(self) -> bool:
        """School staff and parents follow every step; outside parties do not."""
        return self.school or self.ouder or self.bewerken

    @property
    def extern(self) -> bool:
        return self.extern_organisatie_id is not None and not self.bewerken

    def genodigd(self, mdo: Mdo) -> Genodigde | None:
        return next((g for g in mdo.genodigden.all() if g.user_id == self.user.pk), None)

    def ziet_mdo(self, mdo: Mdo) -> bool:
        if self.intern:
            return True
        return Informatiesoort.MDO_DEELNAME in self.soorten and self.genodigd(mdo) is not None

    def ziet_stukken(self, mdo: Mdo) -> bool:
        if self.intern:
            return True
        return (
            Informatiesoort.VOORBEREIDINGSSTUKKEN in self.soorten and self.genodigd(mdo) is not None
        )

    def ziet_verslag(self, verslag: Mdoverslag) -> bool:
        if verslag.is_concept:
            return self.school or self.bewerken
        if self.intern:
            return True
        genodigde = self.genodigd(verslag.mdo)
        return (
            Informatiesoort.MDO_DEELNAME in self.soorten
            and genodigde is not None
            and genodigde in verslag.aanwezigen.all()
        )

    @property
    def schrijft_voortgang(self) -> bool:
        """Step 7: those carrying out the arrangement report progress (outsiders: with
        the parents' consent to take part in the MDO)."""
        if self.alleen_lezen:
            return False
        return self.bewerken or self.school or Informatiesoort.MDO_DEELNAME in self.soorten


def jeugdteam_met_toestemming(rechten: TrajectRechten) -> bool:
    """The medewerker jeugdteam involved with the parents' consent."""
    return rechten.extern_rol == Rol.MEDEWERKER_JEUGDTEAM and bool(rechten.soorten)


def rechten_voor(user: User, traject: Traject) -> TrajectRechten:
    rechten = TrajectRechten(traject=traject, user=user)
    leerling = traject.leerling
    lidmaatschappen, met_gezag = actieve_lidmaatschappen(user)
    if met_gezag:
        rechten.ouder = Gezag.objects.filter(ouder=user, leerling=leerling).exists()
    for lid in lidmaatschappen.select_related("organisatie"):
        rol = Rol(lid.rol)
        if rol in SCHOOLROLLEN and lid.organisatie_id == leerling.school_id:
            if rol == Rol.LEERKRACHT and not leerling.mentoren.filter(pk=user.pk).exists():
                continue
            rechten.school = True
        if BEWERKROLLEN.get(rol) == lid.organisatie.soort and (
            lid.organisatie_id in (leerling.school_id, traject.regievoerder_id)
        ):
            rechten.bewerken = True
        if ROLLEN[rol].bereik == Bereik.MET_TOESTEMMING:
            rechten.extern_organisatie_id = lid.organisatie_id
            rechten.extern_rol = rol
    if rechten.extern_organisatie_id is not None:
        rechten.soorten = Toestemmingen(leerling).soorten(user.pk, [rechten.extern_organisatie_id])
        if rechten.bewerken and Informatiesoort.MDO_DEELNAME not in rechten.soorten:
            # Regie with the jeugdteam still needs the parents' consent to take part.
            rechten.bewerken = False
    if not schrijft_voor_school(leerling):
        rechten.alleen_lezen = True
        rechten.bewerken = False
    return rechten
