"""The head of every traject page: breadcrumbs and the nine steps as a progress indicator.

`{% traject_kruimelpad traject rechten "MDO 12 maart" mdo_url "Verslag" %}`: Start >
Leerlingen > the pupil > Traject > ... > the current page (accounts/templatetags/kruimelpad.py).
A member of the school invited to the MDO without reach of the pupil
(`TrajectRechten.schoollid`) opens neither the pupil nor the traject: Start > ... only.

`{% stappen_voortgang traject %}`: the nine steps of arrangeren/route/stappen.py, grouped
by block (voor / tijdens / na het MDO), each done, current or still to come.
"""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from accounts.templatetags.kruimelpad import kruimels, leerling_kruimels
from arrangeren.route.stappen import STAPPEN, Blok

register = template.Library()


@register.inclusion_tag("includes/kruimelpad.html", takes_context=True)
def traject_kruimelpad(context, traject, rechten, *stukken) -> dict:
    if not stukken:
        stukken = ("Traject",)
    if getattr(rechten, "schoollid", None) is not None:
        return {"kruimels": [("Start", reverse("home")), *kruimels(stukken)]}
    traject_url = reverse("arrangeren:traject_detail", args=[traject.uuid])
    pad = [*leerling_kruimels(context, traject.leerling)]
    if stukken == ("Traject",):
        return {"kruimels": [*pad, ("Traject", None)]}
    return {"kruimels": [*pad, ("Traject", traject_url), *kruimels(stukken)]}


@register.filter
def mdo_kruimel(mdo) -> str:
    """An MDO in the breadcrumbs: "MDO 24 oktober 2026", or without a time yet."""
    if mdo.start is None:
        return "MDO (tijd nog te kiezen)"
    return f"MDO {date_format(localtime(mdo.start), 'j F Y')}"


def stap_status(nummer: int, huidig: int, open_: bool) -> str:
    """ "klaar", "huidig" or "volgend" for step `nummer` of a traject at step `huidig`; in
    a closed traject its last step counts as done too."""
    if nummer < huidig or (nummer == huidig and not open_):
        return "klaar"
    if nummer == huidig:
        return "huidig"
    return "volgend"


@register.inclusion_tag("arrangeren/_stappen_voortgang.html")
def stappen_voortgang(traject) -> dict:
    blokken = []
    for blok in Blok:
        stappen = [
            {
                "stap": stap,
                "status": stap_status(stap.nummer, traject.huidige_stap, traject.is_open),
            }
            for stap in STAPPEN
            if stap.blok == blok
        ]
        blokken.append({"blok": blok, "stappen": stappen})
    klaar = sum(1 for blok in blokken for item in blok["stappen"] if item["status"] == "klaar")
    return {
        "traject": traject,
        "blokken": blokken,
        "klaar": klaar,
        "totaal": len(STAPPEN),
    }
