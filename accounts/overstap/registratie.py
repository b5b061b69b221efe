"""Registering a move found by the pupil import (docs/overstap.md, "How Samenplan does
it"): the old dossier ends on the move's date, custody is copied, the parents are asked
whether the running work may follow and the old school is told."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.bewaartermijnen import LEERLINGDOSSIER, einde_inzage
from accounts.mail import stuur_mail
from accounts.models import Gezag, Informatiesoort, Leerling, Lidmaatschap, Overstap, User
from accounts.rollen import Recht, rollen_met
from accounts.services import vraag_toestemming
from accounts.toestemming import LEERLING, vereiste_gevers

GEZAG_OVERGENOMEN = "Overgenomen uit het dossier van de vorige school (overstap)"


@transaction.atomic
def registreer_overstap(oud: Leerling, nieuw: Leerling, datum: date, door: User) -> Overstap:
    """Record the move found by the pupil import, end the old school's work in the old
    dossier on `datum` (today or later), tell the old school, and ask the parents whether
    the running work may follow."""
    oud = Leerling.objects.select_for_update().get(pk=oud.pk)
    nieuw = Leerling.objects.select_for_update().get(pk=nieuw.pk)
    _controleer(oud, nieuw, datum)
    if oud.uitgeschreven_op is None or oud.uitgeschreven_op > datum:
        oud.uitgeschreven_op = datum
        oud.save(update_fields=["uitgeschreven_op"])
    nieuw.vorige = oud
    nieuw.save(update_fields=["vorige"])
    _kopieer_gezag(oud, nieuw, door)
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
        vraag_toestemming(
            oud,
            door=door,
            ontvanger_organisatie=nieuw.school,
            soorten=[Informatiesoort.OVERDRACHT],
        )
    stuur_mail(
        coordinatoren(oud.school_id),
        "Een leerling van uw school is ingeschreven op een andere school",
        "accounts/email/overstap_vorige_school.txt",
        {
            "pad": reverse("accounts:leerling_detail", args=[oud.uuid]),
            "datum": datum,
            "jaren": LEERLINGDOSSIER.jaren,
            "einde_inzage": einde_inzage(oud.uitgeschreven_op),
            "leerling_beslist_mee": LEERLING in vereiste_gevers(oud),
        },
        veroorzaakt_door=door,
    )
    return overstap


def _kopieer_gezag(oud: Leerling, nieuw: Leerling, door: User) -> None:
    """Custody does not change with the school: the same parents, with the same say. A
    parent the new school's file already names keeps that row. Each copy is a row of
    custody history, with who registered the move (there is no request in the import)."""
    bekend = Gezag.objects.filter(leerling=nieuw).values("ouder_id")
    for gezag in oud.gezagen.exclude(ouder_id__in=bekend):
        kopie = Gezag(
            ouder_id=gezag.ouder_id,
            leerling=nieuw,
            relatie=gezag.relatie,
            heeft_gezag=gezag.heeft_gezag,
        )
        kopie._history_user = door
        kopie._change_reason = GEZAG_OVERGENOMEN
        kopie.save()


def coordinatoren(school_id: int) -> list[str]:
    """The addresses of a school's ondersteuningscoördinatoren: they hear of a move."""
    return list(
        Lidmaatschap.objects.filter(
            organisatie_id=school_id,
            rol__in=rollen_met(Recht.OVERSTAP_AFHANDELEN),
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


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
    # A date in the past would take the old school's file from it before it was told.
    if datum < timezone.localdate():
        raise ValidationError(
            "Een overstap gaat in vanaf vandaag of later; de oude school houdt tot dan haar "
            "dossier."
        )
    if oud.ingeschreven_op is not None and datum < oud.ingeschreven_op:
        raise ValidationError(
            f"De datum van de overstap ({datum:%d-%m-%Y}) ligt vóór de inschrijving op de "
            f"vorige school ({oud.ingeschreven_op:%d-%m-%Y})."
        )
