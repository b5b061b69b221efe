"""The head of a traject page (issue 16, part 1): breadcrumbs with the current page, the
nine steps as a progress indicator, and the local table of contents on long pages."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route.services import open_traject, plan_mdo
from arrangeren.route.stappen import STAP, Voorwaarde
from tests.arrangeren.route_helpers import naar_stap_2


@pytest.fixture
def ib_lid(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def traject(sam, ib_lid):
    """Sam's traject at step 2: step 1 done."""
    voorwaarden = {v.value: "ja" for v in Voorwaarde}
    traject = open_traject(leerling=sam, door=ib_lid.user, namens=ib_lid, voorwaarden=voorwaarden)
    return naar_stap_2(traject, ib_lid.user)


@pytest.fixture
def mdo(traject, ib_lid):
    start = timezone.now() + timedelta(days=10)
    return plan_mdo(
        traject,
        {"doel": "Plan maken", "start": start, "eind": start + timedelta(hours=1), "locatie": "A"},
        door=ib_lid.user,
    )


def blok(html: str, klasse: str) -> str:
    """The <nav> with this class (these navs hold no other nav)."""
    gevonden = re.search(rf'<nav class="[^"]*\b{klasse}\b[^"]*".*?</nav>', html, re.S)
    assert gevonden, f"geen <nav class={klasse}> op de pagina"
    return gevonden.group(0)


def tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def kruimels(html: str) -> list[tuple[str, str | None, bool]]:
    """(label, href, aria-current=page) per breadcrumb."""
    nav = blok(html, "kruimelpad")
    assert 'aria-label="Kruimelpad"' in nav
    uit = []
    for item in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S):
        href = re.search(r'href="([^"]+)"', item)
        uit.append((tekst(item), href.group(1) if href else None, 'aria-current="page"' in item))
    return uit


def test_the_traject_page_has_breadcrumbs_to_the_pupil_with_the_traject_as_current(login, traject):
    response = login("ib@demo.nl").get(reverse("arrangeren:traject_detail", args=[traject.uuid]))
    assert kruimels(response.content.decode()) == [
        ("Start", reverse("home"), False),
        ("Leerlingen", reverse("accounts:leerling_list"), False),
        ("Sam de Vries", reverse("accounts:leerling_detail", args=[traject.leerling.uuid]), False),
        ("Traject", None, True),
    ]


def test_the_mdo_page_leads_back_to_the_traject_in_its_breadcrumbs(login, mdo):
    html = login("ib@demo.nl").get(reverse("arrangeren:mdo_detail", args=[mdo.uuid])).content
    pad = kruimels(html.decode())
    assert ("Traject", reverse("arrangeren:traject_detail", args=[mdo.traject.uuid]), False) in pad
    label, href, huidig = pad[-1]
    assert label.startswith("MDO ") and href is None and huidig
    # The breadcrumb replaces the old lone link back.
    assert "← Traject" not in html.decode()


def test_a_parent_s_breadcrumbs_say_mijn_kinderen(login, traject):
    html = login("ouder@demo.nl").get(reverse("arrangeren:traject_detail", args=[traject.uuid]))
    assert [label for label, _, _ in kruimels(html.content.decode())][:2] == [
        "Start",
        "Mijn kinderen",
    ]


def stappen(html: str) -> list[tuple[str, str, bool]]:
    """(status, text, aria-current=step) per step of the progress indicator."""
    nav = blok(html, "stappenindicator")
    return [
        (status, tekst(inhoud), "aria-current" in attrs)
        for status, attrs, inhoud in re.findall(
            r'<li class="stappenindicator__stap stappenindicator__stap--(\w+)"([^>]*)>(.*?)</li>',
            nav,
            re.S,
        )
    ]


@pytest.mark.parametrize("pagina", ["traject", "mdo", "stap"])
def test_the_progress_indicator_shows_the_nine_steps_with_the_current_one(
    login, traject, mdo, pagina
):
    url = {
        "traject": reverse("arrangeren:traject_detail", args=[traject.uuid]),
        "mdo": reverse("arrangeren:mdo_detail", args=[mdo.uuid]),
        "stap": reverse("arrangeren:stap_bewerken", args=[traject.uuid, 2]),
    }[pagina]
    html = login("ib@demo.nl").get(url).content.decode()
    rijen = stappen(html)
    assert len(rijen) == 9
    assert [status for status, _, _ in rijen] == ["klaar"] + ["huidig"] + ["volgend"] * 7
    huidig = [t for _, t, current in rijen if current]
    assert huidig == [f"2 Stap 2: {STAP[2].naam} (huidige stap) nu"]
    # The status is in words, not in colour alone.
    assert "(afgerond)" in rijen[0][1] and "(nog niet aan de beurt)" in rijen[2][1]
    nav = tekst(blok(html, "stappenindicator"))
    assert "Voortgang: stap 2 van 9 (1 afgerond)" in nav
    for bloknaam in ("Voor het MDO", "Tijdens het MDO", "Na het MDO"):
        assert bloknaam in nav


def test_only_the_progress_indicator_marks_the_current_step(login, traject):
    html = login("ib@demo.nl").get(reverse("arrangeren:traject_detail", args=[traject.uuid]))
    assert html.content.decode().count('aria-current="step"') == 1


def inhoudsopgave_klopt(html: str) -> list[str]:
    """The anchors of "Op deze pagina"; each must name an id on the page."""
    nav = blok(html, "op-deze-pagina")
    assert "Op deze pagina" in nav
    ankers = re.findall(r'href="#([^"]+)"', nav)
    assert ankers
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert [a for a in ankers if a not in ids] == []
    return ankers


def test_the_long_pages_have_a_table_of_contents_whose_links_point_at_sections(
    login, traject, mdo, sam
):
    from opp.models import Opp

    client = login("ib@demo.nl")
    mdo_pagina = client.get(reverse("arrangeren:mdo_detail", args=[mdo.uuid])).content.decode()
    assert "genodigden-kop" in inhoudsopgave_klopt(mdo_pagina)
    traject_pagina = client.get(reverse("arrangeren:traject_detail", args=[traject.uuid]))
    assert "stappen-kop" in inhoudsopgave_klopt(traject_pagina.content.decode())
    opp = Opp.objects.filter(leerling=sam).first()
    opp_pagina = client.get(reverse("opp:opp_detail", args=[opp.uuid])).content.decode()
    assert "handelingsdeel-kop" in inhoudsopgave_klopt(opp_pagina)
