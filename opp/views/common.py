from django.http import Http404

from accounts.models import Toegangslog
from accounts.services import log_toegang
from opp.models import Opp
from opp.permissions import rechten_voor, vorige_school_grond


def opp_voor(
    request, uuid, onderdeel: str, *, bewerken=False, mag=None, actie=Toegangslog.Actie.BEKIJKEN
):
    """The OPP if the user may read it (else 404, and no log row), logged, with rights."""
    opp = (
        Opp.objects.for_user(request.user)
        .select_related("leerling__school", "leerling__vorige", "school", "verstuurd_door")
        .filter(uuid=uuid)
        .first()
    )
    if opp is None:
        raise Http404("Niet gevonden.")
    rechten = rechten_voor(request.user, opp)
    if not rechten.lezen or (bewerken and not rechten.bewerken):
        raise Http404("Niet gevonden.")
    if mag is not None and not mag(rechten):
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        opp.leerling,
        actie,
        onderdeel,
        aanvullend=vorige_school_grond(request.user, opp, rechten),
    )
    return opp, rechten
