"""axe-core on every page each persona can reach, at desktop and at phone width.

The pages are the permission matrix's (tests/e2e/paginas.py). Each persona's crawl
fails on any WCAG 2.1 A/AA violation axe-core reports, on a page that scrolls sideways
at 375 px, and on a page the matrix lets the persona open that did not open.
"""

import pytest

from tests.accounts.permissiematrix.entries import IEDEREEN
from tests.e2e.axe import AXE
from tests.e2e.paginas import crawl

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("persona", IEDEREEN)
def test_every_page_passes_axe_and_fits_a_phone(live_server, browser, demo_region, persona):
    assert AXE.exists(), "axe-core ontbreekt: make assets installeert het (npm ci)"
    # axe-core is injected as a script; the app's Content-Security-Policy rightly refuses
    # scripts it did not serve, so this one context sets it aside.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    uit = crawl(context, persona, live_server.url)
    context.close()
    print(f"{persona}: {len(uit.bekeken)} pagina's, overgeslagen: {uit.overgeslagen}")
    assert uit.bekeken, "the crawl checked no page"
    problemen = [*uit.mislukt, *uit.schendingen, *uit.zijwaarts]
    if problemen:
        # Every finding in full (an assert's message would be cut short).
        pytest.fail(f"{persona}:\n" + "\n".join(problemen), pytrace=False)
