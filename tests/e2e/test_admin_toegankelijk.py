"""The beheeromgeving (Django's admin) passes axe-core's WCAG 2.1 A/AA checks as the
region's beheerder sees it, on a desktop and on a phone (issue 16, part 5).

Before, axe found 6 violations (3 pages, 2 widths each): breadcrumb links told apart from
the crumb text by colour alone (1.42:1, `link-in-text-block`) and the organisation
form's autocomplete fields (Select2) without a name when empty
(`aria-input-field-name`). The fixes: templates/admin/base_site.html loads
static/css/admin.css and static/js/admin.js.

The same pages are valid HTML (Nu Html Checker): Django's autocomplete select had an
empty <option> without a label (4 errors); accounts/admin.py gives it one.
"""

import json
import shutil
import subprocess

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tests.conftest import login_verified, user_by_email
from tests.e2e.axe import AXE, ROOT, axe_violations, describe

pytestmark = pytest.mark.e2e

DESKTOP, TELEFOON = 1280, 375
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def log_in(context, live_server, email: str) -> None:
    sessie = login_verified(Client(), user_by_email(email)).cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": sessie, "url": live_server.url}])


def admin_pages(user) -> list[str]:
    """The admin's index and, per model the user may see, its list, its add form and the
    change form of one object (not her own account: that one she cannot switch off)."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        label = f"{meta.app_label}.%s_{meta.model_name}"
        if not user.has_perm(label % "view"):
            continue
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if user.has_perm(label % "add"):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        obj = model.objects.exclude(pk=user.pk if model is type(user) else None).first()
        if obj is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
    return urls


def test_the_admin_passes_axe_for_the_regional_beheerder(
    live_server, browser: Browser, demo_region
):
    assert AXE.exists(), "axe-core ontbreekt: make assets installeert het (npm ci)"
    beheer = user_by_email("beheer@demo.nl")
    # axe-core is injected as a script, which the admin's Content-Security-Policy refuses.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    log_in(context, live_server, beheer.email)
    page = context.new_page()
    urls = admin_pages(beheer)
    assert len(urls) >= 8  # index, users, organisations and TLV settings
    schendingen = []
    for url in urls:
        for breedte in (DESKTOP, TELEFOON):
            page.set_viewport_size({"width": breedte, "height": 900})
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            schendingen += describe(url, breedte, axe_violations(page))
    context.close()
    assert not schendingen, "\n".join(schendingen)


def test_an_empty_autocomplete_field_is_named_by_its_label(live_server, page: Page, demo_region):
    """The fix runs under the admin's own Content-Security-Policy (no bypass here)."""
    log_in(page.context, live_server, "beheer@demo.nl")
    page.goto(live_server.url + reverse("admin:accounts_organisatie_add"))
    expect(page.get_by_role("combobox", name="Samenwerkingsverband")).to_be_visible()
    expect(page.get_by_role("combobox", name="Gemeente")).to_be_visible()


def test_the_admin_is_valid_html(client, demo_region, tmp_path):
    java = shutil.which("java")
    assert java, "Java ontbreekt: vnu (de Nu Html Checker) draait op Java"
    assert VNU.exists(), "vnu-jar ontbreekt: make assets installeert het (npm ci)"
    beheer = user_by_email("beheer@demo.nl")
    login_verified(client, beheer)
    urls = admin_pages(beheer)
    for i, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{i}.html").write_bytes(response.content)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    uit = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    fouten = [
        f"{urls[int(m['url'].rsplit('/', 1)[-1].split('.')[0])]}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in json.loads(uit.stderr)["messages"]
    ]
    assert not fouten, "\n".join(fouten)
