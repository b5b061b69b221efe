"""Writes of the accounts app: the access log and consent (which drives object permissions)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.datums import plus_jaren
from accounts.mail import stuur_mail
from accounts.models import (
    Informatiesoort,
    Leerling,
    LeerlingUserObjectPermission,
    Lidmaatschap,
    Organisatie,
    Toegangslog,
    Toestemming,
    User,
)
from accounts.models.toegangslog import Logzoekvraag
from accounts.notificaties import meld_toestemming, notificeer
from accounts.permissions import (
    Toegangsgrond,
    Toegangsgronden,
    grant_leerling_access,
    gronden,
    revoke_leerling_access,
    schrijft_voor_school,
)
from accounts.rollen import Recht
from accounts.toestemming import LEERLING, Toestemmingen, regel_voor, vereiste_gevers

# An extra ground a view passes for pupils it shows under a reach rule of its own.
Aanvullend = Callable[[Leerling], Toegangsgrond | None]


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: a forwarded header is set by whoever sends the request. Behind a
    # proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None


def log_toegang(
    request: HttpRequest,
    leerlingen: Leerling | Iterable[Leerling],
    actie: Toegangslog.Actie,
    onderdeel: str,
    *,
    aanvullend: Aanvullend | None = None,
) -> list[Toegangslog]:
    """Record that the requesting user saw (or printed, exported, searched) pupils' data.

    Every view that shows a pupil's data calls this after the permission policy has
    let the user through. One row per pupil, in one INSERT. `aanvullend`: an explicit
    extra ground (see `Toegangsgronden`) for views with a reach rule of their own.
    """
    return schrijf_toegangslog(
        request.user,
        leerlingen,
        actie,
        onderdeel,
        ip_adres=client_ip(request),
        aanvullend=aanvullend,
    )


def schrijf_toegangslog(
    user: User,
    leerlingen: Leerling | Iterable[Leerling],
    actie: str,
    onderdeel: str,
    *,
    ip_adres: str | None = None,
    aanvullend: Aanvullend | None = None,
) -> list[Toegangslog]:
    """The log rows themselves, also where there is no request (a management command).

    One `bulk_create`, which is atomic by itself (all batches or none), so no savepoint
    of our own: the log is written on nearly every page.
    """
    if isinstance(leerlingen, Leerling):
        leerlingen = [leerlingen]
    leerlingen = list(leerlingen)
    if not leerlingen:
        return []
    toegangsgronden = Toegangsgronden(user, aanvullend, leerlingen)
    regels = []
    for leerling in leerlingen:
        grond = toegangsgronden.voor(leerling)
        if grond is None:
            # The policy let the user through, so a ground must exist: refuse loudly
            # rather than show data that the log cannot account for.
            raise PermissionError("Geen toegangsgrond voor deze leerling.")
        regels.append(
            Toegangslog(
                gebruiker=user,
                organisatie_id=grond.organisatie_id,
                rol=grond.rol,
                leerling=leerling,
                actie=actie,
                onderdeel=onderdeel,
                ip_adres=ip_adres,
            )
        )
    return Toegangslog.objects.bulk_create(regels, batch_size=500)


def log_zoekvraag(request: HttpRequest, filters: Mapping[str, Any], pagina: int) -> Logzoekvraag:
    """Record a look into the access log with its filters (NEN 7513: the log's own use is
    logged). Filters go to this audit row only, never to an application log."""
    return Logzoekvraag.objects.create(
        gebruiker=request.user,
        zoekterm_gebruiker=filters.get("gebruiker") or "",
        leerling_kenmerk=filters.get("leerling") or "",
        actie=filters.get("actie") or "",
        vanaf=filters.get("vanaf"),
        tot_en_met=filters.get("tot_en_met"),
        pagina=pagina,
        ip_adres=client_ip(request),
    )


# Consent --------------------------------------------------------------------------------


def sync_toegang(leerling: Leerling, op: date | None = None) -> None:
    """Make the outside parties' object permissions on a pupil follow consent, at once."""
    doel = Toestemmingen(leerling, op).gebruikers_met_toegang()
    huidig = set(
        LeerlingUserObjectPermission.objects.filter(
            content_object=leerling, permission__codename="view_leerling"
        ).values_list("user_id", flat=True)
    )
    for user in User.objects.filter(pk__in=huidig - doel):
        revoke_leerling_access(user, leerling)
    for user in User.objects.filter(pk__in=doel - huidig):
        grant_leerling_access(user, leerling)


