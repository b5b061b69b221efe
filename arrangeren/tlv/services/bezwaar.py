"""Objections to a TLV decision: registered by the SWV, with their outcome recorded once."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from arrangeren.route.services.common import vereis
from arrangeren.tlv import regels
from arrangeren.tlv.models import Bezwaar, TlvAanvraag
from arrangeren.tlv.permissions import rechten_voor_aanvraag

from .common import gebeurtenis, locked


def _check_ontvangst(aanvraag: TlvAanvraag, ontvangen_op: date) -> bool:
    """Whether a received objection may be registered; True when it came in late."""
    if not aanvraag.is_besloten:
        raise ValidationError("Bezwaar kan pas als er een besluit is.")
    if ontvangen_op > timezone.localdate():
        raise ValidationError("De datum van ontvangst ligt in de toekomst.")
    besloten = timezone.localtime(aanvraag.beslist_op).date()
    if ontvangen_op < besloten:
        raise ValidationError("Het bezwaar is ontvangen vóór de datum van het besluit.")
    return ontvangen_op > besloten + timedelta(weeks=regels.BEZWAARTERMIJN_WEKEN)


@transaction.atomic
def registreer_bezwaar(
    aanvraag: TlvAanvraag, *, ontvangen_op: date, indiener: str, omschrijving: str, door: User
) -> Bezwaar:
    current = locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).swv, "Alleen het SWV registreert een bezwaar.")
    te_laat = _check_ontvangst(current, ontvangen_op)
    if not omschrijving.strip() or not indiener.strip():
        raise ValidationError("Vul in wie bezwaar maakt en waartegen.")
    bezwaar = Bezwaar.objects.create(
        aanvraag=current,
        ontvangen_op=ontvangen_op,
        indiener=indiener.strip(),
        omschrijving=omschrijving.strip(),
        geregistreerd_door=door,
    )
    gebeurtenis(
        current,
        regels.Actie.BEZWAAR,
        door,
        f"Ontvangen op {ontvangen_op:%d-%m-%Y}"
        + (" — na de bezwaartermijn van 6 weken" if te_laat else ""),
    )
    return bezwaar


@transaction.atomic
def leg_bezwaaruitkomst_vast(
    bezwaar: Bezwaar, *, uitkomst: str, toelichting: str, door: User
) -> Bezwaar:
    current = Bezwaar.objects.select_for_update().select_related("aanvraag").get(pk=bezwaar.pk)
    if not rechten_voor_aanvraag(door, current.aanvraag).swv:
        raise PermissionDenied("Alleen het SWV legt de uitkomst vast.")
    if current.uitkomst != Bezwaar.Uitkomst.LOPEND:
        raise ValidationError("De uitkomst van dit bezwaar is al vastgelegd.")
    if uitkomst not in Bezwaar.Uitkomst.values or uitkomst == Bezwaar.Uitkomst.LOPEND:
        raise ValidationError("Kies de uitkomst van het bezwaar.")
    current.uitkomst = uitkomst
    current.uitkomst_op = timezone.localdate()
    current.uitkomst_toelichting = toelichting.strip()
    current.save()
    gebeurtenis(
        current.aanvraag, regels.Actie.BEZWAAR_UITKOMST, door, current.get_uitkomst_display()
    )
    return current


def leg_uitkomst_vast_van(
    aanvraag: TlvAanvraag, bezwaar: UUID, *, uitkomst: str, toelichting: str, door: User
) -> Bezwaar:
    """The outcome of one of this request's objections, named by its uuid."""
    gevonden = aanvraag.bezwaren.filter(uuid=bezwaar).first()
    if gevonden is None:
        raise ValidationError("Kies de uitkomst van het bezwaar.")
    return leg_bezwaaruitkomst_vast(gevonden, uitkomst=uitkomst, toelichting=toelichting, door=door)
