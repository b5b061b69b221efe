"""Bad input on the beheer forms gets a Dutch message and changes nothing (issue 14).

A reason that does not hold (a NUL byte, too long) used to be dropped without a word and
the action went ahead without it; an id that is no id answers 404 like any other.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import Lidmaatschap, Roltoekenning
from tests.accounts.beheer_helpers import VLIEGER, organisatie
from tests.accounts.rolbeheer.helpers import als_beheerder, nodig_uit
from tests.accounts.test_eerste_beheerder import CONTACT, contactlink, stel_voor
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

ONLEESBARE_REDENEN = ["Vertrokken\x00", "x" * 501]


@pytest.fixture(autouse=True)
def mail_direct(monkeypatch):
    """Mails go out on commit; the test's transaction never commits, so send at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, robust=False: func())


@pytest.fixture
def vlieger(db):
    vlieger = organisatie(VLIEGER)
    vlieger.contactpersoon_naam = "Daan Directeur"
    vlieger.contactpersoon_email = CONTACT
    vlieger.save()
    return vlieger


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("reden", ONLEESBARE_REDENEN)
def test_ending_a_role_with_a_reason_that_does_not_hold_keeps_the_role(client, reden):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    lid = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    response = client.post(reverse("accounts:beheer_beeindigen", args=[lid.pk]), {"reden": reden})
    assert response.status_code == 302
    assert any(m.startswith("Reden: ") for m in _meldingen(response)), _meldingen(response)
    assert Lidmaatschap.objects.filter(pk=lid.pk).exists()


@pytest.mark.parametrize("reden", ONLEESBARE_REDENEN)
def test_refusing_a_proposal_with_a_reason_that_does_not_hold_keeps_it_open(client, reden):
    toekenning = nodig_uit(user_by_email("schoolbeheer@demo.nl"))
    client = als_beheerder(client, "directie@demo.nl")
    response = client.post(
        reverse("accounts:beheer_afwijzen", args=[toekenning.uuid]), {"reden": reden}
    )
    assert any(m.startswith("Reden: ") for m in _meldingen(response)), _meldingen(response)
    toekenning.refresh_from_db()
    assert toekenning.status == Roltoekenning.Status.VOORGESTELD


@pytest.mark.parametrize("reden", ONLEESBARE_REDENEN)
def test_the_contact_refusing_with_a_reason_that_does_not_hold_is_told_so(client, vlieger, reden):
    toekenning = stel_voor(user_by_email("beheer@demo.nl"), vlieger)
    client.get(contactlink())
    response = client.post(reverse("accounts:contact_afwijzen"), {"reden": reden})
    assert response.status_code == 400
    assert "Ga terug en pas de reden aan." in response.content.decode()
    toekenning.refresh_from_db()
    assert toekenning.status == Roltoekenning.Status.VOORGESTELD


@pytest.mark.parametrize("ouder", ["abc", "9" * 30, "-1", "1\x00", ""])
def test_acting_on_a_parent_that_is_no_id_answers_404(client, ouder):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    response = client.post(reverse("accounts:ouders"), {"actie": "opnieuw", "ouder": ouder})
    assert response.status_code == 404


@pytest.fixture
def gevraagd(sam):
    """Sam's mother's open question: the jeugdteam's MDO participation."""
    from accounts.models import Informatiesoort, Organisatie
    from accounts.services import vraag_toestemming

    rijen = vraag_toestemming(
        sam,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=Organisatie.objects.get(naam="Jeugdteam Leiden (demo)"),
        soorten=[Informatiesoort.MDO_DEELNAME],
    )
    return next(r for r in rijen if r.gever.email == "ouder@demo.nl")


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"actie": "geven", "geldig_tot": "2026-02-30"}, "Geldig tot en met: "),
        ({"actie": "misschien\x00"}, "Kies geven, weigeren of intrekken."),
        ({}, "Kies geven, weigeren of intrekken."),
    ],
)
def test_a_parents_answer_that_does_not_hold_is_told_not_hidden_behind_a_404(
    client, login, gevraagd, data, melding
):
    login("ouder@demo.nl")
    response = client.post(reverse("accounts:toestemmingen"), {"toestemming": gevraagd.pk, **data})
    assert response.status_code == 302
    assert any(m.startswith(melding) for m in _meldingen(response)), _meldingen(response)
    gevraagd.refresh_from_db()
    assert gevraagd.status == gevraagd.Status.GEVRAAGD


@pytest.mark.parametrize("toestemming", ["abc", "9" * 30, "-1", "1\x00", ""])
def test_a_parents_answer_on_a_row_that_is_no_id_answers_404(client, login, toestemming):
    login("ouder@demo.nl")
    response = client.post(
        reverse("accounts:toestemmingen"), {"toestemming": toestemming, "actie": "geven"}
    )
    assert response.status_code == 404
