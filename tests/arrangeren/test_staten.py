"""States that match reality (issue 15, part 2): the report is final only after the
meeting started, so the MDO is not "Gehouden" and the TLV checklist does not tick "MDO
gehouden met ouders" before anyone met."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route import services
from arrangeren.route.models import Mdo
from arrangeren.route.stappen import Voorwaarde
from arrangeren.route.uitkomsten import huidig_mdo, laatste_verslag
from arrangeren.tlv import queries as tlv_queries
from tests.arrangeren.route_helpers import overleg_gehouden, plan_en_nodig_uit, schrijf_verslag
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier

ALLE_VOORWAARDEN = {v.value: "ja" for v in Voorwaarde}


@pytest.fixture
def ib_lid(db):
    return Lidmaatschap.objects.get(user__email="ib@demo.nl")


@pytest.fixture
def mdo(sam, ib_lid):
    """Sam's MDO in two weeks, its report complete but still a concept."""
    traject = services.open_traject(
        leerling=sam, door=ib_lid.user, namens=ib_lid, voorwaarden=ALLE_VOORWAARDEN
    )
    services.bewaar_stapuitkomst(
        traject,
        1,
        {"observaties": "In de klas", "hypothesen": "Twee"},
        door=ib_lid.user,
        versie=None,
    )
    services.move_to_step(traject, 2, door=ib_lid.user)
    plan_en_nodig_uit(traject, ib_lid.user)
    schrijf_verslag(traject, ib_lid.user, vaststellen=False)
    return huidig_mdo(traject)


def test_before_the_meeting_the_page_says_from_when_the_report_can_be_final(client, login, mdo):
    login("ib@demo.nl")
    url = reverse("arrangeren:verslag", args=[mdo.uuid])
    html = client.get(url).content.decode()
    start = timezone.localtime(mdo.start)
    assert "Verslag vaststellen</button>" not in html
    assert f"om {start:%H:%M}; vanaf dan kunt u het verslag vaststellen" in html

    verslag = laatste_verslag(mdo)
    response = client.post(
        url, {"actie": "vaststellen", "bewerkingen": verslag.bewerkingen}, follow=True
    )
    assert "Het verslag stelt u vast na het overleg." in response.content.decode()
    assert laatste_verslag(mdo).is_concept
    mdo.refresh_from_db()
    assert mdo.status == Mdo.Status.UITGENODIGD

    overleg_gehouden(mdo)
    html = client.get(url).content.decode()
    assert "Verslag vaststellen</button>" in html
    assert "vanaf dan kunt u" not in html
    response = client.post(
        url, {"actie": "vaststellen", "bewerkingen": verslag.bewerkingen}, follow=True
    )
    assert "Het verslag is vastgesteld" in response.content.decode()
    mdo.refresh_from_db()
    assert mdo.status == Mdo.Status.GEHOUDEN


def test_the_tlv_checklist_counts_a_final_report_only_of_a_meeting_that_started(db):
    """Even a report made final before this rule (old data) does not tick the TLV's
    "MDO gehouden met ouders" while the meeting lies ahead."""
    aanvraag = aanvraag_met_dossier()
    assert tlv_queries.feiten(aanvraag).mdo_met_ouders
    later = timezone.now() + timedelta(days=3)
    Mdo.objects.filter(traject=aanvraag.traject).update(
        start=later, eind=later + timedelta(hours=1)
    )
    feiten = tlv_queries.feiten(aanvraag)
    assert not feiten.mdo_met_ouders and not feiten.definitief_verslag
    punten = {p.regel.code: p.ok for p in tlv_queries.checklist(aanvraag)}
    assert not punten["mdo_ouders"] and not punten["route"]
