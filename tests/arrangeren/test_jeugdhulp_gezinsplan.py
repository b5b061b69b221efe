"""Jeugdhulp resting on the gezinsplan where there is no OPP (docs/opp.md, "Gezinsplan")."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Lidmaatschap
from arrangeren.jeugdhulp.services import registreer_inzet
from opp.demo import DEMO_GEZINSPLAN
from opp.models import Gezinsplan, Opp
from tests.arrangeren.jeugdhulp_helpers import traject_met_jeugdteam


def _data(**extra) -> dict:
    jeugdteam = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    start = date.today() - timedelta(days=10)
    return {
        "aanbieder": jeugdteam.organisatie,
        "soort": "begeleiding",
        "start": start,
        "geplande_einde": start + timedelta(days=200),
        "uren_per_week": 3,
        "financiering": "gemeente",
        **extra,
    }


@pytest.fixture
def jeugdteam(db):
    return Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl").user


def test_without_an_opp_jeugdhulp_rests_on_the_gezinsplan(jeugdteam):
    """Holland Rijnland Methode, stap 2: "Het zogenaamde perspectiefplan wat in de zorg
    gebruikt wordt voor de begeleiding van een kind kan dan een bijlage zijn van het OPP.
    Daar waar geen OPP is, is het perspectiefplan leidend." Before, jeugdhulp always
    needed a goal of the OPP."""
    traject = traject_met_jeugdteam()
    plan = Gezinsplan.objects.get(uuid=DEMO_GEZINSPLAN)
    Opp.objects.filter(leerling=traject.leerling).delete()
    with pytest.raises(ValidationError, match="doel uit het OPP"):
        registreer_inzet(traject, _data(), [], door=jeugdteam)
    inzet = registreer_inzet(traject, _data(), [], door=jeugdteam, gezinsplan=plan)
    assert inzet.gezinsplan == plan and not inzet.doelen.exists()


def test_with_an_opp_the_inzet_needs_its_goals_not_the_gezinsplan(jeugdteam):
    traject = traject_met_jeugdteam()
    plan = Gezinsplan.objects.get(uuid=DEMO_GEZINSPLAN)
    with pytest.raises(ValidationError, match="Er is een OPP"):
        registreer_inzet(traject, _data(), [], door=jeugdteam, gezinsplan=plan)


def test_a_multidisciplinaire_begeleider_never_rests_on_a_gezinsplan(jeugdteam):
    """Holland Rijnland Methode, stap 3: the multidisciplinaire begeleider works on the
    goals of the OPP; without an OPP none is registered, gezinsplan or not."""
    traject = traject_met_jeugdteam()
    plan = Gezinsplan.objects.get(uuid=DEMO_GEZINSPLAN)
    Opp.objects.filter(leerling=traject.leerling).delete()
    with pytest.raises(ValidationError):
        registreer_inzet(
            traject,
            _data(soort="multidisciplinaire_begeleider"),
            [],
            door=jeugdteam,
            gezinsplan=plan,
        )
    assert not plan.jeugdhulp.exists()
