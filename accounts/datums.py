"""Calendar arithmetic in whole months and years, in one place.

A month later is the same day of the month, or the month's last day when that month is
shorter: 31 January plus one month is 28 (or 29) February, and 29 February minus a year
is 28 February. Terms in the fasenmodel, the Thuiszitterspact, TLV signalling and the
retention periods all count this way.
"""

from datetime import date

from dateutil.relativedelta import relativedelta


def plus_maanden(datum: date, maanden: int) -> date:
    """The same day `maanden` months later (earlier when negative), clamped to the month's
    last day."""
    return datum + relativedelta(months=maanden)


def plus_jaren(datum: date, jaren: int) -> date:
    """The same day `jaren` years later (earlier when negative); 29 February becomes the 28th."""
    return datum + relativedelta(years=jaren)
