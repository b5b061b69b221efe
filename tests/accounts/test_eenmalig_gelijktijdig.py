"""Two requests at the same moment (PostgreSQL, two threads with their own connection):
the same form sent twice stores one row, and the same goal from two tabs is added once.

Threads see only committed rows, so these tests run outside the test transaction
(`transactional_db`); Django empties the database afterwards, and `demo_terug` loads the
demo region again for the tests that follow.
"""

import threading
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.bestanden import pdf
from tests.conftest import login_verified, user_by_email


@pytest.fixture
def demo_terug(django_db_blocker):
    """Set up before `transactional_db`, so torn down after its flush: the demo again."""
    yield
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=StringIO())


def tegelijk(client: Client, url: str, gegevens) -> list[int]:
    """POST twice at once, each in its own thread and database connection."""
    start = threading.Barrier(2)
    uitkomsten: list[int] = []

    def stuur() -> None:
        try:
            start.wait()
            uitkomsten.append(client.post(url, gegevens()).status_code)
        finally:
            connection.close()

    draden = [threading.Thread(target=stuur) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    return uitkomsten


@pytest.fixture
def opp_en_client(demo_terug, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Gelijktijdige verzoeken: PostgreSQL (DATABASE_URL).")
    from opp.models import Opp

    client = login_verified(Client(), user_by_email("ib@demo.nl"))
    return Opp.objects.get(leerling__voornaam="Sam", versie=1), client


def test_the_same_form_sent_twice_at_once_stores_one_attachment(opp_en_client):
    opp, client = opp_en_client
    token = str(uuid.uuid4())
    voor = opp.bijlagen.count()
    uitkomsten = tegelijk(
        client,
        reverse("opp:bijlage_toevoegen", args=[opp.uuid]),
        lambda: {"titel": "Gezinsplan", "bestand": pdf(), "formuliertoken": token},
    )
    assert uitkomsten == [302, 302]
    assert opp.bijlagen.count() == voor + 1


def test_the_same_goal_from_two_tabs_at_once_is_added_once(opp_en_client):
    from opp.domein import Doelsoort, Ontwikkelingsdomein

    opp, client = opp_en_client
    voor = opp.doelen.count()
    uitkomsten = tegelijk(
        client,
        reverse("opp:doel_toevoegen", args=[opp.uuid]),
        lambda: {
            "domein": Ontwikkelingsdomein.values[0],
            "soort": Doelsoort.values[0],
            "omschrijving": "Sam vraagt hulp als hij vastloopt",
            "formuliertoken": str(uuid.uuid4()),  # each tab its own token
        },
    )
    assert uitkomsten == [302, 302]
    assert opp.doelen.count() == voor + 1