def _ontvanger_ok(organisatie: Organisatie, ontvanger: User | None) -> None:
    if (
        ontvanger is not None
        and not Lidmaatschap.objects.filter(user=ontvanger, organisatie=organisatie).exists()
    ):
        raise ValidationError(f"{ontvanger.naam} werkt niet bij {organisatie.naam}.")


@transaction.atomic
def vraag_toestemming(
    leerling: Leerling,
    *,
    door: User,
    ontvanger_organisatie: Organisatie,
    ontvanger: User | None = None,
    soorten: Iterable[str],
) -> list[Toestemming]:
    """Ask every parent whose say counts; an earlier answer is asked again unless given."""
    soorten = list(soorten)
    if not soorten:
        raise ValidationError("Kies waarvoor u toestemming vraagt.")
    _ontvanger_ok(ontvanger_organisatie, ontvanger)
    ouders = [g for g in vereiste_gevers(leerling) if g != LEERLING]
    if not ouders and LEERLING not in vereiste_gevers(leerling):
        raise ValidationError(
            "Van deze leerling is geen ouder met gezag bekend; toestemming kan niet worden "
            "gevraagd. Leg eerst het gezag vast."
        )
    gevraagd = []
    for soort in soorten:
        for ouder_id in ouders:
            rij, nieuw = Toestemming.objects.select_for_update().get_or_create(
                leerling=leerling,
                soort=soort,
                ontvanger_organisatie=ontvanger_organisatie,
                ontvanger=ontvanger,
                gever_id=ouder_id,
                defaults={
                    "status": Toestemming.Status.GEVRAAGD,
                    "gevraagd_door": door,
                    "vastgelegd_door": door,
                },
            )
            if not nieuw and rij.status == Toestemming.Status.GEVRAAGD:
                continue  # already asked: no second e-mail for a double click
            if not nieuw and rij.status == Toestemming.Status.GEGEVEN and not rij.is_verlopen:
                continue
            if not nieuw:
                rij.status = Toestemming.Status.GEVRAAGD
                rij.gevraagd_door = rij.vastgelegd_door = door
                rij.geldig_tot = None
                rij.save()
            gevraagd.append(rij)
    sync_toegang(leerling)
    ouders = [rij.gever for rij in gevraagd]
    pad = reverse("accounts:toestemmingen")
    direct = notificeer(
        ouders,
        "toestemming_gevraagd",
        pad,
        veroorzaakt_door=door,
        onderwerp=leerling.uuid,
        eigen_mail=True,
    )
    stuur_mail(
        {u.email for u in ouders if u.pk in direct},
        "Er is een vraag om toestemming voor u",
        "accounts/email/toestemming_gevraagd.txt",
        {"leerling": leerling, "pad": reverse("accounts:toestemmingen")},
        veroorzaakt_door=door,
        organisatie=leerling.school,
    )
    return gevraagd


@transaction.atomic
def beantwoord_toestemming(
    toestemming: Toestemming,
    *,
    door: User,
    geven: bool,
    geldig_tot: date | None = None,
    toelichting: str = "",
) -> Toestemming:
    """A parent answers (gives or refuses) for themselves; effective at once."""
    rij = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if rij.gever_id != door.pk or door.pk not in vereiste_gevers(rij.leerling):
        raise PermissionDenied("Alleen de ouder zelf beantwoordt deze vraag.")
    if geldig_tot is not None and geldig_tot < timezone.localdate():
        raise ValidationError("De einddatum ligt in het verleden.")
    rij.status = Toestemming.Status.GEGEVEN if geven else Toestemming.Status.GEWEIGERD
    rij.geldig_tot = geldig_tot if geven else None
    rij.toelichting = toelichting
    rij.vastgelegd_door = door
    rij.save()
    sync_toegang(rij.leerling)
    meld_toestemming(rij, f"toestemming_{rij.status}", door=door)
    _na_overdrachtsantwoord(rij, door)
    return rij


@transaction.atomic
def geef_toestemmingen(toestemmingen: Iterable[Toestemming], *, door: User) -> list[Toestemming]:
    """Give several consents at once ("Alles toestaan voor dit MDO"): all or none, each
    still its own row with its own history and effect."""
    return [beantwoord_toestemming(rij, door=door, geven=True) for rij in toestemmingen]


