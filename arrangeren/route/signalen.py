"""Signals of the route, for the features that build on it (they import the route; the
route never imports them)."""

from django.dispatch import Signal

# An open traject moved with its pupil to a new school's dossier (docs/overstap.md).
# Sent inside the move's transaction with `oud`, `nieuw` (Leerling) and `door` (User).
traject_verhuisd = Signal()
