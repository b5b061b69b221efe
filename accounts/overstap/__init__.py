"""A pupil moves to another school of the region (docs/overstap.md).

The new school works in a new dossier (`nieuw.vorige = oud`); the old dossier stays the
old school's own record, read-only from the uitschrijving date (accounts/permissions.py
`schrijft_voor_school`). The running traject, the OPP and the consent go to the new
dossier only once consent of the kind "overdracht" counts (the parents with custody,
from 12 the pupil too, from 16 the pupil alone). Apps that keep rows under a pupil move
their own rows through a hook on their AppConfig, `draag_dossier_over(oud, nieuw, *,
door)`, so accounts imports none of them (apps depend one way: accounts <- opp <-
arrangeren).

- `registratie`: the move itself, found by the pupil import;
- `overdracht`: the handover, and the pupil's own answer about it, recorded by the *old*
  school's coördinator (never by the school that receives the file);
- `pagina`: what the pupil pages show about it.
"""

from accounts.overstap.overdracht import (
    draag_over,
    draag_over_als_toegestaan,
    is_coordinator_nieuwe_school,
    leg_overdracht_antwoord_leerling_vast,
    mag_overdrachtsantwoord_vastleggen,
    overdracht_toegestaan,
)
from accounts.overstap.pagina import Overdrachtstand, Stand, overdrachtstand, pagina_context
from accounts.overstap.registratie import registreer_overstap

__all__ = [
    "Overdrachtstand",
    "Stand",
    "draag_over",
    "draag_over_als_toegestaan",
    "is_coordinator_nieuwe_school",
    "leg_overdracht_antwoord_leerling_vast",
    "mag_overdrachtsantwoord_vastleggen",
    "overdracht_toegestaan",
    "overdrachtstand",
    "pagina_context",
    "registreer_overstap",
]
