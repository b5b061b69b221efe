"""The fasenmodel's part of "Mijn werk" (accounts/werk.py): thuiszitters and continuum
signals, logged with the thuiszitters register as ground where that applies."""

from django.http import HttpRequest

from accounts.werk import Inzage, Werkonderdeel
from fasenmodel import queries
from fasenmodel.permissions import registergronden


def werk_voor(request: HttpRequest, rolcontext) -> Werkonderdeel | None:
    items = queries.werklijst(request.user)
    if not items:
        return None
    leerlingen = [i.leerling for i in items]
    return Werkonderdeel(
        items={"fasenmodel": items},
        inzagen=[
            Inzage(
                leerlingen,
                "Mijn werk: thuiszitters en fasen",
                aanvullend=registergronden(request.user, leerlingen),
            )
        ],
    )
