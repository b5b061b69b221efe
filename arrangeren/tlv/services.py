"""Writes for TLV requests: prepare, submit, review, decide, extend, objections.

Every status change goes through `_overgang` (the table in arrangeren/tlv/regels.py) and leaves
an append-only `TlvGebeurtenis`. Each write locks the request row, so a double click or
two consulenten at once cannot decide twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from accounts.mail import stuur_mail
from accounts.models import Gezag, Leerling, Lidmaatschap, User
from accounts.rollen import Rol
from accounts.uploads import bewaar_bijlage
from arrangeren.route.models import Traject
from arrangeren.route.services.common import Bewerkconflict, vereis
from arrangeren.tlv import regels
from arrangeren.tlv.models import (
    Bezwaar,
    Deskundigenadvies,
    Tlv,
    TlvAanvraag,
    TlvBijlage,
    TlvGebeurtenis,
    TlvInstelling,
)
from arrangeren.tlv.permissions import mag_tlv_aanvragen, rechten_voor_aanvraag
from arrangeren.tlv.queries import checklist, laatste_vastgestelde_opp

AANVRAAGVELDEN = (
    "soort",
    "categorie",
    "startdatum",
    "einddatum",
    "motivering",
    "zienswijze_ouders",
)


def instelling_voor(swv) -> TlvInstelling:
    instelling, _ = TlvInstelling.objects.get_or_create(swv=swv)
    return instelling


def voorstel(traject: Traject) -> dict:
    """What the traject and the latest vastgesteld OPP already hold: nobody types twice."""
    opp = laatste_vastgestelde_opp(traject.leerling)
    if opp is None:
        return {}
    motivering = "\n\n".join(
        tekst
        for tekst in (opp.ondersteuningsbehoeften, opp.integratief_beeld, opp.onderbouwing)
        if tekst.strip()
    )
    return {"motivering": motivering, "zienswijze_ouders": opp.visie_ouders}


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
    for veld in ("motivering", "zienswijze_ouders"):
        if veld in data:
            data[veld] = (data[veld] or "").strip()
    return data


def _gebeurtenis(aanvraag, actie, door, notitie="", van="", naar=""):
    return TlvGebeurtenis.objects.create(
        aanvraag=aanvraag, actie=actie, door=door, notitie=notitie, van_status=van, naar_status=naar
    )


def _locked(aanvraag: TlvAanvraag, versie: int | None = None) -> TlvAanvraag:
    current = (
        # Lock only the request row: PostgreSQL refuses FOR UPDATE on the nullable side
        # of an outer join (a pupil may have no school).
        TlvAanvraag.objects.select_for_update(of=("self",))
        .select_related("traject", "leerling__school", "school", "swv")
        .get(pk=aanvraag.pk)
    )
    if versie is not None and current.versie != versie:
        raise Bewerkconflict("Deze aanvraag")
    return current


def _overgang(aanvraag: TlvAanvraag, actie: regels.Actie, door: User, notitie: str = ""):
    overgang = regels.check_overgang(aanvraag.status, actie)
    rechten = rechten_voor_aanvraag(door, aanvraag)
    vereis(
        rechten.bewerken if overgang.door == regels.Partij.SCHOOL else rechten.swv,
        "Dat mag alleen de "
        + ("school." if overgang.door == regels.Partij.SCHOOL else "consulent van het SWV."),
    )
    notitie = (notitie or "").strip()
    if overgang.notitie_verplicht and not notitie:
        raise ValidationError("Vul een toelichting in.")
    van = aanvraag.status
    aanvraag.status = overgang.naar
    aanvraag.versie += 1
    _gebeurtenis(aanvraag, actie, door, notitie, van, overgang.naar)


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
    _gebeurtenis(aanvraag, regels.Actie.AANGEMAAKT, door, naar=aanvraag.status)
    return aanvraag


@transaction.atomic
def bewaar_aanvraag(
    aanvraag: TlvAanvraag, data: dict, adviezen: dict[int, dict | None], *, door: User, versie: int
) -> TlvAanvraag:
    """Save the request and its expert advices (rang -> fields, or None to leave it)."""
    current = _locked(aanvraag, versie)
    vereis(rechten_voor_aanvraag(door, current).bewerken, "Alleen de school wijzigt de aanvraag.")
    if not current.bewerkbaar:
        raise ValidationError("De aanvraag ligt bij het SWV en is niet meer te wijzigen.")
    for naam, waarde in _check_velden(data).items():
        setattr(current, naam, waarde)
    current.opp = laatste_vastgestelde_opp(current.leerling) or current.opp
    for rang, advies in adviezen.items():
        if not advies:
            continue
        if advies["soort"] not in regels.DESKUNDIGEN_PER_RANG[regels.Rang(rang)]:
            raise ValidationError(
                f"Kies bij de {regels.Rang(rang).label.lower()} een passende deskundige."
            )
        if advies["datum"] > timezone.localdate():
            raise ValidationError("De datum van een advies ligt in de toekomst.")
        Deskundigenadvies.objects.update_or_create(
            aanvraag=current, rang=rang, defaults={**advies, "gewijzigd_door": door}
        )
    current.versie += 1
    current.save()
    return current


@transaction.atomic
def voeg_tlv_bijlage_toe(aanvraag: TlvAanvraag, titel: str, bestand, *, door: User) -> TlvBijlage:
    current = _locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).bewerken, "Alleen de school voegt stukken toe.")
    if not current.bewerkbaar:
        raise ValidationError("De aanvraag ligt bij het SWV; stukken toevoegen kan nu niet.")
    return bewaar_bijlage(TlvBijlage, titel, bestand, door=door, aanvraag=current)


@transaction.atomic
def dien_in(aanvraag: TlvAanvraag, *, door: User, notitie: str = "") -> TlvAanvraag:
    current = _locked(aanvraag)
    regels.check_overgang(current.status, regels.Actie.INDIENEN)
    ontbreekt = regels.ontbrekend(checklist(current))
    if not current.startdatum or not current.einddatum:
        ontbreekt.insert(0, "De gevraagde start- en einddatum")
    if ontbreekt:
        raise ValidationError(
            "De aanvraag is nog niet volledig. Dit ontbreekt nog: " + "; ".join(ontbreekt) + "."
        )
    _overgang(current, regels.Actie.INDIENEN, door, notitie)
    current.compleet_op = timezone.now()
    current.save()
    return current


@transaction.atomic
def neem_in_behandeling(aanvraag: TlvAanvraag, *, door: User) -> TlvAanvraag:
    current = _locked(aanvraag)
    _overgang(current, regels.Actie.IN_BEHANDELING, door)
    if current.consulent_id is None:
        current.consulent = door
    current.save()
    return current


@transaction.atomic
def wijs_toe(aanvraag: TlvAanvraag, consulent: User, *, door: User) -> TlvAanvraag:
    current = _locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).swv, "Alleen het SWV wijst een consulent toe.")
    if current.is_besloten:
        raise ValidationError("Over deze aanvraag is al besloten.")
    if not Lidmaatschap.objects.filter(
        user=consulent, organisatie_id=current.swv_id, rol=Rol.CONSULENT_SWV
    ).exists():
        raise ValidationError(f"{consulent.naam} is geen consulent van dit samenwerkingsverband.")
    current.consulent = consulent
    current.versie += 1
    current.save()
    _gebeurtenis(current, regels.Actie.TOEWIJZEN, door, consulent.naam)
    return current


@transaction.atomic
def vraag_aanvulling(aanvraag: TlvAanvraag, vraag: str, *, door: User) -> TlvAanvraag:
    current = _locked(aanvraag)
    _overgang(current, regels.Actie.AANVULLING_VRAGEN, door, vraag)
    current.save()
    _mail_school(current, "Vraag om aanvulling op een TLV-aanvraag", "aanvulling", door=door)
    return current


def _ouders(aanvraag) -> list[str]:
    return list(
        Gezag.objects.filter(leerling_id=aanvraag.leerling_id).values_list(
            "ouder__email", flat=True
        )
    )


def _school_adressen(aanvraag) -> list[str]:
    return list(
        Lidmaatschap.objects.filter(
            organisatie_id=aanvraag.school_id, rol=Rol.ONDERSTEUNINGSCOORDINATOR
        ).values_list("user__email", flat=True)
    )


def _mail_school(aanvraag, onderwerp: str, soort: str, *, door: User, ouders: bool = False) -> None:
    adressen = _school_adressen(aanvraag) + (_ouders(aanvraag) if ouders else [])
    stuur_mail(
        adressen,
        onderwerp,
        "arrangeren/email/tlv.txt",
        {"soort": soort, "pad": reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])},
        veroorzaakt_door=door,
        organisatie=aanvraag.swv,
    )


def _volgend_nummer(swv, jaar: int) -> tuple[int, str]:
    # Lock the SWV's settings row: two grants at once wait for each other here.
    TlvInstelling.objects.get_or_create(swv=swv)
    TlvInstelling.objects.select_for_update().get(swv=swv)
    hoogste = Tlv.objects.filter(swv=swv, jaar=jaar).aggregate(m=Max("volgnummer"))["m"] or 0
    volgnummer = hoogste + 1
    return volgnummer, f"{swv.code or swv.pk}/{jaar}/{volgnummer:04d}"


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
    current = _locked(aanvraag)
    actie = regels.Actie.TOEKENNEN if toekennen else regels.Actie.AFWIJZEN
    _overgang(current, actie, door, motivering)  # refuses deciding twice first
    # The SWV takes over the expert advice, unless it conflicts with the view of school or
    # parents or with SWV policy: then it says so, with a motivation (DOMAIN.md "TLV").
    geadviseerd = {a.geadviseerd_soort for a in current.adviezen.all()}
    advies_steunt = geadviseerd == {current.soort}
    afwijking = advies_steunt != toekennen
    if afwijking and not afwijking_advies:
        raise ValidationError(
            "Dit besluit wijkt af van het advies van de deskundigen. Geef in de motivering aan "
            "waarom (strijd met de visie van school of ouders, of met het beleid van het SWV) "
            "en vink aan dat u afwijkt van het advies."
        )
    if toekennen and (not current.startdatum or not current.einddatum):
        raise ValidationError("Een TLV heeft een start- en einddatum.")
    nu = timezone.now()
    current.beslist_op = nu
    current.besluit_motivering = motivering.strip()
    current.afwijking_advies = afwijking
    if current.consulent_id is None:
        current.consulent = door
    current.save()
    if toekennen:
        jaar = timezone.localtime(nu).year
        volgnummer, nummer = _volgend_nummer(current.swv, jaar)
        Tlv.objects.create(
            aanvraag=current,
            swv=current.swv,
            jaar=jaar,
            volgnummer=volgnummer,
            nummer=nummer,
            soort=current.soort,
            categorie=current.categorie,
            startdatum=current.startdatum,
            einddatum=current.einddatum,
        )
    _mail_school(current, "Besluit op een TLV-aanvraag", "besluit", door=door, ouders=True)
    return current


@transaction.atomic
def verleng_termijn(aanvraag: TlvAanvraag, reden: str, *, door: User) -> TlvAanvraag:
    """Once, by the SWV's extension (default 4 weeks), with notice to school and parents."""
    current = _locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).swv, "Alleen het SWV verlengt de termijn.")
    if current.status not in regels.BIJ_SWV:
        raise ValidationError("Alleen een aanvraag die bij het SWV ligt, kan langer duren.")
    if current.verlengd_met_weken or current.verlenging_reden:
        raise ValidationError("De beslistermijn is al eens verlengd; dat kan maar één keer.")
    uiterste = current.uiterste_beslisdatum
    if uiterste is not None and uiterste < timezone.localdate():
        raise ValidationError(
            "De beslistermijn is al verstreken; verlengen kan alleen binnen de termijn."
        )
    if not (reden or "").strip():
        raise ValidationError("Vul de reden van de verlenging in.")
    current.verlengd_met_weken = instelling_voor(current.swv).verlenging_weken
    current.verlenging_reden = reden.strip()
    current.versie += 1
    current.save()
    _gebeurtenis(current, regels.Actie.VERLENGEN, door, reden.strip())
    _mail_school(
        current, "Beslistermijn TLV-aanvraag verlengd", "verlenging", door=door, ouders=True
    )
    return current


