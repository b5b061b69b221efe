"""No typing twice (issue 15, part 6): the step-2 goal pre-fills the MDO, the MDO's facts
satisfy step 3, and finalising the report completes steps 4 to 6 in one go."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Lidmaatschap
from arrangeren.route import services
from arrangeren.route.models import Stapovergang
from arrangeren.route.services.traject import VERSLAG_AFGEROND
from arrangeren.route.stappen import Overgang, Voorwaarde
from arrangeren.route.uitkomsten import huidig_mdo, laatste_verslag, ontbrekende_uitkomsten
from tests.arrangeren.route_helpers import overleg_gehouden, schrijf_verslag

DOEL = "Samen zien wat Noor nodig heeft, thuis en op school."


@pytest.fixture
def ib(db):
    return Lidmaatschap.objects.select_related("user", "organisatie").get(user__email="ib@demo.nl")


@pytest.fixture
def traject(noor, ib):
    """Noor's traject at step 3, steps 1 and 2 recorded."""
    traject = services.open_traject(
        leerling=noor, door=ib.user, namens=ib, voorwaarden={v.value: "ja" for v in Voorwaarde}
    )
    services.bewaar_stapuitkomst(
        traject, 1, {"observaties": "In de klas", "hypothesen": "Twee"}, door=ib.user, versie=None
    )
    services.move_to_step(traject, 2, door=ib.user)
    services.bewaar_stapuitkomst(
        traject,
        2,
        {"doel_overleg": DOEL, "voorgestelde_deelnemers": "Moeder, school"},
        door=ib.user,
        versie=None,
    )
    services.move_to_step(traject, 3, door=ib.user)
    return traject


def _mdo_post(**velden) -> dict:
    dag = timezone.localdate() + timedelta(days=14)
    return {
        "doel": DOEL,
        "planning": "vast",
        "datum": dag.isoformat(),
        "begintijd": "10:00",
        "eindtijd": "11:00",
        "locatie": "Lokaal 2",
        "tolk_nodig": "on",
        "tolk_taal": "Arabisch",
        **velden,
    }


def test_the_goal_of_step_2_stands_in_the_mdo_form_and_can_be_changed(client, login, traject):
    login("ib@demo.nl")
    url = reverse("arrangeren:mdo_plannen", args=[traject.uuid])
    html = client.get(url).content.decode()
    doel = re.search(r'<textarea name="doel"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert doel.strip() == DOEL
    response = client.post(url, _mdo_post(doel="Een ander doel, bijgeschaafd."))
    assert response.status_code == 302
    assert huidig_mdo(traject).doel == "Een ander doel, bijgeschaafd."


def test_step_3_asks_nothing_the_mdo_holds_and_shows_the_mdos_facts(client, login, traject, ib):
    login("ib@demo.nl")
    detail = reverse("arrangeren:traject_detail", args=[traject.uuid])
    html = client.get(detail).content.decode()
    assert "Stap 3 vastleggen" not in html
    assert (
        client.get(reverse("arrangeren:stap_bewerken", args=[traject.uuid, 3])).status_code == 404
    )
    assert ontbrekende_uitkomsten(traject) == [
        "Het MDO is gepland en de uitnodigingen zijn verstuurd"
    ]

    client.post(reverse("arrangeren:mdo_plannen", args=[traject.uuid]), _mdo_post())
    mdo = huidig_mdo(traject)
    html = client.get(detail).content.decode()
    for feit in ("Lokaal 2", "Ja, Arabisch", "Nog niet"):
        assert feit in html, feit
    services.verstuur_uitnodigingen(mdo, door=ib.user)
    assert ontbrekende_uitkomsten(traject) == []
    html = client.get(detail).content.decode()
    assert "In orde voor iedereen die is uitgenodigd" in html
    assert f"Verstuurd op {timezone.localdate():%d-%m-%Y}" in html


def test_finalising_the_report_completes_steps_4_to_6_each_as_its_own_event(
    client, login, traject, ib
):
    schrijf_verslag_bij_stap_3(traject, ib.user)
    mdo = overleg_gehouden(huidig_mdo(traject))
    verslag = laatste_verslag(mdo)
    login("ib@demo.nl")
    response = client.post(
        reverse("arrangeren:verslag", args=[mdo.uuid]),
        {"actie": "vaststellen", "bewerkingen": verslag.bewerkingen},
        follow=True,
    )
    assert "Het traject staat nu in stap 7 (Uitvoeren en monitoren arrangement)." in (
        response.content.decode()
    )
    traject.refresh_from_db()
    assert traject.huidige_stap == 7
    gezet = Stapovergang.objects.filter(traject=traject, notitie=VERSLAG_AFGEROND).order_by("pk")
    assert [(o.van_stap, o.naar_stap) for o in gezet] == [(3, 4), (4, 5), (5, 6), (6, 7)]
    assert {(o.soort, o.door_id, o.cyclus) for o in gezet} == {(Overgang.VOLGENDE, ib.user_id, 1)}


def test_a_step_whose_outcome_is_missing_stops_the_walk(traject, ib):
    """At step 2 with its outcome missing the traject stays: the report covers 4 to 6."""
    schrijf_verslag_bij_stap_3(traject, ib.user)
    from arrangeren.route.models import Traject

    Traject.objects.filter(pk=traject.pk).update(huidige_stap=2)
    traject.uitkomsten.filter(stap=2).delete()
    mdo = overleg_gehouden(huidig_mdo(traject))
    verslag = laatste_verslag(mdo)
    services.stel_verslag_vast(verslag, door=ib.user, bewerkingen=verslag.bewerkingen)
    traject.refresh_from_db()
    assert traject.huidige_stap == 2
    assert not Stapovergang.objects.filter(traject=traject, notitie=VERSLAG_AFGEROND).exists()


def schrijf_verslag_bij_stap_3(traject, door) -> None:
    start = timezone.now() + timedelta(days=14)
    mdo = services.plan_mdo(
        traject,
        {"doel": DOEL, "start": start, "eind": start + timedelta(hours=1), "locatie": "Lokaal 2"},
        door=door,
    )
    services.verstuur_uitnodigingen(mdo, door=door)
    schrijf_verslag(traject, door, vaststellen=False)
