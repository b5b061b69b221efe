"""The yearly evaluation of the OPP with the parents (docs/opp.md, "Legal timers")."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, Toegangslog
from opp import services, termijnen
from opp.models import Opp, Oppevaluatie
from tests.conftest import user_by_email
from tests.opp.helpers import alle_tekenen


@pytest.fixture
def vorig_jaar_vastgesteld(sam):
    """Sam's OPP, agreed more than a year ago (last school year)."""
    opp = Opp.objects.get(leerling=sam, versie=1)
    alle_tekenen(opp)
    vroeger = timezone.now() - timedelta(days=400)
    Opp.objects.filter(pk=opp.pk).update(vastgesteld_op=vroeger, evaluatiedatum=None)
    opp.refresh_from_db()
    return opp


def _signaal(sam) -> list:
    return [
        o.leerling
        for o in termijnen.achterstallig(Leerling.objects.filter(pk=sam.pk))["schooljaar"]
    ]


def test_an_opp_evaluated_with_the_parents_this_school_year_is_no_longer_signalled(
    sam, vorig_jaar_vastgesteld
):
    """Misreading 5. WPO art. 40a / WEC art. 41a / WVO art. 26: the school evaluates the
    ontwikkelingsperspectief with the parents at least once a school year ("ten minste
    eenmaal per schooljaar ... met de ouders geëvalueerd"). Before, only a newly signed
    version cleared "OPP dit schooljaar nog niet geëvalueerd"; the evaluation itself did
    not count."""
    assert _signaal(sam) == [sam]
    services.leg_evaluatie_vast(
        vorig_jaar_vastgesteld,
        datum=timezone.localdate(),
        met_ouders=True,
        toelichting="Doelen besproken; rust in de klas gaat beter.",
        door=user_by_email("ib@demo.nl"),
    )
    assert _signaal(sam) == []


def test_an_evaluation_of_last_school_year_does_not_count_for_this_one(sam, vorig_jaar_vastgesteld):
    Oppevaluatie.objects.create(
        opp=vorig_jaar_vastgesteld,
        datum=termijnen.begin_schooljaar(timezone.localdate()) - timedelta(days=1),
        met_ouders=True,
        door=user_by_email("ib@demo.nl"),
    )
    assert _signaal(sam) == [sam]


def test_an_evaluation_at_or_after_the_evaluation_date_clears_that_signal(sam):
    opp = Opp.objects.get(leerling=sam, versie=1)
    alle_tekenen(opp)
    Opp.objects.filter(pk=opp.pk).update(evaluatiedatum=timezone.localdate() - timedelta(days=1))
    leerlingen = Leerling.objects.filter(pk=sam.pk)
    assert [o.leerling for o in termijnen.achterstallig(leerlingen)["evaluatiedatum"]] == [sam]
    services.leg_evaluatie_vast(
        opp, datum=timezone.localdate(), met_ouders=True, door=user_by_email("ib@demo.nl")
    )
    assert termijnen.achterstallig(leerlingen)["evaluatiedatum"] == []


def test_an_evaluation_without_the_parents_a_future_date_or_on_a_concept_is_refused(
    sam, vorig_jaar_vastgesteld
):
    ib = user_by_email("ib@demo.nl")
    vandaag = timezone.localdate()
    with pytest.raises(ValidationError, match="met de ouders"):
        services.leg_evaluatie_vast(
            vorig_jaar_vastgesteld, datum=vandaag, met_ouders=False, door=ib
        )
    with pytest.raises(ValidationError, match="toekomst"):
        services.leg_evaluatie_vast(
            vorig_jaar_vastgesteld, datum=vandaag + timedelta(days=1), met_ouders=True, door=ib
        )
    concept = services.nieuwe_versie(vorig_jaar_vastgesteld, door=ib, reden="Bijstelling")
    with pytest.raises(ValidationError, match="geldende"):
        services.leg_evaluatie_vast(concept, datum=vandaag, met_ouders=True, door=ib)
    assert not Oppevaluatie.objects.exists()


def test_the_coordinator_records_the_evaluation_on_the_agreed_opp_page(
    client, login, sam, vorig_jaar_vastgesteld
):
    login("ib@demo.nl")
    url = reverse("opp:opp_detail", args=[vorig_jaar_vastgesteld.uuid])
    pagina = client.get(url).content.decode()
    assert "Evaluatie met de ouders vastleggen" in pagina
    # The goals can be evaluated on the agreed version too (not part of what is signed).
    assert "Evaluatie bij doel 1" in pagina
    actie = reverse("opp:evaluatie_vastleggen", args=[vorig_jaar_vastgesteld.uuid])
    zonder = client.post(actie, {"oppevaluatie-datum": timezone.localdate().isoformat()})
    assert zonder.status_code == 302
    pagina = client.get(url).content.decode()
    assert "Vink aan dat het OPP met de ouders is besproken" in pagina
    client.post(
        actie,
        {
            "oppevaluatie-datum": timezone.localdate().isoformat(),
            "oppevaluatie-met_ouders": "on",
            "oppevaluatie-toelichting": "Met beide ouders besproken.",
        },
    )
    pagina = client.get(url).content.decode()
    assert "Met beide ouders besproken." in pagina
    assert _signaal(sam) == []
    assert Toegangslog.objects.filter(leerling=sam, onderdeel="OPP bewerken").exists()


def test_the_mentor_sees_the_evaluations_but_records_none(client, login, vorig_jaar_vastgesteld):
    login("mentor@demo.nl")
    pagina = client.get(reverse("opp:opp_detail", args=[vorig_jaar_vastgesteld.uuid])).content
    assert "Evaluatie met de ouders" in pagina.decode()
    assert "Evaluatie met de ouders vastleggen" not in pagina.decode()
    actie = reverse("opp:evaluatie_vastleggen", args=[vorig_jaar_vastgesteld.uuid])
    assert client.post(actie, {}).status_code == 404


def test_the_evaluation_sent_twice_is_recorded_once(client, login, vorig_jaar_vastgesteld):
    """A double click, a retry or a second tab must not record the evaluation twice
    (docs/adr/0008-eenmalige-formulieren.md)."""
    import re
    import uuid

    from accounts.eenmalig import AL_VERSTUURD

    login("ib@demo.nl")
    url = reverse("opp:opp_detail", args=[vorig_jaar_vastgesteld.uuid])
    actie = reverse("opp:evaluatie_vastleggen", args=[vorig_jaar_vastgesteld.uuid])
    formulier = re.search(
        rf'<form[^>]*action="{actie}".*?</form>', client.get(url).content.decode(), re.S
    )
    assert formulier and 'name="formuliertoken"' in formulier[0]
    gegevens = {
        "oppevaluatie-datum": timezone.localdate().isoformat(),
        "oppevaluatie-met_ouders": "on",
        "formuliertoken": str(uuid.uuid4()),
    }
    client.post(actie, gegevens, HTTP_REFERER=f"http://testserver{url}")
    tweede = client.post(actie, gegevens, HTTP_REFERER=f"http://testserver{url}", follow=True)
    assert AL_VERSTUURD in tweede.content.decode()
    # From a second tab, with its own token: refused under the OPP's lock.
    derde = client.post(actie, {**gegevens, "formuliertoken": str(uuid.uuid4())}, follow=True)
    assert "is al vastgelegd" in derde.content.decode()
    assert Oppevaluatie.objects.filter(opp=vorig_jaar_vastgesteld).count() == 1
