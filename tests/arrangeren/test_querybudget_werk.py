"""Query budgets of "Mijn werk" and the route's pages: a fixed number per persona.

"Mijn werk" asked the rights per MDO invitation and per signature request, so the
jeugdteam's start page grew from 23 to 179 queries between 1,000 and 100,000 pupils
(issue 13). Every page here is counted with the demo region plus three pupils with a
traject, an MDO (the jeugdteam invited), an OPP out for signature and overdue items, and
again after 50 such pupils more: a count that grows with the data fails, and so does a
count above the region target of 16 (the bare authenticated page's 6 included) unless
UITZONDERINGEN names the page with its reason.
"""

import pytest
from django.urls import reverse

from accounts.models import Lidmaatschap
from accounts.rollen import Rol
from arrangeren.route.models import Traject
from tests.arrangeren.schaal_helpers import BUDGET, groei, inloggen, tel

PERSONAS = [
    "ib@demo.nl",
    "mentor@demo.nl",
    "directie@demo.nl",
    "ouder@demo.nl",
    "jeugdteam@demo.nl",
    "swv@demo.nl",
    "leerplicht@demo.nl",
]
# Who reaches the traject and MDO pages of the pupils `groei` adds.
ROUTE = ["ib@demo.nl", "mentor@demo.nl", "directie@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl"]
GROEI = 50

# (page, persona) -> the most queries it may take, with the reason it is above BUDGET.
# "Mijn werk" gathers a card per app: besides the route, OPP and jeugdhulp parts counted
# here (each a fixed 1 to 3 queries), the start page itself (undelivered mail, the
# number of pupils, the role's organisation), the fasenmodel's thuiszitters and signals
# and the TLV's endings each take their own queries.
UITZONDERINGEN = {
    # every card: OPP 3, route 2, jeugdhulp 2, TLV 2 (requests waiting, endings), log 1;
    # the bell's count is in BUDGET
    # + 1 for whoever agrees to kader exceptions (school, SWV): the count of kader
    # exceptions waiting for their agreement (arrangeren/jeugdhulp/werk.py).
    ("home", "ib@demo.nl"): 24,
    ("home", "directie@demo.nl"): 19,
    ("home", "swv@demo.nl"): 21,  # the region's thuiszitters and the TLV queue besides
    # An outsider's invitations and signature requests are checked against the pupils'
    # consent (2 queries each) and the access log reads the object permissions (1).
    ("home", "jeugdteam@demo.nl"): 19,
    # The question after a held MDO (docs/monitor.md): one query for all the children.
    ("home", "ouder@demo.nl"): 17,
    # The MDO planner's required parties (arrangeren/route/voorstellen.py): whether the
    # pupil has an open thuiszitter entry (1), and the people of the parties a situation
    # requires (1, only when one does).
    ("mdo", "ib@demo.nl"): 18,
}


# Fasenmodel (docs/fasenmodel.md): "Mijn werk" reads the exemptions running out
# (leerplicht, the SWV, the jeugdteam: 1), the school's Variawet deviations ending and the
# phase-4 pupils without an OPP (school: 2, SWV: 1); the traject page the pupil's phase
# for the regie it implies (1, arrangeren/route/faseregie.py).
for _sleutel, _extra in [
    (("home", "ib@demo.nl"), 2),
    (("home", "directie@demo.nl"), 2),
    (("home", "swv@demo.nl"), 2),
    (("home", "jeugdteam@demo.nl"), 1),
    (("home", "leerplicht@demo.nl"), 1),
    *((("traject", p), 1) for p in ROUTE),
]:
    UITZONDERINGEN[_sleutel] = UITZONDERINGEN.get(_sleutel, BUDGET) + _extra


