"""What the pupil pages show about a move (docs/overstap.md): on the old dossier the
move's date (not the new school) and, for the old school's coördinator, the handover with
the pupil's answer; on the new dossier, for the new school's coördinator, the handover's
state only. No content of the old file reaches the new school."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from accounts.bewaartermijnen import einde_inzage
from accounts.models import Informatiesoort, Leerling, Overstap, Toestemming, User
from accounts.overstap.overdracht import (
    is_coordinator_nieuwe_school,
    mag_overdrachtsantwoord_vastleggen,
)
from accounts.permissions import schrijft_voor_school
from accounts.toestemming import LEERLING, vereiste_gevers

OVERDRACHT = Informatiesoort.OVERDRACHT


class Stand(enum.Enum):
    WACHT = "wacht"
    GEWEIGERD = "geweigerd"
    OVERGEDRAGEN = "overgedragen"
    NIEMAND = "niemand"


# What each side reads, per state: (the new school, the old school). The old school is not
# told which school the pupil went to (docs/overstap.md, "Lists").
TEKSTEN: dict[Stand, tuple[str, str]] = {
    Stand.WACHT: (
        "Overdracht wacht op toestemming van {wacht_op}.",
        "Overdracht aan de nieuwe school wacht op toestemming van {wacht_op}.",
    ),
    Stand.GEWEIGERD: (
        "Er is geen toestemming voor de overdracht: er gaat niets over van de vorige "
        "school. Uw school begint een eigen dossier.",
        "Er is geen toestemming voor de overdracht: het lopende traject en het OPP blijven, "
        "alleen-lezen, in dit dossier.",
    ),
    Stand.OVERGEDRAGEN: (
        "Het lopende traject, het OPP en de toestemmingen zijn overgedragen op {datum}.",
        "Het lopende traject, het OPP en de toestemmingen zijn op {datum} overgedragen aan "
        "de nieuwe school.",
    ),
    Stand.NIEMAND: (
        "Van deze leerling is geen ouder met gezag bekend: overdracht is niet mogelijk. "
        "Uw school begint een eigen dossier.",
        "Van deze leerling is geen ouder met gezag bekend: overdracht aan de nieuwe school "
        "is niet mogelijk.",
    ),
}


@dataclass(frozen=True)
class Overdrachtstand:
    overstap: Overstap
    stand: Stand
    wacht_op: str = ""  # "de ouders", "de leerling", "de ouders en de leerling"
    leerling_beslist_mee: bool = False
    leerling_antwoord: str | None = None  # status of the pupil's own answer, if any
    voor_vorige_school: bool = False  # shown on the old dossier, to the old school

    @property
    def tekst(self) -> str:
        overgedragen_op = self.overstap.overgedragen_op
        datum = f"{timezone.localtime(overgedragen_op):%d-%m-%Y}" if overgedragen_op else ""
        sjabloon = TEKSTEN[self.stand][1 if self.voor_vorige_school else 0]
        return sjabloon.format(wacht_op=self.wacht_op, datum=datum)

    @property
    def leerling_antwoord_vragen(self) -> bool:
        """The old school's coördinator records the pupil's answer; the pupil may change
        their mind until the handover, as parents may on their own page."""
        return (
            self.voor_vorige_school
            and self.leerling_beslist_mee
            and self.stand in (Stand.WACHT, Stand.GEWEIGERD)
        )


def overdrachtstand(overstap: Overstap, *, voor_vorige_school: bool = False) -> Overdrachtstand:
    """Where the handover stands (no content of the old file)."""
    zijde = {"voor_vorige_school": voor_vorige_school}
    if overstap.overgedragen_op is not None:
        return Overdrachtstand(overstap, Stand.OVERGEDRAGEN, **zijde)
    oud = overstap.oud
    gevers = vereiste_gevers(oud)
    leerling_beslist_mee = LEERLING in gevers
    if not gevers:
        return Overdrachtstand(overstap, Stand.NIEMAND, **zijde)
    antwoorden = {
        (gever_id or LEERLING): status
        for gever_id, status in Toestemming.objects.filter(
            leerling=oud,
            soort=OVERDRACHT,
            ontvanger_organisatie_id=overstap.naar_school_id,
            ontvanger=None,
        ).values_list("gever_id", "status")
    }
    leerling_antwoord = antwoorden.get(LEERLING)
    nee = {Toestemming.Status.GEWEIGERD, Toestemming.Status.INGETROKKEN}
    if any(antwoorden.get(gever) in nee for gever in gevers):
        return Overdrachtstand(
            overstap,
            Stand.GEWEIGERD,
            leerling_beslist_mee=leerling_beslist_mee,
            leerling_antwoord=leerling_antwoord,
            **zijde,
        )
    open_ouders = any(
        g != LEERLING and antwoorden.get(g) != Toestemming.Status.GEGEVEN for g in gevers
    )
    open_leerling = leerling_beslist_mee and leerling_antwoord != Toestemming.Status.GEGEVEN
    wacht_op = (
        " en ".join(
            deel
            for deel, open_ in (("de ouders", open_ouders), ("de leerling", open_leerling))
            if open_
        )
        or "de ouders"
    )
    return Overdrachtstand(
        overstap,
        Stand.WACHT,
        wacht_op=wacht_op,
        leerling_beslist_mee=leerling_beslist_mee,
        leerling_antwoord=leerling_antwoord,
        **zijde,
    )


def pagina_context(user: User, leerling: Leerling) -> dict:
    """What the pupil page shows about a move: on the old dossier the move's date and the
    read-only term, and for the old school's coördinator the handover with the pupil's
    answer; on the new dossier, for the new school's coördinator, the handover's state."""
    context: dict = {"alleen_lezen": not schrijft_voor_school(leerling)}
    if leerling.uitgeschreven_op is not None:
        context["einde_inzage"] = einde_inzage(leerling.uitgeschreven_op)
    overstappen = list(
        Overstap.objects.select_related("oud", "van_school")
        .filter(Q(oud=leerling) | Q(nieuw=leerling))
        .order_by("pk")
    )
    vertrek = next((o for o in overstappen if o.oud_id == leerling.pk), None)
    aankomst = next((o for o in overstappen if o.nieuw_id == leerling.pk), None)
    if vertrek is not None:
        context["vertrek"] = vertrek
        if mag_overdrachtsantwoord_vastleggen(user, vertrek):
            context["overdracht"] = overdrachtstand(vertrek, voor_vorige_school=True)
    if aankomst is not None and is_coordinator_nieuwe_school(user, aankomst):
        context["overdracht"] = overdrachtstand(aankomst)
    if "overdracht" in context:
        context["leerling_antwoord_vragen"] = context["overdracht"].leerling_antwoord_vragen
    return context
