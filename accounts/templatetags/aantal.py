"""`{{ n|aantal:"vraag,vragen" }}` → "1 vraag", "6 vragen" (accounts/aantallen.py).
`{{ n|vorm:"staat,staan" }}` gives only the word, for a verb that follows the count."""

from django import template

from accounts.aantallen import aantal as _aantal
from accounts.aantallen import vorm as _vorm

register = template.Library()


def _getal(waarde) -> int:
    return (
        len(waarde) if hasattr(waarde, "__len__") and not isinstance(waarde, str) else int(waarde)
    )


@register.filter
def aantal(waarde, vormen: str) -> str:
    """A number or a collection (its length) with the right form of the noun."""
    return _aantal(_getal(waarde), vormen)


@register.filter
def vorm(waarde, vormen: str) -> str:
    return _vorm(_getal(waarde), vormen)
