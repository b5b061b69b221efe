"""`{% fase_samenvatting leerling %}`: the pupil's phase and continuum signals, for the
pupil page (which has already checked access and written the access log)."""

from django import template
from django.utils import timezone

from fasenmodel import fasen, queries

register = template.Library()


@register.inclusion_tag("fasenmodel/_samenvatting.html")
def fase_samenvatting(leerling):
    plaatsing = queries.huidige_plaatsing(leerling)
    if plaatsing is None:
        return {"leerling": leerling, "plaatsing": None}
    return {
        "leerling": leerling,
        "plaatsing": plaatsing,
        "fase": fasen.fase(plaatsing.fase),
        "signalen": fasen.signalen(plaatsing, timezone.localdate()),
    }
