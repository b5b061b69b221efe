"""How words and numbers are written in the UI: MDO, OPP, TLV and SWV always in
capitals; numbers with a decimal comma ("44,5 van de 52 uur", never "44.5").

`klein()` puts a label in lower case for use inside a sentence ("Inzage in het OPP" →
"inzage in het OPP"), leaving abbreviations as they are; `str.lower()` and the `|lower`
filter would write "opp". Templates use `{{ label|klein }}` (accounts/templatetags/
schrijfwijze.py).
"""

import re
from decimal import Decimal

from django.utils.formats import number_format

# A word, or an abbreviation with a letter in brackets such as S(B)O.
_WOORD = re.compile(r"[^\W\d_]+(?:\([^\W\d_]+\)[^\W\d_]+)?")


def _klein_woord(woord: re.Match) -> str:
    tekst = woord.group()
    return tekst if len(tekst) > 1 and tekst.isupper() else tekst.lower()


def klein(tekst: str) -> str:
    """Lower case for a label inside a sentence, abbreviations (MDO, OPP, S(B)O) kept."""
    return _WOORD.sub(_klein_woord, str(tekst))


def getal(waarde: Decimal | float | int) -> str:
    """A number as the Dutch write it, without trailing zeros: 44.50 → "44,5", 52.0 →
    "52", 1234.5 → "1234,5". For text built in Python (messages, mail, PDF); templates
    use `{{ n|getal }}`. Machine-readable attributes use `|unlocalize` (progress) or
    `|svg` (the charts, fasenmodel/grafieken.py)."""
    if waarde is None:
        return ""
    vast = format(Decimal(str(waarde)).normalize(), "f")  # no exponent: 1E+2 → "100"
    return number_format(Decimal(vast), use_l10n=True)