@transaction.atomic
def registreer_bezwaar(
    aanvraag: TlvAanvraag, *, ontvangen_op: date, indiener: str, omschrijving: str, door: User
) -> Bezwaar:
    current = _locked(aanvraag)
    vereis(rechten_voor_aanvraag(door, current).swv, "Alleen het SWV registreert een bezwaar.")
    if not current.is_besloten:
        raise ValidationError("Bezwaar kan pas als er een besluit is.")
    if ontvangen_op > timezone.localdate():
        raise ValidationError("De datum van ontvangst ligt in de toekomst.")
    besloten = timezone.localtime(current.beslist_op).date()
    if ontvangen_op < besloten:
        raise ValidationError("Het bezwaar is ontvangen vóór de datum van het besluit.")
    te_laat = ontvangen_op > besloten + timedelta(weeks=regels.BEZWAARTERMIJN_WEKEN)
    if not omschrijving.strip() or not indiener.strip():
        raise ValidationError("Vul in wie bezwaar maakt en waartegen.")
    bezwaar = Bezwaar.objects.create(
        aanvraag=current,
        ontvangen_op=ontvangen_op,
        indiener=indiener.strip(),
        omschrijving=omschrijving.strip(),
        geregistreerd_door=door,
    )
    _gebeurtenis(
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
    _gebeurtenis(
        current.aanvraag, regels.Actie.BEZWAAR_UITKOMST, door, current.get_uitkomst_display()
    )
    return current
