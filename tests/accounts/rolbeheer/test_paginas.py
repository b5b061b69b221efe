"""The organisation's beheer page and the beheerder's menu and start page."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from accounts.models import Lidmaatschap, Organisatie, Roltoekenning
from accounts.rolbeheer import stel_rol_voor
from accounts.rollen import Rol, Soort
from accounts.uitnodigingen import maak_account
from tests.accounts.beheer_helpers import VLIEGER, organisatie
from tests.accounts.rolbeheer.helpers import Status, als_beheerder, nodig_uit

pytestmark = pytest.mark.django_db


def test_the_page_shows_members_proposals_and_why_one_cannot_confirm(client, sophie):
    nodig_uit(sophie)
    html = als_beheerder(client, "schoolbeheer@demo.nl").get(reverse("accounts:beheer_organisatie"))
    assert html.status_code == 200
    page = html.content.decode()
    assert "Martijn Kok" in page and "mentor@demo.nl" in page  # a member
    assert "Lea Leraar" in page and "U stelde dit zelf voor" in page
    assert "Uitnodiging verstuurd op" in page and "Uitnodiging opnieuw versturen" in page
    assert "Rol voorgesteld" in page  # the event list
    assert "Sam de Vries" not in page and "Vries" not in page  # no pupil data


def test_the_second_beheerder_confirms_on_the_page(client, sophie, dirk, regenboog):
    toekenning = nodig_uit(sophie)
    client = als_beheerder(client, "directie@demo.nl")
    page = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert reverse("accounts:beheer_bevestigen", args=[toekenning.uuid]) in page
    url = reverse("accounts:beheer_bevestigen", args=[toekenning.uuid])
    response = client.post(url, follow=True)
    assert "is bevestigd en gaat nu in" in response.content.decode()
    again = client.post(url, follow=True).content.decode()
    assert "al afgehandeld" in again
    assert Lidmaatschap.objects.filter(user=toekenning.user, rol=Rol.LEERKRACHT).count() == 1


def test_the_invite_form_offers_only_roles_that_fit_the_organisation(client):
    page = (
        als_beheerder(client, "schoolbeheer@demo.nl")
        .get(reverse("accounts:beheer_organisatie"))
        .content.decode()
    )
    opties = set(re.findall(r'<option value="([a-z_]+)"', page))
    assert opties == {
        "ondersteuningscoordinator",
        "directeur",
        "leerkracht",
        "multidisciplinaire_begeleider",
        "organisatiebeheerder",
    }


def test_inviting_oneself_on_the_page_gives_a_dutch_message(client):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    response = client.post(
        reverse("accounts:beheer_uitnodigen"),
        {"naam": "Sophie", "email": "schoolbeheer@demo.nl", "rol": "directeur"},
    )
    assert response.status_code == 200
    assert "U kunt uzelf geen rol geven" in response.content.decode()
    assert not Roltoekenning.objects.exists()


def test_inviting_on_the_page_proposes_and_mails(client):
    client = als_beheerder(client, "schoolbeheer@demo.nl")
    mail.outbox.clear()
    response = client.post(
        reverse("accounts:beheer_uitnodigen"),
        {"naam": "Lea Leraar", "email": "lea@demo.nl", "rol": "leerkracht"},
        follow=True,
    )
    assert "gaat in zodra een andere beheerder hem bevestigt" in response.content.decode()
    assert Roltoekenning.objects.open().get().user.email == "lea@demo.nl"


def test_a_beheerder_of_another_school_cannot_see_or_act(client, sophie, regenboog):
    toekenning = nodig_uit(sophie)
    vlieger = organisatie(VLIEGER)
    ander, _ = maak_account("beheer@vlieger.nl", "Vera Vlieger", door=None)
    Lidmaatschap.objects.create(user=ander, organisatie=vlieger, rol=Rol.ORGANISATIEBEHEERDER)
    client = als_beheerder(client, "beheer@vlieger.nl")
    page = client.get(reverse("accounts:beheer_organisatie")).content.decode()
    assert "Lea Leraar" not in page and "Martijn Kok" not in page
    mentor_lid = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    for url in [
        reverse("accounts:beheer_bevestigen", args=[toekenning.uuid]),
        reverse("accounts:beheer_afwijzen", args=[toekenning.uuid]),
        reverse("accounts:intrekken", args=[toekenning.uuid]),
        reverse("accounts:beheer_beeindigen", args=[mentor_lid.pk]),
        reverse("accounts:beheer_opnieuw_uitnodigen", args=[toekenning.user_id]),
    ]:
        assert client.post(url).status_code == 404, url
    toekenning.refresh_from_db()
    assert toekenning.status == Status.VOORGESTELD
    assert Lidmaatschap.objects.filter(pk=mentor_lid.pk).exists()


def test_the_organisation_beheerder_has_her_own_menu_and_start_page(client, dirk, regenboog):
    lea, _ = maak_account("lea@demo.nl", "Lea Leraar", door=dirk)
    stel_rol_voor(regenboog, lea, Rol.LEERKRACHT, door=dirk)
    page = als_beheerder(client, "schoolbeheer@demo.nl").get("/").content.decode()
    assert "Medewerkers en rollen" in page
    assert reverse("arrangeren:traject_list") not in page
    assert "Wacht op uw bevestiging" in page and "Lea Leraar" in page
    assert "Nog niet geactiveerd" in page


def test_every_role_a_beheerder_can_propose_fits_a_non_region_organisation():
    from accounts.rolbeheer import rollen_voor

    for soort in Soort:
        rollen = rollen_voor(Organisatie(soort=soort))
        assert Rol.BEHEERDER not in rollen
        assert (Rol.ORGANISATIEBEHEERDER in rollen) == (soort != Soort.REGIO)


def test_the_beheer_page_costs_the_same_queries_for_one_or_many_proposals(client, dirk):
    from django.test.utils import CaptureQueriesContext

    client = als_beheerder(client, "schoolbeheer@demo.nl")
    aantallen = []
    for i in range(10):
        nodig_uit(dirk, email=f"lid{i}@demo.nl")
        if i in (0, 9):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("accounts:beheer_organisatie")).status_code == 200
                assert client.get("/").status_code == 200
            aantallen.append(len(queries))
    assert aantallen[0] == aantallen[1]
