"""Shared helpers for the arrangeren views: reach, rights, the access log, messages."""

from collections.abc import Callable
from uuid import UUID

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest

from accounts.meldingen import meld_fout as meld_fout  # the feature apps' views import it here
from accounts.models import Toegangslog, User
from accounts.permissions import get_object_for_user
from accounts.services import log_toegang
from arrangeren.route.models import Genodigde, Mdo, Traject
from arrangeren.route.permissions import TrajectRechten, genodigdengrond, rechten_voor


def traject_voor(
    request: HttpRequest,
    uuid: UUID,
    onderdeel: str,
    *,
    bewerken: bool = False,
    mag: Callable[[TrajectRechten], bool] | None = None,
) -> tuple[Traject, TrajectRechten]:
    """The traject if the user may reach its pupil (else 404), logged, with the rights.

    With `bewerken`, only those who may edit the traject get past (others: 404, no log).
    """
    traject = get_object_for_user(
        request.user,
        Traject.objects.select_related("leerling__school", "regievoerder", "geopend_namens"),
        uuid=uuid,
    )
    rechten = rechten_voor(request.user, traject)
    if bewerken:
        vereis_bewerken(rechten)
    if mag is not None and not mag(rechten):
        raise Http404("Niet gevonden.")
    log_toegang(request, traject.leerling, Toegangslog.Actie.BEKIJKEN, onderdeel)
    return traject, rechten


def mdo_voor(
    request: HttpRequest,
    uuid: UUID,
    onderdeel: str,
    *,
    bewerken: bool = False,
    mag: Callable[[TrajectRechten, Mdo], bool] | None = None,
    actie: str = Toegangslog.Actie.BEKIJKEN,
) -> tuple[Mdo, TrajectRechten]:
    """The MDO if the user may see it: within reach and, for outsiders, with consent;
    logged as `actie` (a PDF leaves as AFDRUKKEN, like the OPP's)."""
    mdo = (
        Mdo.objects.select_related(
            "traject__leerling__school", "traject__regievoerder", "voorzitter", "leerlinggesprek"
        )
        .prefetch_related(
            Prefetch("genodigden", Genodigde.objects.select_related("user", "organisatie"))
        )
        .filter(binnen_bereik_of_genodigd(request.user))
        .filter(uuid=uuid)
        .first()
    )
    if mdo is None:
        raise Http404("Niet gevonden.")
    rechten = rechten_voor(request.user, mdo.traject)
    if not rechten.ziet_mdo(mdo) or (bewerken and not rechten.bewerken):
        raise Http404("Niet gevonden.")
    if mag is not None and not mag(rechten, mdo):
        raise Http404("Niet gevonden.")
    log_toegang(
        request,
        mdo.traject.leerling,
        actie,
        onderdeel,
        aanvullend=genodigdengrond(rechten),
    )
    return mdo, rechten


def binnen_bereik_of_genodigd(user: User) -> Q:
    """MDOs of trajecten within the user's reach, and those she is invited to: whether an
    invitee may open one is for `TrajectRechten.ziet_mdo` (issue 15: an invited teacher
    who is not the pupil's mentor got the invitation, then 404 on the meeting)."""
    return Q(traject__in=Traject.objects.for_user(user)) | Q(
        pk__in=Genodigde.objects.filter(user=user).values("mdo_id")
    )


def vereis_bewerken(rechten: TrajectRechten) -> None:
    if not rechten.bewerken:
        raise Http404("Niet gevonden.")
