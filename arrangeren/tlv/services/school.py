"""The school's side of a TLV request: prepare it, add documents, submit it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Leerling, User
from accounts.schrijfwijze import klein
from accounts.uploads import bewaar_bijlage
from arrangeren.route.models import Traject
from arrangeren.route.services.common import vereis
from arrangeren.tlv import regels
from arrangeren.tlv.models import Deskundigenadvies, TlvAanvraag, TlvBijlage
from arrangeren.tlv.permissions import mag_tlv_aanvragen, rechten_voor_aanvraag
from arrangeren.tlv.queries import checklist, laatste_vastgestelde_opp

from .common import gebeurtenis, instelling_voor, locked, meld_swv, overgang

AANVRAAGVELDEN = (
    "soort",
    "categorie",
    "startdatum",
    "einddatum",
    "motivering",
    "zienswijze_ouders",
    "zienswijze_school",
)


def voorstel(traject: Traject) -> dict:
    """What the traject and the latest vastgesteld OPP already hold: nobody types twice.

    Not the parents' zienswijze: their view on this request is their own, written anew;
    their view on the OPP is shown beside it, read-only (docs/tlv.md)."""
    opp = laatste_vastgestelde_opp(traject.leerling)
    if opp is None:
        return {}
    motivering = "\n\n".join(
        tekst
        for tekst in (opp.ondersteuningsbehoeften, opp.integratief_beeld, opp.onderbouwing)
        if tekst.strip()
    )
    return {"motivering": motivering}


def _check_velden(data: dict) -> dict:
    data = {k: data.get(k) for k in AANVRAAGVELDEN if k in data}
    soort = data.get("soort")
    if soort not in regels.Soort.values:
        raise ValidationError("Kies het soort onderwijs waarvoor de TLV wordt gevraagd.")
    if soort in regels.MET_CATEGORIE:
        if data.get("categorie") not in regels.Categorie.values:
            raise ValidationError(
                "Kies bij SO en VSO de bekostigingscategorie (laag, midden, hoog)."
            )
    else:
        data["categorie"] = ""
    start, eind = data.get("startdatum"), data.get("einddatum")
    if start and eind and eind <= start:
        raise ValidationError("De einddatum ligt vóór of op de startdatum.")
    for veld in ("motivering", "zienswijze_ouders", "zienswijze_school"):
        if veld in data:
            data[veld] = (data[veld] or "").strip()
    return data


@transaction.atomic
def start_aanvraag(traject: Traject, data: dict, *, door: User) -> TlvAanvraag:
    leerling = traject.leerling
    vereis(
        mag_tlv_aanvragen(door, leerling), "Alleen de ondersteuningscoördinator vraagt een TLV aan."
    )
    if not leerling.school or not leerling.school.swv_id:
        raise ValidationError(
            "De school van deze leerling hoort niet bij een samenwerkingsverband."
        )
    # Lock the pupil so two tabs cannot both start a request.
    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    if TlvAanvraag.objects.filter(leerling=leerling, status__in=regels.OPEN_STATUSSEN).exists():
        raise ValidationError("Voor deze leerling loopt al een TLV-aanvraag.")
    velden = _check_velden({**voorstel(traject), **data})
    instelling = instelling_voor(leerling.school.swv)
    aanvraag = TlvAanvraag.objects.create(
        traject=traject,
        leerling=leerling,
        school=leerling.school,
        swv=leerling.school.swv,
        opp=laatste_vastgestelde_opp(leerling),
        aangemaakt_door=door,
        beslistermijn_weken=instelling.beslistermijn_weken,
        **velden,
    )
    gebeurtenis(aanvraag, regels.Actie.AANGEMAAKT, door, naar=aanvraag.status)
    return aanvraag


def _bewaar_advies(aanvraag: TlvAanvraag, rang: int, advies: dict, *, door: User) -> None:
    if advies["soort"] not in regels.DESKUNDIGEN_PER_RANG[regels.Rang(rang)]:
        raise ValidationError(
            f"Kies bij de {klein(regels.Rang(rang).label)} een passende deskundige."
        )
    if advies["datum"] > timezone.localdate():
        raise ValidationError("De datum van een advies ligt in de toekomst.")
    Deskundigenadvies.objects.update_or_create(
        aanvraag=aanvraag, rang=rang, defaults={**advies, "gewijzigd_door": door}
    )


@transaction.atomic
def bewaar_aanvraag(
    aanvraag: TlvAanvraag,
    data: dict,
    adviezen: dict[int, dict | None],
    *,
    door: User,
    versie: int | None,
) -> TlvAanvraag:
    """Save the request and its expert advices (rang -> fields, or None to leave it)."""
    current = locked(aanvraag, versie)
    vereis(rechten_voor_aanvraag(door, current).bewerken, "Alleen de school wijzigt de aanvraag.")
    if not current.bewerkbaar:
        raise ValidationError("De aanvraag ligt bij het SWV en is niet meer te wijzigen.")
    for naam, waarde in _check_velden(data).items():
        setattr(current, naam, waarde)
    current.opp = laatste_vastgestelde_opp(current.leerling) or current.opp
    for rang, advies in adviezen.items():
        if advies:
            _bewaar_advies(current, rang, advies, door=door)
    current.versie += 1
    current.save()
    return current


@transaction.atomic
def voeg_tlv_bijlage_toe(
    aanvraag: TlvAanvraag, titel: str, bestand: UploadedFile, *, door: User
) -> TlvBijlage:
    current = locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).bewerken, "Alleen de school voegt stukken toe.")
    if not current.bewerkbaar:
        raise ValidationError("De aanvraag ligt bij het SWV; stukken toevoegen kan nu niet.")
    return bewaar_bijlage(TlvBijlage, titel, bestand, door=door, aanvraag=current)


@transaction.atomic
def dien_in(aanvraag: TlvAanvraag, *, door: User, notitie: str = "") -> TlvAanvraag:
    current = locked(aanvraag)
    regels.check_overgang(current.status, regels.Actie.INDIENEN)
    ontbreekt = regels.ontbrekend(checklist(current))
    if not current.startdatum or not current.einddatum:
        ontbreekt.insert(0, "De gevraagde start- en einddatum")
    if ontbreekt:
        raise ValidationError(
            "De aanvraag is nog niet volledig. Dit ontbreekt nog: " + "; ".join(ontbreekt) + "."
        )
    overgang(current, regels.Actie.INDIENEN, door, notitie)
    current.compleet_op = timezone.now()
    current.save()
    meld_swv(current, door=door)
    return current
