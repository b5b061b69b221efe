"""An organisation's named contact (vaste contactpersoon): who may change it, and whom it
may confirm.

The named contact confirms a beheerder that nobody inside the organisation can confirm:
the first one (proposed by the region) and a second one while there is only one. The
region names the contact when it creates the organisation. From the moment the
organisation has, or had a proposal for, a beheerder, only the organisation's own
beheerders change it (on /beheer/organisatie/): otherwise the region could name an
address it controls, which would then confirm a beheerder of the region's choosing.
A contact a beheerder named herself never confirms her own proposals. See
docs/beheer.md ("The first beheerder").
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from accounts.mail import stuur_mail
from accounts.models import (
    Beheergebeurtenis,
    Emaillink,
    Lidmaatschap,
    Organisatie,
    Roltoekenning,
    User,
)
from accounts.rolbeheer import gebeurtenis, is_beheerder_van
from accounts.rollen import Recht, rollen_met
from accounts.uitnodigingen import normaliseer_email

# Starts the event's toelichting when a beheerder changes the contact: it is how
# `genoemd_door` finds who named the contact (the region's changes read "Gewijzigd: ...").
CONTACT_GEWIJZIGD = "Vaste contactpersoon gewijzigd"


def contactpersoon(organisatie: Organisatie) -> str:
    return (organisatie.contactpersoon_email or "").strip().lower()


def beheerdersrollen(organisatie: Organisatie) -> QuerySet:
    """Every beheerder role in the organisation, whether the account is switched on or off.

    A switched-off beheerder still counts: switching accounts off is the region's, and
    must not turn an organisation into one "without a beheerder" that the region fills.
    """
    return Lidmaatschap.objects.filter(
        organisatie=organisatie, rol__in=rollen_met(Recht.ORGANISATIE_BEHEREN)
    )


def contact_vast(organisatie: Organisatie) -> bool:
    """Whether the contact is the organisation's own to change, no longer the region's:
    it has, or had, a beheerder or a proposal for one."""
    if organisatie.pk is None:
        return False
    rollen = rollen_met(Recht.ORGANISATIE_BEHEREN)
    return (
        beheerdersrollen(organisatie).exists()
        or Lidmaatschap.history.filter(organisatie_id=organisatie.pk, rol__in=rollen).exists()
        or Roltoekenning.objects.filter(organisatie=organisatie, rol__in=rollen).exists()
    )


def genoemd_door(organisatie: Organisatie) -> int | None:
    """The beheerder who named the current contact; None when the region did."""
    return (
        Beheergebeurtenis.objects.filter(
            organisatie=organisatie,
            soort=Beheergebeurtenis.Soort.ORGANISATIE,
            toelichting__startswith=CONTACT_GEWIJZIGD,
        )
        .order_by("-tijdstip", "-pk")
        .values_list("door_id", flat=True)
        .first()
    )


def vervang_contactlinks(organisatie: Organisatie) -> None:
    """Links sent to an earlier contact stop working, also if she is named again later."""
    Emaillink.objects.filter(
        doel=Emaillink.Doel.EERSTE_BEHEERDER,
        roltoekenning__organisatie=organisatie,
        gebruikt_op__isnull=True,
        vervallen=False,
    ).update(vervallen=True)


def meld_oude_contactpersoon(
    organisatie: Organisatie, *, oude_naam: str, oude_email: str, door: User
) -> None:
    """The old contact hears it: a contact changed quietly could confirm a beheerder."""
    stuur_mail(
        [oude_email],
        f"U bent niet langer vaste contactpersoon van {organisatie}",
        "beheer/email/contactpersoon_gewijzigd.txt",
        {
            "organisatie": organisatie,
            "oude_naam": oude_naam,
            "door": door,
            "door_organisatie": Lidmaatschap.objects.filter(
                user=door, organisatie=organisatie, rol__in=rollen_met(Recht.ORGANISATIE_BEHEREN)
            ).exists(),
        },
        veroorzaakt_door=door,
        organisatie=organisatie,
    )


@transaction.atomic
def wijzig_contactpersoon(organisatie: Organisatie, *, naam: str, email: str, door: User) -> bool:
    """A beheerder of the organisation names its contact: an event, and the old contact
    is told (returns whether she was)."""
    if not is_beheerder_van(door, organisatie):
        raise PermissionDenied(f"Alleen een beheerder van {organisatie} wijzigt de contactpersoon.")
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    naam, email = (naam or "").strip()[:200], normaliseer_email(email)
    if email == door.email.lower():
        raise ValidationError(
            "U kunt uzelf niet als vaste contactpersoon noemen: de contactpersoon bevestigt "
            "juist beheerders die niemand binnen de organisatie kan bevestigen."
        )
    oude_naam, oude_email = organisatie.contactpersoon_naam, contactpersoon(organisatie)
    if (naam, email) == (oude_naam, oude_email):
        raise ValidationError(f"Dit is al de vaste contactpersoon van {organisatie}.")
    organisatie.contactpersoon_naam, organisatie.contactpersoon_email = naam, email
    organisatie.save(update_fields=["contactpersoon_naam", "contactpersoon_email"])
    gebeurtenis(
        organisatie,
        Beheergebeurtenis.Soort.ORGANISATIE,
        door=door,
        toelichting=f"{CONTACT_GEWIJZIGD}: {naam} ({email}); was "
        f"{oude_naam or '(geen naam)'} ({oude_email or 'geen'}).",
    )
    if oude_email == email:
        return False
    vervang_contactlinks(organisatie)
    if oude_email:
        meld_oude_contactpersoon(organisatie, oude_naam=oude_naam, oude_email=oude_email, door=door)
    return bool(oude_email)
