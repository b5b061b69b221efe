"""The SWV's side of a TLV request: take it up, assign, ask for more, decide, extend."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Lidmaatschap, Organisatie, User
from accounts.rollen import Recht, rollen_met
from arrangeren.route.services.common import vereis
from arrangeren.tlv import regels
from arrangeren.tlv.models import Tlv, TlvAanvraag, TlvInstelling
from arrangeren.tlv.permissions import rechten_voor_aanvraag

from .common import gebeurtenis, instelling_voor, locked, mail_school, overgang


@transaction.atomic
def neem_in_behandeling(aanvraag: TlvAanvraag, *, door: User) -> TlvAanvraag:
    current = locked(aanvraag)
    overgang(current, regels.Actie.IN_BEHANDELING, door)
    if current.consulent_id is None:
        current.consulent = door
    current.save()
    return current


@transaction.atomic
def wijs_toe(aanvraag: TlvAanvraag, consulent: User, *, door: User) -> TlvAanvraag:
    current = locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).swv, "Alleen het SWV wijst een consulent toe.")
    if current.is_besloten:
        raise ValidationError("Over deze aanvraag is al besloten.")
    if not Lidmaatschap.objects.filter(
        user=consulent, organisatie_id=current.swv_id, rol__in=rollen_met(Recht.TLV_BESLUITEN)
    ).exists():
        raise ValidationError(f"{consulent.naam} is geen consulent van dit samenwerkingsverband.")
    current.consulent = consulent
    current.versie += 1
    current.save()
    gebeurtenis(current, regels.Actie.TOEWIJZEN, door, consulent.naam)
    return current


@transaction.atomic
def vraag_aanvulling(aanvraag: TlvAanvraag, vraag: str, *, door: User) -> TlvAanvraag:
    current = locked(aanvraag)
    overgang(current, regels.Actie.AANVULLING_VRAGEN, door, vraag)
    current.save()
    mail_school(current, "Vraag om aanvulling op een TLV-aanvraag", "aanvulling", door=door)
    return current


def _volgend_nummer(swv: Organisatie, jaar: int) -> tuple[int, str]:
    # Lock the SWV's settings row: two grants at once wait for each other here.
    TlvInstelling.objects.get_or_create(swv=swv)
    TlvInstelling.objects.select_for_update().get(swv=swv)
    hoogste = Tlv.objects.filter(swv=swv, jaar=jaar).aggregate(m=Max("volgnummer"))["m"] or 0
    volgnummer = hoogste + 1
    return volgnummer, f"{swv.code or swv.pk}/{jaar}/{volgnummer:04d}"


def _check_afwijking(aanvraag: TlvAanvraag, *, toekennen: bool, afwijking_advies: bool) -> bool:
    """Whether the decision departs from the expert advice; refused unless that is said.

    The SWV takes over the expert advice, unless it conflicts with the view of school or
    parents or with SWV policy: then it says so, with a motivation (docs/tlv.md).
    """
    geadviseerd = {a.geadviseerd_soort for a in aanvraag.adviezen.all()}
    afwijking = (geadviseerd == {aanvraag.soort}) != toekennen
    if afwijking and not afwijking_advies:
        raise ValidationError(
            "Dit besluit wijkt af van het advies van de deskundigen. Geef in de motivering aan "
            "waarom (strijd met de visie van school of ouders, of met het beleid van het SWV) "
            "en vink aan dat u afwijkt van het advies."
        )
    return afwijking


def _nummer_toe(aanvraag: TlvAanvraag, beslist_op: datetime) -> Tlv:
    """The granted TLV, numbered per SWV and year."""
    jaar = timezone.localtime(beslist_op).year
    volgnummer, nummer = _volgend_nummer(aanvraag.swv, jaar)
    return Tlv.objects.create(
        aanvraag=aanvraag,
        swv=aanvraag.swv,
        jaar=jaar,
        volgnummer=volgnummer,
        nummer=nummer,
        soort=aanvraag.soort,
        categorie=aanvraag.categorie,
        startdatum=aanvraag.startdatum,
        einddatum=aanvraag.einddatum,
    )


@transaction.atomic
def beslis(
    aanvraag: TlvAanvraag,
    *,
    toekennen: bool,
    motivering: str,
    door: User,
    afwijking_advies: bool = False,
) -> TlvAanvraag:
    """Grant (a numbered TLV) or refuse, with a motivation; never twice."""
    current = locked(aanvraag)
    actie = regels.Actie.TOEKENNEN if toekennen else regels.Actie.AFWIJZEN
    overgang(current, actie, door, motivering)  # refuses deciding twice first
    afwijking = _check_afwijking(current, toekennen=toekennen, afwijking_advies=afwijking_advies)
    if toekennen and (not current.startdatum or not current.einddatum):
        raise ValidationError("Een TLV heeft een start- en einddatum.")
    current.beslist_op = timezone.now()
    current.besluit_motivering = motivering.strip()
    current.afwijking_advies = afwijking
    if current.consulent_id is None:
        current.consulent = door
    current.save()
    if toekennen:
        _nummer_toe(current, current.beslist_op)
    mail_school(current, "Besluit op een TLV-aanvraag", "besluit", door=door, ouders=True)
    return current


def _check_verlenging(aanvraag: TlvAanvraag, reden: str) -> None:
    if aanvraag.status not in regels.BIJ_SWV:
        raise ValidationError("Alleen een aanvraag die bij het SWV ligt, kan langer duren.")
    if aanvraag.verlengd_met_weken or aanvraag.verlenging_reden:
        raise ValidationError("De beslistermijn is al eens verlengd; dat kan maar één keer.")
    uiterste = aanvraag.uiterste_beslisdatum
    if uiterste is not None and uiterste < timezone.localdate():
        raise ValidationError(
            "De beslistermijn is al verstreken; verlengen kan alleen binnen de termijn."
        )
    if not (reden or "").strip():
        raise ValidationError("Vul de reden van de verlenging in.")


@transaction.atomic
def verleng_termijn(aanvraag: TlvAanvraag, reden: str, *, door: User) -> TlvAanvraag:
    """Once, by the SWV's extension (default 4 weeks), with notice to school and parents."""
    current = locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).swv, "Alleen het SWV verlengt de termijn.")
    _check_verlenging(current, reden)
    current.verlengd_met_weken = instelling_voor(current.swv).verlenging_weken
    current.verlenging_reden = reden.strip()
    current.versie += 1
    current.save()
    gebeurtenis(current, regels.Actie.VERLENGEN, door, reden.strip())
    mail_school(
        current, "Beslistermijn TLV-aanvraag verlengd", "verlenging", door=door, ouders=True
    )
    return current
