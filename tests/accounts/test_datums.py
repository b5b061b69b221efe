"""Whole months and years on the calendar (accounts/datums.py)."""

import calendar
from datetime import date, timedelta

import pytest

from accounts.datums import plus_jaren, plus_maanden


@pytest.mark.parametrize(
    ("datum", "maanden", "uitkomst"),
    [
        (date(2024, 3, 15), 1, date(2024, 4, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: the 29th
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),  # over the turn of the year
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 3, 15), -3, date(2023, 12, 15)),
        (date(2027, 7, 31), -3, date(2027, 4, 30)),  # back to a shorter month
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2023, 3, 31), -1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 5, 10), 0, date(2024, 5, 10)),
        (date(2024, 5, 10), -25, date(2022, 4, 10)),
    ],
)
def test_plus_maanden_keeps_the_day_or_takes_the_months_last(datum, maanden, uitkomst):
    assert plus_maanden(datum, maanden) == uitkomst


@pytest.mark.parametrize(
    ("datum", "jaren", "uitkomst"),
    [
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2024, 2, 29), -4, date(2020, 2, 29)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2025, 6, 30), -18, date(2007, 6, 30)),
    ],
)
def test_plus_jaren_is_twelve_months_a_year(datum, jaren, uitkomst):
    assert plus_jaren(datum, jaren) == uitkomst
    assert plus_jaren(datum, jaren) == plus_maanden(datum, 12 * jaren)


def test_plus_maanden_agrees_with_counting_by_hand_on_every_day_of_four_years():
    """Every day of 2023-2026 (one leap year), 40 months back to 40 months ahead."""
    dag = date(2023, 1, 1)
    while dag < date(2027, 1, 1):
        for maanden in range(-40, 41):
            jaar, maand = divmod(dag.month - 1 + maanden, 12)
            jaar, maand = dag.year + jaar, maand + 1
            laatste = calendar.monthrange(jaar, maand)[1]
            assert plus_maanden(dag, maanden) == date(jaar, maand, min(dag.day, laatste))
        dag += timedelta(days=1)
