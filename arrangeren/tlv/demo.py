"""Demo data of the TLV feature: requests in every status.

Sam de Vries and Noor Visser are left alone (other journeys start from their empty
state). Idempotent: every row has a uuid5 key and an existing request is not touched.
The complete request at status "ingediend" (DEMO_TLV_INGEDIEND, a pupil of De
Regenboog) is the one swv@demo.nl reviews and grants in the browser test.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Gezag, Leerling, Lidmaatschap, User
from accounts.rollen import Rol
from arrangeren.route.models import Genodigde, Mdo, Mdoverslag, Traject
from arrangeren.tlv import regels
from arrangeren.tlv.models import Deskundigenadvies, Tlv, TlvAanvraag, TlvGebeurtenis, TlvInstelling
from opp.models import Ondertekening, Opp

NAMESPACE = uuid.UUID("3f6b2a1c-8d4e-4b7a-9c2d-1e5f6a7b8c90")
ACCOUNTS_NAMESPACE = uuid.UUID("5a3e1f7c-2b8d-4c1e-9f6a-0d7b3c2e1a90")

DEMO_TLV_INGEDIEND = uuid.uuid5(NAMESPACE, "tlv-ingediend")  # De Regenboog, complete
DEMO_TLV_CONCEPT = uuid.uuid5(NAMESPACE, "tlv-concept")  # De Regenboog, incomplete
DEMO_TLV_IN_BEHANDELING = uuid.uuid5(NAMESPACE, "tlv-in-behandeling")  # overdue
DEMO_TLV_AANVULLING = uuid.uuid5(NAMESPACE, "tlv-aanvulling")
DEMO_TLV_TOEGEKEND = uuid.uuid5(NAMESPACE, "tlv-toegekend")  # ends within 3 months
DEMO_TLV_AFGEWEZEN = uuid.uuid5(NAMESPACE, "tlv-afgewezen")
DEMO_TLV_ANDER_SWV = uuid.uuid5(NAMESPACE, "tlv-vo")  # Da Vinci College, SWV VO-28-01

S = regels.Status
# key -> (pupil number, status, soort, categorie, days since complete, complete dossier)
AANVRAGEN = {
    DEMO_TLV_INGEDIEND: (0, S.INGEDIEND, regels.Soort.SO, regels.Categorie.MIDDEN, 5, True),
    DEMO_TLV_CONCEPT: (28, S.CONCEPT, regels.Soort.SBO, "", None, False),
    DEMO_TLV_IN_BEHANDELING: (1, S.IN_BEHANDELING, regels.Soort.SBO, "", 50, True),
    DEMO_TLV_AANVULLING: (
        15,
        S.AANVULLING_GEVRAAGD,
        regels.Soort.SO,
        regels.Categorie.LAAG,
        20,
        True,
    ),
    DEMO_TLV_TOEGEKEND: (2, S.TOEGEKEND, regels.Soort.SBO, "", 400, True),
    DEMO_TLV_AFGEWEZEN: (3, S.AFGEWEZEN, regels.Soort.SO, regels.Categorie.HOOG, 60, True),
    DEMO_TLV_ANDER_SWV: (4, S.INGEDIEND, regels.Soort.VSO, regels.Categorie.LAAG, 10, True),
}
# A request for another kind than both experts advise: the SWV weighs the school's and
# the parents' view against the advice (docs/tlv.md, "Consistent advice").
AFWIJKEND_ADVIES = {
    DEMO_TLV_IN_BEHANDELING: (
        regels.Soort.SO,
        "Beide deskundigen adviseren SO. School en ouders kiezen eerst voor het SBO dichtbij "
        "huis, met begeleiding van De Wissel; zo blijft hij bij zijn broer op school.",
    ),
}
GEBEURTENISSEN = {
    S.CONCEPT: [],
    S.INGEDIEND: [regels.Actie.INDIENEN],
    S.IN_BEHANDELING: [regels.Actie.INDIENEN, regels.Actie.IN_BEHANDELING],
    S.AANVULLING_GEVRAAGD: [regels.Actie.INDIENEN, regels.Actie.AANVULLING_VRAGEN],
    S.TOEGEKEND: [regels.Actie.INDIENEN, regels.Actie.IN_BEHANDELING, regels.Actie.TOEKENNEN],
    S.AFGEWEZEN: [regels.Actie.INDIENEN, regels.Actie.IN_BEHANDELING, regels.Actie.AFWIJZEN],
}


def _key(naam: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, naam)


def _dossier(leerling: Leerling, door: User, ouder: User | None, nu) -> tuple[Traject, Opp]:
    """A traject past step 6, an MDO held with a parent, and a vastgesteld, signed OPP."""
    school = leerling.school
    traject, _ = Traject.objects.get_or_create(
        uuid=_key(f"traject-{leerling.uuid}"),
        defaults={
            "leerling": leerling,
            "geopend_door": door,
            "geopend_namens": school,
            "regievoerder": school,
            "huidige_stap": 7,
            "evaluatiedatum": nu.date() + timedelta(days=90),
        },
    )
    start = nu - timedelta(days=40)
    mdo, _ = Mdo.objects.get_or_create(
        uuid=_key(f"mdo-{leerling.uuid}"),
        defaults={
            "traject": traject,
            "cyclus": 1,
            "doel": "Passende plek bespreken",
            "start": start,
            "eind": start + timedelta(hours=1),
            "locatie": "School",
            "voorzitter": door,
            "status": Mdo.Status.GEHOUDEN,
        },
    )
    if not mdo.verslagen.exists():
        verslag = Mdoverslag.objects.create(
            mdo=mdo,
            versie=1,
            status=Mdoverslag.Status.DEFINITIEF,
            velden={"integratief_beeld": "Het reguliere onderwijs biedt niet genoeg structuur."},
            besluiten="Een TLV aanvragen voor speciaal onderwijs.",
            gewijzigd_door=door,
            vastgesteld_door=door,
            vastgesteld_op=start + timedelta(days=2),
        )
        if ouder is not None:
            genodigde = Genodigde.objects.create(
                mdo=mdo, user=ouder, rol=Genodigde.Rol.OUDER, antwoord=Genodigde.Antwoord.KOMT
            )
            verslag.aanwezigen.add(genodigde)
    opp, _ = Opp.objects.get_or_create(
        uuid=_key(f"opp-{leerling.uuid}"),
        defaults={
            "leerling": leerling,
            "school": school,
            "gemaakt_door": door,
            "verstuurd_door": door,
            "status": Opp.Status.VASTGESTELD,
            "vastgesteld_op": start + timedelta(days=10),
            "ondersteuningsbehoeften": "Een kleine groep, veel structuur en voorspelbaarheid.",
            "integratief_beeld": "Ondanks extra ondersteuning blijft de ontwikkeling stilstaan.",
            "visie_ouders": "Ons kind komt op een kleinere school beter tot zijn recht.",
        },
    )
    if ouder is not None and not opp.ondertekeningen.exists():
        Ondertekening.objects.create(
            opp=opp,
            ondertekenaar=ouder,
            partij=Ondertekening.Partij.OUDER,
            status=Ondertekening.Status.GETEKEND,
            beantwoord_op=start + timedelta(days=9),
            methode=Ondertekening.Methode.CODE,
        )
    return traject, opp


def _aanvraag(sleutel, nummer, status, soort, categorie, dagen, volledig, swv_users) -> None:
    leerling = Leerling.objects.filter(uuid=uuid.uuid5(ACCOUNTS_NAMESPACE, f"leerling-{nummer}"))
    leerling = leerling.select_related("school__swv").first()
    if leerling is None or leerling.school is None or leerling.school.swv is None:
        return
    nu = timezone.now()
    door = User.objects.get(
        email="ib.andere@demo.nl" if leerling.school.swv.code == "VO-28-01" else "ib@demo.nl"
    )
    ouder = next((g.ouder for g in Gezag.objects.filter(leerling=leerling, heeft_gezag=True)), None)
    traject, opp = _dossier(leerling, door, ouder, nu)
    compleet = nu - timedelta(days=dagen) if dagen is not None else None
    besloten = status in regels.BESLOTEN
    beslist_op = compleet + timedelta(days=35) if besloten else None
    start = (compleet or nu).date() + timedelta(days=28)
    consulent = swv_users.get(leerling.school.swv_id)
    geadviseerd, zienswijze_school = AFWIJKEND_ADVIES.get(sleutel, (soort, ""))
    aanvraag = TlvAanvraag.objects.create(
        uuid=sleutel,
        traject=traject,
        leerling=leerling,
        school=leerling.school,
        swv=leerling.school.swv,
        opp=opp,
        soort=soort,
        categorie=categorie,
        startdatum=start,
        einddatum=timezone.localdate() + timedelta(days=60)
        if status == S.TOEGEKEND
        else date(start.year + 2, 7, 31),
        motivering=f"{opp.ondersteuningsbehoeften}\n\n{opp.integratief_beeld}",
        zienswijze_ouders=opp.visie_ouders if volledig else "",
        zienswijze_school=zienswijze_school,
        status=status,
        consulent=consulent if status not in (S.CONCEPT, S.INGEDIEND) else None,
        compleet_op=compleet,
        beslist_op=beslist_op,
        besluit_motivering="Het deskundigenadvies is overgenomen."
        if status == S.TOEGEKEND
        else "Er is eerst een arrangement op de eigen school nodig."
        if besloten
        else "",
        afwijking_advies=status == S.AFGEWEZEN,
        aangemaakt_door=door,
    )
    adviezen = [(regels.Rang.EERSTE, regels.Deskundige.ORTHOPEDAGOOG, "drs. A. de Wit")]
    if volledig:
        adviezen.append((regels.Rang.TWEEDE, regels.Deskundige.KINDERPSYCHIATER, "dr. K. Yilmaz"))
    for rang, deskundige, naam in adviezen:
        Deskundigenadvies.objects.create(
            aanvraag=aanvraag,
            rang=rang,
            soort=deskundige,
            naam=naam,
            datum=nu.date() - timedelta(days=(dagen or 0) + 7),
            advies=f"Geadviseerd wordt {regels.Soort(geadviseerd).label}.",
            geadviseerd_soort=geadviseerd,
            gewijzigd_door=door,
        )
    TlvGebeurtenis.objects.create(
        aanvraag=aanvraag, actie=regels.Actie.AANGEMAAKT, door=door, naar_status=S.CONCEPT
    )
    vorige = S.CONCEPT
    for actie in GEBEURTENISSEN[status]:
        overgang = regels.OVERGANGEN[actie]
        TlvGebeurtenis.objects.create(
            aanvraag=aanvraag,
            actie=actie,
            door=door if overgang.door == regels.Partij.SCHOOL else (consulent or door),
            van_status=vorige,
            naar_status=overgang.naar,
            notitie="Graag het verslag van de orthopedagoog bijvoegen."
            if actie == regels.Actie.AANVULLING_VRAGEN
            else "",
        )
        vorige = overgang.naar
    if status == S.TOEGEKEND:
        jaar = timezone.localtime(beslist_op).year
        volgnummer = (
            max(
                Tlv.objects.filter(swv=aanvraag.swv, jaar=jaar).values_list(
                    "volgnummer", flat=True
                ),
                default=0,
            )
            + 1
        )
        Tlv.objects.create(
            aanvraag=aanvraag,
            swv=aanvraag.swv,
            jaar=jaar,
            volgnummer=volgnummer,
            nummer=f"{aanvraag.swv.code}/{jaar}/{volgnummer:04d}",
            soort=soort,
            categorie=categorie,
            startdatum=aanvraag.startdatum,
            einddatum=aanvraag.einddatum,
        )


@transaction.atomic
def seed() -> None:
    swv_users = {
        lid.organisatie_id: lid.user
        for lid in Lidmaatschap.objects.filter(rol=Rol.CONSULENT_SWV).select_related("user")
    }
    for org_id in swv_users:
        TlvInstelling.objects.get_or_create(swv_id=org_id)
    for sleutel, (nummer, status, soort, categorie, dagen, volledig) in AANVRAGEN.items():
        if TlvAanvraag.objects.filter(uuid=sleutel).exists():
            continue
        _aanvraag(sleutel, nummer, status, soort, categorie, dagen, volledig, swv_users)
