"""What one user may see and do inside one traject (on top of accounts.permissions).

Reach of the traject itself follows the pupil (`Traject.objects.for_user`). Inside it:
school staff and parents see the whole route; outside parties see only what consent
covers (an MDO they are invited to, its documents, the final report of a meeting they
attended); a member of the school's staff whose reach does not cover the pupil (a teacher,
not its mentor) sees only the MDO she is invited to and its final report. Editing is for
the school's coördinator and the party holding regie.

Which roles follow, open and edit a traject is the capability table in accounts/rollen.py
(`Recht.TRAJECT_*`); a role acts for the kind of organisation its row names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from accounts.models import Informatiesoort, Leerling, Lidmaatschap, User
from accounts.permissions import (
    Toegangsgrond,
    gronden,
    is_eigen_leerling,
    kinderen_met,
    schrijft_voor_school,
)
from accounts.rollen import ROLLEN, Bereik, Ouderrecht, Recht, Rol, heeft_recht
from accounts.toestemming import Toestemmingen
from arrangeren.route.models import Genodigde, Mdo, Mdoverslag, Traject


def namens_eigen_soort(lid: Lidmaatschap, recht: Recht) -> bool:
    """The membership's role has this right and is held at a kind of organisation its row
    in accounts/rollen.py names (the coördinator at a school, the jeugdteam at a
    jeugdteam): regie per kind of organisation."""
    return heeft_recht(lid.rol, recht) and lid.organisatie.soort in ROLLEN[Rol(lid.rol)].soorten


def opent_traject(lid: Lidmaatschap | None) -> bool:
    """Who opens a traject: the school's coördinator, or the jeugdteam when the signal came
    from outside school (docs/route.md); the service checks the rest."""
    return lid is not None and (
        namens_eigen_soort(lid, Recht.TRAJECT_OPENEN)
        or namens_eigen_soort(lid, Recht.TRAJECT_OPENEN_BUITEN_SCHOOL)
    )


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
    # The pupil's consent as read for an outsider's rights (None for the school and
    # parents), so a page that needs it again does not read it twice.
    toestemmingen: Toestemmingen | None = None
    # A member of the pupil's school whose reach does not cover the pupil (a teacher who is
    # not its mentor): she opens the meetings she is invited to, and their final report,
    # nothing else of the traject (issue 15: invitees are people who can open the meeting).
    schoollid: Lidmaatschap | None = None

    @property
    def intern(self) -> bool:
        """School staff and parents follow every step; outside parties do not."""
        return self.school or self.ouder or self.bewerken

    @property
    def extern(self) -> bool:
        return self.extern_organisatie_id is not None and not self.bewerken

    def genodigd(self, mdo: Mdo) -> Genodigde | None:
        return next((g for g in mdo.genodigden.all() if g.user_id == self.user.pk), None)

    def _als_genodigde(self, soort: str) -> bool:
        """An invitee sees what the invitation opens: staff of the pupil's school by the
        invitation itself, outsiders with the parents' consent of this kind."""
        return self.schoollid is not None or soort in self.soorten

    def ziet_mdo(self, mdo: Mdo) -> bool:
        if self.intern:
            return True
        return self._als_genodigde(Informatiesoort.MDO_DEELNAME) and self.genodigd(mdo) is not None

    def ziet_uitnodiging(self, genodigde: Genodigde) -> bool:
        """`ziet_mdo` for the MDO of one of this user's own invitations, without reading
        the MDO's other invitations (the work list asks it for many at once)."""
        if self.intern:
            return True
        return (
            self._als_genodigde(Informatiesoort.MDO_DEELNAME) and genodigde.user_id == self.user.pk
        )

    def ziet_stukken(self, mdo: Mdo) -> bool:
        if self.intern:
            return True
        return (
            self._als_genodigde(Informatiesoort.VOORBEREIDINGSSTUKKEN)
            and self.genodigd(mdo) is not None
        )

    def ziet_verslag(self, verslag: Mdoverslag) -> bool:
        if verslag.is_concept:
            return self.school or self.bewerken
        if self.intern:
            return True
        genodigde = self.genodigd(verslag.mdo)
        if genodigde is None:
            return False
        if self.schoollid is not None:
            return True  # staff of the school: as the school, every final report
        return (
            Informatiesoort.MDO_DEELNAME in self.soorten and genodigde in verslag.aanwezigen.all()
        )

    @property
    def ziet_voortgang(self) -> bool:
        """Progress notes (step 7) are read by whoever may write them: school staff,
        parents, and outsiders with the parents' consent to take part in the MDO; consent
        of another kind alone (the gezinsplan, say) opens no route content."""
        return self.intern or Informatiesoort.MDO_DEELNAME in self.soorten

    @property
    def schrijft_voortgang(self) -> bool:
        """Step 7: those carrying out the arrangement report progress (outsiders: with
        the parents' consent to take part in the MDO)."""
        if self.alleen_lezen:
            return False
        return self.bewerken or self.school or Informatiesoort.MDO_DEELNAME in self.soorten


