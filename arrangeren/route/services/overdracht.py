"""The running traject follows the pupil to a new school of the region, once consent
allows it.

Called through `RouteConfig.draag_dossier_over` by accounts.overstap.draag_over
(see docs/overstap.md). Only open trajecten move; closed ones are the old school's
record. Everything under a traject (steps, MDOs, reports, jeugdhulp) moves with it; TLV
requests stay: they are the old school's requests to its SWV.
"""

from __future__ import annotations

from accounts.models import Leerling, User
from arrangeren.route.models import Traject
from arrangeren.route.services.traject import draag_regie_over
from arrangeren.route.signalen import traject_verhuisd


def draag_traject_over(oud: Leerling, nieuw: Leerling, *, door: User) -> int:
    """Re-point the open traject to the new dossier; the school's regie goes to the new
    school (as a regieoverdracht event). Returns how many trajecten moved.

    When the new school already opened a traject of its own (one open traject per pupil),
    that one stands and the old one stays, read-only, with the old school's record.
    """
    if Traject.objects.filter(leerling=nieuw).open().exists():
        return 0
    trajecten = list(Traject.objects.select_for_update().filter(leerling=oud).open())
    for traject in trajecten:
        traject.leerling = nieuw
        traject.versie += 1
        traject.save(update_fields=["leerling", "versie"])
        if traject.regievoerder_id == oud.school_id:
            draag_regie_over(
                traject,
                nieuw.school,
                door=door,
                reden=f"Overstap naar {nieuw.school.naam}: de nieuwe school voert de regie.",
            )
    if trajecten:
        # Features under the traject take their pupil-level rows along (jeugdhulp: an
        # agreed exception to the kader).
        traject_verhuisd.send(sender=Traject, oud=oud, nieuw=nieuw, door=door)
    return len(trajecten)
