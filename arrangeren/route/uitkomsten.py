"""Reads: is the outcome of the current step recorded, so the traject may move on?

No silent skipping: a step is finished when its expected outcome (`stappen.STAPPEN`)
is written down, wherever the table says it lives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.utils import timezone

from arrangeren.route.models import (
    Doel,
    Mdo,
    Mdoverslag,
    Stapuitkomst,
    Traject,
    Voortgangsnotitie,
)
from arrangeren.route.stappen import STAP, Stap, Vastlegging

if TYPE_CHECKING:
    from arrangeren.route.permissions import TrajectRechten


def huidig_mdo(traject: Traject, mdos: Iterable[Mdo] | None = None) -> Mdo | None:
    """The MDO of the traject's current cycle (the latest one not cancelled).

    `mdos`: all the traject's MDOs, when the page loaded them already."""
    if mdos is not None:
        huidige = [
            m for m in mdos if m.cyclus == traject.cyclus and m.status != Mdo.Status.GEANNULEERD
        ]
        return max(huidige, key=lambda m: (m.aangemaakt_op, m.pk), default=None)
    return (
        traject.mdos.filter(cyclus=traject.cyclus)
        .exclude(status=Mdo.Status.GEANNULEERD)
        .order_by("-aangemaakt_op")
        .first()
    )


def laatste_verslag(mdo: Mdo | None) -> Mdoverslag | None:
    if mdo is None:
        return None
    return mdo.verslagen.order_by("-versie").first()


def zichtbaar_verslag(mdo: Mdo, rechten: TrajectRechten) -> Mdoverslag | None:
    """The report shown on the MDO page: the latest version, or else the latest final one,
    as far as this user may read it (a concept is for the school and the editors)."""
    verslag = laatste_verslag(mdo)
    if verslag and not rechten.ziet_verslag(verslag):
        definitief = mdo.verslagen.filter(status=Mdoverslag.Status.DEFINITIEF)
        verslag = definitief.order_by("-versie").first()
        if verslag and not rechten.ziet_verslag(verslag):
            verslag = None
    return verslag


def vast_te_leggen(traject: Traject, nummer: int) -> Stap | None:
    """The step if its outcome is written on a page of its own (not in the report or in
    progress notes) and the traject has reached it; else None."""
    stap = STAP.get(nummer)
    if stap is None or stap.vastlegging != Vastlegging.STAP or nummer > traject.huidige_stap:
        return None
    if not stap.uitkomsten:
        return None  # nothing to type: step 3's facts come from the MDO
    return stap


def mdo_voorinvulling(traject: Traject) -> dict[str, str]:
    """What the steps before the MDO recorded, as the MDO form's initial values (still
    editable): the goal of the meeting from step 2, so nobody types it twice."""
    stap = next(s for s in STAP.values() if "doel_overleg" in dict(s.uitkomsten))
    uitkomst = stapuitkomst(traject, stap.nummer)
    doel = (uitkomst.velden.get("doel_overleg") or "").strip() if uitkomst else ""
    return {"doel": doel} if doel else {}


def organisatie_uit_mdo(mdo: Mdo | None) -> list[tuple[str, str]]:
    """Step 3's outcome as the MDO holds it (room, interpreter, consent, invitations), so
    nobody types it twice. Consent: sending the invitations is refused while an outside
    invitee lacks it, so once they went out it is in order; before, the MDO page shows
    per invitee what is still needed."""
    if mdo is None:
        return [("MDO", "Nog niet gepland")]
    plaats = mdo.locatie or ("Online, via de videolink" if mdo.videolink else "")
    tolk = f"Ja, {mdo.tolk_taal}" if mdo.tolk_nodig else "Niet nodig"
    verstuurd = mdo.uitnodigingen_verstuurd_op
    # The date as the reader's clock shows it: after 23:00 UTC it is already tomorrow.
    verstuurd = timezone.localtime(verstuurd) if verstuurd else None
    if verstuurd:
        toestemming = "In orde voor iedereen die is uitgenodigd"
    else:
        toestemming = "Wordt gevraagd op de pagina van het MDO, vóór het uitnodigen"
    return [
        ("Ruimte", plaats or "—"),
        ("Tolk", tolk),
        ("Toestemming van de ouders", toestemming),
        ("Uitnodigingen", f"Verstuurd op {verstuurd:%d-%m-%Y}" if verstuurd else "Nog niet"),
    ]


def stapuitkomst(traject: Traject, nummer: int) -> Stapuitkomst | None:
    """The saved outcome of this step in the traject's current cycle."""
    return Stapuitkomst.objects.filter(traject=traject, stap=nummer, cyclus=traject.cyclus).first()


@dataclass(frozen=True)
class Geladen:
    """What a page loaded already of the traject's current cycle, so the check below
    asks nothing twice: the step outcomes by step, all MDOs, the progress notes."""

    uitkomsten: dict[int, Stapuitkomst] | None = None
    mdos: list[Mdo] | None = None
    notities: list[Voortgangsnotitie] | None = None


def ontbrekende_uitkomsten(traject: Traject, geladen: Geladen | None = None) -> list[str]:
    """What is still missing before the current step is done (empty: done)."""
    geladen = geladen or Geladen()
    stap = STAP[traject.huidige_stap]
    ontbreekt: list[str] = []
    if stap.vastlegging == Vastlegging.STAP:
        uitkomst = (
            geladen.uitkomsten.get(stap.nummer)
            if geladen.uitkomsten is not None
            else stapuitkomst(traject, stap.nummer)
        )
        velden = uitkomst.velden if uitkomst else {}
        ontbreekt += [label for naam, label in stap.uitkomsten if not velden.get(naam, "").strip()]
        if stap.organiseert_mdo:
            mdo = huidig_mdo(traject, geladen.mdos)
            if mdo is None or mdo.uitnodigingen_verstuurd_op is None:
                ontbreekt.append("Het MDO is gepland en de uitnodigingen zijn verstuurd")
    elif stap.vastlegging == Vastlegging.NOTITIES:
        if geladen.notities is not None:
            heeft_notitie = any(n.cyclus == traject.cyclus for n in geladen.notities)
        else:
            heeft_notitie = Voortgangsnotitie.objects.filter(
                traject=traject, cyclus=traject.cyclus
            ).exists()
        if not heeft_notitie:
            ontbreekt.append("Minstens één voortgangsnotitie van de uitvoerders")
    else:
        ontbreekt += _ontbreekt_in_verslag(stap, huidig_mdo(traject, geladen.mdos))
    return ontbreekt


def _ontbreekt_in_verslag(stap: Stap, mdo: Mdo | None) -> list[str]:
    """The report's part: the latest version with whether it has goals, in one query."""
    verslag = (
        mdo.verslagen.annotate(heeft_doelen=Exists(Doel.objects.filter(verslag=OuterRef("pk"))))
        .order_by("-versie")
        .first()
        if mdo is not None
        else None
    )
    if verslag is None:
        return ["Het verslag van het MDO"]
    ontbreekt = [
        label for naam, label in stap.uitkomsten if not verslag.velden.get(naam, "").strip()
    ]
    if "doelen" in stap.gestructureerd and not verslag.heeft_doelen:
        ontbreekt.append("Minstens één doel")
    if "afspraken_per_doel" in stap.gestructureerd and (
        verslag.status != Mdoverslag.Status.DEFINITIEF
    ):
        ontbreekt.append("Het vastgestelde (definitieve) verslag van het MDO")
    return ontbreekt
