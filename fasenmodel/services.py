"""Writes of the fasenmodel: placements (with their transition event), the thuiszitters
register and procesregie overrides. Each write checks its rules first and saves all or
nothing; a broken rule raises ValidationError with a Dutch message per field."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, User

from .fasen import FASEN, MET_COGNITIEF, overgeslagen_fasen
from .models import (
    Faseovergang,
    Locatiesoort,
    Plaatsing,
    Procesregiebesluit,
    Thuiszitter,
    Vrijstelling,
)
from .thuiszitten import OORZAAK_LABELS, Soort

# A placement may be recorded ahead of its start ("per 1 februari"), not further.
MAX_VOORUIT = timedelta(days=92)
MAX_TEKST = 5_000
THUISZITTER_VELDEN = (
    "sinds",
    "soort",
    "oorzaken",
    "dagbesteding",
    "aanbod_gestart",
    "aanbod_sinds",
    "beeindigd_op",
)


def _datum_fouten(
    datum: date | None, leerling: Leerling, vandaag: date, *, vooruit: timedelta = timedelta(0)
) -> str | None:
    if datum is None:
        return "Vul een datum in."
    if datum > vandaag + vooruit:
        if vooruit:
            return (
                f"Deze datum ligt te ver in de toekomst: u kunt tot "
                f"{vandaag + vooruit:%d-%m-%Y} vooruit vastleggen."
            )
        return "Deze datum ligt in de toekomst."
    if datum < leerling.geboortedatum:
        return (
            f"Deze datum ligt vóór de geboortedatum van {leerling.voornaam} "
            f"({leerling.geboortedatum:%d-%m-%Y})."
        )
    return None


def _tekst(fouten: dict, veld: str, waarde: str, *, verplicht: bool, label: str) -> str:
    waarde = (waarde or "").strip()
    if verplicht and not waarde:
        fouten[veld] = f"Vul {label} in."
    elif len(waarde) > MAX_TEKST:
        fouten[veld] = f"Deze tekst is te lang (meer dan {MAX_TEKST} tekens)."
    return waarde


@transaction.atomic
def registreer_plaatsing(
    leerling: Leerling,
    *,
    fase: int,
    startdatum: date,
    locatiesoort: str,
    locatie: str,
    reden: str,
    door: User,
    namens: Lidmaatschap,
    cognitieve_leerbehoefte: bool = False,
    vandaag: date | None = None,
) -> Plaatsing:
    """Record a pupil's new phase, with its transition event (skipped phases marked)."""
    vandaag = vandaag or timezone.localdate()
    # Serialise placements of one pupil: two at once would both see the same "current".
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    huidige = Plaatsing.objects.filter(leerling=leerling).order_by("-startdatum", "-pk").first()
    fouten: dict[str, str] = {}
    if fase not in FASEN:
        fouten["fase"] = "Kies een fase van 1 tot en met 6."
    elif huidige and huidige.fase == fase:
        fouten["fase"] = f"{leerling.voornaam} zit al in fase {fase}. Kies een andere fase."
    if fout := _datum_fouten(startdatum, leerling, vandaag, vooruit=MAX_VOORUIT):
        fouten["startdatum"] = fout
    elif huidige and startdatum < huidige.startdatum:
        fouten["startdatum"] = (
            f"De startdatum ligt vóór de huidige plaatsing (fase {huidige.fase} sinds "
            f"{huidige.startdatum:%d-%m-%Y})."
        )
    if locatiesoort not in Locatiesoort.values:
        fouten["locatiesoort"] = "Kies de soort locatie."
    locatie = _tekst(fouten, "locatie", locatie, verplicht=True, label="de naam van de locatie")
    reden = _tekst(fouten, "reden", reden, verplicht=True, label="de reden")
    if fouten:
        raise ValidationError(fouten)
    plaatsing = Plaatsing.objects.create(
        leerling=leerling,
        fase=fase,
        startdatum=startdatum,
        locatiesoort=locatiesoort,
        locatie=locatie,
        reden=reden,
        # Only meaningful in fase 1 (registration up to 1 year, or exemption at once).
        cognitieve_leerbehoefte=bool(cognitieve_leerbehoefte) and fase in MET_COGNITIEF,
        besloten_door=door,
        namens=namens.organisatie,
    )
    van = huidige.fase if huidige else None
    overgeslagen = overgeslagen_fasen(van, fase)
    Faseovergang.objects.create(
        leerling=leerling,
        plaatsing=plaatsing,
        van_fase=van,
        naar_fase=fase,
        datum=startdatum,
        door=door,
        reden=reden,
        overgeslagen=bool(overgeslagen),
        overgeslagen_fasen=", ".join(str(f) for f in overgeslagen),
    )
    return plaatsing


def _check_thuiszitter(leerling: Leerling, velden: dict, vandaag: date) -> dict:
    fouten: dict[str, str] = {}
    schoon = dict(velden)
    sinds = velden.get("sinds")
    if fout := _datum_fouten(sinds, leerling, vandaag):
        fouten["sinds"] = fout
    if fout := _soort_fout(velden.get("soort"), leerling, vandaag):
        fouten["soort"] = fout
    oorzaken = list(dict.fromkeys(velden.get("oorzaken") or []))
    if onbekend := [o for o in oorzaken if o not in OORZAAK_LABELS]:
        fouten["oorzaken"] = f"Onbekende oorzaak: {', '.join(map(str, onbekend))}."
    schoon["oorzaken"] = oorzaken
    schoon["dagbesteding"] = _tekst(
        fouten, "dagbesteding", velden.get("dagbesteding"), verplicht=False, label=""
    )
    schoon["aanbod_gestart"] = bool(velden.get("aanbod_gestart"))
    if not schoon["aanbod_gestart"]:
        schoon["aanbod_sinds"] = None
    elif fout := _aanbod_fout(velden.get("aanbod_sinds"), sinds, vandaag):
        fouten["aanbod_sinds"] = fout
    if fout := _eind_fout(velden.get("beeindigd_op"), sinds, vandaag):
        fouten["beeindigd_op"] = fout
    if fouten:
        raise ValidationError(fouten)
    return {k: schoon.get(k) for k in THUISZITTER_VELDEN}