# Opschalen (docs/route.md): "Mijn werk" of a professional asks once for the open
# escalations addressed to her (accounts/opschalen.py), the traject page once for the
# traject's escalations (the school's staff and its editors).
# End of care (docs/jeugdhulp.md, "Einde van de zorg"): the school's and the jeugdteam's
# "Mijn werk" ask once for inzet ending within 6 weeks without agreements.
for _sleutel, _extra in [
    *((("home", p), 1) for p in PERSONAS if not p.startswith("ouder")),
    (("traject", "ib@demo.nl"), 1),
    (("traject", "mentor@demo.nl"), 1),
    (("home", "ib@demo.nl"), 1),
    (("home", "directie@demo.nl"), 1),
    (("home", "jeugdteam@demo.nl"), 1),
]:
    UITZONDERINGEN[_sleutel] = UITZONDERINGEN.get(_sleutel, BUDGET) + _extra


@pytest.fixture
def directie(db) -> Lidmaatschap:
    """The director of De Regenboog, acting as directeur (the demo persona also manages
    the school)."""
    beheer = Lidmaatschap.objects.filter(user__email="directie@demo.nl").first()
    lid, _ = Lidmaatschap.objects.get_or_create(
        user=beheer.user, organisatie=beheer.organisatie, rol=Rol.DIRECTEUR
    )
    return lid


def _paginas(persona: str, traject: Traject) -> dict[str, str]:
    paginas = {"home": reverse("home"), "trajecten": reverse("arrangeren:traject_list")}
    if persona in ROUTE:
        paginas["traject"] = reverse("arrangeren:traject_detail", args=[traject.uuid])
        mdo = traject.mdos.get()
        paginas["mdo"] = reverse("arrangeren:mdo_detail", args=[mdo.uuid])
    return paginas


def _meet(client, traject: Traject, directie: Lidmaatschap) -> dict[tuple[str, str], int]:
    tellingen = {}
    for persona in PERSONAS:
        inloggen(client, persona)
        if persona == "directie@demo.nl":
            sessie = client.session
            sessie["samenplan_rolcontext"] = str(directie.pk)
            sessie.save()
        for pagina, url in _paginas(persona, traject).items():
            status, aantal = tel(client, url)
            assert status == 200, (pagina, persona, status)
            tellingen[pagina, persona] = aantal
        client.logout()
    return tellingen


def test_no_page_grows_with_the_number_of_trajecten_invitations_or_signatures(client, directie):
    traject = groei(3)[1]  # every list holds something: an empty one may skip its query
    klein = _meet(client, traject, directie)
    groei(GROEI, start=3)
    groot = _meet(client, traject, directie)
    fouten = []
    for sleutel, aantal in groot.items():
        budget = UITZONDERINGEN.get(sleutel, BUDGET)
        if aantal != klein[sleutel]:
            fouten.append(f"{sleutel}: {klein[sleutel]} -> {aantal} queries (groeit)")
        elif aantal > budget:
            fouten.append(f"{sleutel}: {aantal} queries (budget {budget})")
    assert not fouten, "\n".join(fouten)


def test_the_exceptions_name_pages_that_are_counted():
    for pagina, persona in UITZONDERINGEN:
        assert persona in PERSONAS and pagina in {"home", "trajecten", "traject", "mdo"}, (
            pagina,
            persona,
        )


def test_growth_reaches_every_list_of_mijn_werk(client, login, directie):
    """`groei` fills what "Mijn werk" lists, or a growing count would go unseen."""
    groei(3)
    login("ib@demo.nl")
    html = client.get(reverse("home")).content.decode()
    for kop in (
        "OPP: vraagt aandacht",
        "Vraagt aandacht",
        "Jeugdhulp: vraagt aandacht",
        "Te ondertekenen",
        "MDO's waarvoor u bent uitgenodigd",
        "Komende MDO's",
        "Lopende trajecten",
    ):
        assert kop in html, kop
    login("jeugdteam@demo.nl")
    html = client.get(reverse("home")).content.decode()
    for kop in ("Te ondertekenen", "MDO's waarvoor u bent uitgenodigd", "Jeugdhulp"):
        assert kop in html, kop
