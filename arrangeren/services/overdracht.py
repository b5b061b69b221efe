"""The running traject follows the pupil to a new school of the region, once consent
allows it.

Called through `ArrangerenConfig.draag_dossier_over` by accounts.overstap.draag_over
(see docs/overstap.md). Only open trajecten move; closed ones are the old school's
record. Everything under a traject (steps, MDOs, reports, jeugdhulp) moves with it; TLV
requests stay: they are the old school's requests to its SWV.
"""

from __future__ import annotations

from accounts.models import Leerling, User
from arrangeren.models import Kaderuitzondering, Traject
from arrangeren.services.traject import draag_regie_over


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
        # The hours of the jeugdhulp under the traject now count for the new dossier; an
        # exception to the kader agreed for them goes along.
        bezet = Kaderuitzondering.objects.filter(leerling=nieuw).values("halfjaar")
        for uitzondering in Kaderuitzondering.objects.filter(leerling=oud).exclude(
            halfjaar__in=bezet
        ):
            uitzondering.leerling = nieuw
            uitzondering.save(update_fields=["leerling"])
    return len(trajecten)