def _soort_fout(soort: str | None, leerling: Leerling, vandaag: date) -> str | None:
    """Absoluut verzuim is being enrolled nowhere, relatief verzuim the unauthorised absence
    of an enrolled pupil; an exempt pupil is in no verzuim at all (the vrijstelling route)."""
    if soort not in Soort.values:
        return "Kies de soort verzuim."
    vrijgesteld = Vrijstelling.objects.filter(leerling=leerling).actief(vandaag).exists()
    if soort == Soort.GEEN and not vrijgesteld:
        return (
            "Geen verzuim kan alleen bij een leerling met een verleende vrijstelling van "
            "leerplicht. Leerplicht legt die vast bij Vrijstellingen."
        )
    if soort != Soort.GEEN and vrijgesteld:
        return (
            "Deze leerling is vrijgesteld van leerplicht: dat is geen verzuim. Kies 'geen verzuim'."
        )
    if soort == Soort.ABSOLUUT and leerling.school_id:
        return (
            "Absoluut verzuim betekent: niet ingeschreven. Deze leerling staat ingeschreven "
            "op een school; kies relatief verzuim."
        )
    if soort == Soort.RELATIEF and not leerling.school_id:
        return (
            "Relatief verzuim is ongeoorloofd verzuim van een ingeschreven leerling. Deze "
            "leerling staat op geen school ingeschreven; kies absoluut verzuim."
        )
    return None


def _aanbod_fout(aanbod_sinds: date | None, sinds: date | None, vandaag: date) -> str | None:
    if aanbod_sinds is None:
        return "Vul in sinds wanneer het passende aanbod loopt."
    if aanbod_sinds > vandaag:
        return "Deze datum ligt in de toekomst: een aanbod telt pas als het is gestart."
    if sinds and aanbod_sinds < sinds:
        return "Het aanbod kan niet starten vóór de datum van thuis zitten."
    return None


def _eind_fout(eind: date | None, sinds: date | None, vandaag: date) -> str | None:
    if eind is None:
        return None
    if eind > vandaag:
        return "Deze datum ligt in de toekomst."
    if sinds and eind < sinds:
        return "De einddatum ligt vóór de datum van thuis zitten."
    return None


@transaction.atomic
def registreer_thuiszitter(
    leerling: Leerling, velden: dict, *, door: User, vandaag: date | None = None
) -> Thuiszitter:
    vandaag = vandaag or timezone.localdate()
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    schoon = _check_thuiszitter(leerling, velden, vandaag)
    if (
        schoon["beeindigd_op"] is None
        and Thuiszitter.objects.filter(leerling=leerling, beeindigd_op__isnull=True).exists()
    ):
        raise ValidationError(
            f"{leerling.volledige_naam} staat al in het thuiszittersregister. Werk die "
            "registratie bij."
        )
    return Thuiszitter.objects.create(leerling=leerling, ingevoerd_door=door, **schoon)


@transaction.atomic
def wijzig_thuiszitter(
    thuiszitter: Thuiszitter, velden: dict, *, door: User, vandaag: date | None = None
) -> Thuiszitter:
    vandaag = vandaag or timezone.localdate()
    thuiszitter = (
        Thuiszitter.objects.select_for_update().select_related("leerling").get(pk=thuiszitter.pk)
    )
    schoon = _check_thuiszitter(thuiszitter.leerling, velden, vandaag)
    if (
        schoon["beeindigd_op"] is None
        and Thuiszitter.objects.filter(leerling=thuiszitter.leerling, beeindigd_op__isnull=True)
        .exclude(pk=thuiszitter.pk)
        .exists()
    ):
        raise ValidationError(
            "Deze leerling heeft al een andere open registratie; vul een einddatum in."
        )
    for veld, waarde in schoon.items():
        setattr(thuiszitter, veld, waarde)
    thuiszitter._change_reason = f"Gewijzigd door {door.naam}"
    thuiszitter.save()
    return thuiszitter


@transaction.atomic
def wijzig_procesregie(
    thuiszitter: Thuiszitter, *, regievoerder: str, reden: str, door: User, namens: Lidmaatschap
) -> Procesregiebesluit:
    thuiszitter = (
        Thuiszitter.objects.select_for_update().select_related("leerling").get(pk=thuiszitter.pk)
    )
    fouten: dict[str, str] = {}
    keuzes = dict(Procesregiebesluit.KEUZES)
    huidig, besluit = thuiszitter.procesregie()
    if regievoerder not in keuzes:
        fouten["regievoerder"] = "Kies wie de procesregie krijgt."
    elif regievoerder == Procesregiebesluit.VOLGENS_REGEL and (
        besluit is None or besluit.regievoerder == Procesregiebesluit.VOLGENS_REGEL
    ):
        fouten["regievoerder"] = "De procesregie volgt de regionale regel al."
    elif regievoerder == huidig and besluit is not None:
        fouten["regievoerder"] = f"De procesregie ligt al bij {keuzes[regievoerder].lower()}."
    reden = _tekst(fouten, "reden", reden, verplicht=True, label="de reden")
    if fouten:
        raise ValidationError(fouten)
    return Procesregiebesluit.objects.create(
        thuiszitter=thuiszitter,
        regievoerder=regievoerder,
        reden=reden,
        door=door,
        namens=namens.organisatie,
    )
