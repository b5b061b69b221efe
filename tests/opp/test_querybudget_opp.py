"""Query budgets of the OPP page: a fixed number per persona, whatever the OPP holds.

The page once recomputed the canonical content for every signature and listed every
organisation of the region in a form per goal (issue 13). It is counted here on Sam's
demo OPP with one more of everything, and again with many goals, inzet, signatures and
organisations more: a count that grows with the OPP fails, and so does one above the
region target of 15 (the bare authenticated page's 5 included).
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.rollen import Soort
from opp import services
from opp.inhoud import canoniek, sha256
from opp.models import Inzet, Ondertekening, Opp, OppDoel
from tests.arrangeren.schaal_helpers import BUDGET, inloggen, tel
from tests.conftest import user_by_email
from tests.factories import OrganisatieFactory, UserFactory
from tests.opp.helpers import alle_tekenen, met_toegang


def groei_opp(opp: Opp, aantal: int) -> None:
    """`aantal` more goals (two inzet each, by organisations of the region), organisations
    and signatures that hold a signed content (each verified on the page)."""
    organisaties = OrganisatieFactory.create_batch(aantal, soort=Soort.JEUGDHULPAANBIEDER)
    doelen = OppDoel.objects.bulk_create(
        OppDoel(
            opp=opp,
            volgorde=100 + i,
            domein="emotieregulatie",
            soort="beide",
            omschrijving=f"Doel {i}",
        )
        for i in range(aantal)
    )
    Inzet.objects.bulk_create(
        Inzet(
            doel=doel,
            wat=f"Inzet {j}",
            wie="Begeleider",
            organisatie=organisatie,
            vanaf=date.today(),
        )
        for doel, organisatie in zip(doelen, organisaties, strict=True)
        for j in range(2)
    )
    inhoud = canoniek(opp)
    Ondertekening.objects.bulk_create(
        Ondertekening(
            opp=opp,
            ondertekenaar=UserFactory(),
            partij=Ondertekening.Partij.OUDER,
            status=Ondertekening.Status.GETEKEND,
            beantwoord_op=timezone.now(),
            methode=Ondertekening.Methode.WACHTWOORD,
            inhoud=inhoud,
            inhoud_hash=sha256(inhoud),
        )
        for _ in range(aantal)
    )


def _tellingen(client, opp: Opp, personas: list[str]) -> dict[str, int]:
    tellingen = {}
    for persona in personas:
        inloggen(client, persona)
        status, aantal = tel(client, reverse("opp:opp_detail", args=[opp.uuid]))
        assert status == 200, persona
        tellingen[persona] = aantal
        client.logout()
    return tellingen


# (state, persona) -> budget above BUDGET, with the reason.
UITZONDERINGEN = {
    # An outsider's rights read the pupil's consent (2 queries) and the access log reads
    # the object permission that gives the reach (1), all in accounts.
    ("wacht", "jeugdteam@demo.nl"): 17,
    # The concept carries the send form (and a request out without the jeugdteam the
    # form to add it), whose list of jeugdteam members the parents' consent covers needs
    # the consent and custody rows (2, the latter shared with who still signs) and the
    # members (1).
    ("concept", "ib@demo.nl"): 17,
    ("zonder toegang", "ib@demo.nl"): 17,
}
# Sam has a running gezinsplan (docs/opp.md, "Gezinsplan"): the page reads it (1) and, for
# whoever is neither a parent nor of the plan's own organisation, the parents' consent to
# share it (1, with the custody rows the page reads anyway).
GEZINSPLAN = {"ib@demo.nl": 2, "mentor@demo.nl": 2, "jeugdteam@demo.nl": 1}


def _vergelijk(toestand: str, klein: dict[str, int], groot: dict[str, int]) -> list[str]:
    return [
        f"{persona}: {klein[persona]} -> {groot[persona]} queries"
        for persona in klein
        if groot[persona] != klein[persona]
        or groot[persona]
        > UITZONDERINGEN.get((toestand, persona), BUDGET) + GEZINSPLAN.get(persona, 0)
    ]


@pytest.fixture
def opp(sam):
    """Sam's demo OPP, waiting for signatures; the jeugdteam asked as well."""
    opp = Opp.objects.get(leerling=sam, versie=1)
    met_toegang(opp)
    return opp


PERSONAS = ["ib@demo.nl", "mentor@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl"]


def test_the_opp_waiting_for_signatures_costs_the_same_whatever_it_holds(client, opp):
    groei_opp(opp, 1)
    klein = _tellingen(client, opp, PERSONAS)
    groei_opp(opp, 40)
    groot = _tellingen(client, opp, PERSONAS)
    assert not _vergelijk("wacht", klein, groot), (klein, groot)


def test_a_request_without_the_jeugdteam_costs_the_same_whatever_it_holds(client, sam):
    opp = Opp.objects.get(leerling=sam, versie=1)  # the jeugdteam not asked yet
    groei_opp(opp, 1)
    klein = _tellingen(client, opp, ["ib@demo.nl", "ouder@demo.nl"])
    groei_opp(opp, 40)
    groot = _tellingen(client, opp, ["ib@demo.nl", "ouder@demo.nl"])
    assert not _vergelijk("zonder toegang", klein, groot), (klein, groot)


def test_a_concept_with_its_forms_costs_the_same_whatever_it_holds(client, opp):
    alle_tekenen(opp)
    concept = services.nieuwe_versie(opp, door=user_by_email("ib@demo.nl"), reden="Bijstellen")
    groei_opp(concept, 1)
    klein = _tellingen(client, concept, ["ib@demo.nl", "ouder@demo.nl"])
    groei_opp(concept, 40)
    groot = _tellingen(client, concept, ["ib@demo.nl", "ouder@demo.nl"])
    assert not _vergelijk("concept", klein, groot), (klein, groot)


def test_the_page_lists_no_more_organisations_when_the_region_grows(client, login, opp):
    login("ib@demo.nl")
    url = reverse("opp:opp_detail", args=[opp.uuid])
    voor = client.get(url).content.decode().count("<option")
    OrganisatieFactory.create_batch(60, soort=Soort.JEUGDHULPAANBIEDER)
    assert client.get(url).content.decode().count("<option") == voor
