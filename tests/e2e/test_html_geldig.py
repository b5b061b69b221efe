"""Every page each persona can open is valid HTML: the Nu Html Checker (vnu) reports 0 errors.

The pages are the permission matrix's (tests/accounts/permissiematrix/), fetched with
Django's test client as each persona, as the matrix test does: every GET row whose
expected status for the persona is 200, plus the pages anyone can open (login, password
reset). htmx fragments are checked too, inside a minimal document, and so is each page
again after a failed submit (every form with a required field, posted with it empty),
where the error summary and the marked fields appear. vnu (npm `vnu-jar`,
`make assets` installs it) runs once, on all of them, with the machine's Java.

The Django admin is left out: its markup is Django's own, not ours to keep valid.
Marked e2e so that it runs once in CI, with the browser tests: it needs Java and
`node_modules`, and it fetches a few hundred pages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.permissiematrix.entries import ANONIEM, IEDEREEN, OUDER_ZONDER_GEZAG
from tests.accounts.permissiematrix.matrix import MATRIX, login_as

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Fewer pages than this means the crawl broke, not that the app got smaller.
MINSTENS = 150
MINSTENS_NA_FOUT = 20
FRAGMENT = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Fragment</title>'
    "</head><body>{}</body></html>"
)


def is_html(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def als_document(html: str) -> str:
    """A whole page as it is; an htmx fragment inside a minimal document."""
    if html.lstrip()[:15].lower() == "<!doctype html>":
        return html
    return FRAGMENT.format(html)


def matrix_urls(persona: str) -> list[tuple[str, str]]:
    """(name, url) of every GET row the persona may open (expected 200), admin aside.
    `kwargs()` makes the objects the page needs, as in the matrix test."""
    urls = []
    for naam in sorted(MATRIX):
        entry = MATRIX[naam]
        if naam.startswith("admin:") or entry.method != "get" or entry.expected(persona) != 200:
            continue
        urls.append((naam, reverse(naam, kwargs=entry.kwargs() if entry.kwargs else {})))
    return urls


def extra_urls(persona: str) -> list[tuple[str, str]]:
    """(name, url) of states the matrix's rows do not reach."""
    if persona != "ib@demo.nl":
        return []
    from accounts.models import Leerling
    from accounts.toestemming import regel_voor

    # From 12 the pupil has a say: the consent page shows a second form, for the pupil's
    # own answer, beside the one that asks the parents (Sam, the matrix's pupil, is 9).
    oudere = next(
        leerling
        for leerling in Leerling.objects.filter(school__naam="Basisschool De Regenboog")
        if regel_voor(leerling).leerling
    )
    naam = "accounts:leerling_toestemming"
    return [(naam, reverse(naam, kwargs={"uuid": oudere.uuid}))]


def bewaar_paginas(map_: Path, mislukt: list[str]) -> dict[str, str]:
    """Fetch every page per persona into `map_`; returns file name -> "persona url".
    A page the persona should open that does not answer 200 goes in `mislukt`."""
    bewaard: dict[str, str] = {}
    # The parent without custody last: logging in as him ends ouder2's custody of Sam.
    for persona in [*IEDEREEN, OUDER_ZONDER_GEZAG]:
        client = Client(raise_request_exception=False)
        if persona != ANONIEM:
            login_as(client, persona)
        for naam, url in matrix_urls(persona) + extra_urls(persona):
            response = client.get(url)
            if response.status_code != 200:
                mislukt.append(f"{persona} {naam}: {response.status_code}")
                continue
            if not is_html(response):
                continue  # a download: PDF, .ics, CSV
            html = response.content.decode()
            bewaar(map_, bewaard, f"{persona} {url}", html)
            for na in na_een_fout(client, url, html):
                bewaar(map_, bewaard, f"{persona} {url} (na een fout)", na)
    return bewaard


def bewaar(map_: Path, bewaard: dict[str, str], waar: str, html: str) -> None:
    bestand = f"{len(bewaard):04d}.html"
    (map_ / bestand).write_text(als_document(html))
    bewaard[bestand] = waar


class Formulieren(HTMLParser):
    """The POST forms of a page that have a required field: action and hidden values."""

    def __init__(self) -> None:
        super().__init__()
        self.formulieren: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._open = {"action": a.get("action"), "velden": {}, "verplicht": False}
        elif self._open is not None and tag in ("input", "textarea", "select"):
            if a.get("type") == "hidden" and a.get("name"):
                self._open["velden"][a["name"]] = a.get("value") or ""
            elif "required" in a:
                self._open["verplicht"] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open is not None:
            if self._open["verplicht"]:
                self.formulieren.append(self._open)
            self._open = None


def na_een_fout(client: Client, url: str, html: str) -> list[str]:
    """The page after each of its forms was sent with the required fields left empty
    (hidden values as they were, so nothing is saved): the HTML of every answer that
    is a page."""
    lezer = Formulieren()
    lezer.feed(html)
    paginas = []
    for formulier in lezer.formulieren:
        response = client.post(formulier["action"] or url, formulier["velden"], follow=True)
        if is_html(response):
            paginas.append(response.content.decode())
    return paginas


def vnu_fouten(map_: Path) -> list[dict]:
    """vnu's errors (not warnings) on every file in `map_`, in one run of the checker."""
    java = shutil.which("java")
    assert java, "Java ontbreekt: vnu (de Nu Html Checker) draait op Java"
    assert VNU.exists(), "vnu-jar ontbreekt: make assets installeert het (npm ci)"
    uitvoer = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(map_)],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    return json.loads(uitvoer.stderr)["messages"]


def test_every_page_is_valid_html(demo_region, tmp_path):
    mislukt: list[str] = []
    bewaard = bewaar_paginas(tmp_path, mislukt)
    fouten = vnu_fouten(tmp_path)
    regels = [
        f"{bewaard.get(Path(f.get('url', '')).name, f.get('url'))} "
        f"(regel {f.get('lastLine')}): {f['message']} {f.get('extract', '')!r}"
        for f in fouten
    ]
    na_fout = sum("(na een fout)" in waar for waar in bewaard.values())
    print(f"{len(bewaard)} pagina's gecontroleerd ({na_fout} na een fout), {len(fouten)} fouten")
    assert len(bewaard) >= MINSTENS, f"only {len(bewaard)} pages checked"
    assert na_fout >= MINSTENS_NA_FOUT, f"only {na_fout} pages after a failed submit"
    assert not fouten, "\n".join(regels)
    assert not mislukt, "\n".join(mislukt)
