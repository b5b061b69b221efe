"""Writes of the arrangeren app: opening a traject and moving it along the route."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, Organisatie, User
from accounts.notificaties import notificeer
from accounts.permissions import can_view_leerling, schrijft_voor_school
from accounts.rollen import Recht, Soort, rollen_met
from arrangeren.route.betrokkenheid import Kenmerk
from arrangeren.route.models import (
    Regieoverdracht,
    Stapovergang,
    Stapuitkomst,
    Traject,
    TrajectVoorwaarde,
    Voortgangsnotitie,
)
from arrangeren.route.permissions import opent_traject
from arrangeren.route.stappen import (
    EERSTE_STAP,
    NA_MDO_VANAF,
    STAP,
    STARTS,
    Initiatief,
    Overgang,
    Vastlegging,
    check_move,
)
from arrangeren.route.uitkomsten import ontbrekende_uitkomsten

from .common import Bewerkconflict

# The same progress note from the same person within this window is a double submit.
DUBBEL_VENSTER = timedelta(minutes=2)


def open_traject(
    *,
    leerling: Leerling,
    door: User,
    namens: Lidmaatschap,
    voorwaarden: dict[str, str],
    aanleiding: str = "",
    kenmerken: list[str] | tuple[str, ...] = (),
) -> Traject:
    """Open a traject once every start condition of its initiative is confirmed (value: an
    explanation). The school confirms its own support route; the jeugdteam, starting on a
    signal from outside education, confirms its own conditions and describes the signal,
    and the school's coördinators hear of it (`stappen.STARTS`, docs/route.md)."""
    # Who opens: accounts/rollen.py (docs/route.md, opening a traject).
    if namens.user_id != door.pk or not opent_traject(namens):
        raise PermissionDenied(
            "Alleen de ondersteuningscoördinator of het jeugdteam opent een traject."
        )
    if not can_view_leerling(door, leerling):
        raise PermissionDenied("Deze leerling valt buiten uw bereik.")
    if not schrijft_voor_school(leerling):
        raise ValidationError(
            f"{leerling.voornaam} is uitgeschreven op {leerling.uitgeschreven_op:%d-%m-%Y}: in "
            "dit dossier wordt geen traject meer geopend."
        )
    if namens.organisatie.soort == Soort.SCHOOL and leerling.school_id != namens.organisatie_id:
        raise PermissionDenied("Alleen de school van inschrijving opent een traject.")
    jeugdteam = namens.organisatie.soort == Soort.JEUGDTEAM
    start = STARTS[Initiatief.JEUGDTEAM if jeugdteam else Initiatief.SCHOOL]
    ontbrekend = [v.label for v in start.voorwaarden if v.value not in voorwaarden]
    if ontbrekend:
        raise ValidationError(
            [
                "Integraal arrangeren start pas als alle voorwaarden zijn bevestigd. "
                "Nog niet bevestigd:",
                *ontbrekend,
            ]
        )
    aanleiding = (aanleiding or "").strip()
    if start.aanleiding_verplicht and not aanleiding:
        raise ValidationError(
            "Beschrijf wat er buiten het onderwijs is gesignaleerd: dat is de aanleiding "
            "voor het traject, en de school leest die."
        )
    if leerling.school_id is None:
        raise ValidationError("De leerling staat niet op een school ingeschreven.")
    kenmerken = check_kenmerken(kenmerken)

    # School holds regie unless decided otherwise; a signal from outside school puts the
    # initiative (and at first the regie) with the jeugdteam.
    regievoerder = namens.organisatie if jeugdteam else leerling.school
    try:
        with transaction.atomic():
            traject = Traject.objects.create(
                leerling=leerling,
                geopend_door=door,
                geopend_namens=namens.organisatie,
                signaal_buiten_school=jeugdteam,
                initiatief=start.initiatief,
                aanleiding=aanleiding,
                kenmerken=kenmerken,
                regievoerder=regievoerder,
            )
            TrajectVoorwaarde.objects.bulk_create(
                TrajectVoorwaarde(
                    traject=traject,
                    voorwaarde=voorwaarde,
                    toelichting=voorwaarden[voorwaarde.value],
                    bevestigd_door=door,
                )
                for voorwaarde in start.voorwaarden
            )
            Stapovergang.objects.create(
                traject=traject,
                soort=Overgang.START,
                naar_stap=EERSTE_STAP,
                cyclus=1,
                door=door,
            )
            if jeugdteam:
                meld_school_betrokken(traject, door=door)
    except IntegrityError as exc:
        raise ValidationError("Voor deze leerling loopt al een open traject.") from exc
    return traject


