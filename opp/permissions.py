"""What one user may do with one OPP (on top of accounts.permissions).

Reach follows the pupil. Inside it: school staff and parents read the OPP; outside
parties read it only with the parents' consent for OPP inzage. The school's
coördinator edits and sends for signature; each signer signs only their own request.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Gezag, Informatiesoort, User
from accounts.permissions import actieve_lidmaatschappen
from accounts.rollen import ROLLEN, Bereik, Rol
from accounts.toestemming import Toestemmingen
from opp.models import Opp

SCHOOLROLLEN = {Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR, Rol.LEERKRACHT}
# Who signs for the school (DOMAIN.md: coördinator or director).
TEKENEN_NAMENS_SCHOOL = {Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR}


@dataclass
class OppRechten:
    lezen: bool = False
    bewerken: bool = False
    ouder: bool = False
    ouder_met_gezag: bool = False
    school: bool = False
    extern: bool = False


def rechten_voor(user: User, opp: Opp) -> OppRechten:
    rechten = OppRechten()
    leerling = opp.leerling
    lidmaatschappen, met_gezag = actieve_lidmaatschappen(user)
    if met_gezag:
        gezag = Gezag.objects.filter(ouder=user, leerling=leerling).first()
        rechten.ouder = gezag is not None
        rechten.ouder_met_gezag = bool(gezag and gezag.heeft_gezag)
    for lid in lidmaatschappen:
        rol = Rol(lid.rol)
        if rol in SCHOOLROLLEN and lid.organisatie_id == leerling.school_id:
            if rol == Rol.LEERKRACHT and not leerling.mentoren.filter(pk=user.pk).exists():
                continue
            rechten.school = True
            rechten.bewerken |= rol == Rol.ONDERSTEUNINGSCOORDINATOR
        elif ROLLEN[rol].bereik == Bereik.MET_TOESTEMMING and Toestemmingen(leerling).dekt(
            Informatiesoort.OPP_INZAGE, user.pk, lid.organisatie_id
        ):
            rechten.extern = True
    rechten.lezen = rechten.school or rechten.ouder or rechten.extern
    return rechten
