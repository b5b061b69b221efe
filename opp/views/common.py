from collections.abc import Callable, Iterator
from contextlib import contextmanager
from uuid import UUID

from django.contrib import messages
from django.forms import BaseForm
from django.http import Http404, HttpRequest

from accounts.meldingen import als_melding
from accounts.models import Toegangslog
from accounts.services import log_toegang
from opp import services
from opp.models import Opp
from opp.permissions import OppRechten, rechten_voor, vorige_school_grond

BEWERKEN = "OPP bewerken"  # the access-log line of every edit of the plan


def opp_voor(
    request: HttpRequest,
    uuid: UUID,
    onderdeel: str,
    *,
    bewerken: bool = False,
    mag: Callable[[OppRechten], bool] | None = None,
    actie: str = Toegangslog.Actie.BEKIJKEN,
) -> tuple[Opp, OppRechten]:
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


@contextmanager
def fouten_als_melding(request: HttpRequest) -> Iterator[None]:
    """A refused action becomes error messages; the view redirects as usual."""
    with als_melding(request):
        try:
            yield
        except services.Oppconflict:
            messages.error(
                request,
                "Iemand anders heeft het OPP intussen gewijzigd. Bekijk de nieuwe stand en "
                "probeer opnieuw.",
            )


def formulierfouten(form: BaseForm) -> list[str]:
    """Every error of a bound form, flattened, for `meld`."""
    return [e for lijst in form.errors.values() for e in lijst]
