"""A pupil moves to another school of the region (docs/overstap.md).

The new school works in a new dossier (`nieuw.vorige = oud`); the old dossier stays the
old school's own record, read-only from the uitschrijving date (accounts/permissions.py
`schrijft_voor_school`). The running traject, the OPP and the consent go to the new
dossier only once consent of the kind "overdracht" counts (the parents with custody,
and from 12 the pupil). Apps that keep rows under a pupil move their own rows through a
hook on their AppConfig, `draag_dossier_over(oud, nieuw, *, door)`, so accounts imports
none of them (apps depend one way: accounts <- opp <- arrangeren).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.bewaartermijnen import einde_inzage
from accounts.models import Gezag, Informatiesoort, Leerling, Overstap, Toestemming, User
from accounts.permissions import actieve_lidmaatschappen, schrijft_voor_school
from accounts.rollen import Rol
from accounts.services import sync_toegang, vraag_toestemming
from accounts.toestemming import LEERLING, Toestemmingen, regel_voor, vereiste_gevers

OVERDRACHT = Informatiesoort.OVERDRACHT


@transaction.atomic
def registreer_overstap(oud: Leerling, nieuw: Leerling, datum: date, door: User) -> Overstap:
    """Record the move found by the pupil import, end the old school's work in the old
    dossier on `datum`, and ask the parents whether the running work may follow."""
    oud = Leerling.objects.select_for_update().get(pk=oud.pk)
    nieuw = Leerling.objects.select_for_update().get(pk=nieuw.pk)
    _controleer(oud, nieuw, datum)
    if oud.uitgeschreven_op is None or oud.uitgeschreven_op > datum:
        oud.uitgeschreven_op = datum
        oud.save(update_fields=["uitgeschreven_op"])
    nieuw.vorige = oud
    nieuw.save(update_fields=["vorige"])
    # Custody does not change with the school: the same parents, with the same say.
    for gezag in oud.gezagen.all():
        Gezag.objects.get_or_create(
            ouder_id=gezag.ouder_id,
            leerling=nieuw,
            defaults={"relatie": gezag.relatie, "heeft_gezag": gezag.heeft_gezag},
        )
    overstap = Overstap.objects.create(
        oud=oud,
        nieuw=nieuw,
        van_school_id=oud.school_id,
        naar_school_id=nieuw.school_id,
        datum=datum,
        geregistreerd_door=door,
    )
    if vereiste_gevers(oud):
        # Only the parents (and from 12 the pupil) decide; with nobody known who can,
        # nothing is handed over and the new school starts fresh.
        vraag_toestemming(oud, door=door, ontvanger_organisatie=nieuw.school, soorten=[OVERDRACHT])
    return overstap


def _controleer(oud: Leerling, nieuw: Leerling, datum: date) -> None:
    if oud.pk == nieuw.pk:
        raise ValidationError("Een overstap gaat van het ene dossier naar een ander dossier.")
    if oud.school_id is None or nieuw.school_id is None:
        raise ValidationError("Een overstap gaat van een school naar een andere school.")
    if oud.school_id == nieuw.school_id:
        raise ValidationError(
            "De leerling staat al op deze school ingeschreven: dat is geen overstap."
        )
    if oud.geboortedatum != nieuw.geboortedatum:
        raise ValidationError(
            "De geboortedatum in het nieuwe dossier verschilt van die in het oude: "
            "controleer of het dezelfde leerling is."
        )
    if Overstap.objects.filter(oud=oud).exists() or Leerling.objects.filter(vorige=oud).exists():
        raise ValidationError("Deze leerling is al overgestapt naar een andere school.")
    if Overstap.objects.filter(nieuw=nieuw).exists() or nieuw.vorige_id is not None:
        raise ValidationError("Het nieuwe dossier hoort al bij een eerdere overstap.")
    if oud.ingeschreven_op is not None and datum < oud.ingeschreven_op:
        raise ValidationError(
            f"De datum van de overstap ({datum:%d-%m-%Y}) ligt vóór de inschrijving op de "
            f"vorige school ({oud.ingeschreven_op:%d-%m-%Y})."
        )


# The handover -----------------------------------------------------------------------------


def overdracht_toegestaan(overstap: Overstap, op: date | None = None) -> bool:
    """Consent of the kind "overdracht" for the new school counts (everyone whose say
    counts gave it, not withdrawn, not expired)."""
    return Toestemmingen(overstap.oud, op).dekt(OVERDRACHT, None, overstap.naar_school_id)


@transaction.atomic
def draag_over_als_toegestaan(oud: Leerling, ontvanger_organisatie, *, door: User) -> bool:
    """Called after every answer about "overdracht": hands over once consent counts.

    The move's row is locked before the consent is read: two parents answering at the
    same moment then run one after the other, and the second sees the first's answer.
    """
    overstap = (
        Overstap.objects.select_for_update()
        .filter(oud=oud, naar_school=ontvanger_organisatie)
        .first()
    )
    if overstap is None or overstap.overgedragen_op is not None:
        return False
    if not overdracht_toegestaan(overstap):
        return False
    return draag_over(overstap, door=door)


@transaction.atomic
def draag_over(overstap: Overstap, *, door: User) -> bool:
    """Move the open trajecten and the OPP to the new dossier and copy the consent.

    Idempotent: a second call (a second parent's click, a retry) does nothing and
    answers False.
    """
    # Lock the move row only (PostgreSQL refuses FOR UPDATE across an outer join).
    overstap = Overstap.objects.select_for_update().get(pk=overstap.pk)
    if overstap.overgedragen_op is not None:
        return False
    if not overdracht_toegestaan(overstap):
        raise ValidationError("Er is (nog) geen toestemming voor de overdracht.")
    oud, nieuw = overstap.oud, overstap.nieuw
    for app_config in apps.get_app_configs():
        if hasattr(app_config, "draag_dossier_over"):
            app_config.draag_dossier_over(oud, nieuw, door=door)
    _kopieer_toestemmingen(oud, nieuw, door)
    sync_toegang(nieuw)
    overstap.overgedragen_op = timezone.now()
    overstap.save(update_fields=["overgedragen_op"])
    return True


def _kopieer_toestemmingen(oud: Leerling, nieuw: Leerling, door: User) -> None:
    """The parents' answers go along: the same giver, receiver, kind, status and end.

    Open questions do not: the old school asked them and no longer works in the file; the
    new school asks again if it needs to. An answer already in the new dossier stands.
    """
    rijen = (
        Toestemming.objects.filter(leerling=oud)
        .exclude(soort=OVERDRACHT)
        .exclude(status=Toestemming.Status.GEVRAAGD)
    )
    for rij in rijen:
        Toestemming.objects.get_or_create(
            leerling=nieuw,
            soort=rij.soort,
            ontvanger_organisatie_id=rij.ontvanger_organisatie_id,
            ontvanger_id=rij.ontvanger_id,
            gever_id=rij.gever_id,
            defaults={
                "status": rij.status,
                "geldig_tot": rij.geldig_tot,
                "toelichting": rij.toelichting,
                "gevraagd_door_id": rij.gevraagd_door_id,
                "vastgelegd_door": door,
            },
        )


# The pupil's own answer (from 12) ---------------------------------------------------------


def is_coordinator_nieuwe_school(user: User, overstap: Overstap) -> bool:
    lidmaatschappen, _ = actieve_lidmaatschappen(user)
    return lidmaatschappen.filter(
        organisatie_id=overstap.naar_school_id, rol=Rol.ONDERSTEUNINGSCOORDINATOR
    ).exists()


@transaction.atomic
def leg_overdracht_antwoord_leerling_vast(
    overstap: Overstap, *, door: User, geven: bool, toelichting: str = ""
) -> Toestemming:
    """The pupil's own answer about the handover, heard by the new school's coördinator.

    The old school no longer works in the old dossier, so the school the pupil now goes
    to records it; the question stays on the old dossier, where the consent is asked.
    """
    if not is_coordinator_nieuwe_school(door, overstap):
        raise PermissionDenied("Alleen de ondersteuningscoördinator van de nieuwe school.")
    oud = overstap.oud
    if not regel_voor(oud).leerling:
        raise ValidationError(f"{oud.voornaam} is jonger dan 12: de ouders met gezag beslissen.")
    rij, _ = Toestemming.objects.select_for_update().update_or_create(
        leerling=oud,
        soort=OVERDRACHT,
        ontvanger_organisatie_id=overstap.naar_school_id,
        ontvanger=None,
        gever=None,
        defaults={
            "status": Toestemming.Status.GEGEVEN if geven else Toestemming.Status.GEWEIGERD,
            "geldig_tot": None,
            "toelichting": toelichting,
            "vastgelegd_door": door,
            "gevraagd_door": door,
        },
    )
    draag_over_als_toegestaan(oud, overstap.naar_school, door=door)
    return rij


# What the pages show ----------------------------------------------------------------------


class Stand(enum.Enum):
    WACHT = "wacht"
    GEWEIGERD = "geweigerd"
    OVERGEDRAGEN = "overgedragen"
    NIEMAND = "niemand"


@dataclass(frozen=True)
class Overdrachtstand:
    overstap: Overstap
    stand: Stand
    wacht_op: str = ""  # "de ouders", "de leerling", "de ouders en de leerling"
    leerling_beslist_mee: bool = False
    leerling_antwoord: str | None = None  # status of the pupil's own answer, if any

    @property
    def tekst(self) -> str:
        if self.stand == Stand.OVERGEDRAGEN:
            return (
                "Het lopende traject, het OPP en de toestemmingen zijn overgedragen op "
                f"{timezone.localtime(self.overstap.overgedragen_op):%d-%m-%Y}."
            )
        if self.stand == Stand.GEWEIGERD:
            return (
                "Er is geen toestemming voor de overdracht: er gaat niets over van de vorige "
                "school. Uw school begint een eigen dossier."
            )
        if self.stand == Stand.NIEMAND:
            return (
                "Van deze leerling is geen ouder met gezag bekend: overdracht is niet "
                "mogelijk. Uw school begint een eigen dossier."
            )
        return f"Overdracht wacht op toestemming van {self.wacht_op}."


def overdrachtstand(overstap: Overstap) -> Overdrachtstand:
    """Where the handover stands, for the new school's page (no content of the old file)."""
    if overstap.overgedragen_op is not None:
        return Overdrachtstand(overstap, Stand.OVERGEDRAGEN)
    oud = overstap.oud
    gevers = vereiste_gevers(oud)
    leerling_beslist_mee = LEERLING in gevers
    if not gevers:
        return Overdrachtstand(overstap, Stand.NIEMAND)
    antwoorden = {
        (gever_id or LEERLING): status
        for gever_id, status in Toestemming.objects.filter(
            leerling=oud,
            soort=OVERDRACHT,
            ontvanger_organisatie_id=overstap.naar_school_id,
            ontvanger=None,
        ).values_list("gever_id", "status")
    }
    leerling_antwoord = antwoorden.get(LEERLING)
    nee = {Toestemming.Status.GEWEIGERD, Toestemming.Status.INGETROKKEN}
    if any(antwoorden.get(gever) in nee for gever in gevers):
        return Overdrachtstand(
            overstap,
            Stand.GEWEIGERD,
            leerling_beslist_mee=leerling_beslist_mee,
            leerling_antwoord=leerling_antwoord,
        )
    open_ouders = any(
        g != LEERLING and antwoorden.get(g) != Toestemming.Status.GEGEVEN for g in gevers
    )
    open_leerling = leerling_beslist_mee and leerling_antwoord != Toestemming.Status.GEGEVEN
    wacht_op = (
        " en ".join(
            deel
            for deel, open_ in (("de ouders", open_ouders), ("de leerling", open_leerling))
            if open_
        )
        or "de ouders"
    )
    return Overdrachtstand(
        overstap,
        Stand.WACHT,
        wacht_op=wacht_op,
        leerling_beslist_mee=leerling_beslist_mee,
        leerling_antwoord=leerling_antwoord,
    )


def pagina_context(user: User, leerling: Leerling) -> dict:
    """What the pupil page shows about a move: the old dossier is read-only (with the
    date); on the new dossier, the new school's coördinator sees the handover's state."""
    context: dict = {"alleen_lezen": not schrijft_voor_school(leerling)}
    if leerling.is_uitgeschreven():
        context["overgestapt"] = Overstap.objects.filter(oud=leerling).exists()
        context["einde_inzage"] = einde_inzage(leerling.uitgeschreven_op)
    overstap = Overstap.objects.select_related("oud", "van_school").filter(nieuw=leerling).first()
    if overstap is not None and is_coordinator_nieuwe_school(user, overstap):
        stand = overdrachtstand(overstap)
        context["overdracht"] = stand
        # The pupil may change their mind, as parents may on their own page.
        context["leerling_antwoord_vragen"] = stand.leerling_beslist_mee and stand.stand in (
            Stand.WACHT,
            Stand.GEWEIGERD,
        )
    return context
