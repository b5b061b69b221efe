"""Expected status per persona for every fasenmodel URL (mirrors the rows proposed for
tests/accounts/permissiematrix/), and one log row per page that shows a pupil."""

import pytest
from django.urls import reverse

from accounts.models import Leerling, Toegangslog
from fasenmodel.demo import DEMO_THUISZITTER_REGENBOOG
from tests.conftest import PERSONAS, login_verified, user_by_email

SAM_KRING = {"ib@demo.nl", "mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
REGISTER = {"ib@demo.nl", "swv@demo.nl", "leerplicht@demo.nl", "ib.andere@demo.nl"}


def sam():
    return {"uuid": Leerling.objects.get(voornaam="Sam", achternaam="Vries").uuid}


def regenboog():
    return {"uuid": DEMO_THUISZITTER_REGENBOOG}


# name -> (kwargs, personas with 200, logs exactly one row on 200)
RIJEN = {
    "fasenmodel:leerling_fase": (sam, SAM_KRING, True),
    "fasenmodel:thuiszitters": (None, REGISTER, False),
    "fasenmodel:thuiszitter_nieuw": (
        None,
        {"ib@demo.nl", "leerplicht@demo.nl", "ib.andere@demo.nl"},
        False,
    ),
    "fasenmodel:thuiszitter_detail": (
        regenboog,
        {"ib@demo.nl", "swv@demo.nl", "leerplicht@demo.nl"},
        True,
    ),
    "fasenmodel:thuiszitter_bewerken": (regenboog, {"ib@demo.nl", "leerplicht@demo.nl"}, True),
    "fasenmodel:procesregie": (regenboog, {"leerplicht@demo.nl"}, True),
    "fasenmodel:overzicht": (None, {"swv@demo.nl", "leerplicht@demo.nl"}, False),
}


@pytest.mark.parametrize("persona", ["anoniem", *PERSONAS])
@pytest.mark.parametrize("name", sorted(RIJEN))
def test_status_per_persona(client, db, name, persona):
    kwargs, ok, logt = RIJEN[name]
    if persona != "anoniem":
        login_verified(client, user_by_email(persona))
    voor = Toegangslog.objects.count()
    response = client.get(reverse(name, kwargs=kwargs() if kwargs else {}))
    verwacht = 302 if persona == "anoniem" else (200 if persona in ok else 404)
    assert response.status_code == verwacht, (name, persona)
    if logt:
        assert Toegangslog.objects.count() - voor == (1 if verwacht == 200 else 0)
