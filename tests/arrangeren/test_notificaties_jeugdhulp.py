"""Jeugdhulp ending within 6 weeks: the school hears once per inzet (docs/meldingen.md)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Informatiesoort, Notificatie
from accounts.planner import zoek_taak
from arrangeren.jeugdhulp.meldingen import SOORT, meld_aflopende_jeugdhulp
from arrangeren.jeugdhulp.models import Jeugdhulpinzet
from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam

pytestmark = pytest.mark.django_db


@pytest.fixture
def inzet(db):
    traject = traject_met_jeugdteam(
        soorten=(Informatiesoort.MDO_DEELNAME, Informatiesoort.OPP_INZAGE)
    )
    return begeleiding(traject)


def _ontvangers(inzet) -> set[str]:
    return set(
        Notificatie.objects.filter(soort=SOORT, onderwerp=inzet.uuid).values_list(
            "ontvanger__email", flat=True
        )
    )


def test_an_end_within_six_weeks_notifies_the_school_once(inzet, login):
    vandaag = timezone.localdate()
    assert meld_aflopende_jeugdhulp(vandaag) == 0  # ends in 300 days: nothing yet
    Jeugdhulpinzet.objects.filter(pk=inzet.pk).update(geplande_einde=vandaag + timedelta(days=30))
    assert meld_aflopende_jeugdhulp(vandaag) == 1
    assert "ib@demo.nl" in _ontvangers(inzet)
    assert "jeugdteam@demo.nl" not in _ontvangers(inzet)
    aantal = Notificatie.objects.filter(soort=SOORT).count()
    # The next days: not again.
    assert meld_aflopende_jeugdhulp(vandaag + timedelta(days=1)) == 0
    assert Notificatie.objects.filter(soort=SOORT).count() == aantal
    melding = Notificatie.objects.get(soort=SOORT, ontvanger__email="ib@demo.nl")
    assert melding.link == reverse("arrangeren:jeugdhulp_detail", args=[inzet.uuid])
    client = login("ib@demo.nl")
    assert client.get(melding.link).status_code == 200


def test_an_announced_end_counts_before_the_planned_one(inzet):
    vandaag = timezone.localdate()
    Jeugdhulpinzet.objects.filter(pk=inzet.pk).update(
        aangekondigd_einde=vandaag + timedelta(days=20), einde_aangekondigd_op=vandaag
    )
    assert meld_aflopende_jeugdhulp(vandaag) == 1


def test_it_is_a_daily_job():
    taak = zoek_taak("meld_aflopende_jeugdhulp")
    assert taak is not None and taak.dagelijks
