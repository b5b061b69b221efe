"""The MDO report: a concept edited with optimistic locking, final versions kept."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.mail import stuur_mail
from accounts.models import Informatiesoort, User
from accounts.notificaties import notificeer
from accounts.rollen import Soort
from accounts.schrijfwijze import klein
from accounts.toestemming import Toestemmingen
from arrangeren.route.models import (
    Afspraak,
    Doel,
    Genodigde,
    Leerlinggesprek,
    Mdo,
    Mdoverslag,
    Traject,
)
from arrangeren.route.stappen import STAPPEN, Vastlegging, stap_met
from opp import services as opp_services
from opp.domein import Bekostiging
from opp.models import Opp
from opp.services import MAX_TEKST

from .common import Bewerkconflict
from .tevredenheid import vraag_ouders
from .traject import rond_verslagstappen_af
from .uitnodigingen import ouders_zonder_gezag

VERSLAGLABELS = {
    naam: label
    for stap in STAPPEN
    if stap.vastlegging == Vastlegging.VERSLAG
    for naam, label in stap.uitkomsten
}
VERSLAGVELDEN = tuple(VERSLAGLABELS)


def tekens(aantal: int) -> str:
    """A number of characters in Dutch: 20.000."""
    return f"{aantal:,}".replace(",", ".")


def check_lengte(teksten: dict[str, str]) -> None:
    """The report's texts go into the OPP, so they have the OPP's limit (MAX_TEKST, one
    constant for both), checked when typed, not first at "Overnemen in het OPP"."""
    te_lang = [label for label, tekst in teksten.items() if len(tekst or "") > MAX_TEKST]
    if te_lang:
        raise ValidationError(
            f"Te lang voor het OPP (daar past {tekens(MAX_TEKST)} tekens per tekst): "
            f"{', '.join(te_lang)}. Kort de tekst in of voeg een bijlage toe."
        )


def visie_leerling(wat_goed_gaat: str, wat_moeilijk_is: str, wensen: str) -> str:
    """The leerlinggesprek as the OPP's "visie van de leerling" (one text)."""
    return "\n".join(
        f"{label}: {tekst}"
        for label, tekst in (
            ("Wat gaat goed", wat_goed_gaat),
            ("Wat is moeilijk", wat_moeilijk_is),
            ("Wensen", wensen),
        )
    )


def gesprek_bewerkbaar(mdo: Mdo) -> bool:
    """The pupil's view belongs to the report: it can be written and corrected until the
    report is final, and again while a new version of the report is a concept."""
    if mdo.status == Mdo.Status.GEANNULEERD:
        return False
    return (
        mdo.status != Mdo.Status.GEHOUDEN
        or mdo.verslagen.filter(status=Mdoverslag.Status.CONCEPT).exists()
    )


@transaction.atomic
def leg_leerlinggesprek_vast(mdo: Mdo, data: dict, *, door: User) -> Leerlinggesprek:
    """Hoorrecht: the pupil's own view, heard before the meeting. Its three answers become
    one text in the OPP, so together they keep to the OPP's limit."""
    current = Mdo.objects.select_for_update().get(pk=mdo.pk)
    if not gesprek_bewerkbaar(current):
        raise ValidationError(
            "Het verslag is vastgesteld, met de visie van de leerling erin. Maak een nieuwe "
            "versie van het verslag om het leerlinggesprek aan te passen."
        )
    if data["gevoerd_op"] > timezone.localdate():
        raise ValidationError("Het gesprek kan niet in de toekomst gevoerd zijn.")
    lengte = len(visie_leerling(data["wat_goed_gaat"], data["wat_moeilijk_is"], data["wensen"]))
    if lengte > MAX_TEKST:
        raise ValidationError(
            f"Het leerlinggesprek is samen {tekens(lengte)} tekens; in het OPP past "
            f"{tekens(MAX_TEKST)}. Kort het in."
        )
    gesprek, _ = Leerlinggesprek.objects.update_or_create(
        mdo=current, defaults={**data, "gevoerd_door": door}
    )
    return gesprek


def _concept(verslag: Mdoverslag, bewerkingen: int | None = None) -> Mdoverslag:
    current = Mdoverslag.objects.select_for_update().get(pk=verslag.pk)
    if not current.is_concept:
        raise ValidationError(
            "Dit verslag is definitief en verandert niet meer. Maak een nieuwe versie om iets "
            "te wijzigen."
        )
    if bewerkingen is not None and current.bewerkingen != bewerkingen:
        raise Bewerkconflict("Het verslag")
    return current


