"""TLV's part of "Mijn werk" (accounts/werk.py): TLV's that end within three months."""

from django.http import HttpRequest
from django.utils import timezone

from accounts.rollen import Recht, heeft_recht
from accounts.werk import Inzage, Werkonderdeel
from arrangeren.tlv.permissions import tlv_gronden
from arrangeren.tlv.queries import aflopende_tlvs

MAX_OP_START = 25


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    lid = rolcontext.lidmaatschap
    # The school's side and the SWV's consulenten (accounts/rollen.py).
    if lid is None or not (
        heeft_recht(lid.rol, Recht.TLV_INZIEN) or heeft_recht(lid.rol, Recht.TLV_BESLUITEN)
    ):
        return None
    aflopend = list(aflopende_tlvs(request.user, timezone.localdate())[:MAX_OP_START])
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
