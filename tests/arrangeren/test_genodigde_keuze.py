"""Whom the MDO page offers to invite: the pupil's circle (its school, the SWV, the
jeugdteam of its municipality; others once the parents consented), and a search within it
(issue 13: the page listed every member of staff of the region, about 5,000 options at
100,000 pupils; issue 15: it offered staff of other schools and SWVs, who could not open
the meeting)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Informatiesoort, Lidmaatschap, Toegangslog
from accounts.rollen import Rol, Soort
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route import services
from arrangeren.route.models import Genodigde, Mdo
from tests.accounts.permissiematrix.kwargs import mdo_kwargs
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory


@pytest.fixture
def mdo_url(db) -> str:
    return reverse("arrangeren:mdo_detail", kwargs=mdo_kwargs())


@pytest.fixture
def andere_school(db):
    """A teacher of another school: not on the list, not found, not invited."""
    school = OrganisatieFactory(naam="Basisschool Het Palet", school=True)
    return LidmaatschapFactory(
        user=UserFactory(naam="Petra Paletsma"), organisatie=school, rol=Rol.LEERKRACHT
    )


def _keuzelijst(html: str) -> str:
    return re.search(r'<select name="lidmaatschap".*?</select>', html, re.S).group(0)


def test_the_list_holds_the_school_and_outsiders_not_every_school(
    client, login, mdo_url, andere_school
):
    for _ in range(30):  # more schools of the region with their staff
        LidmaatschapFactory(organisatie=OrganisatieFactory(school=True), rol=Rol.LEERKRACHT)
    login("ib@demo.nl")
    keuzelijst = _keuzelijst(client.get(mdo_url).content.decode())
    assert "Martijn Kok — Leerkracht / mentor, Basisschool De Regenboog" in keuzelijst
    assert "Joyce El Amrani — Medewerker jeugdteam, Jeugdteam Leiden (demo)" in keuzelijst
    assert "Sanne Willems" in keuzelijst  # the SWV's consulent
    assert "Petra Paletsma" not in keuzelijst
    assert 'id="genodigde-gevonden"' in keuzelijst


def test_someone_of_another_school_is_not_offered_nor_invited(
    client, login, mdo_url, andere_school
):
    login("ib@demo.nl")
    html = client.get(mdo_url, {"persoon": "paletsma"}).content.decode()
    assert "Petra Paletsma" not in _keuzelijst(html)
    assert "Niemand gevonden met “paletsma”" in html
    response = client.post(
        mdo_url, {"actie": "genodigde_toevoegen", "lidmaatschap": andere_school.pk}, follow=True
    )
    assert "Deze persoon kan niet (meer) worden uitgenodigd" in response.content.decode()
    assert not Genodigde.objects.filter(user=andere_school.user).exists()


def test_the_search_answers_options_and_a_status_and_writes_no_log(client, login, andere_school):
    login("ib@demo.nl")
    url = reverse("arrangeren:personen_zoeken", kwargs=mdo_kwargs())
    kok = Lidmaatschap.objects.get(user__email="mentor@demo.nl")
    voor = Toegangslog.objects.count()
    html = client.get(url, {"persoon": "martijn regenboog"}).content.decode()
    assert f'<option value="{kok.pk}">Martijn Kok' in html
    assert 'id="genodigde-zoekstatus" data-hx-swap-oob="innerHTML"' in html
    assert Toegangslog.objects.count() == voor
    assert "Petra" not in client.get(url, {"persoon": "petra palet"}).content.decode()
    assert "Typ minstens 2 letters" in client.get(url, {"persoon": "p"}).content.decode()
    assert "Niemand gevonden" in client.get(url, {"persoon": "qqqq"}).content.decode()


def test_the_search_is_labelled_and_announces_what_it_found(client, login, mdo_url):
    login("ib@demo.nl")
    html = client.get(mdo_url).content.decode()
    assert '<label class="utrecht-form-label" for="persoon-zoek">' in html
    assert 'role="search"' in html
    assert '<p class="utrecht-paragraph" role="status"><span id="genodigde-zoekstatus">' in html
    assert '<label class="utrecht-form-label" for="id_lidmaatschap">Persoon' in html


def test_inviting_nobody_is_refused_in_dutch(client, login, mdo_url):
    login("ib@demo.nl")
    response = client.post(mdo_url, {"actie": "genodigde_toevoegen"}, follow=True)
    assert "Kies een persoon om uit te nodigen." in response.content.decode()


@pytest.mark.parametrize("persona", ["mentor@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl"])
def test_only_who_edits_the_traject_searches(client, login, persona):
    login(persona)
    url = reverse("arrangeren:personen_zoeken", kwargs=mdo_kwargs())
    assert client.get(url, {"persoon": "petra"}).status_code == 404


def test_the_list_does_not_grow_with_the_staff_of_other_schools(client, login, mdo_url):
    login("ib@demo.nl")
    voor = client.get(mdo_url).content.decode().count("<option")
    for _ in range(20):
        LidmaatschapFactory(organisatie=OrganisatieFactory(school=True), rol=Rol.LEERKRACHT)
    OrganisatieFactory(soort=Soort.GEMEENTE)
    assert client.get(mdo_url).content.decode().count("<option") == voor


def _lid(email):
    return Lidmaatschap.objects.select_related("user", "organisatie").get(user__email=email)


def test_the_circle_is_the_school_its_swv_and_the_jeugdteam_of_its_municipality(
    client, login, mdo_url
):
    """Not the coördinator of another school (another SWV), not the jeugdteam of another
    municipality, nor leerplicht without the parents' consent."""
    login("ib@demo.nl")
    andere_swv = OrganisatieFactory(soort=Soort.SWV, naam="SWV Elders (demo)")
    LidmaatschapFactory(
        user=UserFactory(naam="Sjoerd Elders"), organisatie=andere_swv, rol=Rol.CONSULENT_SWV
    )
    keuzelijst = _keuzelijst(client.get(mdo_url).content.decode())
    assert "Ingrid Bos" in keuzelijst and "Sanne Willems" in keuzelijst
    for niet in ("Iris Andriessen", "Sjoerd Elders", "Lars Pieterse", "Katwijk"):
        assert niet not in keuzelijst, niet


def test_others_are_offered_once_the_parents_consent_and_then_open_the_meeting(
    client, login, mdo_url, sam
):
    leerplicht = _lid("leerplicht@demo.nl")
    mdo = Mdo.objects.get(uuid=mdo_kwargs()["uuid"])
    ib = _lid("ib@demo.nl").user
    with pytest.raises(ValidationError, match="hoort niet bij de school"):
        services.voeg_genodigde_toe(mdo, leerplicht.user, leerplicht.organisatie, door=ib)
    for rij in vraag_toestemming(
        sam,
        door=ib,
        ontvanger_organisatie=leerplicht.organisatie,
        ontvanger=leerplicht.user,
        soorten=[Informatiesoort.MDO_DEELNAME],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    login("ib@demo.nl")
    assert "Lars Pieterse" in _keuzelijst(client.get(mdo_url).content.decode())
    response = client.post(
        mdo_url, {"actie": "genodigde_toevoegen", "lidmaatschap": leerplicht.pk}, follow=True
    )
    assert "Lars Pieterse staat op de lijst met genodigden." in response.content.decode()
    login("leerplicht@demo.nl")
    assert client.get(mdo_url).status_code == 200
