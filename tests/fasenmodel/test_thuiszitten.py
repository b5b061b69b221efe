"""Thuiszitterspact countdown and escalation, and the procesregie rule."""

from datetime import date, timedelta

import pytest

from fasenmodel.thuiszitten import (
    BIJNA_DAGEN,
    Pactstatus,
    Regievoerder,
    pact,
    procesregie_volgens_regel,
)

SINDS = date(2025, 1, 15)
GRENS = date(2025, 4, 15)  # 3 months


def test_countdown_runs_to_three_months():
    p = pact(SINDS, date(2025, 2, 1))
    assert p.status == Pactstatus.LOOPT
    assert p.grens == GRENS
    assert p.dagen_tot_grens == (GRENS - date(2025, 2, 1)).days
    assert p.dagen_thuis == 17


def test_close_to_three_months_is_bijna():
    assert pact(SINDS, GRENS - timedelta(days=BIJNA_DAGEN + 1)).status == Pactstatus.LOOPT
    assert pact(SINDS, GRENS - timedelta(days=BIJNA_DAGEN)).status == Pactstatus.BIJNA
    assert pact(SINDS, GRENS - timedelta(days=1)).status == Pactstatus.BIJNA


def test_escalation_exactly_at_three_months():
    p = pact(SINDS, GRENS)
    assert p.status == Pactstatus.ESCALATIE
    assert p.dagen_tot_grens == 0
    assert pact(SINDS, GRENS + timedelta(days=10)).dagen_tot_grens == -10


def test_started_offer_stops_the_clock_and_escalation():
    p = pact(SINDS, date(2025, 6, 1), aanbod_gestart=True, aanbod_sinds=date(2025, 3, 1))
    assert p.status == Pactstatus.AANBOD
    assert p.dagen_thuis == (date(2025, 3, 1) - SINDS).days


def test_ended_entry_counts_days_until_the_end():
    p = pact(SINDS, date(2025, 8, 1), beeindigd_op=date(2025, 2, 14))
    assert p.status == Pactstatus.BEEINDIGD
    assert p.dagen_thuis == 30


def test_urgency_puts_longest_overdue_first_then_nearest_deadline():
    op = date(2025, 6, 1)
    lang = pact(date(2025, 1, 1), op)
    kort = pact(date(2025, 2, 1), op)
    bijna = pact(date(2025, 3, 10), op)
    loopt = pact(date(2025, 5, 1), op)
    aanbod = pact(date(2024, 1, 1), op, aanbod_gestart=True, aanbod_sinds=date(2024, 2, 1))
    volgorde = sorted([aanbod, loopt, kort, bijna, lang], key=lambda p: p.urgentie)
    assert volgorde == [lang, kort, bijna, loopt, aanbod]


@pytest.mark.parametrize(
    "ingeschreven,vrijstelling,regie",
    [
        (True, False, Regievoerder.SCHOOL),
        (True, True, Regievoerder.SCHOOL),
        (False, False, Regievoerder.LEERPLICHT),
        (False, True, Regievoerder.TOEGANG),
    ],
)
def test_procesregie_rule(ingeschreven, vrijstelling, regie):
    assert procesregie_volgens_regel(ingeschreven, vrijstelling) == regie
