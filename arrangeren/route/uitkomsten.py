"""Reads: is the outcome of the current step recorded, so the traject may move on?

No silent skipping: a step is finished when its expected outcome (`stappen.STAPPEN`)
is written down, wherever the table says it lives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from arrangeren.route.models import Mdo, Mdoverslag, Stapuitkomst, Traject, Voortgangsnotitie
from arrangeren.route.stappen import STAP, Stap, Vastlegging

if TYPE_CHECKING:
    from arrangeren.route.permissions import TrajectRechten


def huidig_mdo(traject: Traject) -> Mdo | None:
    """The MDO of the traject's current cycle (the latest one not cancelled)."""
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
    return stap


def stapuitkomst(traject: Traject, nummer: int) -> Stapuitkomst | None:
    """The saved outcome of this step in the traject's current cycle."""
    return Stapuitkomst.objects.filter(traject=traject, stap=nummer, cyclus=traject.cyclus).first()


def ontbrekende_uitkomsten(traject: Traject) -> list[str]:
    """What is still missing before the current step is done (empty: done)."""
    stap = STAP[traject.huidige_stap]
    ontbreekt: list[str] = []
    if stap.vastlegging == Vastlegging.STAP:
        uitkomst = stapuitkomst(traject, stap.nummer)
        velden = uitkomst.velden if uitkomst else {}
        ontbreekt += [label for naam, label in stap.uitkomsten if not velden.get(naam, "").strip()]
        if stap.organiseert_mdo:
            mdo = huidig_mdo(traject)
            if mdo is None or mdo.uitnodigingen_verstuurd_op is None:
                ontbreekt.append("Het MDO is gepland en de uitnodigingen zijn verstuurd")
    elif stap.vastlegging == Vastlegging.NOTITIES:
        if not Voortgangsnotitie.objects.filter(traject=traject, cyclus=traject.cyclus).exists():
            ontbreekt.append("Minstens één voortgangsnotitie van de uitvoerders")
    else:
        verslag = laatste_verslag(huidig_mdo(traject))
        if verslag is None:
            return ["Het verslag van het MDO"]
        ontbreekt += [
            label for naam, label in stap.uitkomsten if not verslag.velden.get(naam, "").strip()
        ]
        if "doelen" in stap.gestructureerd and not verslag.doelen.exists():
            ontbreekt.append("Minstens één doel")
        if "afspraken_per_doel" in stap.gestructureerd and (
            verslag.status != Mdoverslag.Status.DEFINITIEF
        ):
            ontbreekt.append("Het vastgestelde (definitieve) verslag van het MDO")
    return ontbreekt