def check_kenmerken(kenmerken: list[str] | tuple[str, ...]) -> list[str]:
    onbekend = [k for k in kenmerken if k not in Kenmerk.values]
    if onbekend:
        raise ValidationError("Kies wat er speelt uit de lijst.")
    return [k.value for k in Kenmerk if k.value in kenmerken]


def meld_school_betrokken(traject: Traject, *, door: User) -> None:
    """The jeugdteam "betrekt school": the coördinators of the pupil's school hear that
    a traject was started for their pupil, and on its page by whom and why."""
    coordinatoren = User.objects.filter(
        lidmaatschappen__organisatie_id=traject.leerling.school_id,
        lidmaatschappen__rol__in=rollen_met(Recht.TRAJECT_OPENEN),
    ).distinct()
    notificeer(
        coordinatoren,
        "traject_jeugdteam",
        reverse("arrangeren:traject_detail", args=[traject.uuid]),
        veroorzaakt_door=door,
        onderwerp=traject.uuid,
        organisatie=traject.leerling.school,
    )


def _locked(traject: Traject, versie: int | None) -> Traject:
    current = Traject.objects.select_for_update().get(pk=traject.pk)
    if versie is not None and current.versie != versie:
        raise ValidationError(
            "Iemand anders heeft dit traject intussen gewijzigd. Vernieuw de pagina en probeer "
            "het opnieuw."
        )
    if not current.is_open:
        raise ValidationError("Dit traject is afgesloten.")
    return current


@transaction.atomic
def move_to_step(
    traject: Traject, naar: int, *, door: User, notitie: str = "", versie: int | None = None
) -> Stapovergang:
    """Move the traject along the route; only the moves of `stappen.check_move`."""
    current = _locked(traject, versie)
    overgang = check_move(current.huidige_stap, naar)
    ontbreekt = ontbrekende_uitkomsten(current)
    if ontbreekt:
        raise ValidationError(
            [
                f"Stap {current.huidige_stap} ({current.stap.naam}) is nog niet afgerond. "
                "Nog vast te leggen:",
                *ontbreekt,
            ]
        )
    if overgang == Overgang.NIEUWE_CYCLUS:
        current.cyclus += 1
    event = Stapovergang.objects.create(
        traject=current,
        soort=overgang,
        van_stap=current.huidige_stap,
        naar_stap=naar,
        cyclus=current.cyclus,
        door=door,
        notitie=notitie,
    )
    current.huidige_stap = naar
    current.versie += 1
    current.save(update_fields=["huidige_stap", "cyclus", "versie"])
    traject.refresh_from_db()
    return event


VERSLAG_AFGEROND = "Verslag van het MDO vastgesteld"


def rond_verslagstappen_af(mdo_traject_id: int, cyclus: int, *, door: User) -> list[Stapovergang]:
    """Finalising the report completes steps 4 to 6 in one go (docs/route.md): from the
    step that organises the MDO on, the traject moves one step at a time up to the first
    step after the meeting, each move its own Stapovergang, and only as far as each step's
    outcome is recorded. Nothing moves for a report of an earlier cycle."""
    traject = Traject.objects.get(pk=mdo_traject_id)
    organiseert = next(nummer for nummer, stap in STAP.items() if stap.organiseert_mdo)
    gezet = []
    while (
        traject.is_open
        and traject.cyclus == cyclus
        and organiseert <= traject.huidige_stap < NA_MDO_VANAF
        and not ontbrekende_uitkomsten(traject)
    ):
        naar = traject.huidige_stap + 1
        gezet.append(move_to_step(traject, naar, door=door, notitie=VERSLAG_AFGEROND))
    return gezet


@transaction.atomic
def close_traject(
    traject: Traject, *, door: User, reden: str, versie: int | None = None
) -> Stapovergang:
    if not reden.strip():
        raise ValidationError("Geef een reden om het traject af te sluiten.")
    current = _locked(traject, versie)
    event = Stapovergang.objects.create(
        traject=current,
        soort=Overgang.AFSLUITEN,
        van_stap=current.huidige_stap,
        cyclus=current.cyclus,
        door=door,
        notitie=reden.strip(),
    )
    current.status = Traject.Status.AFGESLOTEN
    current.afsluitreden = reden.strip()
    current.versie += 1
    current.save(update_fields=["status", "afsluitreden", "versie"])
    traject.refresh_from_db()
    return event


