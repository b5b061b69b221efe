"""Opschalen on a traject (docs/route.md, "Opschalen"): the next rung of one's own
organisation, a required reason, the addressee's notification, page and work list, the
banner until resolved, and 404 for everyone else."""

import pytest
from django.urls import reverse

from accounts.models import Escalatieniveau, Notificatie, Organisatie, Toegangslog, User
from accounts.opschalen import REDEN_VERPLICHT
from arrangeren.route.models import Opschaling
from tests.accounts.permissiematrix.kwargs import _sam_traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(db):
    return _sam_traject()


def opschalen_url(traject):
    return reverse("arrangeren:traject_opschalen", args=[traject.uuid])


def regenboog() -> Organisatie:
    return Organisatie.objects.get(naam="Basisschool De Regenboog")


def schaal_op(client, traject, reden="De jeugdhulp start niet en de school loopt vast.", niveau=1):
    return client.post(opschalen_url(traject), {"reden": reden, "niveau": niveau})


def test_the_page_names_the_next_rung_of_the_own_organisation_before_sending(login, traject):
    """*Regionale afspraken Duin- en Bollenstreek*, routekaart stap 7: "Wanneer de inzet
    niet tot het gewenste resultaat leidt kan via de eigen organisatie worden
    opgeschaald." """
    inhoud = login("ib@demo.nl").get(opschalen_url(traject)).content.decode()
    assert "Niveau 1: Directeur" in inhoud
    assert "Basisschool De Regenboog" in inhoud
    assert "Dirk de Ruiter" in inhoud
    assert not Opschaling.objects.exists()


def test_a_reason_is_required(login, traject):
    response = schaal_op(login("ib@demo.nl"), traject, reden="   ")
    assert response.status_code == 200
    assert REDEN_VERPLICHT in response.content.decode()
    assert not Opschaling.objects.exists()


def test_escalating_reaches_rung_1_and_notifies_its_holder(login, traject):
    response = schaal_op(login("ib@demo.nl"), traject)
    assert response.status_code == 302
    opschaling = Opschaling.objects.get(traject=traject)
    assert (opschaling.niveau, opschaling.functionaris) == (1, "Directeur")
    assert opschaling.organisatie == regenboog()
    directie = User.objects.get(email="directie@demo.nl")
    assert list(opschaling.ontvangers.all()) == [directie]
    melding = Notificatie.objects.get(ontvanger=directie, soort="opschaling")
    assert melding.link == opschaling.get_absolute_url()


def test_a_further_escalation_goes_one_rung_higher(login, traject):
    """*Regionale afspraken Duin- en Bollenstreek*, voetnoot 4: "Afspraken over naar welke
    functionaris wordt opgeschaald als professionals met integraal arrangeren niet komen
    tot een oplossing voor een jeugdige." """
    bestuur = Escalatieniveau.objects.create(
        organisatie=regenboog(), niveau=2, functionaris="Bestuurder"
    )
    schoolbeheer = User.objects.get(email="schoolbeheer@demo.nl")
    bestuur.houders.add(schoolbeheer)
    client = login("ib@demo.nl")
    schaal_op(client, traject)
    assert "Niveau 2: Bestuurder" in client.get(opschalen_url(traject)).content.decode()
    assert schaal_op(client, traject, niveau=2).status_code == 302
    assert sorted(Opschaling.objects.values_list("niveau", flat=True)) == [1, 2]
    assert Notificatie.objects.filter(ontvanger=schoolbeheer, soort="opschaling").exists()
    inhoud = client.get(opschalen_url(traject)).content.decode()
    assert "al opgeschaald tot het hoogste niveau (2)" in inhoud


def test_sending_the_form_twice_escalates_once(login, traject):
    client = login("ib@demo.nl")
    schaal_op(client, traject)
    response = schaal_op(client, traject)
    assert response.status_code == 200
    assert Opschaling.objects.filter(traject=traject).count() == 1


