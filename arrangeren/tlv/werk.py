"""TLV's part of "Mijn werk" (accounts/werk.py): requests waiting for this user, and
TLV's that end within three months.

The SWV's consulent sees the submitted requests of her SWV's schools (the queue, by
decision deadline); the school sees the requests on which the SWV asked for more.
"""

from django.http import HttpRequest
from django.utils import timezone

from accounts.rollen import Recht, heeft_recht
from accounts.werk import Inzage, Werkonderdeel
from arrangeren.tlv import regels
from arrangeren.tlv.permissions import tlv_gronden
from arrangeren.tlv.queries import LANGE_TEKSTEN, aflopende_tlvs, op_termijn, zichtbare_aanvragen

MAX_OP_START = 25


def _wachtend(user, besluiten: bool) -> list:
    """The requests whose next move is this user's: one query."""
    statussen = regels.BIJ_SWV if besluiten else (regels.Status.AANVULLING_GEVRAAGD,)
    aanvragen = (
        zichtbare_aanvragen(user)
        .select_related(None)
        .select_related("leerling", "school")
        .defer(*LANGE_TEKSTEN)
        .filter(status__in=statussen)
    )
    return list(op_termijn(aanvragen)[:MAX_OP_START])


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    lid = rolcontext.lidmaatschap
    # The school's side and the SWV's consulenten (accounts/rollen.py).
    besluiten = lid is not None and heeft_recht(lid.rol, Recht.TLV_BESLUITEN)
    if lid is None or not (besluiten or heeft_recht(lid.rol, Recht.TLV_INZIEN)):
        return None
    wachtend = _wachtend(request.user, besluiten)
    aflopend = list(aflopende_tlvs(request.user, timezone.localdate())[:MAX_OP_START])
    if not aflopend and not wachtend:
        return None
    items = {"tlv_aflopend": aflopend}
    items["tlv_wachtrij" if besluiten else "tlv_aanvulling"] = wachtend
    gronden = tlv_gronden(request.user)
    return Werkonderdeel(
        items=items,
        inzagen=[
            Inzage([a.leerling for a in wachtend], "Mijn werk: TLV-aanvragen", gronden),
            Inzage([t.aanvraag.leerling for t in aflopend], "Mijn werk: aflopende TLV's", gronden),
        ],
    )
