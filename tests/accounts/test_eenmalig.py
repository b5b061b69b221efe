"""Add-actions count once (accounts/eenmalig.py): the same form sent twice (a double click,
a retry, the back button) adds one row and says so; a second tab with the same goal is
refused under the owner's row lock; a refused form can be sent again after a correction."""

import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.eenmalig import AL_VERSTUURD, ruim_op
from accounts.models import Formulierinzending
from tests.accounts.permissiematrix.kwargs import mdo_kwargs
from tests.bestanden import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def opp(db):
    from opp.models import Opp

    return Opp.objects.get(leerling__voornaam="Sam", versie=1)  # the demo's concept


def doel(omschrijving="Sam leest groep 5-teksten vloeiend", **extra):
    from opp.domein import Doelsoort, Ontwikkelingsdomein

    return {
        "domein": Ontwikkelingsdomein.values[0],
        "soort": Doelsoort.values[0],
        "omschrijving": omschrijving,
        "criterium": "",
        **extra,
    }


def meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_same_goal_form_sent_twice_adds_one_goal(login, opp):
    client = login("ib@demo.nl")
    url = reverse("opp:doel_toevoegen", args=[opp.uuid])
    detail = reverse("opp:opp_detail", args=[opp.uuid])
    voor = opp.doelen.count()
    gegevens = doel(formuliertoken=str(uuid.uuid4()))
    eerste = client.post(url, gegevens, HTTP_REFERER=f"http://testserver{detail}")
    tweede = client.post(url, gegevens, HTTP_REFERER=f"http://testserver{detail}")
    assert opp.doelen.count() == voor + 1
    assert eerste.status_code == tweede.status_code == 302
    assert tweede.url == f"http://testserver{detail}"  # back to the page, with the message
    assert AL_VERSTUURD in meldingen(tweede)


def test_a_second_tab_with_the_same_goal_adds_it_once(login, opp):
    client = login("ib@demo.nl")
    url = reverse("opp:doel_toevoegen", args=[opp.uuid])
    voor = opp.doelen.count()
    client.post(url, doel(formuliertoken=str(uuid.uuid4())))
    pagina = client.post(url, doel(formuliertoken=str(uuid.uuid4())), follow=True)
    assert opp.doelen.count() == voor + 1
    assert "Dit doel staat al in het plan" in pagina.content.decode()


def test_a_refused_form_can_be_sent_again_with_its_token(login, opp):
    client = login("ib@demo.nl")
    url = reverse("opp:doel_toevoegen", args=[opp.uuid])
    token = str(uuid.uuid4())
    voor = opp.doelen.count()
    client.post(url, doel(omschrijving="", formuliertoken=token))  # refused: no description
    assert not Formulierinzending.objects.filter(token=token).exists()
    client.post(url, doel(formuliertoken=token))
    assert opp.doelen.count() == voor + 1


def test_a_post_without_or_with_a_malformed_token_works_as_before(login, opp):
    client = login("ib@demo.nl")
    url = reverse("opp:doel_toevoegen", args=[opp.uuid])
    voor = opp.doelen.count()
    client.post(url, doel("Zonder kenmerk"))
    client.post(url, doel("Met een vreemd kenmerk", formuliertoken="\x00' OR 1=1"))
    assert opp.doelen.count() == voor + 2
    assert not Formulierinzending.objects.exists()


def test_the_opp_page_gives_each_add_form_its_own_token(login, opp):
    html = login("ib@demo.nl").get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    for actie in ("doel", "inzet", "bijlage"):
        pad = reverse(f"opp:{actie}_toevoegen", args=[opp.uuid])
        formulier = re.search(rf'<form[^>]*action="{pad}".*?</form>', html, re.S)
        assert formulier and 'name="formuliertoken"' in formulier[0], actie
    tokens = re.findall(r'name="formuliertoken" value="([0-9a-f-]{36})"', html)
    assert len(tokens) == len(set(tokens)) >= 3
    opnieuw = login("ib@demo.nl").get(reverse("opp:opp_detail", args=[opp.uuid]))
    assert not set(tokens) & set(re.findall(r'value="([0-9a-f-]{36})"', opnieuw.content.decode()))


def _opp_bijlage(opp):
    return (
        reverse("opp:bijlage_toevoegen", args=[opp.uuid]),
        lambda: {"titel": "Gezinsplan", "bestand": pdf("gezinsplan.pdf")},
        opp.bijlagen.count,
    )


def _mdo_stuk(_opp):
    from arrangeren.route.models import Mdo

    mdo = Mdo.objects.get(**mdo_kwargs())
    return (
        reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
        lambda: {"actie": "stuk_uploaden", "titel": "Groeidocument", "bestand": pdf()},
        mdo.stukken.count,
    )


def _tlv_bijlage(_opp):
    from arrangeren.tlv.demo import DEMO_TLV_CONCEPT
    from arrangeren.tlv.models import TlvAanvraag

    aanvraag = TlvAanvraag.objects.get(uuid=DEMO_TLV_CONCEPT)
    return (
        reverse("arrangeren:tlv_bijlage_toevoegen", args=[aanvraag.uuid]),
        lambda: {"titel": "Advies", "bestand": pdf("advies.pdf")},
        aanvraag.bijlagen.count,
    )


@pytest.mark.parametrize("actie", [_opp_bijlage, _mdo_stuk, _tlv_bijlage])
def test_an_attachment_sent_twice_is_stored_once(login, opp, actie):
    url, gegevens, tel = actie(opp)
    client = login("ib@demo.nl")
    token = str(uuid.uuid4())
    voor = tel()
    client.post(url, {**gegevens(), "formuliertoken": token})
    tweede = client.post(url, {**gegevens(), "formuliertoken": token})
    assert tel() == voor + 1
    assert AL_VERSTUURD in meldingen(tweede)


def test_tokens_are_kept_a_day(login, opp):
    login("ib@demo.nl").post(
        reverse("opp:doel_toevoegen", args=[opp.uuid]), doel(formuliertoken=str(uuid.uuid4()))
    )
    assert ruim_op() == 0
    assert ruim_op(timezone.now() + timedelta(days=1, minutes=1)) == 1
