""" "Alles toestaan voor dit MDO": a parent gives every consent asked for one MDO with one
button, each still its own history-tracked row, and reads what she gave."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Lidmaatschap, Toestemming
from accounts.services import vraag_toestemming
from arrangeren.route.models import Mdo
from arrangeren.route.services import (
    open_traject,
    plan_mdo,
    voeg_genodigde_toe,
    vraag_toestemming_voor_genodigden,
)
from arrangeren.route.services.mdo import MDO_TOESTEMMINGEN
from tests.arrangeren.route_helpers import naar_stap_2
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.conftest import user_by_email

URL = "accounts:toestemmingen"


@pytest.fixture
def mdo(sam) -> Mdo:
    """Sam's MDO with the jeugdteam and the SWV invited; both parents asked both kinds."""
    ib = user_by_email("ib@demo.nl")
    namens = Lidmaatschap.objects.get(user=ib, organisatie__naam="Basisschool De Regenboog")
    traject = naar_stap_2(
        open_traject(leerling=sam, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN), ib
    )
    start = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    mdo = plan_mdo(
        traject,
        {
            "doel": "Samen plannen",
            "start": start,
            "eind": start + timedelta(hours=1),
            "locatie": "School",
        },
        door=ib,
    )
    for email in ("jeugdteam@demo.nl", "swv@demo.nl"):
        lid = Lidmaatschap.objects.filter(user__email=email).select_related("organisatie").first()
        voeg_genodigde_toe(mdo, lid.user, lid.organisatie, door=ib)
    vraag_toestemming_voor_genodigden(mdo, list(MDO_TOESTEMMINGEN), door=ib)
    return mdo


def mdo_vragen(ouder):
    return Toestemming.objects.filter(
        gever=ouder, soort__in=MDO_TOESTEMMINGEN, status=Toestemming.Status.GEVRAAGD
    )


def knop(pagina: str) -> dict:
    form = re.search(
        r'name="bundel" value="([^"]+)"><input type="hidden" name="ids" value="([^"]+)"', pagina
    )
    assert form, "no 'Alles toestaan' form on the page"
    return {"bundel": form.group(1), "ids": form.group(2)}


def test_one_button_gives_all_four_consents_for_this_mdo(client, login, mdo):
    ouder = user_by_email("ouder@demo.nl")
    login("ouder@demo.nl")
    pagina = client.get(reverse(URL)).content.decode()
    assert "Alles toestaan voor het MDO van Sam op" in pagina
    assert "deze 4 vragen" in pagina
    assert mdo_vragen(ouder).count() == 4

    response = client.post(reverse(URL), knop(pagina), follow=True)
    inhoud = response.content.decode()
    assert mdo_vragen(ouder).count() == 0
    gegeven = Toestemming.objects.filter(
        gever=ouder, status=Toestemming.Status.GEGEVEN, soort__in=MDO_TOESTEMMINGEN
    )
    assert gegeven.count() == 4
    for rij in gegeven:
        assert rij.history.filter(status=Toestemming.Status.GEGEVEN).count() == 1
    # The confirmation lists what was given.
    assert "U hebt toestemming gegeven voor het MDO van Sam" in inhoud
    for email in ("jeugdteam@demo.nl", "swv@demo.nl"):
        assert f"voor {user_by_email(email).naam} (" in inhoud
    assert "Alles toestaan" not in inhoud
    # The other parent's questions are hers to answer.
    assert mdo_vragen(user_by_email("ouder2@demo.nl")).count() == 4


def test_a_question_not_of_the_mdo_is_not_given_with_it(client, login, mdo):
    ouder = user_by_email("ouder@demo.nl")
    lid = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    vraag_toestemming(
        mdo.traject.leerling,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=lid.organisatie,
        soorten=[Informatiesoort.OPP_INZAGE],
    )
    login("ouder@demo.nl")
    pagina = client.get(reverse(URL)).content.decode()
    client.post(reverse(URL), knop(pagina))
    vraag = Toestemming.objects.get(
        gever=ouder,
        soort=Informatiesoort.OPP_INZAGE,
        ontvanger_organisatie=lid.organisatie,
        ontvanger__isnull=True,
    )
    assert vraag.status == Toestemming.Status.GEVRAAGD


def test_questions_changed_since_the_page_gives_nothing(client, login, mdo):
    ouder = user_by_email("ouder@demo.nl")
    login("ouder@demo.nl")
    pagina = client.get(reverse(URL)).content.decode()
    gegeven = set(
        Toestemming.objects.filter(gever=ouder, status=Toestemming.Status.GEGEVEN).values_list(
            "pk", flat=True
        )
    )
    eerste = mdo_vragen(ouder).first()
    eerste.status = Toestemming.Status.GEWEIGERD  # answered in another tab
    eerste.save()
    response = client.post(reverse(URL), knop(pagina), follow=True)
    assert "intussen veranderd of al beantwoord" in response.content.decode()
    assert mdo_vragen(ouder).count() == 3
    assert gegeven == set(
        Toestemming.objects.filter(gever=ouder, status=Toestemming.Status.GEGEVEN).values_list(
            "pk", flat=True
        )
    )


def test_another_parents_bundle_cannot_be_given(client, login, mdo):
    login("ouder2@demo.nl")
    pagina = client.get(reverse(URL)).content.decode()
    login("ouder@demo.nl")
    client.post(reverse(URL), knop(pagina))
    assert mdo_vragen(user_by_email("ouder2@demo.nl")).count() == 4
    assert mdo_vragen(user_by_email("ouder@demo.nl")).count() == 4


def test_a_single_question_gets_no_bundle(client, login, sam):
    lid = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    vraag_toestemming(
        sam,
        door=user_by_email("ib@demo.nl"),
        ontvanger_organisatie=lid.organisatie,
        soorten=[Informatiesoort.MDO_DEELNAME],
    )
    login("ouder@demo.nl")
    assert "Alles toestaan" not in client.get(reverse(URL)).content.decode()
