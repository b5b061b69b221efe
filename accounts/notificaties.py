"""Notifications: every hand-over tells the next person, in Samenplan and by e-mail as
each person prefers (docs/meldingen.md).

`notificeer` is the one way in. It writes one `Notificatie` per recipient (never to whoever
caused the event) and, for those who want mail at once, queues one e-mail through the
outbox (accounts/mail.py) in the same transaction. An event that already has a mail of its
own (an MDO invitation with its calendar file, a request to sign) passes
`eigen_mail=True` and sends that mail to the recipients `notificeer` returns, so nobody
gets two mails for one event. Mails that are no notification (activation, password
reset, codes, lock links) do not come here and always go out.

The kinds are a table: a code, and a title that says what waits without naming anyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.mail import stuur_mail, stuur_persoonlijke_mails
from accounts.models import Notificatie, Organisatie, User
from accounts.models.users import Mailvoorkeur


@dataclass(frozen=True)
class Soort:
    code: str
    titel: str  # the list's line and the mail's subject: no names, no free text
    voor: str  # who gets it (docs/meldingen.md repeats this table)


SOORTEN: dict[str, Soort] = {
    s.code: s
    for s in (
        Soort("toestemming_gevraagd", "Er is een vraag om uw toestemming", "ouders"),
        Soort(
            "traject_jeugdteam",
            "Het jeugdteam is een traject gestart voor een leerling van uw school",
            "coördinatoren van de school",
        ),
        Soort("toestemming_gegeven", "Er is toestemming gegeven", "coördinator"),
        Soort("toestemming_geweigerd", "Er is toestemming geweigerd", "coördinator"),
        Soort("toestemming_ingetrokken", "Er is een toestemming ingetrokken", "coördinator"),
        Soort("mdo_uitnodiging", "Er is een MDO-uitnodiging voor u", "genodigden"),
        Soort("mdo_gewijzigd", "Een MDO waarvoor u bent uitgenodigd is gewijzigd", "genodigden"),
        Soort(
            "mdo_geannuleerd", "Een MDO waarvoor u bent uitgenodigd is geannuleerd", "genodigden"
        ),
        Soort("mdo_tijden", "Geef door wanneer u bij een MDO kunt zijn", "genodigden"),
        Soort("mdo_verslag", "Het verslag van een MDO staat klaar", "aanwezigen"),
        Soort(
            "mdo_tevredenheid",
            "Hoe tevreden bent u over een overleg over uw kind?",
            "ouders met gezag",
        ),
        Soort(
            "opp_ondertekenen",
            "Er staat een handelingsdeel van een OPP voor u klaar om te ondertekenen",
            "ondertekenaars",
        ),
        Soort("opp_vastgesteld", "Een OPP is vastgesteld", "ondertekenaars"),
        Soort(
            "opp_niet_akkoord",
            "Iemand is niet akkoord met het handelingsdeel van een OPP",
            "ondertekenaars en wie het verstuurde",
        ),
        Soort("tlv_ingediend", "Er is een TLV-aanvraag ingediend", "consulenten van het SWV"),
        Soort("tlv_aanvulling", "Het SWV vraagt om aanvulling op een TLV-aanvraag", "school"),
        Soort("tlv_besluit", "Er is een besluit op een TLV-aanvraag", "school en ouders"),
        Soort(
            "tlv_verlengd",
            "De beslistermijn van een TLV-aanvraag is verlengd",
            "school en ouders",
        ),
        Soort(
            "jeugdhulp_eindigt",
            "Jeugdhulp eindigt binnen 6 weken: spreek af hoe het onderwijs verdergaat",
            "school",
        ),
        Soort(
            "kaderuitzondering_voorgesteld",
            "Er is een uitzondering op het kader begeleiding voorgesteld: geef uw akkoord",
            "SWV of school (de andere partij)",
        ),
        Soort(
            "kaderuitzondering_akkoord",
            "Een uitzondering op het kader begeleiding is afgesproken",
            "wie de uitzondering voorstelde",
        ),
        Soort(
            "schoolcontact_aangewezen",
            "Er is een contactpersoon van het jeugdteam voor een school aangewezen",
            "de aangewezen medewerker en de coördinatoren van de school",
        ),
        Soort(
            "opschaling",
            "Er is een zaak naar u opgeschaald",
            "de functionaris op het volgende niveau van de escalatieladder",
        ),
        Soort(
            "opschaling_opgelost",
            "Een opschaling is opgelost",
            "wie opschaalde en naar wie werd opgeschaald",
        ),
    )
}

SJABLOON = "accounts/email/melding.txt"
SAMENVATTING_SJABLOON = "accounts/email/meldingen_dag.txt"
# The daily summary looks back this far for notifications that were not yet mailed:
# a day the job did not run is caught up, an old backlog is not mailed again.
SAMENVATTING_TERUG = timedelta(days=7)
# Read notifications are kept this long, unread ones twice as long.
BEWAREN = timedelta(days=90)


def titel(soort: str) -> str:
    return SOORTEN[soort].titel if soort in SOORTEN else "Er is iets voor u in Samenplan"


def _relatief(link: str) -> str:
    # Only a path on this site: the redirect view follows the stored link.
    if not link.startswith("/") or link.startswith("//") or "\\" in link:
        raise ValueError(f"Een melding linkt alleen naar een pad in Samenplan: {link!r}")
    return link


def notificeer(
    ontvangers: Iterable[User | None],
    soort: str,
    link: str,
    *,
    veroorzaakt_door: User | None,
    onderwerp: UUID | None = None,
    organisatie: Organisatie | None = None,
    eigen_mail: bool = False,
    niet_herhalen: bool = False,
) -> set[int]:
    """One notification per recipient, except the causer; returns the ids of those who
    want an e-mail at once. Without `eigen_mail` that e-mail is queued here (the kind's
    title and the link); with it, the caller mails them its own message.

    `niet_herhalen`: someone who has not yet read a notification of this kind about this
    item gets no second one (six answers to consent questions make one notification).
    """
    if soort not in SOORTEN:
        raise ValueError(f"Onbekende soort melding: {soort}")
    link = _relatief(link)
    veroorzaker = veroorzaakt_door.pk if veroorzaakt_door is not None else None
    personen = {
        u.pk: u
        for u in ontvangers
        if u is not None and u.pk and u.is_active and u.pk != veroorzaker
    }
    if niet_herhalen and personen:
        al = Notificatie.objects.ongelezen().filter(
            ontvanger_id__in=personen, soort=soort, link=link
        )
        for pk in al.values_list("ontvanger_id", flat=True):
            personen.pop(pk, None)
    if not personen:
        return set()
    nu = timezone.now()
    direct = {pk for pk, u in personen.items() if u.mailvoorkeur == Mailvoorkeur.DIRECT}
    Notificatie.objects.bulk_create(
        Notificatie(
            ontvanger_id=pk,
            soort=soort,
            link=link,
            onderwerp=onderwerp,
            aangemaakt_op=nu,
            gemaild_op=nu if pk in direct else None,
        )
        for pk in sorted(personen)
    )
    if direct and not eigen_mail:
        stuur_mail(
            [personen[pk].email for pk in direct],
            titel(soort),
            SJABLOON,
            {"titel": titel(soort), "pad": link},
            veroorzaakt_door=veroorzaakt_door,
            organisatie=organisatie,
        )
    return direct


def meld_toestemming(rij, soort: str, *, door: User) -> None:
    """An answer to a consent question reaches the coördinator: whoever asked (the school,
    or a jeugdteam holding regie) and the school's coördinators. Several answers about one
    pupil make one unread notification, not one per row.

    The answer to a school move is not one of these: the handover itself is announced when
    it happens, and a refusal sends nothing (docs/overstap.md)."""
    from accounts.models import Informatiesoort, Lidmaatschap
    from accounts.rollen import Recht, rollen_met

    if rij.soort == Informatiesoort.OVERDRACHT:
        return
    leerling = rij.leerling
    coordinatoren = [
        lid.user
        for lid in Lidmaatschap.objects.filter(
            organisatie_id=leerling.school_id, rol__in=rollen_met(Recht.TOESTEMMING_BEHEREN)
        ).select_related("user")
    ]
    andere = [u for u in [rij.gevraagd_door] if u and u not in coordinatoren]
    for ontvangers, naam in (
        (coordinatoren, "accounts:leerling_toestemming"),
        (andere, "accounts:leerling_detail"),
    ):
        notificeer(
            ontvangers,
            soort,
            reverse(naam, args=[leerling.uuid]),
            veroorzaakt_door=door,
            onderwerp=leerling.uuid,
            organisatie=leerling.school,
            niet_herhalen=True,
        )


def zet_mailvoorkeur(user: User, voorkeur: str) -> None:
    if voorkeur not in Mailvoorkeur.values:
        raise ValueError(voorkeur)
    user.mailvoorkeur = voorkeur
    User.objects.filter(pk=user.pk).update(mailvoorkeur=voorkeur)


# Reading ------------------------------------------------------------------------------


def aantal_ongelezen(user: User) -> int:
    return Notificatie.objects.voor(user).ongelezen().count()


@transaction.atomic
def markeer_gelezen(notificatie: Notificatie, *, door: User) -> Notificatie:
    """Only one's own; reading twice keeps the first moment."""
    if notificatie.ontvanger_id != door.pk:
        raise Notificatie.DoesNotExist
    if notificatie.gelezen_op is None:
        notificatie.gelezen_op = timezone.now()
        Notificatie.objects.filter(pk=notificatie.pk, gelezen_op__isnull=True).update(
            gelezen_op=notificatie.gelezen_op
        )
    return notificatie


