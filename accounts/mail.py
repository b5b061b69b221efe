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

    def verstuur():
        berichten = []
        for adres in adressen:
            bericht = EmailMessage(
                subject=settings.EMAIL_SUBJECT_PREFIX + onderwerp, body=tekst, to=[adres]
            )
            for bijlage in bijlagen:
                bericht.attach(bijlage.bestandsnaam, bijlage.inhoud, bijlage.mimetype)
            berichten.append(bericht)
        try:
            get_connection().send_messages(berichten)
        except Exception:  # the data is saved; a mail server hiccup must not undo that
            logger.exception("E-mail niet verstuurd (%s, %d ontvangers)", template, len(adressen))
            raise

    transaction.on_commit(verstuur, robust=True)
