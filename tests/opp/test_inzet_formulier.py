"""The one add-inzet form on the OPP page and its short organisation picker (issue 13).

The page offered a form per goal, each listing every organisation of the region. Now one
form asks for the goal and offers the organisations involved with the pupil; any other
is found by name. A post of the old per-goal form still counts.
"""

import re
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import Informatiesoort, Organisatie, Toegangslog
from accounts.rollen import Soort
from accounts.services import beantwoord_toestemming, vraag_toestemming
from opp import services
from opp.models import Inzet, Opp
from tests.conftest import user_by_email
from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.test_foutoverzicht import foutoverzicht


@pytest.fixture
def opp(sam):
    """Sam's demo OPP: two goals, waiting for signatures (still editable)."""
    return Opp.objects.get(leerling=sam, versie=1)


@pytest.fixture
def zorgboog(db):
    """An organisation of the region not involved with Sam."""
    return OrganisatieFactory(naam="Zorgboog Jeugdhulp Oost", soort=Soort.JEUGDHULPAANBIEDER)


def _pagina(client, opp, **params) -> str:
    response = client.get(reverse("opp:opp_detail", args=[opp.uuid]), params)
    assert response.status_code == 200
    return response.content.decode()


def _keuzelijst(html: str) -> str:
    return re.search(r'<select name="organisatie".*?</select>', html, re.S).group(0)


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_one_add_inzet_form_whatever_the_number_of_goals(client, login, opp):
    ib = user_by_email("ib@demo.nl")
    for nummer in range(5):
        services.voeg_doel_toe(
            opp, door=ib, domein="emotieregulatie", soort="onderwijs", omschrijving=f"Doel {nummer}"
        )
    login("ib@demo.nl")
    html = _pagina(client, opp)
    assert html.count(reverse("opp:inzet_toevoegen", args=[opp.uuid])) == 1
    assert html.count('name="organisatie"') == 2  # the picker and its search field
    doelen = re.search(r'<select name="doel".*?</select>', html, re.S).group(0)
    assert doelen.count("<option") == opp.doelen.count() + 1  # and "Kies een doel"