def _na_overdrachtsantwoord(rij: Toestemming, door: User) -> None:
    """The answer completing the consent to hand a dossier over starts the handover."""
    if rij.soort == Informatiesoort.OVERDRACHT:
        from accounts.overstap import draag_over_als_toegestaan

        draag_over_als_toegestaan(rij.leerling, rij.ontvanger_organisatie, door=door)


@transaction.atomic
def trek_toestemming_in(
    toestemming: Toestemming, *, door: User, toelichting: str = ""
) -> Toestemming:
    """Withdraw consent: the receiver loses access in the same transaction."""
    rij = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    eigen = rij.gever_id == door.pk if rij.gever_id else False
    if not eigen and not (rij.gever_id is None and toestemming_vastleggen_toegestaan(door, rij)):
        raise PermissionDenied("Alleen wie de toestemming gaf, trekt haar in.")
    if rij.status != Toestemming.Status.GEGEVEN:
        raise ValidationError("Deze toestemming was niet gegeven en kan niet worden ingetrokken.")
    rij.status = Toestemming.Status.INGETROKKEN
    rij.toelichting = toelichting
    rij.vastgelegd_door = door
    rij.save()
    sync_toegang(rij.leerling)
    meld_toestemming(rij, "toestemming_ingetrokken", door=door)
    return rij


def toestemmingen_inzien_toegestaan(door: User, leerling: Leerling) -> bool:
    """The coördinator of the pupil's school sees the consent page (also read-only, after
    uitschrijving)."""
    return bool(gronden(door).met(Recht.TOESTEMMING_BEHEREN, organisatie_id=leerling.school_id))


def toestemming_vastleggen_toegestaan(door: User, rij_of_leerling: Toestemming | Leerling) -> bool:
    """The pupil has no account: the school's coördinator records the pupil's answer, and
    asks the parents, while the school still works in the dossier."""
    leerling = getattr(rij_of_leerling, "leerling", rij_of_leerling)
    return schrijft_voor_school(leerling) and toestemmingen_inzien_toegestaan(door, leerling)


@transaction.atomic
def leg_leerling_toestemming_vast(
    leerling: Leerling,
    *,
    door: User,
    ontvanger_organisatie: Organisatie,
    ontvanger: User | None = None,
    soort: str,
    geven: bool,
    toelichting: str = "",
) -> Toestemming:
    """Record the pupil's own answer (from 12), as heard in a conversation."""
    if not toestemming_vastleggen_toegestaan(door, leerling):
        raise PermissionDenied("Alleen de ondersteuningscoördinator legt dit vast.")
    if not regel_voor(leerling).leerling:
        raise ValidationError(
            f"{leerling.voornaam} is jonger dan 12: de ouders met gezag beslissen."
        )
    _ontvanger_ok(ontvanger_organisatie, ontvanger)
    rij, _ = Toestemming.objects.select_for_update().update_or_create(
        leerling=leerling,
        soort=soort,
        ontvanger_organisatie=ontvanger_organisatie,
        ontvanger=ontvanger,
        gever=None,
        defaults={
            "status": Toestemming.Status.GEGEVEN if geven else Toestemming.Status.GEWEIGERD,
            "toelichting": toelichting,
            "vastgelegd_door": door,
            "gevraagd_door": door,
        },
    )
    sync_toegang(leerling)
    _na_overdrachtsantwoord(rij, door)
    return rij


def verwerk_verlopen_toestemmingen(op: date | None = None, sinds: date | None = None) -> int:
    """Take access away where consent passed its end date (run daily). Returns pupils synced.

    `sinds` is the day of the previous run (default: yesterday): pupils who turned 12 or
    16 after it count too, so days without a run are caught up (docs/productie.md).
    """
    op = op or timezone.localdate()
    sinds = min(sinds or op - timedelta(days=1), op)
    # Expired consent, and pupils who turned 12 or 16 since (whose say then counts too).
    verjaard = Q()
    for leeftijd in (12, 16):
        verjaard |= Q(
            geboortedatum__gt=_jaren_terug(sinds, leeftijd),
            geboortedatum__lte=_jaren_terug(op, leeftijd),
        )
    leerlingen = Leerling.objects.filter(
        Q(toestemmingen__status=Toestemming.Status.GEGEVEN, toestemmingen__geldig_tot__lt=op)
        | (verjaard & Q(toestemmingen__isnull=False))
    ).distinct()
    aantal = 0
    for leerling in leerlingen:
        with transaction.atomic():
            sync_toegang(leerling, op)
        aantal += 1
    return aantal


def _jaren_terug(dag: date, jaren: int) -> date:
    return plus_jaren(dag, -jaren)
