"""The handover of the running work to the new school, once consent of the kind
"overdracht" counts, and the pupil's own answer about it (docs/overstap.md, "The
handover")."""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.bewaartermijnen import einde_inzage
from accounts.mail import stuur_mail
from accounts.models import (
    Gezag,
    Informatiesoort,
    Leerling,
    Organisatie,
    Overstap,
    Toestemming,
    User,
)
from accounts.overstap.registratie import coordinatoren
from accounts.permissions import gronden, schrijft_voor_school
from accounts.rollen import Recht
from accounts.services import sync_toegang, toestemmingen_inzien_toegestaan
from accounts.toestemming import Toestemmingen, regel_voor

OVERDRACHT = Informatiesoort.OVERDRACHT


def overdracht_toegestaan(overstap: Overstap, op: date | None = None) -> bool:
    """Consent of the kind "overdracht" for the new school counts (everyone whose say
    counts gave it, not withdrawn, not expired)."""
    return Toestemmingen(overstap.oud, op).dekt(OVERDRACHT, None, overstap.naar_school_id)


@transaction.atomic
def draag_over_als_toegestaan(
    oud: Leerling, ontvanger_organisatie: Organisatie, *, door: User
) -> bool:
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
    _meld_overdracht(overstap)
    return True


def _meld_overdracht(overstap: Overstap) -> None:
    """Nobody decides a handover unseen: the old school and the parents with custody hear
    that it happened (no names, a link to Samenplan)."""
    oud, nieuw = overstap.oud, overstap.nieuw
    stuur_mail(
        coordinatoren(oud.school_id),
        "Overdracht aan de nieuwe school",
        "accounts/email/overdracht_vorige_school.txt",
        {
            "pad": reverse("accounts:leerling_detail", args=[oud.uuid]),
            "einde_inzage": einde_inzage(oud.uitgeschreven_op or overstap.datum),
        },
    )
    stuur_mail(
        Gezag.objects.filter(leerling=oud, heeft_gezag=True).values_list("ouder__email", flat=True),
        "Overdracht aan de nieuwe school",
        "accounts/email/overdracht_ouders.txt",
        {"pad": reverse("accounts:leerling_detail", args=[nieuw.uuid])},
    )


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


# The pupil's own answer (from 12; from 16 the pupil alone) --------------------------------


def mag_overdrachtsantwoord_vastleggen(user: User, overstap: Overstap) -> bool:
    """The old school's coördinator, for as long as her school reads the old dossier: the
    one act allowed to her in a file her school no longer works in (accounts/permissions.py
    `schrijft_voor_school(..., overdrachtsantwoord=True)`). Never the receiving school."""
    oud = overstap.oud
    return schrijft_voor_school(oud, overdrachtsantwoord=True) and toestemmingen_inzien_toegestaan(
        user, oud
    )


@transaction.atomic
def leg_overdracht_antwoord_leerling_vast(
    overstap: Overstap, *, door: User, geven: bool, toelichting: str = ""
) -> Toestemming:
    """The pupil's own answer about the handover, heard by the old school's coördinator
    and stored on the old dossier, where the question is."""
    overstap = Overstap.objects.select_for_update().get(pk=overstap.pk)
    if not mag_overdrachtsantwoord_vastleggen(door, overstap):
        raise PermissionDenied("Alleen de ondersteuningscoördinator van de vorige school.")
    oud = overstap.oud
    if overstap.overgedragen_op is not None:
        raise ValidationError("Het dossier is al overgedragen aan de nieuwe school.")
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


def is_coordinator_nieuwe_school(user: User, overstap: Overstap) -> bool:
    return bool(
        gronden(user).met(Recht.OVERSTAP_AFHANDELEN, organisatie_id=overstap.naar_school_id)
    )
