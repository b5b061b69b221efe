"""Demo answers to the question after an MDO, so the Regiomonitor shows figures
(docs/monitor.md). Run after the TLV demo, whose dossiers hold the region's held MDOs;
Sam de Vries and Noor Visser are left alone. Idempotent: one row per parent per MDO."""

from accounts.models import Gezag
from accounts.rollen import Ouderrecht, gezag_met
from arrangeren.route.models import Mdo, Tevredenheid

# Scores in turn, a skipped question among them: an average over every held MDO.
SCORES = (4, 5, 3, None, 4, 2, 5, 4)


def seed() -> None:
    mdos = (
        Mdo.objects.filter(status=Mdo.Status.GEHOUDEN)
        .exclude(traject__leerling__voornaam__in=["Sam", "Noor"])
        .order_by("pk")
    )
    gezagen = Gezag.objects.filter(
        leerling_id__in=mdos.values("traject__leerling_id"),
        heeft_gezag__in=gezag_met(Ouderrecht.BESLISSEN),
    ).order_by("pk")
    ouders: dict[int, list[int]] = {}
    for gezag in gezagen:
        ouders.setdefault(gezag.leerling_id, []).append(gezag.ouder_id)
    teller = 0
    for mdo in mdos.select_related("traject"):
        for ouder_id in ouders.get(mdo.traject.leerling_id, []):
            score = SCORES[teller % len(SCORES)]
            teller += 1
            Tevredenheid.objects.get_or_create(
                mdo=mdo, ouder_id=ouder_id, defaults={"score": score}
            )