def test_the_picker_lists_the_organisations_involved_not_the_whole_region(
    client, login, opp, sam, zorgboog
):
    OrganisatieFactory.create_batch(40, soort=Soort.JEUGDHULPAANBIEDER)
    jeugdteam = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        sam,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=jeugdteam,
        soorten=[Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    login("ib@demo.nl")
    keuzelijst = _keuzelijst(_pagina(client, opp))
    betrokken = re.search(r'<optgroup label="Betrokken bij Sam">(.*?)</optgroup>', keuzelijst, re.S)
    namen = re.findall(r">([^<]+)</option>", betrokken.group(1))
    assert sam.school.naam in namen
    assert sam.school.swv.naam in namen
    assert jeugdteam.naam in namen  # the parents' consent names it
    assert zorgboog.naam not in keuzelijst
    assert keuzelijst.count("<option") < 10


def test_organisations_of_existing_inzet_and_of_the_traject_are_involved(
    client, login, opp, zorgboog
):
    from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam

    doel = opp.doelen.first()
    services.voeg_inzet_toe(
        doel,
        door=user_by_email("ib@demo.nl"),
        wat="Gezinsbegeleiding",
        wie="Zorgboog",
        organisatie=zorgboog,
        vanaf=date.today(),
    )
    aanbieder = OrganisatieFactory(naam="Aanbieder Begeleiding West", soort="jeugdhulpaanbieder")
    begeleiding(traject_met_jeugdteam(), aanbieder=aanbieder)
    login("ib@demo.nl")
    betrokken = _keuzelijst(_pagina(client, opp)).split("Gevonden bij zoeken")[0]
    assert zorgboog.naam in betrokken
    assert aanbieder.naam in betrokken  # through the jeugdhulp app's hook


def test_the_form_is_labelled_and_grouped(client, login, opp):
    login("ib@demo.nl")
    html = _pagina(client, opp)
    legend = '<legend class="utrecht-form-fieldset__legend">Nieuwe inzet bij een doel</legend>'
    assert legend in html
    for veld in ("doel", "wat", "wie", "organisatie", "vanaf", "bekostiging"):
        assert f'for="id_{veld}"' in html, veld
    assert 'aria-describedby="id_organisatie_helptext"' in html
    assert '<label class="utrecht-form-label" for="organisatie-zoek">' in html
    assert 'role="search"' in html
    assert 'role="status"' in html


def test_adding_an_inzet_to_the_chosen_goal_with_an_organisation_found_by_search(
    client, login, opp, zorgboog
):
    doel = opp.doelen.order_by("volgorde").last()
    login("ib@demo.nl")
    response = client.post(
        reverse("opp:inzet_toevoegen", args=[opp.uuid]),
        {
            "doel": doel.pk,
            "wat": "Twee keer per week gezinsbegeleiding",
            "wie": "Gezinsbegeleider",
            "organisatie": zorgboog.pk,
            "vanaf": "2026-12-01",
            "uren_per_week": "2",
            "bekostiging": "gemeente",
        },
    )
    assert response.status_code == 302
    assert "De inzet is toegevoegd." in _meldingen(response)
    inzet = Inzet.objects.get(wat="Twee keer per week gezinsbegeleiding")
    assert (inzet.doel, inzet.organisatie, inzet.bekostiging) == (doel, zorgboog, "gemeente")


def test_the_old_per_goal_form_still_adds_an_inzet(client, login, opp):
    doel = opp.doelen.first()
    login("ib@demo.nl")
    client.post(
        reverse("opp:inzet_toevoegen", args=[opp.uuid]),
        {
            "doel": doel.pk,
            f"doel{doel.pk}-wat": "Leesbegeleiding",
            f"doel{doel.pk}-wie": "Remedial teacher",
            f"doel{doel.pk}-vanaf": "2026-12-01",
            f"doel{doel.pk}-bekostiging": "onderwijs",
        },
    )
    assert doel.inzet.filter(wat="Leesbegeleiding", wie="Remedial teacher").exists()


def test_without_a_goal_the_error_says_so_in_dutch(client, login, opp):
    login("ib@demo.nl")
    response = client.post(
        reverse("opp:inzet_toevoegen", args=[opp.uuid]),
        {"wat": "x", "wie": "y", "vanaf": "2026-12-01", "bekostiging": "onderwijs"},
        follow=True,
    )
    # The form shows again with the goal marked and named in the error summary.
    _, links = foutoverzicht(response.content.decode())
    assert links == {"id_doel": "Bij welk doel: Kies bij welk doel de inzet hoort."}
    assert not Inzet.objects.filter(wat="x").exists()


def test_a_goal_of_another_opp_is_refused(client, login, opp, sam):
    ib = user_by_email("ib@demo.nl")
    ander_opp = services.maak_opp(LeerlingFactory(school=sam.school), door=ib)
    ander = services.voeg_doel_toe(
        ander_opp, door=ib, domein="emotieregulatie", soort="onderwijs", omschrijving="Rust"
    )
    login("ib@demo.nl")
    response = client.post(
        reverse("opp:inzet_toevoegen", args=[opp.uuid]),
        {"doel": ander.pk, "wat": "x", "wie": "y", "vanaf": "2026-12-01"},
        follow=True,
    )
    _, links = foutoverzicht(response.content.decode())
    assert links["id_doel"] == "Bij welk doel: Dit doel bestaat niet (meer)."
    assert not Inzet.objects.filter(wat="x").exists()


def test_an_unknown_organisation_is_refused_in_dutch(client, login, opp):
    login("ib@demo.nl")
    response = client.post(
        reverse("opp:inzet_toevoegen", args=[opp.uuid]),
        {
            "doel": opp.doelen.first().pk,
            "wat": "x",
            "wie": "y",
            "organisatie": 999999,
            "vanaf": "2026-12-01",
            "bekostiging": "onderwijs",
        },
        follow=True,
    )
    _, links = foutoverzicht(response.content.decode())
    assert links == {"id_organisatie": "Organisatie: Deze organisatie bestaat niet (meer)."}


def test_the_search_answers_options_and_a_status_and_writes_no_log(client, login, opp, zorgboog):
    login("ib@demo.nl")
    url = reverse("opp:organisaties_zoeken", args=[opp.uuid])
    voor = Toegangslog.objects.count()
    html = client.get(url, {"organisatie": "zorgboog oost"}).content.decode()
    assert f'<option value="{zorgboog.pk}">{zorgboog.naam}</option>' in html
    assert "1 organisatie gevonden" in html
    assert 'id="inzet-zoekstatus" data-hx-swap-oob="innerHTML"' in html
    assert Toegangslog.objects.count() == voor
    assert "Typ minstens 2 letters" in client.get(url, {"organisatie": "z"}).content.decode()
    assert "Geen organisatie gevonden" in client.get(url, {"organisatie": "qqq"}).content.decode()


def test_without_javascript_the_search_reloads_the_page_with_what_it_found(
    client, login, opp, zorgboog
):
    login("ib@demo.nl")
    html = _pagina(client, opp, organisatie="Zorgboog")
    gevonden = _keuzelijst(html).split("Gevonden bij zoeken")[1]
    assert zorgboog.naam in gevonden
    assert 'value="Zorgboog"' in html  # the search field keeps the term


@pytest.mark.parametrize("persona", ["mentor@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl"])
def test_only_who_edits_the_opp_searches_and_sees_the_form(client, login, opp, persona):
    login(persona)
    url = reverse("opp:organisaties_zoeken", args=[opp.uuid])
    assert client.get(url, {"organisatie": "jeugd"}).status_code == 404
    response = client.get(reverse("opp:opp_detail", args=[opp.uuid]))
    assert reverse("opp:inzet_toevoegen", args=[opp.uuid]) not in response.content.decode()
