"""Writes of the accounts app: the access log and account security steps."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from accounts.models import Leerling, Toegangslog
from accounts.permissions import Toegangsgronden


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: a forwarded header is set by whoever sends the request. Behind a
    # proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def log_toegang(
    request,
    leerlingen: Leerling | Iterable[Leerling],
    actie: Toegangslog.Actie,
    onderdeel: str,
) -> list[Toegangslog]:
    """Record that the requesting user saw (or printed, exported, searched) pupils' data.

    Every view that shows a pupil's data calls this after the permission policy has
    let the user through. One row per pupil, in one INSERT.
    """
    if isinstance(leerlingen, Leerling):
        leerlingen = [leerlingen]
    leerlingen = list(leerlingen)
    if not leerlingen:
        return []
    gronden = Toegangsgronden(request.user)
    ip = client_ip(request)
    regels = []
    for leerling in leerlingen:
        grond = gronden.voor(leerling)
        if grond is None:
            # The policy let the user through, so a ground must exist: refuse loudly
            # rather than show data that the log cannot account for.
            raise PermissionError("Geen toegangsgrond voor deze leerling.")
        regels.append(
            Toegangslog(
                gebruiker=request.user,
                organisatie_id=grond.organisatie_id,
                rol=grond.rol,
                leerling=leerling,
                actie=actie,
                onderdeel=onderdeel,
                ip_adres=ip,
            )
        )
    return Toegangslog.objects.bulk_create(regels)
