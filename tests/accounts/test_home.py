"""Each persona's start page fits their role and organisation, in Dutch."""

import pytest
from django.urls import reverse

from accounts.models import Lidmaatschap, Organisatie
from accounts.rollen import Rol
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        (
            "ib@demo.nl",
            [
                "Ondersteuningscoördinator (IB&#x27;er) · Basisschool De Regenboog",
                "Leerlingen zoeken",
            ],
        ),
        ("mentor@demo.nl", ["Mijn leerlingen", "Sam de Vries"]),
        ("ouder@demo.nl", ["Mijn kinderen", "Sam de Vries", "Basisschool De Regenboog"]),
        ("ouder2@demo.nl", ["Sam de Vries"]),
        ("jeugdteam@demo.nl", ["Jeugdteam Leiden (demo)", "nog geen toegang"]),
        ("swv@demo.nl", ["PO-28-01", "Basisschool De Regenboog", "SBO De Brug"]),
        ("leerplicht@demo.nl", ["Regionaal Bureau Leerplicht"]),
        ("beheer@demo.nl", ["Beheer van de regio", "Toegangslog doorzoeken"]),
        ("ib.andere@demo.nl", ["Da Vinci College (demo)"]),
        ("ouder.andere@demo.nl", ["Noor Visser"]),
    ],
)
def test_home_page_fits_role_and_organisation(login, email, expected):
    html = login(email).get("/").content.decode()
    assert '<html lang="nl"' in html
    for text in expected:
        assert text in html, text


def test_swv_home_lists_only_schools_of_its_own_swv(login):
    html = login("swv@demo.nl").get("/").content.decode()
    assert "Da Vinci College" not in html


def test_outsider_parent_does_not_see_sam_on_home(login):
    assert "Sam de Vries" not in login("ouder.andere@demo.nl").get("/").content.decode()


def test_header_shows_user_role_and_logout(login):
    html = login("ib@demo.nl").get("/").content.decode()
    assert "Ingrid Bos" in html
    assert "Uitloggen" in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html


def test_user_with_two_roles_switches_and_home_follows(login, client):
    ib = user_by_email("ib@demo.nl")
    swv = Organisatie.objects.get(code="PO-28-01")
    tweede = Lidmaatschap.objects.create(user=ib, organisatie=swv, rol=Rol.CONSULENT_SWV)
    client = login("ib@demo.nl")
    assert "Werken als" in client.get("/").content.decode()
    response = client.post(reverse("accounts:switch_rol"), {"rol": str(tweede.pk)}, follow=True)
    assert "Scholen van dit samenwerkingsverband" in response.content.decode()


def test_switching_to_a_role_one_does_not_hold_is_refused(login, client):
    andere = Lidmaatschap.objects.get(user__email="ib.andere@demo.nl")
    response = login("ib@demo.nl").post(reverse("accounts:switch_rol"), {"rol": str(andere.pk)})
    assert response.status_code == 400
    assert "Basisschool De Regenboog" in client.get("/").content.decode()


def test_leerkracht_opens_sams_page_from_home(login, sam):
    client = login("mentor@demo.nl")
    response = client.get(reverse("accounts:leerling_detail", kwargs={"uuid": sam.uuid}))
    html = response.content.decode()
    assert "Sam de Vries" in html
    assert "Ellen de Vries (moeder), met gezag" in html


def test_too_long_search_term_shows_a_dutch_error_and_no_list(login):
    response = login("ib@demo.nl").post(reverse("accounts:leerling_list"), {"zoekterm": "x" * 101})
    html = response.content.decode()
    assert "Zorg dat deze waarde niet meer dan 100 tekens bevat" in html
    assert not response.context["pagina"].object_list
