"""How words are written in the UI: MDO, OPP, TLV and SWV always in capitals.

`klein()` puts a label in lower case for use inside a sentence ("Inzage in het OPP" →
"inzage in het OPP"), leaving abbreviations as they are; `str.lower()` and the `|lower`
filter would write "opp". Templates use `{{ label|klein }}` (accounts/templatetags/
schrijfwijze.py).
"""

import re

# A word, or an abbreviation with a letter in brackets such as S(B)O.
_WOORD = re.compile(r"[^\W\d_]+(?:\([^\W\d_]+\)[^\W\d_]+)?")


def _klein_woord(woord: re.Match) -> str:
    tekst = woord.group()
    return tekst if len(tekst) > 1 and tekst.isupper() else tekst.lower()


def klein(tekst: str) -> str:
    """Lower case for a label inside a sentence, abbreviations (MDO, OPP, S(B)O) kept."""
    return _WOORD.sub(_klein_woord, str(tekst))
