"""The permission matrix: every named URL of the project x every persona.

Adding a URL without an entry here (in one of the `matrix_*.py` modules) fails
`test_every_named_url_has_a_matrix_entry`: whoever adds a view decides, in this
table, who may reach it.
"""

from django.urls import reverse

from tests.accounts.permissiematrix.entries import ANONIEM, OUDER_ZONDER_GEZAG, Entry
from tests.accounts.permissiematrix.matrix_accounts import ACCOUNTS
from tests.accounts.permissiematrix.matrix_arrangeren import ARRANGEREN
from tests.accounts.permissiematrix.matrix_beheer import BEHEER
from tests.accounts.permissiematrix.matrix_opp_fasenmodel import OPP_FASENMODEL
from tests.conftest import login_verified, user_by_email

_AREAS = (ACCOUNTS, ARRANGEREN, OPP_FASENMODEL, BEHEER)
MATRIX: dict[str, Entry] = {name: entry for area in _AREAS for name, entry in area.items()}
assert len(MATRIX) == sum(len(area) for area in _AREAS), "a URL has rows in two areas"

# A parent without custody (OUDER_ZONDER_GEZAG) expects each row's default, except here:
# the child's page shows him information about important matters instead of the file
# (docs/rollen.md, "Ouders zonder gezag"); every page of the file is a 404.
ZONDER_GEZAG = {"accounts:leerling_detail": 200}
for _naam, _status in ZONDER_GEZAG.items():
    MATRIX[_naam].per_persona[OUDER_ZONDER_GEZAG] = _status


def login_as(client, persona):
    """Log in as a persona; `OUDER_ZONDER_GEZAG` is ouder2 once his custody of Sam ended."""
    if persona == OUDER_ZONDER_GEZAG:
        from accounts.models import Gezag

        Gezag.objects.filter(ouder__email="ouder2@demo.nl", leerling__voornaam="Sam").update(
            heeft_gezag=False
        )
        persona = "ouder2@demo.nl"
    login_verified(client, user_by_email(persona))


def request_as(client, persona, name, entry):
    # The objects first: an MDO planned for Sam invites the parents who had custody then.
    kwargs = entry.kwargs() if entry.kwargs else {}
    if persona != ANONIEM:
        login_as(client, persona)
    url = reverse(name, kwargs=kwargs)
    return getattr(client, entry.method)(url)
