"""The region's table of who pays what (opp/betalers.py) on a page: `{% betaaltabel %}`
beside a choice of payer, `{% betaalregel thema betaler %}` for one chosen kind of support
with its warning, and `{{ inzet|betaalwaarschuwing }}` for an OPP inzet. No queries."""

from django import template

from opp import betalers

register = template.Library()


@register.inclusion_tag("opp/_betaaltabel.html")
def betaaltabel() -> dict:
    return {"afspraken": betalers.AFSPRAKEN, "handreiking_url": betalers.HANDREIKING_URL}


@register.inclusion_tag("opp/_betaalregel.html")
def betaalregel(thema: str | None, betaler: str | None) -> dict:
    return {
        "rij": betalers.afspraak(thema),
        "waarschuwing": betalers.waarschuwing(thema, betaler),
    }


@register.filter
def betaalwaarschuwing(inzet) -> str:
    """The warning for an OPP inzet whose payer contradicts its kind's row ("" if none)."""
    return betalers.waarschuwing(inzet.thema, inzet.bekostiging)
