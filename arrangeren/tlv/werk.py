"""TLV's part of "Mijn werk" (accounts/werk.py): TLV's that end within three months."""

from django.http import HttpRequest
from django.utils import timezone

from accounts.rollen import Rol
from accounts.werk import Inzage, Werkonderdeel
from arrangeren.tlv.permissions import tlv_gronden
from arrangeren.tlv.queries import aflopende_tlvs

MAX_OP_START = 25
ROLLEN_MET_SIGNAAL = {Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR, Rol.CONSULENT_SWV}


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    lid = rolcontext.lidmaatschap
    if lid is None or lid.rol not in ROLLEN_MET_SIGNAAL:
        return None
    aflopend = aflopende_tlvs(request.user, timezone.localdate())[:MAX_OP_START]
    if not aflopend:
        return None
    return Werkonderdeel(
        items={"tlv_aflopend": aflopend},
        inzagen=[
            Inzage(
                [t.aanvraag.leerling for t in aflopend],
                "Mijn werk: aflopende TLV's",
                aanvullend=tlv_gronden(request.user),
            )
        ],
    )