def test_the_banner_shows_until_the_addressee_resolves_it_with_an_afspraak(login, client, traject):
    schaal_op(login("ib@demo.nl"), traject)
    detail = reverse("arrangeren:traject_detail", args=[traject.uuid])
    inhoud = client.get(detail).content.decode()
    assert "Opgeschaald" in inhoud and "De jeugdhulp start niet" in inhoud
    opschaling = Opschaling.objects.get()
    oplossen = reverse("arrangeren:opschaling_oplossen", args=[opschaling.uuid])
    client = login("directie@demo.nl")
    client.post(oplossen, {"afspraak": ""})
    opschaling.refresh_from_db()
    assert opschaling.is_open
    assert client.post(oplossen, {"afspraak": "Bestuur betaalt de begeleiding."}).status_code == 302
    opschaling.refresh_from_db()
    assert not opschaling.is_open and opschaling.opgelost_door.email == "directie@demo.nl"
    ib = User.objects.get(email="ib@demo.nl")
    assert Notificatie.objects.filter(ontvanger=ib, soort="opschaling_opgelost").exists()
    inhoud = login("ib@demo.nl").get(detail).content.decode()
    assert "<strong>Opgeschaald</strong>" not in inhoud
    assert "Bestuur betaalt de begeleiding." in inhoud  # the history keeps it


def test_an_addressee_without_reach_sees_only_the_escalation_logged_as_its_own_ground(
    login, traject
):
    """The school's beheerder reaches no pupil; as holder of the rung she opens the
    escalation (reason, name, status), not the traject; the log names the escalation."""
    niveau = Escalatieniveau.objects.get(organisatie=regenboog(), niveau=1)
    niveau.houders.set([User.objects.get(email="schoolbeheer@demo.nl")])
    schaal_op(login("ib@demo.nl"), traject)
    opschaling = Opschaling.objects.get()
    client = login("schoolbeheer@demo.nl")
    response = client.get(opschaling.get_absolute_url())
    assert response.status_code == 200
    assert "Sam de Vries" in response.content.decode()
    regel = Toegangslog.objects.filter(leerling=traject.leerling).latest("pk")
    assert regel.rol == "Directeur (opschaling)"
    assert regel.gebruiker.email == "schoolbeheer@demo.nl"
    detail = reverse("arrangeren:traject_detail", args=[traject.uuid])
    assert client.get(detail).status_code == 404
    assert "Sam de Vries" in client.get(reverse("home")).content.decode()  # Mijn werk


@pytest.mark.parametrize("persona", ["jeugdteam@demo.nl", "ouder@demo.nl", "ib.andere@demo.nl"])
def test_others_get_404_on_the_escalation_and_cannot_resolve_it(login, traject, persona):
    schaal_op(login("ib@demo.nl"), traject)
    opschaling = Opschaling.objects.get()
    client = login(persona)
    assert client.get(opschaling.get_absolute_url()).status_code == 404
    oplossen = reverse("arrangeren:opschaling_oplossen", args=[opschaling.uuid])
    assert client.post(oplossen, {"afspraak": "Klaar"}).status_code == 404
    assert client.get(opschalen_url(traject)).status_code == 404
    opschaling.refresh_from_db()
    assert opschaling.is_open


def test_only_who_edits_the_traject_escalates(login, traject):
    assert login("mentor@demo.nl").get(opschalen_url(traject)).status_code == 404


def test_the_jeugdteam_holding_regie_escalates_to_its_own_team_leader(login):
    """*Regionale afspraken Duin- en Bollenstreek*, routekaart stap 7: "via de eigen
    organisatie worden opgeschaald": the jeugdteam's ladder, not the school's."""
    from arrangeren.route.models import Traject
    from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam

    traject = traject_met_jeugdteam()
    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    Traject.objects.filter(pk=traject.pk).update(regievoerder=jeugdteam)
    client = login("jeugdteam@demo.nl")
    inhoud = client.get(opschalen_url(traject)).content.decode()
    assert "Niveau 1: Teamleider jeugdteam" in inhoud and "Tamara Lems" in inhoud
    assert schaal_op(client, traject).status_code == 302
    opschaling = Opschaling.objects.get(traject=traject)
    assert opschaling.organisatie == jeugdteam
    assert [u.email for u in opschaling.ontvangers.all()] == ["teamleider@demo.nl"]
    assert login("teamleider@demo.nl").get(opschaling.get_absolute_url()).status_code == 200
