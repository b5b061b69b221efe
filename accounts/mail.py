"""E-mail from Samenplan: written to the outbox in the current transaction, sent by a
worker once it commits (accounts/berichten.py, docs/productie.md).

Mails carry no case content: they say that something waits in Samenplan and link to it.
Each recipient gets their own message, so addresses are never shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.template import Context
from django.template.loader import get_template

from accounts import berichten
from accounts.models import Bericht, Organisatie, User


@dataclass(frozen=True)
class Bijlage:
    bestandsnaam: str
    inhoud: bytes
    mimetype: str


def absolute_url(path: str) -> str:
    return settings.SAMENPLAN_BASE_URL.rstrip("/") + path


def tekst(template: str, context: dict) -> str:
    """A plain-text mail template rendered without HTML escaping: "Kind & Co" stays so,
    not `Kind &amp; Co`. Mails are text only (no HTML part, docs/productie.md)."""
    sjabloon = get_template(template).template
    return sjabloon.render(
        Context({**context, "base_url": settings.SAMENPLAN_BASE_URL}, autoescape=False)
    )


def stuur_mail(
    ontvangers: Iterable[str],
    onderwerp: str,
    template: str,
    context: dict,
    bijlagen: Iterable[Bijlage] = (),
    *,
    veroorzaakt_door: User | None = None,
    organisatie: Organisatie | None = None,
) -> list[Bericht]:
    """One message per address, in the outbox now, sent once the transaction commits.

    `veroorzaakt_door` is who did what caused the mail: should it not arrive, it appears
    on their list "E-mail niet afgeleverd".
    """
    adressen = sorted({adres for adres in ontvangers if adres})
    if not adressen:
        return []
    inhoud = tekst(template, context)
    stukken = [berichten.bijlage(b.bestandsnaam, b.inhoud, b.mimetype) for b in bijlagen]
    return berichten.zet_in_wachtrij(
        [
            _bericht(adres, onderwerp, inhoud, template, stukken, veroorzaakt_door, organisatie)
            for adres in adressen
        ]
    )


def stuur_persoonlijke_mails(
    onderwerp: str,
    template: str,
    per_adres: dict[str, dict],
    *,
    veroorzaakt_door: User | None = None,
    organisatie: Organisatie | None = None,
) -> list[Bericht]:
    """One message per address, each rendered with its own context (e.g. its own link);
    a job sends them over one connection once the transaction commits."""
    return berichten.zet_in_wachtrij(
        [
            _bericht(
                adres,
                onderwerp,
                tekst(template, context),
                template,
                [],
                veroorzaakt_door,
                organisatie,
            )
            for adres, context in sorted(per_adres.items())
            if adres
        ]
    )


def _bericht(
    aan: str,
    onderwerp: str,
    inhoud: str,
    sjabloon: str,
    bijlagen: list[dict],
    veroorzaakt_door: User | None,
    organisatie: Organisatie | None,
) -> Bericht:
    return Bericht(
        aan=aan,
        onderwerp=onderwerp[:255],
        tekst=inhoud,
        bijlagen=bijlagen,
        sjabloon=sjabloon,
        veroorzaakt_door=veroorzaakt_door if veroorzaakt_door and veroorzaakt_door.pk else None,
        organisatie=organisatie,
    )
