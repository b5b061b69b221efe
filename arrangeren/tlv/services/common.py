"""What every TLV write shares: the locked row, the status move, the event, the mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.mail import stuur_mail
from accounts.models import Gezag, Lidmaatschap, Organisatie, User
from accounts.notificaties import notificeer
from accounts.rollen import Ouderrecht, Recht, gezag_met, rollen_met
from arrangeren.route.services.common import Bewerkconflict, vereis
from arrangeren.tlv import regels
from arrangeren.tlv.models import TlvAanvraag, TlvGebeurtenis, TlvInstelling
from arrangeren.tlv.permissions import rechten_voor_aanvraag


def instelling_voor(swv: Organisatie) -> TlvInstelling:
    instelling, _ = TlvInstelling.objects.get_or_create(swv=swv)
    return instelling


def gebeurtenis(
    aanvraag: TlvAanvraag,
    actie: regels.Actie,
    door: User,
    notitie: str = "",
    van: str = "",
    naar: str = "",
) -> TlvGebeurtenis:
    return TlvGebeurtenis.objects.create(
        aanvraag=aanvraag, actie=actie, door=door, notitie=notitie, van_status=van, naar_status=naar
    )


def locked(aanvraag: TlvAanvraag, versie: int | None = None) -> TlvAanvraag:
    current = (
        # Lock only the request row: PostgreSQL refuses FOR UPDATE on the nullable side
        # of an outer join (a pupil may have no school).
        TlvAanvraag.objects.select_for_update(of=("self",))
        .select_related("traject", "leerling__school", "school", "swv")
        .get(pk=aanvraag.pk)
    )
    if versie is not None and current.versie != versie:
        raise Bewerkconflict("Deze aanvraag")
    return current


def overgang(aanvraag: TlvAanvraag, actie: regels.Actie, door: User, notitie: str = "") -> None:
    """Move the status as the table allows, for the party the table names."""
    stap = regels.check_overgang(aanvraag.status, actie)
    rechten = rechten_voor_aanvraag(door, aanvraag)
    vereis(
        rechten.bewerken if stap.door == regels.Partij.SCHOOL else rechten.swv,
        "Dat mag alleen de "
        + ("school." if stap.door == regels.Partij.SCHOOL else "consulent van het SWV."),
    )
    notitie = (notitie or "").strip()
    if stap.notitie_verplicht and not notitie:
        raise ValidationError("Vul een toelichting in.")
    van = aanvraag.status
    aanvraag.status = stap.naar
    aanvraag.versie += 1
    gebeurtenis(aanvraag, actie, door, notitie, van, stap.naar)


def _ouders(aanvraag: TlvAanvraag) -> list[User]:
    """The parents who read the file the mail links to: a parent without custody gets no
    e-mail about the file and reads the decision on the child's page (docs/rollen.md)."""
    gezagen = Gezag.objects.filter(
        leerling_id=aanvraag.leerling_id, heeft_gezag__in=gezag_met(Ouderrecht.DOSSIER)
    ).select_related("ouder")
    return [g.ouder for g in gezagen]


def _school(aanvraag: TlvAanvraag) -> list[User]:
    leden = Lidmaatschap.objects.filter(
        organisatie_id=aanvraag.school_id, rol__in=rollen_met(Recht.TLV_AANVRAGEN)
    ).select_related("user")
    return [lid.user for lid in leden]


# The notification of each kind of TLV mail (accounts/notificaties.py).
MELDINGEN = {"aanvulling": "tlv_aanvulling", "besluit": "tlv_besluit", "verlenging": "tlv_verlengd"}


def meld_swv(aanvraag: TlvAanvraag, *, door: User) -> None:
    """A submitted request waits in the SWV's queue: its consulent hears, or, while none is
    assigned, every consulent of the SWV (docs/meldingen.md)."""
    if aanvraag.consulent_id:
        consulenten = [aanvraag.consulent]
    else:
        leden = Lidmaatschap.objects.filter(
            organisatie_id=aanvraag.swv_id, rol__in=rollen_met(Recht.TLV_BESLUITEN)
        ).select_related("user")
        consulenten = [lid.user for lid in leden]
    notificeer(
        consulenten,
        "tlv_ingediend",
        reverse("arrangeren:tlv_detail", args=[aanvraag.uuid]),
        veroorzaakt_door=door,
        onderwerp=aanvraag.uuid,
        organisatie=aanvraag.school,
    )


def mail_school(
    aanvraag: TlvAanvraag, onderwerp: str, soort: str, *, door: User, ouders: bool = False
) -> None:
    ontvangers = _school(aanvraag) + (_ouders(aanvraag) if ouders else [])
    pad = reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])
    direct = notificeer(
        ontvangers,
        MELDINGEN[soort],
        pad,
        veroorzaakt_door=door,
        onderwerp=aanvraag.uuid,
        eigen_mail=True,
    )
    stuur_mail(
        [u.email for u in ontvangers if u.pk in direct],
        onderwerp,
        "arrangeren/email/tlv.txt",
        {"soort": soort, "pad": reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])},
        veroorzaakt_door=door,
        organisatie=aanvraag.swv,
    )
