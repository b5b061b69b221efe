"""The phase table and the continuum rules, walked as data."""

from dataclasses import dataclass
from datetime import date

import pytest

from fasenmodel.fasen import (
    DOMEINEN,
    FASEN,
    REGELS,
    Niveau,
    overgeslagen_fasen,
    plus_maanden,
    signalen,
)


@dataclass
class P:
    fase: int
    startdatum: date
    cognitieve_leerbehoefte: bool = False


START = date(2024, 1, 31)


@pytest.mark.parametrize("nummer", [1, 2, 3, 4, 5, 6])
def test_every_phase_has_every_column_filled(nummer):
    fase = FASEN[nummer]
    assert fase.nummer == nummer
    for veld in (
        "naam",
        "kort",
        "kan",
        "aanbod",
        "doel_en_duur",
        "toegang",
        "regie",
        "bekostiging",
    ):
        assert getattr(fase, veld).strip(), (nummer, veld)
    assert set(fase.verantwoordelijkheid) == set(DOMEINEN) == set("abcde")
    assert all(v.strip() for v in fase.verantwoordelijkheid.values())


def test_table_holds_exactly_six_phases_with_seed_durations():
    assert sorted(FASEN) == [1, 2, 3, 4, 5, 6]
    assert FASEN[4].duur_maanden == 24  # OZA: in principe 2 jaar
    assert FASEN[4].verantwoordelijkheid["e"] == "School"
    assert FASEN[3].verantwoordelijkheid["a"] == "Zorglocatie"
    assert FASEN[2].verantwoordelijkheid["a"] == "Dagbesteding"


def test_every_rule_points_at_an_existing_phase_and_formats():
    for regel in REGELS:
        assert regel.fase in FASEN
        assert "{datum}" in regel.verstreken
        for niveau in signalen(P(regel.fase, START, bool(regel.cognitief)), date(2030, 1, 1)):
            assert "{" not in niveau.tekst


@pytest.mark.parametrize("fase", [5, 6])
def test_phases_5_and_6_have_no_term_signals(fase):
    assert signalen(P(fase, START), date(2035, 1, 1)) == []


def codes(plaatsing, op):
    return {s.code: s.niveau for s in signalen(plaatsing, op)}


def test_oza_beyond_two_years_asks_for_action_at_the_edge():
    p = P(4, date(2024, 3, 15))
    assert codes(p, date(2025, 12, 14)) == {"oza_duur": Niveau.INFO}
    assert codes(p, date(2025, 12, 15)) == {"oza_duur": Niveau.AANDACHT}
    assert codes(p, date(2026, 3, 14)) == {"oza_duur": Niveau.AANDACHT}
    assert codes(p, date(2026, 3, 15)) == {"oza_duur": Niveau.ACTIE}


def test_zoa_decision_due_after_one_and_late_after_two_years():
    p = P(3, date(2024, 3, 15))
    assert codes(p, date(2025, 3, 14)) == {
        "zoa_besluit_1jaar": Niveau.AANDACHT,
        "zoa_besluit_2jaar": Niveau.INFO,
    }
    assert codes(p, date(2025, 3, 15))["zoa_besluit_1jaar"] == Niveau.ACTIE
    assert codes(p, date(2026, 3, 14))["zoa_besluit_2jaar"] == Niveau.AANDACHT
    assert codes(p, date(2026, 3, 15))["zoa_besluit_2jaar"] == Niveau.ACTIE


def test_fase_2_tlv_one_year_and_registration_two_years():
    p = P(2, date(2024, 3, 15))
    assert codes(p, date(2025, 3, 14)) == {
        "fase2_tlv": Niveau.AANDACHT,
        "fase2_inschrijving": Niveau.INFO,
    }
    assert codes(p, date(2025, 3, 15))["fase2_tlv"] == Niveau.ACTIE
    assert codes(p, date(2026, 3, 14))["fase2_inschrijving"] == Niveau.AANDACHT
    assert codes(p, date(2026, 3, 15))["fase2_inschrijving"] == Niveau.ACTIE


def test_fase_1_with_cognitive_needs_registration_one_year_then_exemption_route():
    p = P(1, date(2024, 3, 15), cognitieve_leerbehoefte=True)
    assert codes(p, date(2025, 3, 14)) == {"fase1_inschrijving": Niveau.AANDACHT}
    [signaal] = signalen(p, date(2025, 3, 15))
    assert signaal.niveau == Niveau.ACTIE
    assert "vrijstelling" in signaal.tekst and "herbeoordeling" in signaal.tekst


def test_fase_1_without_cognitive_needs_means_exemption_from_day_one():
    p = P(1, date(2024, 3, 15), cognitieve_leerbehoefte=False)
    [signaal] = signalen(p, date(2024, 3, 15))
    assert signaal.code == "fase1_vrijstelling" and signaal.niveau == Niveau.ACTIE
    assert "vrijstelling" in signaal.tekst


def test_signals_sorted_action_first():
    p = P(3, date(2024, 3, 15))
    assert [s.niveau for s in signalen(p, date(2025, 6, 1))] == [Niveau.ACTIE, Niveau.INFO]


@pytest.mark.parametrize(
    "van,naar,overgeslagen",
    [
        (None, 4, []),
        (6, 5, []),
        (5, 6, []),
        (6, 4, [5]),
        (5, 2, [4, 3]),
        (1, 4, [2, 3]),
        (3, 1, [2]),
    ],
)
def test_skipped_phases(van, naar, overgeslagen):
    assert overgeslagen_fasen(van, naar) == overgeslagen


def test_plus_maanden_clamps_to_month_end_and_goes_back():
    assert plus_maanden(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert plus_maanden(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert plus_maanden(date(2024, 3, 15), -3) == date(2023, 12, 15)
