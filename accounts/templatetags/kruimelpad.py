"""Breadcrumbs (NL Design System breadcrumb-nav) in the page header, `{% block breadcrumbs %}`
of templates/base.html.

`{% kruimelpad "Thuiszitters" lijst_url "Sam de Vries" %}`: pairs of a label and its
address, then the current page's label; "Start" comes first by itself. A pair without a
label is left out, so an include can pass optional steps. Addresses carry uuids only, never
a name (docs/privacy.md).

`{% leerling_kruimelpad leerling "OPP" opp_url "Bewerken" %}`: the same after Start >
Leerlingen (for a parent: Mijn kinderen) > the pupil.
"""

from django import template
from django.urls import reverse

register = template.Library()


def kruimels(stukken: tuple) -> list[tuple[str, str | None]]:
    """(label, url) pairs from `label, url, ..., current label`; the current page has None."""
    *paren, huidig = stukken
    uit = [(str(label), url) for label, url in zip(paren[::2], paren[1::2], strict=True) if label]
    return [*uit, (str(huidig), None)]


def _start() -> tuple[str, str]:
    return ("Start", reverse("home"))


@register.inclusion_tag("includes/kruimelpad.html")
def kruimelpad(*stukken) -> dict:
    return {"kruimels": [_start(), *kruimels(stukken)]}


def leerling_kruimels(context, leerling) -> list[tuple[str, str]]:
    rolcontext = context.get("rolcontext")
    lijst = "Mijn kinderen" if rolcontext is not None and rolcontext.is_ouder else "Leerlingen"
    return [
        _start(),
        (lijst, reverse("accounts:leerling_list")),
        (leerling.volledige_naam, reverse("accounts:leerling_detail", args=[leerling.uuid])),
    ]


@register.inclusion_tag("includes/kruimelpad.html", takes_context=True)
def leerling_kruimelpad(context, leerling, *stukken) -> dict:
    """Without further steps the pupil's own page is the current one."""
    pad = leerling_kruimels(context, leerling)
    if not stukken:
        return {"kruimels": [*pad[:-1], (pad[-1][0], None)]}
    return {"kruimels": [*pad, *kruimels(stukken)]}
