"""Versions of the OPP: which one a user opens, which ones they see, merging after a conflict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accounts.models import Leerling, User
from opp.inhoud import Verschil, secties, verschillen
from opp.models import Opp
from opp.permissions import VASTGESTELD, OppRechten

from .common import OPP_VELDEN


def te_openen(user: User, leerling: Leerling) -> Opp | None:
    """The version the pupil's OPP link opens: the newest, if the pupil has one.

    The pupil moved on and the OPP went along: the old school reads the versions it
    fixed itself (docs/overstap.md).
    """
    nieuwste = Opp.objects.filter(leerling=leerling).order_by("-versie").first()
    if nieuwste is not None:
        return nieuwste
    return (
        Opp.objects.for_user(user)
        .filter(leerling__vorige=leerling, school_id=leerling.school_id)
        .order_by("-versie")
        .first()
    )


def zichtbare_versies(opp: Opp, rechten: OppRechten) -> list[Opp]:
    """The versions listed next to this one, newest first (the old school: its own only)."""
    versies = Opp.objects.filter(leerling=opp.leerling).order_by("-versie")
    if rechten.vorige_school:
        versies = versies.filter(school_id=opp.school_id, status__in=VASTGESTELD)
    return list(versies)


def _eigen_velden(opp: Opp) -> dict[str, str]:
    # Goals are rows of their own: compare the OPP's own fields only.
    return {k: v for k, v in secties(opp) if not k.startswith("Doel ")}


def voeg_samen(
    opp: Opp, ingestuurd: Mapping[str, Any], gezien: int
) -> tuple[dict[str, Any], list[Verschil]]:
    """After a conflict: the saved values to take over, and what changed meanwhile.

    Reloads `opp`. Three-way merge against the version the user opened (`gezien`
    edits): fields this user did not change take the saved value, so saving again never
    undoes someone else's work; fields both changed keep this user's text.
    """
    opp.refresh_from_db()
    geopend = opp.history.filter(bewerkingen=gezien).order_by("-history_date").first()
    basis = geopend.instance if geopend else opp
    overnemen = {
        naam: getattr(opp, naam)
        for naam in OPP_VELDEN
        if ingestuurd.get(naam) == getattr(basis, naam)
    }
    eerder = _eigen_velden(geopend.instance) if geopend else {}
    return overnemen, verschillen(eerder, _eigen_velden(opp))
