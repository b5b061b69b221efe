"""The OPP follows the pupil to a new school of the region, once consent allows it.

Called through `OppConfig.draag_dossier_over` by accounts.overstap.draag_over (see
docs/overstap.md). Every version moves, so the plan stays one chain of versions; a
running version becomes the new school's to continue. The handelingsdeel is an agreement
between the parents and the school carrying it out: a version that was out for signature
goes back to concept, its requests void, and the new school sends it again.
"""

from __future__ import annotations

from accounts.models import Leerling, User
from opp.models import Ondertekening, Opp


def draag_opp_over(oud: Leerling, nieuw: Leerling, *, door: User) -> int:
    """Re-point the versions of the old dossier to the new one. Returns how many moved.

    When the new school already started an OPP of its own, that one stands and the old
    versions stay with the old school's record: two chains cannot share version numbers.
    """
    if Opp.objects.filter(leerling=nieuw).exists():
        return 0
    versies = list(Opp.objects.select_for_update().filter(leerling=oud))
    for opp in versies:
        opp.leerling = nieuw
        velden = ["leerling"]
        if opp.bewerkbaar:
            opp.school = nieuw.school
            velden.append("school")
        if opp.status == Opp.Status.TER_ONDERTEKENING:
            for verzoek in opp.ondertekeningen.exclude(status=Ondertekening.Status.VERVALLEN):
                verzoek.status = Ondertekening.Status.VERVALLEN
                verzoek.save(update_fields=["status"])
            opp.status = Opp.Status.CONCEPT
            opp.verstuurd_door = None
            velden += ["status", "verstuurd_door"]
        opp.save(update_fields=velden)  # save(), not update(): the history records it
    return len(versies)
