"""Saving a week's hours again: the earlier value is shown and replaced only on an explicit
"Vervang 6 uur door 8 uur"; a change by someone else in between is not overwritten."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from arrangeren.jeugdhulp import services
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam
from tests.conftest import user_by_email

WEEK = "2026-03-04"  # a Wednesday: the week of Monday 2 March


@pytest.fixture
def inzet(db):
    return begeleiding(traject_met_jeugdteam(), start=date(2026, 1, 1))


def uren_sturen(client, inzet, uren, **extra):
    return client.post(
        reverse("arrangeren:jeugdhulp_uren", args=[inzet.uuid]),
        {"week": WEEK, "uren": uren, **extra},
        follow=True,
    )


def bevestigen(client, inzet, pagina):
    """Press the page's "Vervang" button: post its hidden fields."""
    velden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', pagina))
    velden.pop("csrfmiddlewaretoken", None)
    return client.post(reverse("arrangeren:jeugdhulp_uren", args=[inzet.uuid]), velden, follow=True)


def test_saving_a_week_again_asks_before_replacing_6_by_8(client, login, inzet):
    login("jeugdteam@demo.nl")
    assert "De uren zijn opgeslagen" in uren_sturen(client, inzet, "6").content.decode()

    response = uren_sturen(client, inzet, "8")
    pagina = response.content.decode()
    assert response.status_code == 409
    assert "staat al <strong>6 uur</strong>" in pagina
    assert "Vervang 6 uur door 8 uur" in pagina
    assert inzet.uren.get().uren == Decimal("6")  # nothing overwritten yet

    response = bevestigen(client, inzet, pagina)
    assert "De uren zijn opgeslagen" in response.content.decode()
    regel = inzet.uren.get()
    assert regel.uren == Decimal("8")
    assert regel.history.count() == 2  # the earlier value stays in the history


def test_the_same_hours_again_need_no_confirmation(client, login, inzet):
    login("jeugdteam@demo.nl")
    uren_sturen(client, inzet, "6")
    response = uren_sturen(client, inzet, "6")
    assert response.status_code == 200
    assert "De uren zijn opgeslagen" in response.content.decode()
    assert inzet.uren.get().uren == Decimal("6")


def test_a_change_by_someone_else_in_between_is_not_overwritten(client, login, inzet):
    login("jeugdteam@demo.nl")
    uren_sturen(client, inzet, "6")
    pagina = uren_sturen(client, inzet, "8").content.decode()
    # A colleague corrects the week to 7 while the confirmation is on the screen.
    regel = inzet.uren.get()
    services.log_uren(
        inzet,
        regel.week,
        Decimal("7"),
        door=user_by_email("jeugdteam@demo.nl"),
        vervangt=services.urenversie(regel),
    )
    response = bevestigen(client, inzet, pagina)
    tweede = response.content.decode()
    assert response.status_code == 409
    assert "Intussen zijn de uren van deze week gewijzigd" in tweede
    assert "Vervang 7 uur door 8 uur" in tweede
    assert inzet.uren.get().uren == Decimal("7")


def test_the_service_refuses_to_replace_without_the_confirmed_value(inzet):
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    services.log_uren(inzet, date(2026, 3, 2), Decimal("6"), door=jeugdteam)
    with pytest.raises(services.Urenoverschrijving, match="staan al uren"):
        services.log_uren(inzet, date(2026, 3, 2), Decimal("8"), door=jeugdteam)
    with pytest.raises(services.Urenoverschrijving, match="Intussen"):
        services.log_uren(inzet, date(2026, 3, 2), Decimal("8"), door=jeugdteam, vervangt="x")
    assert inzet.uren.get().uren == Decimal("6")


def test_the_confirmation_form_can_be_sent_once(client, login, inzet):
    login("jeugdteam@demo.nl")
    uren_sturen(client, inzet, "6")
    pagina = uren_sturen(client, inzet, "8").content.decode()
    bevestigen(client, inzet, pagina)
    response = bevestigen(client, inzet, pagina)
    assert "al verstuurd" in response.content.decode()
    assert inzet.uren.get().uren == Decimal("8")
