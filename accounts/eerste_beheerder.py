"""An organisation's first beheerder: proposed by the region, confirmed by its named contact.

The region's beheerder creates organisations (in the beheeromgeving, with a named
contact such as the director) and proposes their first beheerder. That role takes
effect only when the named contact, who needs no account, confirms it from a single-use
e-mail link. The same link confirms a second beheerder while the organisation has no
beheerder who could (its only one proposed it). Every beheerder role counts, also one
whose account is switched off: switching accounts off is the region's, so it must not
open the way for the region's own candidate. Who may change the named contact:
accounts/contactpersoon.py. See docs/beheer.md.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.contactpersoon import beheerdersrollen, contactpersoon, genoemd_door
from accounts.mail import stuur_mail
from accounts.models import Emaillink, Lidmaatschap, Organisatie, Roltoekenning, User
from accounts.rolbeheer import (
    Soortgebeurtenis,
    Status,
    beheerders,
    bevestig_toekenning,
    gebeurtenis,
    is_regio,
    maak_voorstel,
    sluit_af,
    vergrendel,
)
from accounts.rollen import Rol, Soort
from accounts.uitnodigingen import (
    GELDIGHEID,
    link_bij_sleutel,
    maak_account,
    normaliseer_email,
    stuur_activatie,
)

Doel = Emaillink.Doel


def heeft_al_beheerder(organisatie: Organisatie) -> str:
    return (
        f"{organisatie} heeft al een beheerder (ook een beheerder met een uitgeschakeld "
        "account telt mee). Nieuwe beheerders stelt de organisatie zelf voor en bevestigt "
        "zij zelf. Zijn haar beheerders vertrokken, dan wordt eerst hun beheerdersrol "
        "beëindigd; pas daarna kan de regio een eerste beheerder voorstellen."
    )


def waarom_contact_niet(toekenning: Roltoekenning, contact: str) -> str | None:
    """Why the named contact cannot be the second person for this proposal, or None.

    Checked when the link is sent and again when it is used.
    """
    organisatie = toekenning.organisatie
    if beheerdersrollen(organisatie).exclude(user_id=toekenning.voorgesteld_door_id).exists():
        # Someone else holds a beheerder role: the organisation confirms itself.
        if is_regio(toekenning.voorgesteld_door):
            return heeft_al_beheerder(organisatie)
        return (
            f"{organisatie} heeft nog een andere beheerder (ook een uitgeschakeld account "
            "telt mee); die bevestigt, niet de vaste contactpersoon. Is die beheerder "
            "vertrokken, beëindig dan eerst zijn of haar beheerdersrol."
        )
    if not contact:
        return (
            f"Van {organisatie} is nog geen vaste contactpersoon bekend. Vul die eerst in "
            "bij de instellingen van de organisatie (beheeromgeving): die bevestigt de "
            "beheerder."
        )
    betrokken = {
        toekenning.user.email.lower(),
        toekenning.voorgesteld_door.email.lower(),
    }
    if toekenning.user.uitgenodigd_door_id:
        betrokken.add(toekenning.user.uitgenodigd_door.email.lower())
    if contact in betrokken:
        return (
            f"De vaste contactpersoon van {organisatie} is zelf bij dit voorstel betrokken "
            "(voorgesteld, of voorsteller) en kan het dus niet bevestigen. Stel iemand "
            "anders voor, of noem een andere vaste contactpersoon."
        )
    if genoemd_door(organisatie) == toekenning.voorgesteld_door_id:
        return (
            f"De vaste contactpersoon van {organisatie} is ingevuld door wie dit voorstel "
            "deed, en bevestigt daarom geen voorstel van die beheerder. Dat doet een andere "
            "beheerder, of een contactpersoon die een ander heeft genoemd."
        )
    return None


def vraag_contactpersoon(toekenning: Roltoekenning, *, door: User, stil: bool = False) -> bool:
    """Mail the named contact a single-use link to confirm this beheerder (7 days).

    An earlier link for the same proposal stops working. With `stil`, a contact who
    cannot confirm is no error: the proposal then waits (the region can send it later).
    """
    if toekenning.rol != Rol.ORGANISATIEBEHEERDER or toekenning.status != Status.VOORGESTELD:
        raise ValidationError(
            "Alleen een open voorstel voor een beheerder gaat naar de contactpersoon."
        )
    contact = contactpersoon(toekenning.organisatie)
    reden = waarom_contact_niet(toekenning, contact)
    if reden:
        if stil:
            return False
        raise ValidationError(reden)
    Emaillink.objects.filter(
        roltoekenning=toekenning, gebruikt_op__isnull=True, vervallen=False
    ).update(vervallen=True)
    nu = timezone.now()
    _, token = Emaillink.nieuw(
        doel=Doel.EERSTE_BEHEERDER,
        roltoekenning=toekenning,
        email=contact,
        aangemaakt_door=door,
        aangemaakt_op=nu,
        verloopt_op=nu + GELDIGHEID,
    )
    # No names in the mail: who is proposed shows on the page behind the link.
    stuur_mail(
        [contact],
        f"Bevestig de beheerder van {toekenning.organisatie}",
        "beheer/email/contactpersoon_bevestigen.txt",
        {
            "organisatie": toekenning.organisatie,
            "pad": reverse("accounts:contact_link", kwargs={"token": token}),
            "dagen": GELDIGHEID.days,
        },
        veroorzaakt_door=door,
        organisatie=toekenning.organisatie,
    )
    return True


@transaction.atomic
def stel_eerste_beheerder_voor(
    organisatie: Organisatie, *, email: str, naam: str, door: User
) -> Roltoekenning:
    """The region proposes the first beheerder of an organisation without one."""
    if not is_regio(door):
        raise PermissionDenied("Alleen de beheerder van de regio stelt een eerste beheerder voor.")
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    if beheerdersrollen(organisatie).exists():
        raise ValidationError(heeft_al_beheerder(organisatie))
    email = normaliseer_email(email)
    contact = contactpersoon(organisatie)
    if email == door.email.lower():
        raise ValidationError("U kunt uzelf geen rol geven.")
    if contact == door.email.lower():
        raise ValidationError(
            f"U staat zelf als vaste contactpersoon van {organisatie} genoemd. Een ander "
            "moet uw voorstel bevestigen: noem eerst de echte contactpersoon."
        )
    user, _ = maak_account(email, naam, door=door)
    toekenning = maak_voorstel(organisatie, user, Rol.ORGANISATIEBEHEERDER, door=door)
    vraag_contactpersoon(toekenning, door=door)
    if user.geactiveerd_op is None:
        stuur_activatie(user, door=door, organisatie=organisatie)
    gebeurtenis(
        organisatie,
        Soortgebeurtenis.VOORGESTELD,
        door=door,
        betreft=user,
        rol=Rol.ORGANISATIEBEHEERDER,
        toelichting="Eerste beheerder; de vaste contactpersoon is per e-mail gevraagd te "
        "bevestigen.",
    )
    return toekenning


@transaction.atomic
def stuur_contactlink_opnieuw(toekenning: Roltoekenning, *, door: User) -> None:
    """The region sends the contact a new link (expired, lost, or contact filled in later)."""
    if not is_regio(door):
        raise PermissionDenied("Alleen de beheerder van de regio stuurt deze link opnieuw.")
    toekenning = vergrendel(toekenning)
    vraag_contactpersoon(toekenning, door=door)
    gebeurtenis(
        toekenning.organisatie,
        Soortgebeurtenis.OPNIEUW_UITGENODIGD,
        door=door,
        betreft=toekenning.user,
        rol=toekenning.rol,
        toelichting="Nieuwe bevestigingslink naar de vaste contactpersoon gestuurd.",
    )


def contactvoorstel(sleutel: str, bezoeker: User | None = None) -> Emaillink:
    """The usable link and its waiting proposal, or a Dutch message why not. `sleutel` is
    the token's hash, as the session holds it (`accounts.models.beheer.token_hash`)."""
    link = link_bij_sleutel(sleutel, Doel.EERSTE_BEHEERDER)
    toekenning = link.roltoekenning
    if toekenning is None or toekenning.status != Status.VOORGESTELD:
        raise ValidationError("Dit voorstel is al afgehandeld; er is niets meer te bevestigen.")
    if link.email != contactpersoon(toekenning.organisatie):
        raise ValidationError(
            f"De vaste contactpersoon van {toekenning.organisatie} is intussen gewijzigd; "
            "deze link geldt niet meer."
        )
    reden = waarom_contact_niet(toekenning, link.email)
    if reden:
        raise ValidationError(reden)
    betrokken = (toekenning.user_id, toekenning.voorgesteld_door_id)
    if bezoeker is not None and bezoeker.is_authenticated and bezoeker.pk in betrokken:
        raise ValidationError(
            "U bent bij dit voorstel betrokken en kunt het niet zelf bevestigen. De link "
            "is voor de vaste contactpersoon van de organisatie."
        )
    return link


