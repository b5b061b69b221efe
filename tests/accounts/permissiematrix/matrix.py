"""The permission matrix: every named URL of the project x every persona.

Adding a URL without an entry here (in one of the `matrix_*.py` modules) fails
`test_every_named_url_has_a_matrix_entry`: whoever adds a view decides, in this
table, who may reach it.
"""

from django.urls import reverse

from tests.accounts.permissiematrix.entries import ANONIEM, Entry
from tests.accounts.permissiematrix.matrix_accounts import ACCOUNTS
from tests.accounts.permissiematrix.matrix_arrangeren import ARRANGEREN
from tests.accounts.permissiematrix.matrix_beheer import BEHEER
from tests.accounts.permissiematrix.matrix_opp_fasenmodel import OPP_FASENMODEL
from tests.conftest import login_verified, user_by_email

_AREAS = (ACCOUNTS, ARRANGEREN, OPP_FASENMODEL, BEHEER)
MATRIX: dict[str, Entry] = {name: entry for area in _AREAS for name, entry in area.items()}
assert len(MATRIX) == sum(len(area) for area in _AREAS), "a URL has rows in two areas"


def request_as(client, persona, name, entry):
    if persona != ANONIEM:
        login_verified(client, user_by_email(persona))
    kwargs = entry.kwargs() if entry.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    return getattr(client, entry.method)(url)