@transaction.atomic
def bewaar_stapuitkomst(
    traject: Traject, stap: int, velden: dict[str, str], *, door: User, versie: int | None
) -> Stapuitkomst:
    """Save the free-text outcome of a step of the current cycle (optimistic locking)."""
    definitie = STAP.get(stap)
    if definitie is None or definitie.vastlegging != Vastlegging.STAP:
        raise ValidationError("Deze stap legt u vast in het verslag of met voortgangsnotities.")
    if not definitie.uitkomsten:
        raise ValidationError(
            f"Stap {stap} vraagt niets om in te vullen: ruimte, tolk en toestemming staan in "
            "het MDO."
        )
    current = _locked(traject, None)
    if stap > current.huidige_stap:
        raise ValidationError(f"Stap {stap} is nog niet aan de beurt.")
    toegestaan = {naam for naam, _ in definitie.uitkomsten}
    velden = {naam: (velden.get(naam) or "").strip() for naam in toegestaan}
    uitkomst = (
        Stapuitkomst.objects.select_for_update()
        .filter(traject=current, stap=stap, cyclus=current.cyclus)
        .first()
    )
    if uitkomst is None:
        if versie not in (None, 0):
            raise Bewerkconflict(f"De uitkomst van stap {stap}")
        return Stapuitkomst.objects.create(
            traject=current, stap=stap, cyclus=current.cyclus, velden=velden, bijgewerkt_door=door
        )
    if versie is not None and uitkomst.versie != versie:
        raise Bewerkconflict(f"De uitkomst van stap {stap}")
    uitkomst.velden = velden
    uitkomst.bijgewerkt_door = door
    uitkomst.versie += 1
    uitkomst.save()
    return uitkomst


@transaction.atomic
def draag_regie_over(
    traject: Traject, naar: Organisatie, *, door: User, reden: str, versie: int | None = None
) -> Regieoverdracht:
    """Hand the regie to another party, with a reason; the handover is an event."""
    if not reden.strip():
        raise ValidationError("Geef een reden voor de overdracht van de regie.")
    current = _locked(traject, versie)
    if naar.pk == current.regievoerder_id:
        raise ValidationError(f"{naar.naam} voert de regie al.")
    if naar.soort not in (Soort.SCHOOL, Soort.JEUGDTEAM, Soort.LEERPLICHT):
        raise ValidationError(
            "De regie ligt bij de school, het jeugdteam (gemeentelijke toegang) of leerplicht."
        )
    if naar.soort == Soort.SCHOOL and naar.pk != current.leerling.school_id:
        raise ValidationError("Alleen de school van inschrijving kan de regie voeren.")
    event = Regieoverdracht.objects.create(
        traject=current, van=current.regievoerder, naar=naar, reden=reden.strip(), door=door
    )
    current.regievoerder = naar
    current.versie += 1
    current.save(update_fields=["regievoerder", "versie"])
    traject.refresh_from_db()
    return event


def voeg_voortgang_toe(
    traject: Traject, tekst: str, *, door: User, namens: Organisatie | None
) -> Voortgangsnotitie:
    """After the MDO: a party carrying out the arrangement reports start or progress."""
    if not tekst.strip():
        raise ValidationError("Schrijf iets over de voortgang.")
    if not traject.is_open:
        raise ValidationError("Dit traject is afgesloten.")
    if not traject.stap.na_mdo:
        raise ValidationError(f"Voortgang volgt na het MDO, vanaf stap {NA_MDO_VANAF}.")
    zojuist = Voortgangsnotitie.objects.filter(
        traject=traject, door=door, tekst=tekst.strip(), op__gte=timezone.now() - DUBBEL_VENSTER
    ).first()
    if zojuist is not None:
        return zojuist  # the same note sent twice (double click): kept once
    return Voortgangsnotitie.objects.create(
        traject=traject, cyclus=traject.cyclus, tekst=tekst.strip(), door=door, namens=namens
    )


@transaction.atomic
def zet_kenmerken(
    traject: Traject, kenmerken: list[str], *, door: User, versie: int | None = None
) -> Traject:
    """What plays in the pupil's situation (verzuim, risicogedrag, ...): the MDO planner
    proposes the parties that must be involved from it (arrangeren/route/betrokkenheid.py)."""
    current = _locked(traject, versie)
    current.kenmerken = check_kenmerken(kenmerken)
    current.versie += 1
    current.save(update_fields=["kenmerken", "versie"])
    return current