@transaction.atomic
def open_verslag(mdo: Mdo, *, door: User) -> Mdoverslag:
    """The concept report of this MDO (started once the invitations went out)."""
    mdo = Mdo.objects.select_for_update().get(pk=mdo.pk)
    if mdo.uitnodigingen_verstuurd_op is None:
        raise ValidationError("Het verslag begint nadat de uitnodigingen zijn verstuurd.")
    bestaand = mdo.verslagen.order_by("-versie").first()
    if bestaand is not None:
        return bestaand
    return Mdoverslag.objects.create(mdo=mdo, versie=1, gewijzigd_door=door)


@transaction.atomic
def bewaar_verslag(
    verslag: Mdoverslag,
    *,
    door: User,
    bewerkingen: int,
    velden: dict[str, str],
    besluiten: str,
    evaluatiedatum: date | None,
    aanwezigen: list[int],
    overige_aanwezigen: str = "",
) -> Mdoverslag:
    check_lengte(
        {label: velden.get(naam) or "" for naam, label in VERSLAGLABELS.items()}
        | {"Besluiten": besluiten}
    )
    current = _concept(verslag, bewerkingen)
    current.velden = {naam: (velden.get(naam) or "").strip() for naam in VERSLAGVELDEN}
    current.besluiten = besluiten.strip()
    current.evaluatiedatum = evaluatiedatum
    current.overige_aanwezigen = overige_aanwezigen.strip()
    current.bewerkingen += 1
    current.gewijzigd_door = door
    current.save()
    current.aanwezigen.set(current.mdo.genodigden.filter(pk__in=aanwezigen))
    return current


def voeg_doel_toe(
    verslag: Mdoverslag, *, door: User, domein: str, soort: str, omschrijving: str
) -> Doel:
    if not omschrijving.strip():
        raise ValidationError("Beschrijf het doel.")
    check_lengte({"het doel": omschrijving})
    with transaction.atomic():
        current = _concept(verslag)
        # Under the report's row lock: the same goal twice (a second tab) is refused.
        if current.doelen.filter(
            domein=domein, soort=soort, omschrijving=omschrijving.strip()
        ).exists():
            raise ValidationError(
                "Dit doel staat al in het verslag; het is niet nog eens toegevoegd."
            )
        volgorde = current.doelen.count() + 1
        return Doel.objects.create(
            verslag=current,
            volgorde=volgorde,
            domein=domein,
            soort=soort,
            omschrijving=omschrijving,
        )


@transaction.atomic
def verwijder_doel(doel: Doel, *, door: User) -> None:
    _concept(doel.verslag)
    doel.delete()


def voeg_afspraak_toe(doel: Doel, *, door: User, **data) -> Afspraak:
    if not (data.get("inzet") or "").strip() or not (data.get("uitvoerder") or "").strip():
        raise ValidationError("Vul in wat de inzet is en wie die uitvoert.")
    if data.get("tot") and data.get("vanaf") and data["tot"] < data["vanaf"]:
        raise ValidationError("De einddatum van de inzet ligt vóór de begindatum.")
    check_lengte({"de inzet": data["inzet"]})
    with transaction.atomic():
        _concept(doel.verslag)
        return Afspraak.objects.create(doel=doel, **data)


@transaction.atomic
def verwijder_afspraak(afspraak: Afspraak, *, door: User) -> None:
    _concept(afspraak.doel.verslag)
    afspraak.delete()


def ontbreekt_voor_vaststellen(verslag: Mdoverslag) -> list[str]:
    """What the chair still has to write down before the report can be finalised."""
    mdo = verslag.mdo
    ontbreekt: list[str] = []
    if not verslag.aanwezigen.exists():
        ontbreekt.append("wie er aanwezig waren")
    for stap in STAPPEN:
        if stap.vastlegging == Vastlegging.VERSLAG:
            ontbreekt += [
                f"{klein(label)} (stap {stap.nummer})"
                for naam, label in stap.uitkomsten
                if not verslag.velden.get(naam, "").strip()
            ]
    doelen = list(verslag.doelen.prefetch_related("afspraken"))
    if not doelen:
        ontbreekt.append(f"minstens één doel (stap {stap_met('doelen').nummer})")
    inzet = stap_met("afspraken_per_doel").nummer
    ontbreekt += [
        f"de inzet bij het doel “{doel}” (stap {inzet})"
        for doel in doelen
        if not doel.afspraken.all()
    ]
    evaluatie = stap_met("evaluatiedatum").nummer
    if verslag.evaluatiedatum is None:
        ontbreekt.append(f"een evaluatiedatum (stap {evaluatie})")
    elif verslag.evaluatiedatum <= timezone.localdate():
        ontbreekt.append(f"een evaluatiedatum in de toekomst (stap {evaluatie})")
    leerling_aanwezig = verslag.aanwezigen.filter(rol=Genodigde.Rol.LEERLING).exists()
    if not leerling_aanwezig and not hasattr(mdo, "leerlinggesprek"):
        ontbreekt.append(
            "de visie van de leerling: de leerling was er niet, leg het leerlinggesprek vast "
            "(hoorrecht)"
        )
    return ontbreekt


