"""Sending e-mail through Django's mail framework, after the transaction commits.

Mails carry no case content: they say that something waits in Samenplan and link to it.
Each recipient gets their own message, so addresses are never shared.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Bijlage:
    bestandsnaam: str
    inhoud: bytes
    mimetype: str


def absolute_url(path: str) -> str:
    return settings.SAMENPLAN_BASE_URL.rstrip("/") + path


def stuur_mail(
    ontvangers: Iterable[str],
    onderwerp: str,
    template: str,
    context: dict,
    bijlagen: Iterable[Bijlage] = (),
) -> None:
    """Queue one message per address, sent once the surrounding transaction commits."""
    adressen = sorted({adres for adres in ontvangers if adres})
    if not adressen:
        return
    tekst = render_to_string(template, {**context, "base_url": settings.SAMENPLAN_BASE_URL})
    bijlagen = list(bijlagen)
    berichten = []
    for adres in adressen:
        bericht = EmailMessage(
            subject=settings.EMAIL_SUBJECT_PREFIX + onderwerp, body=tekst, to=[adres]
        )
        for bijlage in bijlagen:
            bericht.attach(bijlage.bestandsnaam, bijlage.inhoud, bijlage.mimetype)
        berichten.append(bericht)
    _na_commit(berichten, template)


def stuur_persoonlijke_mails(onderwerp: str, template: str, per_adres: dict[str, dict]) -> None:
    """One message per address, each rendered with its own context (e.g. its own link),
    sent over one connection once the surrounding transaction commits."""
    berichten = [
        EmailMessage(
            subject=settings.EMAIL_SUBJECT_PREFIX + onderwerp,
            body=render_to_string(template, {**context, "base_url": settings.SAMENPLAN_BASE_URL}),
            to=[adres],
        )
        for adres, context in sorted(per_adres.items())
        if adres
    ]
    if berichten:
        _na_commit(berichten, template)


def _na_commit(berichten: list[EmailMessage], template: str) -> None:
    def verstuur():
        try:
            get_connection().send_messages(berichten)
        except Exception:  # the data is saved; a mail server hiccup must not undo that
            logger.exception("E-mail niet verstuurd (%s, %d ontvangers)", template, len(berichten))
            raise

    transaction.on_commit(verstuur, robust=True)
