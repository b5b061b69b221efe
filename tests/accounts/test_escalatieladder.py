"""The escalation ladder per organisation: managed by its own beheerder in /beheer/, read
by its members (docs/rollen.md, "Opschalen")."""

import pytest
from django.urls import reverse

from accounts.models import Escalatieniveau, Organisatie, User

pytestmark = pytest.mark.django_db

LADDER = reverse("accounts:beheer_escalatieladder")


def regenboog() -> Organisatie:
    return Organisatie.objects.get(naam="Basisschool De Regenboog")


def niveaus(organisatie: Organisatie) -> list[tuple[int, str]]:
    return list(
        Escalatieniveau.objects.filter(organisatie=organisatie)
        .order_by("niveau")
        .values_list("niveau", "functionaris")
    )


def test_the_demo_school_escalates_to_its_director():
    """*Regionale afspraken Duin- en Bollenstreek*, voetnoot 4: "Afspraken over naar welke
    functionaris wordt opgeschaald"."""
    niveau = Escalatieniveau.objects.get(organisatie=regenboog(), niveau=1)
    assert niveau.functionaris == "Directeur"
    assert [u.email for u in niveau.houders.all()] == ["directie@demo.nl"]
    jeugdteam = Escalatieniveau.objects.get(organisatie__naam="Jeugdteam Leiden (demo)", niveau=1)
    assert jeugdteam.functionaris == "Teamleider jeugdteam"


def test_the_schoolbeheerder_adds_a_rung_on_top_with_its_holders(login):
    client = login("schoolbeheer@demo.nl")
    assert "Niveau 2 toevoegen" in client.get(LADDER).content.decode()
    directie = User.objects.get(email="directie@demo.nl")
    response = client.post(LADDER, {"functionaris": "Bestuurder", "houders": [directie.pk]})
    assert response.status_code == 302
    assert niveaus(regenboog()) == [(1, "Directeur"), (2, "Bestuurder")]
    assert list(Escalatieniveau.objects.get(niveau=2, organisatie=regenboog()).houders.all()) == [
        directie
    ]


def test_a_rung_needs_a_function_title(login):
    response = login("schoolbeheer@demo.nl").post(LADDER, {"functionaris": "  "})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode() or "Vul de functie in" in (
        response.content.decode()
    )
    assert niveaus(regenboog()) == [(1, "Directeur")]


def test_only_people_of_the_own_organisation_hold_a_rung(login):
    buiten = User.objects.get(email="jeugdteam@demo.nl")
    response = login("schoolbeheer@demo.nl").post(
        LADDER, {"functionaris": "Bestuurder", "houders": [buiten.pk]}
    )
    assert response.status_code == 200
    assert niveaus(regenboog()) == [(1, "Directeur")]


def test_the_beheerder_changes_a_rung_and_removing_one_closes_the_gap(login):
    client = login("schoolbeheer@demo.nl")
    client.post(LADDER, {"functionaris": "Adjunct-directeur"})
    client.post(LADDER, {"functionaris": "Bestuurder"})
    twee = Escalatieniveau.objects.get(organisatie=regenboog(), niveau=2)
    client.post(
        reverse("accounts:beheer_escalatieniveau", args=[twee.pk]),
        {"functionaris": "Adjunct-directeur onderbouw"},
    )
    assert niveaus(regenboog())[1] == (2, "Adjunct-directeur onderbouw")
    response = client.post(reverse("accounts:beheer_escalatieniveau_verwijderen", args=[twee.pk]))
    assert response.status_code == 302
    assert niveaus(regenboog()) == [(1, "Directeur"), (2, "Bestuurder")]


@pytest.mark.parametrize(
    "persona", ["ib@demo.nl", "beheer@demo.nl", "teamleider@demo.nl", "ouder@demo.nl"]
)
def test_only_the_organisations_own_beheerder_manages_its_ladder(login, persona):
    """The coördinator, the region's beheerder and another organisation's beheerder get
    404, on the page and on a rung of De Regenboog."""
    client = login(persona)
    niveau = Escalatieniveau.objects.get(organisatie=regenboog(), niveau=1)
    if persona != "teamleider@demo.nl":
        assert client.get(LADDER).status_code == 404
    assert (
        client.post(reverse("accounts:beheer_escalatieniveau", args=[niveau.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("accounts:beheer_escalatieniveau_verwijderen", args=[niveau.pk])
        ).status_code
        == 404
    )
    assert niveaus(regenboog()) == [(1, "Directeur")]


def test_members_read_their_organisations_ladder(login):
    inhoud = login("mentor@demo.nl").get(reverse("accounts:escalatieladder")).content.decode()
    assert "Niveau 1: Directeur" in inhoud
    assert "Dirk de Ruiter" in inhoud
    assert "verwijderen" not in inhoud


def test_a_parent_has_no_ladder(login):
    assert login("ouder@demo.nl").get(reverse("accounts:escalatieladder")).status_code == 404
