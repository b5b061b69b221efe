"""Every page a persona can reach, in a real browser: the crawl behind
`test_paginas.py` (axe-core and sideways scrolling at desktop and phone width).

The pages are the permission matrix's rows (tests/accounts/permissiematrix/): each GET
row whose expected status for the persona is 200. The row's `kwargs()` makes the
objects the page needs, as it does for the matrix test. Fragments (htmx partials),
downloads (PDF, .ics, CSV) and redirects are not pages and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page

from tests.accounts.permissiematrix.entries import ANONIEM
from tests.accounts.permissiematrix.matrix import MATRIX
from tests.conftest import login_verified, user_by_email
from tests.e2e.axe import axe_violations

DESKTOP, TELEFOON = 1280, 375


@dataclass
class Bevindingen:
    """What the crawl saw, per persona: every page checked and every problem found."""

    bekeken: list[str] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    mislukt: list[str] = field(default_factory=list)
    schendingen: list[str] = field(default_factory=list)
    zijwaarts: list[str] = field(default_factory=list)


def urls_voor(persona: str) -> list[tuple[str, str]]:
    """(name, url) of every GET row of the matrix the persona may open (expected 200).

    `kwargs()` runs once per row, in the matrix's order, so the objects one row makes
    (a traject, an MDO) are there for the next."""
    urls = []
    for naam in sorted(MATRIX):
        entry = MATRIX[naam]
        if entry.method != "get" or entry.expected(persona) != 200:
            continue
        kwargs = entry.kwargs() if entry.kwargs else {}
        urls.append((naam, reverse(naam, kwargs=kwargs)))
    return urls


def log_in(context: BrowserContext, persona: str, domein: str) -> None:
    """The persona's session (second factor passed) in the browser, as the matrix test
    logs in its client: the crawl checks pages, not the login form."""
    if persona == ANONIEM:
        return
    client = login_verified(Client(), user_by_email(persona))
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": domein}])


def zijwaarts(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def is_pagina(response) -> bool:
    """A whole HTML page: text/html with a doctype (not an htmx fragment or a download)."""
    if not response.headers.get("content-type", "").startswith("text/html"):
        return False
    return response.text().lstrip()[:15].lower() == "<!doctype html>"


def bekijk(page: Page, domein: str, naam: str, url: str, uit: Bevindingen) -> None:
    """Open one page at desktop width and at phone width and note what is wrong."""
    vooraf = page.context.request.get(domein + url, max_redirects=0)
    if vooraf.status != 200:
        # The matrix says the persona opens this page: the crawl must reach it.
        uit.mislukt.append(f"{naam}: {vooraf.status}")
        return
    if not is_pagina(vooraf):
        uit.overgeslagen.append(f"{naam} ({vooraf.status})")
        return
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto(domein + url)
    uit.bekeken.append(naam)
    for breedte in (DESKTOP, TELEFOON):
        if breedte != DESKTOP:
            page.set_viewport_size({"width": breedte, "height": 800})
        for v in axe_violations(page):
            uit.schendingen.append(
                f"{naam} @{breedte}px: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
            )
    te_breed = zijwaarts(page)
    if te_breed:
        uit.zijwaarts.append(f"{naam} @{TELEFOON}px: {te_breed}px te breed")


def crawl(context: BrowserContext, persona: str, domein: str) -> Bevindingen:
    log_in(context, persona, domein)
    page = context.new_page()
    uit = Bevindingen()
    for naam, url in urls_voor(persona):
        bekijk(page, domein, naam, url, uit)
    return uit
