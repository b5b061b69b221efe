"""`{{ inzet.soort|betaalthema }}`: the kind of support in the region's table of who pays
for a jeugdhulp inzet (arrangeren/jeugdhulp/betalers.py), for `{% betaalregel %}`."""

from django import template

from arrangeren.jeugdhulp import betalers

register = template.Library()


@register.filter
def betaalthema(soort: str) -> str:
    return betalers.betaalthema(soort) or ""
