"""The matrix's MDO rows once more for an invited member of staff whose reach does not
cover the pupil: mentor@ after Sam got another mentor, still on the invitation list of
Sam's MDO (issue 15: an invited teacher got the invitation, the .ics and "verslag staat
klaar", then 404 on the MDO and report pages).

Her reach changed only here: she opens the meeting she is invited to, its .ics and its
documents (and, once final, its report); nothing else of Sam's file.
"""

import pytest
from django.urls import reverse

from accounts.models import Leerling, Toegangslog
from tests.accounts.permissiematrix.matrix import MATRIX
from tests.conftest import login_verified, user_by_email

GENODIGDE = {
    "arrangeren:mdo_detail": 200,
    "arrangeren:mdo_ics": 200,
    "arrangeren:stuk_downloaden": 200,
    "arrangeren:verslag": 404,  # a concept is for the school's editors
    "arrangeren:mdo_bewerken": 404,
    "arrangeren:leerlinggesprek": 404,
    "arrangeren:personen_zoeken": 404,
    "arrangeren:traject_detail": 404,
    "arrangeren:voortgang_toevoegen": 404,
    "accounts:leerling_detail": 404,
    "opp:leerling_opp": 404,
}


@pytest.mark.parametrize("name", sorted(GENODIGDE))
def test_an_invited_teacher_who_is_not_the_mentor(client, db, name):
    entry = MATRIX[name]
    kwargs = entry.kwargs() if entry.kwargs else {}
    mentor = user_by_email("mentor@demo.nl")
    Leerling.objects.get(voornaam="Sam", achternaam="Vries").mentoren.remove(mentor)
    login_verified(client, mentor)
    voor = Toegangslog.objects.count()
    response = getattr(client, entry.method)(reverse(name, kwargs=kwargs))
    assert response.status_code == GENODIGDE[name], name
    logs = Toegangslog.objects.filter(pk__gt=0).order_by("pk")[voor:]
    if response.status_code == 200:
        [regel] = logs
        assert regel.gebruiker == mentor and "genodigde MDO" in regel.rol
