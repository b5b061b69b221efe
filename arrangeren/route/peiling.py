"""The slot poll as the MDO page shows it: who answered what per proposed time, the totals
per time, and the viewer's own answers (docs/route.md, "Choosing the time").

Two queries whatever the number of invitees and times: the times, and every answer of the
MDO; the invitees come from the page's own list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from arrangeren.route.models import Beschikbaarheid, Genodigde, Mdo, Tijdslot


@dataclass(frozen=True)
class Kolom:
    tijdslot: Tijdslot
    kan: int
    kan_niet: int
    geen_antwoord: int
    gekozen: bool


@dataclass(frozen=True)
class Rij:
    genodigde: Genodigde
    gevraagd: bool  # may answer: consent and custody allow it
    cellen: list[tuple[Tijdslot, bool | None]]  # per time: kan, kan niet, or no answer yet


@dataclass(frozen=True)
class Peiling:
    kolommen: list[Kolom]
    rijen: list[Rij]
    alle_rijen: bool  # every invitee's row, or only the viewer's own
    eigen: Rij | None  # the viewer's own row, if she is asked
    open: bool  # answers can still change: no time chosen, not held or cancelled


def peiling_voor(
    mdo: Mdo,
    genodigden: Iterable[Genodigde],
    *,
    user_id: int,
    alle_rijen: bool,
    niet_gevraagd: Callable[[], Collection[int]],
) -> Peiling | None:
    """The table of invitees (with an account) by proposed times; None without times.

    `niet_gevraagd` gives the invitees the poll does not ask (an outsider without the
    parents' consent, a parent whose custody ended); it is read only when there are times.
    `alle_rijen`: school staff and parents see everyone's answers, as they see everyone's
    reply to the invitation; an outsider sees her own row and the totals.
    """
    tijdsloten = list(mdo.tijdsloten.all())
    if not tijdsloten:
        return None
    antwoord = {
        (tijdslot_id, genodigde_id): kan
        for tijdslot_id, genodigde_id, kan in Beschikbaarheid.objects.filter(
            tijdslot__mdo=mdo
        ).values_list("tijdslot_id", "genodigde_id", "kan")
    }
    niet = set(niet_gevraagd())
    rijen = [
        Rij(
            genodigde=g,
            gevraagd=g.pk not in niet,
            cellen=[(slot, antwoord.get((slot.pk, g.pk))) for slot in tijdsloten],
        )
        for g in genodigden
        if g.user_id is not None
    ]
    gevraagd = [rij for rij in rijen if rij.gevraagd]
    kolommen = []
    for i, slot in enumerate(tijdsloten):
        waarden = [rij.cellen[i][1] for rij in gevraagd]
        kolommen.append(
            Kolom(
                tijdslot=slot,
                kan=waarden.count(True),
                kan_niet=waarden.count(False),
                geen_antwoord=waarden.count(None),
                gekozen=mdo.start is not None and slot.start == mdo.start,
            )
        )
    eigen = next((rij for rij in gevraagd if rij.genodigde.user_id == user_id), None)
    return Peiling(
        kolommen=kolommen,
        rijen=rijen if alle_rijen else [eigen] if eigen is not None else [],
        alle_rijen=alle_rijen,
        eigen=eigen,
        open=mdo.start is None
        and mdo.status in (Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD),
    )
