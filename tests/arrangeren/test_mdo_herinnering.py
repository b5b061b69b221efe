"""The coördinator's "Herinnering sturen" to an invitee who has not answered the MDO
invitation: a mail now, at most once a day per invitee, and the page shows when."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route.models import Genodigde
from arrangeren.route.services import beantwoord_uitnodiging, open_traject
from arrangeren.route.services.herinnering import herinner_genodigde
from tests.arrangeren.route_helpers import naar_stap_2, plan_en_nodig_uit
from tests.arrangeren.test_route import ALLE_VOORWAARDEN
from tests.conftest import user_by_email

ONDERWERP = "Herinnering: een uitnodiging voor een MDO wacht op uw antwoord"


@pytest.fixture
def mdo(sam):
    ib = user_by_email("ib@demo.nl")
    namens = Lidmaatschap.objects.get(user=ib, organisatie__naam="Basisschool De Regenboog")
    traject = naar_stap_2(
        open_traject(leerling=sam, door=ib, namens=namens, voorwaarden=ALLE_VOORWAARDEN), ib
    )
    return plan_en_nodig_uit(traject, ib)


def uitnodiging(mdo, email="ouder@demo.nl") -> Genodigde:
    return mdo.genodigden.get(user__email=email)


def herinneringen(email="ouder@demo.nl") -> list:
    return [m for m in mail.outbox if ONDERWERP in m.subject and m.to == [email]]


def test_the_coordinator_reminds_an_invitee_who_has_not_answered(
    client, login, mdo, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    pagina = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    assert "Herinnering sturen" in client.get(pagina).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            pagina, {"actie": "herinneren", "genodigde": uitnodiging(mdo).pk}, follow=True
        )
    inhoud = response.content.decode()
    naam = user_by_email("ouder@demo.nl").naam
    assert f"{naam} heeft een herinnering gekregen" in inhoud
    assert "Laatste herinnering:" in inhoud
    [bericht] = herinneringen()
    assert naam not in bericht.body
    assert not re.search(rf"\b{mdo.traject.leerling.voornaam}\b", bericht.body)
    assert str(mdo.uuid) in bericht.body


def test_a_second_reminder_the_same_day_is_refused(
    client, login, mdo, django_capture_on_commit_callbacks
):
    login("ib@demo.nl")
    pagina = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    data = {"actie": "herinneren", "genodigde": uitnodiging(mdo).pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pagina, data)
        response = client.post(pagina, data, follow=True)
    assert "al een herinnering. Een volgende kan vanaf" in response.content.decode()
    assert len(herinneringen()) == 1


def test_a_day_later_another_may_go_and_it_is_per_invitee(mdo, django_capture_on_commit_callbacks):
    ib = user_by_email("ib@demo.nl")
    gisteren = timezone.now() - timedelta(days=1, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        herinner_genodigde(uitnodiging(mdo), door=ib, nu=gisteren)
        herinner_genodigde(uitnodiging(mdo, "ouder2@demo.nl"), door=ib, nu=gisteren)
        with pytest.raises(ValidationError):
            herinner_genodigde(uitnodiging(mdo), door=ib, nu=gisteren + timedelta(hours=23))
        herinner_genodigde(uitnodiging(mdo), door=ib)
    assert len(herinneringen()) == 2 and len(herinneringen("ouder2@demo.nl")) == 1


def test_no_reminder_once_answered(mdo):
    beantwoord_uitnodiging(uitnodiging(mdo), True, door=user_by_email("ouder@demo.nl"))
    with pytest.raises(ValidationError, match="al beantwoord"):
        herinner_genodigde(uitnodiging(mdo), door=user_by_email("ib@demo.nl"))


def test_the_reminder_before_the_meeting_still_goes(mdo, django_capture_on_commit_callbacks):
    from arrangeren.route.services import stuur_herinneringen

    herinner_genodigde(uitnodiging(mdo), door=user_by_email("ib@demo.nl"))
    assert uitnodiging(mdo).herinnerd_op is None
    with django_capture_on_commit_callbacks(execute=True):
        stuur_herinneringen(nu=mdo.start - timedelta(days=1))
    assert [m for m in mail.outbox if "MDO binnenkort" in m.subject and m.to == ["ouder@demo.nl"]]


def test_a_parent_cannot_remind(client, login, mdo):
    login("ouder2@demo.nl")
    pagina = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    assert "Herinnering sturen" not in client.get(pagina).content.decode()
    response = client.post(pagina, {"actie": "herinneren", "genodigde": uitnodiging(mdo).pk})
    assert response.status_code == 404
    assert uitnodiging(mdo).handmatig_herinnerd_op is None
