"""`{{ label|klein }}`: a label in lower case inside a sentence, with MDO, OPP, TLV and
SWV kept in capitals (accounts/schrijfwijze.py). Use it instead of `|lower`.
`{{ uren|getal }}`: a number with a decimal comma and no trailing zeros ("44,5")."""

from django import template
from django.template.defaultfilters import stringfilter

from accounts.schrijfwijze import getal as _getal
from accounts.schrijfwijze import klein as _klein

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def klein(waarde: str) -> str:
    return _klein(waarde)


@register.filter(is_safe=True)
def getal(waarde) -> str:
    return _getal(waarde)