def overleg_begonnen(mdo: Mdo, nu: datetime | None = None) -> bool:
    """Has the meeting started? Only then can its report be final (docs/route.md): a
    report made final before the meeting would mark it held and tick the TLV's "MDO
    gehouden met ouders" before anyone met."""
    return mdo.start is not None and mdo.start <= (nu or timezone.now())


def nog_niet_begonnen(mdo: Mdo) -> str:
    """Why the report cannot be final yet, and from when it can."""
    if mdo.start is None:
        return (
            "Het MDO heeft nog geen datum en tijd. Het verslag stelt u vast na het overleg; "
            "kies eerst een tijd."
        )
    start = timezone.localtime(mdo.start)
    return (
        "Het verslag stelt u vast na het overleg. Het MDO begint op "
        f"{date_format(start, 'j F Y')} om {start:%H:%M}; vanaf dan kunt u het verslag "
        "vaststellen."
    )


@transaction.atomic
def stel_verslag_vast(verslag: Mdoverslag, *, door: User, bewerkingen: int) -> Mdoverslag:
    """The chair finalises, after the meeting started; the report then reaches the
    attendees consent allows."""
    current = _concept(verslag, bewerkingen)
    mdo = Mdo.objects.select_for_update().get(pk=current.mdo_id)
    if mdo.voorzitter_id != door.pk:
        raise ValidationError("Alleen de voorzitter van het MDO stelt het verslag vast.")
    ontbreekt = ontbreekt_voor_vaststellen(current)
    if ontbreekt:
        raise ValidationError(
            ["Het verslag kan nog niet worden vastgesteld. Nog nodig:", *ontbreekt]
        )
    if not overleg_begonnen(mdo):
        raise ValidationError(nog_niet_begonnen(mdo))
    current.status = Mdoverslag.Status.DEFINITIEF
    current.vastgesteld_door = door
    current.vastgesteld_op = timezone.now()
    current.save()
    mdo.status = Mdo.Status.GEHOUDEN
    mdo.save(update_fields=["status"])
    Traject.objects.filter(pk=mdo.traject_id).update(evaluatiedatum=current.evaluatiedatum)
    # Steps 4 to 6 are recorded in this report: the traject moves on to step 7 at once.
    rond_verslagstappen_af(mdo.traject_id, mdo.cyclus, door=door)
    lezers = [g.user for g in ontvangers_verslag(current)]
    direct = notificeer(
        lezers,
        "mdo_verslag",
        reverse("arrangeren:verslag", args=[mdo.uuid]),
        veroorzaakt_door=door,
        onderwerp=mdo.uuid,
        eigen_mail=True,
    )
    stuur_mail(
        [u.email for u in lezers if u.pk in direct],
        "Het verslag van het MDO staat klaar",
        "arrangeren/email/verslag_vastgesteld.txt",
        {"pad": reverse("arrangeren:verslag", args=[mdo.uuid])},
        veroorzaakt_door=door,
    )
    if current.versie == 1:  # the meeting took place: ask the parents once (docs/monitor.md)
        vraag_ouders(mdo, door=door)
    return current


def ontvangers_verslag(verslag: Mdoverslag) -> list[Genodigde]:
    """Attendees who receive the final report: school, parents (still with custody), and
    consented outsiders."""
    toestemmingen = Toestemmingen(verslag.mdo.traject.leerling)
    zonder_gezag = set(ouders_zonder_gezag(verslag.mdo).values_list("pk", flat=True))
    return [
        g
        for g in verslag.aanwezigen.select_related("user")
        if g.user_id
        and g.pk not in zonder_gezag
        and (
            not g.is_extern
            or toestemmingen.dekt(Informatiesoort.MDO_DEELNAME, g.user_id, g.organisatie_id)
        )
    ]