def _gebruik(token: str, bezoeker: User | None) -> tuple[Emaillink, Roltoekenning]:
    """Lock proposal then link (the order every write here keeps) and re-check both."""
    link = contactvoorstel(token, bezoeker)
    toekenning = vergrendel(link.roltoekenning)
    link = Emaillink.objects.select_for_update().get(pk=link.pk)
    if not link.is_bruikbaar:
        raise ValidationError("Deze link is al gebruikt.")
    link.gebruikt_op = timezone.now()
    link.save(update_fields=["gebruikt_op"])
    return link, toekenning


@transaction.atomic
def bevestig_door_contact(token: str, bezoeker: User | None = None) -> Roltoekenning:
    """The named contact confirms: the beheerder's role takes effect; the link is used up."""
    link, toekenning = _gebruik(token, bezoeker)
    bevestig_toekenning(toekenning, door_contact=link.email)
    return toekenning


@transaction.atomic
def wijs_af_door_contact(
    token: str, *, reden: str = "", bezoeker: User | None = None
) -> Roltoekenning:
    link, toekenning = _gebruik(token, bezoeker)
    sluit_af(toekenning, Status.AFGEWEZEN, door_contact=link.email)
    gebeurtenis(
        toekenning.organisatie,
        Soortgebeurtenis.AFGEWEZEN,
        door_contact=link.email,
        betreft=toekenning.user,
        rol=toekenning.rol,
        toelichting=reden,
    )
    return toekenning