def markeer_alles_gelezen(user: User) -> int:
    return Notificatie.objects.voor(user).ongelezen().update(gelezen_op=timezone.now())


# The daily summary (accounts/planner.py) -----------------------------------------------


def stuur_dagoverzichten(nu: datetime | None = None) -> int:
    """One e-mail per person on "dagelijks" with her unread notifications not yet mailed.
    Returns the number of mails queued."""
    nu = nu or timezone.now()
    rijen = (
        Notificatie.objects.ongelezen()
        .filter(
            gemaild_op__isnull=True,
            aangemaakt_op__gte=nu - SAMENVATTING_TERUG,
            aangemaakt_op__lte=nu,
            ontvanger__mailvoorkeur=Mailvoorkeur.DAGELIJKS,
            ontvanger__is_active=True,
        )
        .select_related("ontvanger")
        .order_by("ontvanger_id", "aangemaakt_op", "pk")
    )
    per_persoon: dict[User, list[Notificatie]] = defaultdict(list)
    for rij in rijen:
        per_persoon[rij.ontvanger].append(rij)
    if not per_persoon:
        return 0
    with transaction.atomic():
        ids = [rij.pk for lijst in per_persoon.values() for rij in lijst]
        # A second run (or a run that overlaps) finds them mailed.
        Notificatie.objects.filter(pk__in=ids, gemaild_op__isnull=True).update(gemaild_op=nu)
        stuur_persoonlijke_mails(
            "Uw meldingen in Samenplan van vandaag",
            SAMENVATTING_SJABLOON,
            {
                persoon.email: {
                    "regels": [(titel(r.soort), r.link) for r in lijst],
                    "pad": reverse("accounts:meldingen"),
                }
                for persoon, lijst in per_persoon.items()
            },
        )
    return len(per_persoon)


def ruim_op(nu: datetime | None = None) -> int:
    """Read notifications after BEWAREN, unread ones after twice that."""
    nu = nu or timezone.now()
    gelezen, _ = Notificatie.objects.filter(gelezen_op__lt=nu - BEWAREN).delete()
    oud, _ = Notificatie.objects.filter(aangemaakt_op__lt=nu - 2 * BEWAREN).delete()
    return gelezen + oud
