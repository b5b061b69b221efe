"""Breadcrumbs never lead where the reader may not go: on every page a persona opens (the
permission matrix's GET rows), each breadcrumb link opens for her too, and the last
crumb is the current page (issue 16, part 1; templates/includes/kruimelpad.html)."""

import re

import pytest

from tests.conftest import login_verified, user_by_email
from tests.e2e.paginas import urls_voor

KRUIMELPAD = re.compile(r'<nav class="utrecht-breadcrumb-nav kruimelpad".*?</nav>', re.S)


@pytest.mark.parametrize(
    "persona", ["ib@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl", "leerplicht@demo.nl"]
)
def test_every_breadcrumb_opens_for_whoever_sees_it(client, db, persona):
    login_verified(client, user_by_email(persona))
    met_kruimelpad, doodlopend = 0, []
    for naam, url in urls_voor(persona):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        nav = KRUIMELPAD.search(response.content.decode())
        if nav is None:
            continue
        met_kruimelpad += 1
        assert nav.group(0).count('aria-current="page"') == 1, naam
        for href in re.findall(r'href="([^"]+)"', nav.group(0)):
            if client.get(href).status_code != 200:
                doodlopend.append(f"{naam}: {href}")
    assert met_kruimelpad, "no page of this persona has breadcrumbs"
    assert doodlopend == []


def test_an_invited_teacher_without_reach_sees_no_crumb_to_the_pupil_or_traject(client, db):
    """mentor@ after Sam got another mentor, still invited to Sam's MDO: she opens the
    meeting, not the pupil or the traject (tests/accounts/permissiematrix/test_genodigde.py)."""
    from django.urls import reverse

    from accounts.models import Leerling
    from tests.accounts.permissiematrix.kwargs import mdo_kwargs

    url = reverse("arrangeren:mdo_detail", kwargs=mdo_kwargs())
    mentor = user_by_email("mentor@demo.nl")
    Leerling.objects.get(voornaam="Sam", achternaam="Vries").mentoren.remove(mentor)
    login_verified(client, mentor)
    nav = KRUIMELPAD.search(client.get(url).content.decode()).group(0)
    assert re.findall(r'href="([^"]+)"', nav) == [reverse("home")]
    assert 'aria-current="page">MDO ' in nav