@transaction.atomic
def beeindig_vertrokken_beheerder(lidmaatschap: Lidmaatschap, *, door: User) -> None:
    """The region ends the beheerder role of a switched-off account, only when the
    organisation has no active beheerder left to do it; the named contact is told.

    Afterwards the region may propose a first beheerder again; the contact, whom the
    region can no longer change (accounts/contactpersoon.py), confirms it.
    """
    if not is_regio(door):
        raise PermissionDenied("Alleen de beheerder van de regio beëindigt deze rol.")
    lidmaatschap = (
        Lidmaatschap.objects.select_for_update()
        .select_related("user", "organisatie")
        .filter(pk=lidmaatschap.pk, rol=Rol.ORGANISATIEBEHEERDER)
        .first()
    )
    if lidmaatschap is None:
        raise ValidationError("Deze beheerdersrol is al beëindigd.")
    organisatie, user = lidmaatschap.organisatie, lidmaatschap.user
    if user.is_active:
        raise ValidationError(
            f"Het account van {user.naam} is niet uitgeschakeld. De rol van een actieve "
            f"beheerder beëindigen alleen de beheerders van {organisatie} zelf."
        )
    if beheerders(organisatie).exists():
        raise ValidationError(
            f"{organisatie} heeft nog een actieve beheerder; die beëindigt deze rol."
        )
    lidmaatschap.delete()  # history-tracked, as in rolbeheer.beeindig
    gebeurtenis(
        organisatie,
        Soortgebeurtenis.VERWIJDERD,
        door=door,
        betreft=user,
        rol=Rol.ORGANISATIEBEHEERDER,
        toelichting="Account uitgeschakeld en geen actieve beheerder meer: beëindigd door "
        "de beheerder van de regio.",
    )
    stuur_mail(
        [contactpersoon(organisatie)],
        f"Beheerdersrol beëindigd bij {organisatie}",
        "beheer/email/beheerdersrol_beeindigd.txt",
        {"organisatie": organisatie, "betreft": user},
    )


def regio_overzicht() -> dict:
    """For the region's start page: organisations still without a beheerder."""
    met_beheerder = Lidmaatschap.objects.filter(
        rol=Rol.ORGANISATIEBEHEERDER, user__is_active=True
    ).values("organisatie_id")
    return {
        "zonder_beheerder": Organisatie.objects.exclude(soort=Soort.REGIO)
        .exclude(pk__in=met_beheerder)
        .count(),
        "beheerders_voorgesteld": Roltoekenning.objects.open()
        .filter(rol=Rol.ORGANISATIEBEHEERDER)
        .count(),
    }