@transaction.atomic
def nieuwe_versie(verslag: Mdoverslag, *, door: User, reden: str) -> Mdoverslag:
    """A change after finalising: a new concept version, the final one stays as it was."""
    if not reden.strip():
        raise ValidationError("Geef aan waarom het verslag een nieuwe versie krijgt.")
    bron = Mdoverslag.objects.select_for_update().get(pk=verslag.pk)
    if bron.is_concept:
        raise ValidationError("Dit verslag is nog een concept; pas het gewoon aan.")
    laatste = bron.mdo.verslagen.order_by("-versie").first()
    if laatste.pk != bron.pk:
        raise ValidationError("Er is al een nieuwere versie van dit verslag.")
    try:
        with transaction.atomic():
            nieuw = Mdoverslag.objects.create(
                mdo=bron.mdo,
                versie=bron.versie + 1,
                velden=bron.velden,
                besluiten=bron.besluiten,
                evaluatiedatum=bron.evaluatiedatum,
                overige_aanwezigen=bron.overige_aanwezigen,
                gewijzigd_door=door,
                reden_nieuwe_versie=reden.strip(),
            )
    except IntegrityError as exc:
        raise ValidationError("Er is al een nieuwe versie in bewerking.") from exc
    nieuw.aanwezigen.set(bron.aanwezigen.all())
    for doel in bron.doelen.prefetch_related("afspraken"):
        afspraken = list(doel.afspraken.all())
        doel.pk = None
        doel.verslag = nieuw
        doel.save()
        for afspraak in afspraken:
            afspraak.pk = None
            afspraak.doel = doel
            afspraak.save()
    return nieuw


# Who pays for an inzet, by the kind of organisation that delivers it.
BEKOSTIGING_PER_SOORT = {
    Soort.SCHOOL: Bekostiging.ONDERWIJS,
    Soort.SWV: Bekostiging.ONDERWIJS,
    Soort.GEMEENTE: Bekostiging.GEMEENTE,
    Soort.JEUGDTEAM: Bekostiging.GEMEENTE,
    Soort.JEUGDHULPAANBIEDER: Bekostiging.GEMEENTE,
}


def _opp_velden(bron: Mdoverslag) -> dict:
    """The report's outcomes and the pupil's view, as the OPP's fields."""
    gesprek = getattr(bron.mdo, "leerlinggesprek", None)
    visie = ""
    if gesprek:
        visie = visie_leerling(gesprek.wat_goed_gaat, gesprek.wat_moeilijk_is, gesprek.wensen)
    return {
        "ondersteuningsbehoeften": bron.velden.get("ondersteuningsbehoeften", ""),
        "integratief_beeld": bron.velden.get("integratief_beeld", ""),
        "regieafspraken": bron.velden.get("regieafspraken", ""),
        "overbrugging": bron.velden.get("overbrugging", ""),
        "evaluatiedatum": bron.evaluatiedatum,
        "visie_leerling": visie,
    }


def _opp_inzet(afspraak: Afspraak) -> dict:
    soort = afspraak.organisatie.soort if afspraak.organisatie_id else Soort.SCHOOL
    return {
        "wat": afspraak.inzet,
        "wie": afspraak.uitvoerder,
        "organisatie": afspraak.organisatie,
        "vanaf": afspraak.vanaf,
        "tot": afspraak.tot,
        "uren_per_week": afspraak.uren_per_week,
        "bekostiging": BEKOSTIGING_PER_SOORT.get(soort, Bekostiging.ONDERWIJS),
    }


@transaction.atomic
def neem_over_in_opp(verslag: Mdoverslag, *, door: User) -> Opp:
    """Step 6 → OPP: the final report's goals and agreements become the handelingsdeel.

    Structured data is taken over as is, so nobody types it twice. Once per report.
    """
    bron = (
        Mdoverslag.objects.select_for_update()
        .select_related("mdo__traject__leerling")
        .get(pk=verslag.pk)
    )
    if bron.is_concept:
        raise ValidationError("Stel het verslag eerst vast; daarna neemt u het over in het OPP.")
    if bron.overgenomen_in_opp_op:
        raise ValidationError("Dit verslag is al overgenomen in het OPP.")
    velden = _opp_velden(bron)
    if len(velden["visie_leerling"]) > MAX_TEKST:
        # Written before the limit was checked at entry: the way out, not a dead end.
        raise ValidationError(
            f"Het leerlinggesprek is samen {tekens(len(velden['visie_leerling']))} tekens; in "
            f"het OPP past {tekens(MAX_TEKST)}. Maak een nieuwe versie van het verslag, kort het "
            "leerlinggesprek in en stel het verslag opnieuw vast."
        )
    doelen = [
        {
            "domein": doel.domein,
            "soort": doel.soort,
            "omschrijving": doel.omschrijving,
            "inzet": [_opp_inzet(a) for a in doel.afspraken.select_related("organisatie")],
        }
        for doel in bron.doelen.all()
    ]
    opp = opp_services.maak_opp(bron.mdo.traject.leerling, door=door, velden=velden, doelen=doelen)
    bron.overgenomen_in_opp_op = timezone.now()
    bron.save(update_fields=["overgenomen_in_opp_op"])
    return opp
