"""Opschalen on a thuiszitter entry (docs/fasenmodel.md, "Opschalen"); the demo holds one
open escalation: De Regenboog's coördinator to the director."""

import pytest
from django.urls import reverse

from accounts.models import Escalatieniveau, Notificatie, Organisatie, User
from fasenmodel import demo
from fasenmodel.models import Opschaling, Thuiszitter

pytestmark = pytest.mark.django_db


@pytest.fixture
def thuiszitter(db):
    return Thuiszitter.objects.get(uuid=demo.DEMO_THUISZITTER_REGENBOOG)


@pytest.fixture
def opschaling(db):
    return Opschaling.objects.get(uuid=demo.DEMO_OPSCHALING_REGENBOOG)


def detail(thuiszitter):
    return reverse("fasenmodel:thuiszitter_detail", args=[thuiszitter.uuid])


def opschalen_url(thuiszitter):
    return reverse("fasenmodel:thuiszitter_opschalen", args=[thuiszitter.uuid])


@pytest.mark.parametrize("persona", ["ib@demo.nl", "leerplicht@demo.nl", "swv@demo.nl"])
def test_the_entry_page_shows_the_open_escalation(login, thuiszitter, persona):
    inhoud = login(persona).get(detail(thuiszitter)).content.decode()
    assert "<strong>Opgeschaald</strong>" in inhoud
    assert "niveau 1: Directeur (Dirk de Ruiter)" in inhoud


def test_the_director_finds_it_in_mijn_werk_and_resolves_it(login, thuiszitter, opschaling):
    client = login("directie@demo.nl")
    home = client.get(reverse("home")).content.decode()
    assert "Naar u opgeschaald" in home and opschaling.get_absolute_url() in home
    pagina = client.get(opschaling.get_absolute_url()).content.decode()
    assert "Leerplicht kan de procesregie pakken wanneer het proces stagneert" in pagina
    oplossen = reverse("fasenmodel:opschaling_oplossen", args=[opschaling.uuid])
    assert (
        client.post(oplossen, {"afspraak": "Bestuur en gemeente betalen samen."}).status_code == 302
    )
    opschaling.refresh_from_db()
    assert not opschaling.is_open
    assert "Naar u opgeschaald" not in client.get(reverse("home")).content.decode()
    inhoud = login("ib@demo.nl").get(detail(thuiszitter)).content.decode()
    assert "<strong>Opgeschaald</strong>" not in inhoud
    assert "Bestuur en gemeente betalen samen." in inhoud


def test_the_school_at_the_top_of_its_ladder_is_told_so(login, thuiszitter):
    inhoud = login("ib@demo.nl").get(opschalen_url(thuiszitter)).content.decode()
    assert "al opgeschaald tot het hoogste niveau (1)" in inhoud


def test_leerplicht_escalates_via_its_own_organisation(login, thuiszitter):
    """*Regionale afspraken Duin- en Bollenstreek*, routekaart stap 7: "via de eigen
    organisatie worden opgeschaald": leerplicht's rung, not the school's."""
    rbl = Organisatie.objects.get(naam__startswith="Regionaal Bureau Leerplicht")
    client = login("leerplicht@demo.nl")
    assert (
        "heeft nog geen escalatieladder" in client.get(opschalen_url(thuiszitter)).content.decode()
    )
    hoofd = Escalatieniveau.objects.create(organisatie=rbl, niveau=1, functionaris="Teamleider RBL")
    hoofd.houders.add(User.objects.get(email="leerplicht@demo.nl"))
    # Holding the rung oneself: the notification skips the sender, the escalation stands.
    response = client.post(opschalen_url(thuiszitter), {"reden": "Geen plek", "niveau": 1})
    assert response.status_code == 302
    nieuw = Opschaling.objects.get(organisatie=rbl)
    assert nieuw.niveau == 1 and nieuw.thuiszitter == thuiszitter
    assert not Notificatie.objects.filter(soort="opschaling", onderwerp=nieuw.uuid).exists()


@pytest.mark.parametrize("persona", ["swv@demo.nl", "mentor@demo.nl", "jeugdteam@demo.nl"])
def test_who_does_not_edit_the_entry_cannot_escalate(login, thuiszitter, persona):
    assert login(persona).get(opschalen_url(thuiszitter)).status_code == 404


@pytest.mark.parametrize("persona", ["jeugdteam@demo.nl", "ouder@demo.nl", "ib.andere@demo.nl"])
def test_others_get_404_on_the_escalation(login, opschaling, persona):
    client = login(persona)
    assert client.get(opschaling.get_absolute_url()).status_code == 404
    oplossen = reverse("fasenmodel:opschaling_oplossen", args=[opschaling.uuid])
    assert client.post(oplossen, {"afspraak": "Klaar"}).status_code == 404
