"""Parent-facing wording: a parent reads "Mijn kinderen" and her own answer in plain Dutch,
and is not told that she "works as Ouder / verzorger"; professionals keep their role."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route.services import open_traject, plan_mdo, verstuur_uitnodigingen
from arrangeren.route.stappen import Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2


def tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_parent_home_says_mijn_kinderen_and_not_which_role_she_works_in(login):
    client = login("ouder@demo.nl")
    home = tekst(client.get(reverse("home")))
    assert "Mijn kinderen" in home
    assert "U werkt als" not in home
    assert "Ouder / verzorger" not in home  # nor as a badge in the header
    assert "Mijn kinderen" in tekst(client.get(reverse("accounts:leerling_list")))


def test_professional_still_sees_the_role_she_works_in(login):
    home = tekst(login("ib@demo.nl").get(reverse("home")))
    assert "U werkt als Ondersteuningscoördinator" in home


@pytest.fixture
def mdo(sam):
    ib = Lidmaatschap.objects.get(user__email="ib@demo.nl")
    traject = open_traject(
        leerling=sam, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    naar_stap_2(traject, ib.user)
    start = timezone.now() + timedelta(days=10)
    mdo = plan_mdo(
        traject,
        {"doel": "Plan", "start": start, "eind": start + timedelta(hours=1), "locatie": "School"},
        door=ib.user,
    )
    verstuur_uitnodigingen(mdo, door=ib.user)
    return mdo


@pytest.mark.parametrize(
    ("antwoord", "op_de_pagina", "in_mijn_werk"),
    [("komt", "U komt.", "— u komt"), ("komt_niet", "U kunt niet komen.", "— u kunt niet")],
)
def test_parent_reads_her_own_answer_in_plain_dutch(
    login, mdo, antwoord, op_de_pagina, in_mijn_werk
):
    client = login("ouder@demo.nl")
    pagina = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    assert "U hebt nog niet laten weten of u komt." in tekst(client.get(pagina))
    client.post(pagina, {"actie": "antwoord", "antwoord": antwoord})
    inhoud = tekst(client.get(pagina))
    assert op_de_pagina in inhoud
    assert "Uw antwoord" not in inhoud
    assert in_mijn_werk in tekst(client.get(reverse("home")))