def genodigdengrond(rechten: TrajectRechten) -> Callable[[Leerling], Toegangsgrond | None]:
    """The access log's ground for a member of the school invited to the meeting without
    reach of the pupil (`TrajectRechten.schoollid`): her membership, as invitee."""
    lid = rechten.schoollid

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        if lid is None or leerling.pk != rechten.traject.leerling_id:
            return None
        return Toegangsgrond(lid.organisatie_id, f"{lid.get_rol_display()} (genodigde MDO)")

    return grond


def jeugdteam_met_toestemming(rechten: TrajectRechten) -> bool:
    """The medewerker jeugdteam involved with the parents' consent."""
    return heeft_recht(rechten.extern_rol, Recht.JEUGDHULP_REGISTREREN) and bool(rechten.soorten)


def rechten_voor(user: User, traject: Traject) -> TrajectRechten:
    return _rechten(user, [traject])[0]


def rechten_voor_trajecten(user: User, trajecten: Iterable[Traject]) -> dict[int, TrajectRechten]:
    """`rechten_voor` for a list of trajecten (their pupils loaded) in a fixed number of
    queries: the consent of all their pupils at once, for outsiders (traject id -> rights).
    """
    trajecten = list(trajecten)
    return {
        traject.pk: rechten
        for traject, rechten in zip(trajecten, _rechten(user, trajecten), strict=True)
    }


def _rechten(user: User, trajecten: list[Traject]) -> list[TrajectRechten]:
    g = gronden(user)
    # A parent without custody reads no file (BW 1:377c; docs/rollen.md, "Ouders").
    kinderen = kinderen_met(user, Ouderrecht.DOSSIER) if g.met_gezag else set()
    extern = [lid for lid in g.leden if ROLLEN[Rol(lid.rol)].bereik == Bereik.MET_TOESTEMMING]
    toestemmingen = Toestemmingen.voor_leerlingen(t.leerling for t in trajecten) if extern else {}
    uitkomst = []
    for traject in trajecten:
        rechten = TrajectRechten(traject=traject, user=user)
        leerling = traject.leerling
        rechten.ouder = g.met_gezag and leerling.pk in kinderen
        for lid in g.leden:
            _lid_rechten(rechten, lid, user)
        if rechten.extern_organisatie_id is not None:
            rechten.toestemmingen = toestemmingen[leerling.pk]
            rechten.soorten = rechten.toestemmingen.soorten(
                user.pk, [rechten.extern_organisatie_id]
            )
            if rechten.bewerken and Informatiesoort.MDO_DEELNAME not in rechten.soorten:
                # Regie with the jeugdteam still needs the parents' consent to take part.
                rechten.bewerken = False
        if not schrijft_voor_school(leerling):
            rechten.alleen_lezen = True
            rechten.bewerken = False
            rechten.schoollid = None  # a mentor's reach ends on the day itself too
        if rechten.intern:
            rechten.schoollid = None
        uitkomst.append(rechten)
    return uitkomst


def _lid_rechten(rechten: TrajectRechten, lid: Lidmaatschap, user: User) -> None:
    """What one membership adds to the rights in one traject."""
    traject, leerling = rechten.traject, rechten.traject.leerling
    rol = Rol(lid.rol)
    if heeft_recht(rol, Recht.TRAJECT_VOLGEN) and lid.organisatie_id == leerling.school_id:
        if not is_eigen_leerling(rol, leerling, user):
            rechten.schoollid = lid
            return
        rechten.school = True
    if namens_eigen_soort(lid, Recht.TRAJECT_BEWERKEN) and (
        lid.organisatie_id in (leerling.school_id, traject.regievoerder_id)
    ):
        rechten.bewerken = True
    if ROLLEN[rol].bereik == Bereik.MET_TOESTEMMING:
        rechten.extern_organisatie_id = lid.organisatie_id
        rechten.extern_rol = rol
