"""TLV pages: who reaches what (404 otherwise), the access log, the letter, the export,
and a queue whose query count does not grow with the number of requests."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Gezag, Toegangslog
from arrangeren.tlv import brief as brief_tlv
from arrangeren.tlv import services
from arrangeren.tlv.demo import (
    DEMO_TLV_AFGEWEZEN,
    DEMO_TLV_ANDER_SWV,
    DEMO_TLV_INGEDIEND,
    DEMO_TLV_TOEGEKEND,
)
from arrangeren.tlv.models import TlvAanvraag
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier
from tests.conftest import login_verified, user_by_email

pytestmark = pytest.mark.django_db


def detail(uuid):
    return reverse("arrangeren:tlv_detail", args=[uuid])


@pytest.mark.parametrize(
    "persona, status",
    [
        ("ib@demo.nl", 200),
        ("swv@demo.nl", 200),
        ("mentor@demo.nl", 404),
        ("ouder@demo.nl", 404),
        ("jeugdteam@demo.nl", 404),
        ("leerplicht@demo.nl", 404),
        ("beheer@demo.nl", 404),
        ("ib.andere@demo.nl", 404),
        ("ouder.andere@demo.nl", 404),
    ],
)
def test_who_sees_the_seeded_request(client, login, persona, status):
    login(persona)
    voor = Toegangslog.objects.count()
    assert client.get(detail(DEMO_TLV_INGEDIEND)).status_code == status
    assert Toegangslog.objects.count() - voor == (1 if status == 200 else 0)


def test_swv_boundary_guessing_the_url_of_another_swv(client, login):
    login("swv@demo.nl")
    assert client.get(detail(DEMO_TLV_ANDER_SWV)).status_code == 404
    assert (
        client.post(
            reverse("arrangeren:tlv_actie", args=[DEMO_TLV_ANDER_SWV, "in_behandeling"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("arrangeren:tlv_besluit", args=[DEMO_TLV_ANDER_SWV])).status_code == 404
    )
    login("ib.andere@demo.nl")
    assert client.get(detail(DEMO_TLV_ANDER_SWV)).status_code == 200


def test_consulent_is_logged_under_the_tlv_ground(client, login):
    login("swv@demo.nl")
    client.get(detail(DEMO_TLV_INGEDIEND))
    regel = Toegangslog.objects.order_by("-pk").first()
    assert regel.rol == "Consulent SWV (TLV-aanvraag)" and regel.organisatie.code == "PO-28-01"


def test_parents_see_their_childs_request_and_letter(client):
    aanvraag = aanvraag_met_dossier()
    swv = user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    services.neem_in_behandeling(aanvraag, door=swv)
    services.beslis(aanvraag, toekennen=True, motivering="Overgenomen.", door=swv)
    ouder = Gezag.objects.filter(leerling=aanvraag.leerling).first().ouder
    login_verified(client, ouder)
    assert client.get(detail(aanvraag.uuid)).status_code == 200
    assert client.get(reverse("arrangeren:tlv_besluit", args=[aanvraag.uuid])).status_code == 200
    # A parent cannot act on it.
    assert (
        client.post(reverse("arrangeren:tlv_actie", args=[aanvraag.uuid, "verlengen"])).status_code
        == 404
    )


def test_letter_content_and_pdf():
    aanvraag = TlvAanvraag.objects.get(uuid=DEMO_TLV_TOEGEKEND)
    html = brief_tlv.html(aanvraag)
    assert aanvraag.tlv.nummer in html
    assert "Speciaal basisonderwijs (SBO)" in html
    assert "binnen 6 weken na de dagtekening" in html and "bezwaar" in html
    assert "Advies van de deskundigen" in html and "neemt het advies" in html
    assert aanvraag.school.naam in html  # addressed to school and parents
    assert brief_tlv.render_pdf(aanvraag).startswith(b"%PDF")
    afgewezen = brief_tlv.html(TlvAanvraag.objects.get(uuid=DEMO_TLV_AFGEWEZEN))
    assert "Afgewezen" in afgewezen and "bezwaar" in afgewezen


def test_letter_is_served_and_logged_as_print(client, login):
    login("ib@demo.nl")
    response = client.get(reverse("arrangeren:tlv_besluit", args=[DEMO_TLV_TOEGEKEND]))
    # De Brug is not ib's school: 404. The SWV gets it.
    assert response.status_code == 404
    login("swv@demo.nl")
    response = client.get(reverse("arrangeren:tlv_besluit", args=[DEMO_TLV_TOEGEKEND]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert Toegangslog.objects.order_by("-pk").first().actie == Toegangslog.Actie.AFDRUKKEN
    assert (
        client.get(reverse("arrangeren:tlv_besluit", args=[DEMO_TLV_INGEDIEND])).status_code == 404
    )


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("arrangeren:tlv_lijst")).status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_budget_does_not_grow(client, login):
    login("swv@demo.nl")
    _queries(client)  # warm up: session and second-factor lookups
    voor = _queries(client)
    for _ in range(3):
        aanvraag = aanvraag_met_dossier()
        services.dien_in(aanvraag, door=aanvraag.aangemaakt_door)
    assert _queries(client) == voor


def test_queue_is_sorted_by_deadline_and_bounded_to_the_swv(client, login):
    login("swv@demo.nl")
    rij = client.get(reverse("arrangeren:tlv_lijst")).context["rij"]
    datums = [a.uiterste_beslisdatum for a in rij.lopend if a.uiterste_beslisdatum]
    assert datums == sorted(datums)
    assert all(a.swv.code == "PO-28-01" for a in [*rij.lopend, *rij.besloten])
    assert rij.aflopend  # the seeded TLV ends within three months


def test_overview_and_csv_export_are_for_the_swv_only(client, login):
    for persona in ("ib@demo.nl", "ouder@demo.nl", "ib.andere@demo.nl"):
        login(persona)
        assert client.get(reverse("arrangeren:tlv_overzicht")).status_code == 404
        assert client.get(reverse("arrangeren:tlv_export")).status_code == 404
    login("swv@demo.nl")
    o = client.get(reverse("arrangeren:tlv_overzicht")).context["o"]
    assert dict(o.per_status)["Toegekend"] >= 1 and o.te_laat and o.doorlooptijd_langst == 35
    voor = Toegangslog.objects.filter(actie=Toegangslog.Actie.EXPORTEREN).count()
    response = client.get(reverse("arrangeren:tlv_export"))
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "kenmerk" and not any("bsn" in k.lower() for k in rijen[0])
    aantal = len(rijen) - 1
    assert aantal >= 5  # every submitted request of the SWV; the school's draft is not in it
    assert not any(rij[1:] and "Concept" in rij for rij in rijen[1:])
    assert Toegangslog.objects.filter(actie=Toegangslog.Actie.EXPORTEREN).count() - voor == aantal


def test_submit_incomplete_via_the_page_shows_the_dutch_message(client, login):
    aanvraag = aanvraag_met_dossier(compleet=False)
    login("ib@demo.nl")
    response = client.post(
        reverse("arrangeren:tlv_actie", args=[aanvraag.uuid, "indienen"]), follow=True
    )
    assert "De aanvraag is nog niet volledig" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == "concept"


def test_school_prepares_a_request_from_the_traject(client, login):
    from django.utils import timezone

    from arrangeren.tlv.demo import _dossier
    from tests.arrangeren.tlv_helpers import regenboog_leerling

    leerling, ouder = regenboog_leerling()
    traject, _ = _dossier(leerling, user_by_email("ib@demo.nl"), ouder, timezone.now())
    login("ib@demo.nl")
    url = reverse("arrangeren:tlv_nieuw", args=[traject.uuid])
    pagina = client.get(url)
    assert "structuur" in pagina.content.decode()  # taken over from the OPP
    fout = client.post(
        url,
        {"soort": "sbo", "startdatum": "2027-08-01", "einddatum": "2027-01-01", "motivering": "x"},
    )
    assert "De einddatum ligt vóór" in fout.content.decode()
    response = client.post(
        url,
        {
            "soort": "sbo",
            "startdatum": "2027-08-01",
            "einddatum": "2029-07-31",
            "motivering": "x",
            "zienswijze_ouders": "Eens",
        },
    )
    aanvraag = TlvAanvraag.objects.get(leerling=leerling)
    assert response.status_code == 302 and aanvraag.status == "concept"
    login("mentor@demo.nl")
    assert client.get(url).status_code == 404


def test_the_swv_home_page_signals_a_tlv_that_ends_within_three_months(login):
    inhoud = login("swv@demo.nl").get("/").content.decode()
    assert "TLV loopt binnen 3 maanden af" in inhoud
    assert "bereid een vervolgaanvraag voor" in inhoud


def test_the_beheerder_sets_the_decision_deadline_per_swv_in_the_admin(login):
    response = login("beheer@demo.nl").get("/beheer/admin/tlv/tlvinstelling/")
    assert response.status_code == 200


def test_the_swv_does_not_see_a_schools_draft(client, login):
    from arrangeren.tlv.demo import DEMO_TLV_CONCEPT

    login("swv@demo.nl")
    assert client.get(reverse("arrangeren:tlv_detail", args=[DEMO_TLV_CONCEPT])).status_code == 404


def test_a_pupil_who_moved_school_keeps_the_request_within_reach(client, login):
    from accounts.models import Organisatie
    from arrangeren.tlv.demo import DEMO_TLV_INGEDIEND
    from arrangeren.tlv.models import TlvAanvraag

    aanvraag = TlvAanvraag.objects.get(uuid=DEMO_TLV_INGEDIEND)
    leerling = aanvraag.leerling
    leerling.school = Organisatie.objects.get(naam="SBO De Brug")
    leerling.save()
    login("swv@demo.nl")
    assert client.get(reverse("arrangeren:tlv_lijst")).status_code == 200
    assert client.get(reverse("arrangeren:tlv_detail", args=[aanvraag.uuid])).status_code == 200
    leerling.school = None
    leerling.save()
    assert client.get(reverse("arrangeren:tlv_lijst")).status_code == 200
    assert client.get("/").status_code == 200
