"""What every TLV view shares: who takes an action, and the request behind the policy.

Every view: the permission policy first (404 outside reach), then the access log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from uuid import UUID

from django.http import Http404, HttpRequest

from accounts.models import Leerling, Toegangslog
from accounts.services import log_toegang
from arrangeren.tlv import queries as queries_tlv
from arrangeren.tlv.models import TlvAanvraag
from arrangeren.tlv.permissions import TlvRechten, rechten_voor_aanvraag, tlv_gronden

# Who takes an action on a request: the school's coördinator, or a consulent of its SWV.
SCHOOL: Callable[[TlvRechten], bool] = attrgetter("bewerken")
SWV: Callable[[TlvRechten], bool] = attrgetter("swv")
LOG_IDS_MAX = 500


def log(
    request: HttpRequest,
    leerlingen: Leerling | Iterable[Leerling],
    actie: str,
    onderdeel: str,
) -> None:
    leerlingen = [leerlingen] if isinstance(leerlingen, Leerling) else list(leerlingen)
    # The grounds of the pupils logged only; a long list (the export) reads them all.
    ids = {leerling.pk for leerling in leerlingen} if len(leerlingen) <= LOG_IDS_MAX else None
    gronden = tlv_gronden(request.user, leerling_ids=ids)
    log_toegang(request, leerlingen, actie, onderdeel, aanvullend=gronden)


def aanvraag_voor(
    request: HttpRequest,
    uuid: UUID,
    onderdeel: str,
    *,
    mag: Callable[[TlvRechten], bool] | None = None,
    actie: str = Toegangslog.Actie.BEKIJKEN,
) -> tuple[TlvAanvraag, TlvRechten]:
    aanvraag = (
        queries_tlv.zichtbare_aanvragen(request.user)
        .select_related("traject", "opp", "aangemaakt_door")
        .filter(uuid=uuid)
        .first()
    )
    if aanvraag is None:
        raise Http404("Niet gevonden.")
    rechten = rechten_voor_aanvraag(request.user, aanvraag)
    if mag is not None and not mag(rechten):
        raise Http404("Niet gevonden.")
    log(request, aanvraag.leerling, actie, onderdeel)
    return aanvraag, rechten
