"""`{{ x|svg }}`: a number for an SVG attribute, with a dot and at most two decimals, never
localised (fasenmodel/grafieken.py). The chart's visible numbers use `|getal` instead."""

from django import template

from fasenmodel.grafieken import svg_getal

register = template.Library()


@register.filter(is_safe=True)
def svg(waarde) -> str:
    return svg_getal(waarde)
