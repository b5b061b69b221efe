"""The satisfaction question to parents after an MDO: who is asked, and about which MDO.

A parent with custody (docs/rollen.md, `Ouderrecht.BESLISSEN`: the parents who take part
in the MDO) is asked once the report is final (the MDO is "gehouden"), for VRAAG_DAGEN
days. Each parent answers once, or skips. Source and privacy: docs/monitor.md.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import Gezag, User
from accounts.rollen import Ouderrecht, gezag_met
from arrangeren.route.models import Mdo, Tevredenheid

# The question stays on the start page this long after the meeting.
VRAAG_DAGEN = 60
VRAAG = "Hoe tevreden bent u over het overleg over uw kind?"


def _met_gezag(user: User) -> Exists:
    return Exists(
        Gezag.objects.filter(
            ouder=user,
            leerling_id=OuterRef("traject__leerling_id"),
            heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN),
        )
    )


def gehouden_mdos_van_ouder(user: User) -> QuerySet[Mdo]:
    """Held MDOs about a child this user has custody of: the question is theirs."""
    return Mdo.objects.filter(_met_gezag(user), status=Mdo.Status.GEHOUDEN)


def open_vragen(user: User) -> QuerySet[Mdo]:
    """The MDOs still waiting for this parent's answer (one query), newest first."""
    sinds = timezone.now() - timedelta(days=VRAAG_DAGEN)
    beantwoord = Tevredenheid.objects.filter(mdo=OuterRef("pk"), ouder=user)
    return (
        gehouden_mdos_van_ouder(user)
        .filter(start__gte=sinds)
        .exclude(Exists(beantwoord))
        .select_related("traject__leerling")
        .order_by("-start")
    )
