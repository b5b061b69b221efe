"""Pages of the fasenmodel and the register: who sees what, logging, budgets, charts."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, Toegangslog, User
from fasenmodel import demo, queries
from fasenmodel.models import Faseovergang, Plaatsing, Procesregiebesluit, Thuiszitter
from fasenmodel.thuiszitten import Soort
from tests.factories import LeerlingFactory


def demo_leerling(n) -> Leerling:
    return Leerling.objects.get(uuid=uuid.uuid5(demo.ACCOUNTS_NAMESPACE, f"leerling-{n}"))


@pytest.fixture
def regenboog_thuiszitter(db):
    return Thuiszitter.objects.get(uuid=demo.DEMO_THUISZITTER_REGENBOOG)


def logs():
    return Toegangslog.objects.count()


# Demo data -------------------------------------------------------------------------


def test_demo_puts_pupils_in_every_phase_and_sam_in_fase_6(sam, noor):
    fasen = set(Plaatsing.objects.values_list("fase", flat=True))
    assert fasen == {1, 2, 3, 4, 5, 6}
    assert list(Plaatsing.objects.filter(leerling=sam).values_list("fase", flat=True)) == [6]
    assert not Plaatsing.objects.filter(leerling=noor).exists()
    assert not Thuiszitter.objects.filter(leerling__in=[sam, noor]).exists()
    assert Faseovergang.objects.filter(overgeslagen=True).count() >= 3
    assert Procesregiebesluit.objects.count() == 1


def test_demo_register_has_one_past_and_one_close_to_three_months(db):
    op = timezone.localdate()
    statussen = [t.pact(op).status for t in Thuiszitter.objects.open()]
    assert 6 <= len(statussen) <= 8
    assert "escalatie" in statussen and "bijna" in statussen


def test_demo_seed_is_idempotent(db):
    tellingen = [
        M.objects.count()
        for M in (Plaatsing, Faseovergang, Thuiszitter, Procesregiebesluit, Leerling)
    ]
    demo.seed()
    assert tellingen == [
        M.objects.count()
        for M in (Plaatsing, Faseovergang, Thuiszitter, Procesregiebesluit, Leerling)
    ]


# Phase page ------------------------------------------------------------------------


def fase_url(leerling):
    return reverse("fasenmodel:leerling_fase", args=[leerling.uuid])


def test_phase_page_explains_the_phase_and_signals(login):
    leerling = demo_leerling(14)  # De Regenboog, OZA for 25 months, skipped fase 5
    client = login("ib@demo.nl")
    before = logs()
    response = client.get(fase_url(leerling))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Onderwijs-zorgarrangement (OZA)" in html
    assert "Actie nodig" in html and "langer dan 2 jaar" in html
    assert "fase 5 overgeslagen" in html
    assert "Nieuwe fase vastleggen" in html
    assert logs() == before + 1


def test_ib_records_a_new_phase_for_a_pupil_of_her_school(login):
    leerling = demo_leerling(14)
    client = login("ib@demo.nl")
    response = client.post(
        fase_url(leerling),
        {
            "fase": 6,
            "startdatum": timezone.localdate().isoformat(),
            "locatiesoort": "school",
            "locatie": "Basisschool De Regenboog",
            "reden": "Opbouw gelukt.",
        },
    )
    assert response.status_code == 302
    huidig = queries.huidige_plaatsing(leerling)
    assert huidig.fase == 6 and huidig.overgang.overgeslagen
    assert huidig.besloten_door.email == "ib@demo.nl"


def test_bad_phase_input_shows_a_dutch_message_and_saves_nothing(login):
    leerling = demo_leerling(14)
    client = login("ib@demo.nl")
    aantal = Plaatsing.objects.count()
    response = client.post(
        fase_url(leerling),
        {
            "fase": 5,
            "startdatum": (timezone.localdate() + timedelta(days=3650)).isoformat(),
            "locatiesoort": "school",
            "locatie": "X",
            "reden": "Y",
        },
    )
    assert response.status_code == 200
    assert "te ver in de toekomst" in response.content.decode()
    assert Plaatsing.objects.count() == aantal


def test_mentor_reads_sams_phase_page_without_a_form(login, sam):
    response = login("mentor@demo.nl").get(fase_url(sam))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Onderwijs met basis- en extra ondersteuning" in inhoud  # Sam is in fase 6
    assert "Nieuwe fase vastleggen" not in inhoud


def test_mentor_post_gets_404_and_no_log(login, sam):
    client = login("mentor@demo.nl")
    before = logs()
    assert client.post(fase_url(sam), {"fase": 4}).status_code == 404
    assert logs() == before


@pytest.mark.parametrize(
    "persona",
    [
        "jeugdteam@demo.nl",
        "ouder.andere@demo.nl",
        "ib.andere@demo.nl",
        "leerplicht@demo.nl",
        "swv@demo.nl",
    ],
)
def test_outsiders_get_404_on_sams_phase_page_and_no_log(login, sam, persona):
    client = login(persona)
    before = logs()
    assert client.get(fase_url(sam)).status_code == 404
    assert logs() == before


# Register ---------------------------------------------------------------------------


def namen(response):
    return response.content.decode()


def test_leerplicht_sees_the_whole_region_by_urgency(login):
    response = login("leerplicht@demo.nl").get(reverse("fasenmodel:thuiszitters"))
    assert response.status_code == 200
    regels = response.context["regels"]
    assert len(regels) == Thuiszitter.objects.open().count()
    statussen = [r.pact.status for r in regels]
    assert statussen == sorted(statussen, key=["escalatie", "bijna", "loopt", "aanbod"].index)
    assert "niet ingeschreven" in namen(response)
    rijen = Toegangslog.objects.filter(onderdeel="Thuiszittersregister").order_by("-pk")[
        : len(regels)
    ]
    assert all(r.rol.endswith("(thuiszittersregister)") for r in rijen)


def test_ib_sees_only_her_own_schools_thuiszitters(login, regenboog_thuiszitter):
    regels = login("ib@demo.nl").get(reverse("fasenmodel:thuiszitters")).context["regels"]
    assert [r.thuiszitter for r in regels] == [regenboog_thuiszitter]


def test_swv_sees_the_thuiszitters_of_its_schools(login):
    regels = login("swv@demo.nl").get(reverse("fasenmodel:thuiszitters")).context["regels"]
    assert regels
    assert {r.leerling.school.swv.code for r in regels} == {"PO-28-01"}


@pytest.mark.parametrize(
    "persona",
    [
        "jeugdteam@demo.nl",
        "ouder@demo.nl",
        "ouder.andere@demo.nl",
        "mentor@demo.nl",
        "beheer@demo.nl",
    ],
)
def test_others_get_404_on_the_register(login, persona):
    assert login(persona).get(reverse("fasenmodel:thuiszitters")).status_code == 404


@pytest.mark.parametrize(
    "persona", ["jeugdteam@demo.nl", "ouder.andere@demo.nl", "ib.andere@demo.nl"]
)
def test_others_get_404_on_an_entry_and_no_log(login, regenboog_thuiszitter, persona):
    client = login(persona)
    before = logs()
    for naam in ("thuiszitter_detail", "thuiszitter_bewerken", "procesregie"):
        url = reverse(f"fasenmodel:{naam}", args=[regenboog_thuiszitter.uuid])
        assert client.get(url).status_code == 404
    assert logs() == before


def test_leerplicht_detail_logs_one_row_under_the_register_ground(login, regenboog_thuiszitter):
    client = login("leerplicht@demo.nl")
    before = logs()
    response = client.get(
        reverse("fasenmodel:thuiszitter_detail", args=[regenboog_thuiszitter.uuid])
    )
    assert response.status_code == 200
    assert "Escaleren" in response.content.decode() or "escaleren" in response.content.decode()
    assert logs() == before + 1
    rij = Toegangslog.objects.order_by("-pk").first()
    assert rij.rol == "Leerplichtambtenaar (thuiszittersregister)"
    assert rij.leerling == regenboog_thuiszitter.leerling


def test_procesregie_override_by_leerplicht_only(login, regenboog_thuiszitter):
    url = reverse("fasenmodel:procesregie", args=[regenboog_thuiszitter.uuid])
    assert login("ib@demo.nl").get(url).status_code == 404
    assert login("swv@demo.nl").get(url).status_code == 404
    client = login("leerplicht@demo.nl")
    assert client.post(url, {"regievoerder": "leerplicht", "reden": ""}).status_code == 200
    assert not regenboog_thuiszitter.procesregiebesluiten.exists()
    response = client.post(url, {"regievoerder": "leerplicht", "reden": "Stagneert"})
    assert response.status_code == 302
    assert regenboog_thuiszitter.procesregie()[0] == "leerplicht"


def test_ib_registers_a_thuiszitter_of_her_school_and_bad_input_saves_nothing(login):
    leerling = demo_leerling(42)  # 42 % 7 == 0: De Regenboog
    client = login("ib@demo.nl")
    url = reverse("fasenmodel:thuiszitter_nieuw")
    data = {
        "achternaam": leerling.achternaam,
        "geboortedatum": leerling.geboortedatum.isoformat(),
        "voornaam": leerling.voornaam,
        "sinds": (timezone.localdate() + timedelta(days=5)).isoformat(),
        "soort": Soort.RELATIEF,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "in de toekomst" in response.content.decode()
    assert not Thuiszitter.objects.filter(leerling=leerling).exists()
    data["sinds"] = (timezone.localdate() - timedelta(days=3)).isoformat()
    data["oorzaken"] = ["psychisch", "pesten"]
    assert client.post(url, data).status_code == 302
    assert Thuiszitter.objects.get(leerling=leerling).oorzaken == ["psychisch", "pesten"]


def test_ib_cannot_register_a_pupil_of_another_school(login):
    client = login("ib@demo.nl")
    ander = demo_leerling(29)
    data = {
        "achternaam": ander.achternaam,
        "geboortedatum": ander.geboortedatum.isoformat(),
        "voornaam": ander.voornaam,
        "sinds": timezone.localdate().isoformat(),
        "soort": Soort.RELATIEF,
    }
    response = client.post(reverse("fasenmodel:thuiszitter_nieuw"), data)
    assert response.status_code == 200  # not found among her own pupils: form error
    assert "geen leerling gevonden" in response.content.decode()
    assert not Thuiszitter.objects.filter(
        leerling=demo_leerling(29), ingevoerd_door__email="ib@demo.nl"
    ).exists()


def test_ib_edits_her_schools_entry(login, regenboog_thuiszitter):
    client = login("ib@demo.nl")
    url = reverse("fasenmodel:thuiszitter_bewerken", args=[regenboog_thuiszitter.uuid])
    vandaag = timezone.localdate()
    response = client.post(
        url,
        {
            "sinds": regenboog_thuiszitter.sinds.isoformat(),
            "soort": Soort.RELATIEF,
            "aanbod_gestart": "on",
            "aanbod_sinds": vandaag.isoformat(),
        },
    )
    assert response.status_code == 302
    regenboog_thuiszitter.refresh_from_db()
    assert regenboog_thuiszitter.pact(vandaag).status == "aanbod"


# Overview ---------------------------------------------------------------------------


OVERZICHT = reverse("fasenmodel:overzicht")


def test_overview_has_svg_charts_with_tables_and_no_inline_code(login):
    response = login("leerplicht@demo.nl").get(OVERZICHT)
    assert response.status_code == 200
    html = response.content.decode()
    # The charts' SVGs (the header's bell is an SVG too).
    assert html.count('<svg class="grafiek__svg"') == 3 and html.count("<figcaption") == 3
    assert html.count("(tabel)</caption>") == 3
    assert "style=" not in html and "<style" not in html
    assert "<script>" not in html and "<script " not in html.replace("<script src=", "")
    per_fase = next(g[4] for g in response.context["grafieken"] if g[0] == "per-fase")
    assert [s.label[:6] for s in per_fase.staven] == [f"Fase {n}" for n in range(6, 0, -1)]
    assert all(s.waarde for s in per_fase.staven)  # every phase has pupils in the demo


@pytest.mark.parametrize(
    "persona",
    [
        "ib@demo.nl",
        "mentor@demo.nl",
        "jeugdteam@demo.nl",
        "ouder@demo.nl",
        "beheer@demo.nl",
        "ib.andere@demo.nl",
    ],
)
def test_overview_is_for_leerplicht_and_swv_only(login, persona):
    assert login(persona).get(OVERZICHT).status_code == 404


def extra_data(aantal):
    lid = Lidmaatschap.objects.get(user__email="leerplicht@demo.nl")
    school = Lidmaatschap.objects.get(user__email="ib@demo.nl").organisatie
    vandaag = timezone.localdate()
    for i in range(aantal):
        leerling = LeerlingFactory(school=school)
        Thuiszitter.objects.create(
            leerling=leerling,
            sinds=vandaag - timedelta(days=10 * i),
            soort=Soort.RELATIEF,
            ingevoerd_door=lid.user,
        )
        Plaatsing.objects.create(
            leerling=leerling,
            fase=1 + i % 6,
            startdatum=vandaag,
            locatiesoort="school",
            locatie="x",
            reden="x",
            besloten_door=lid.user,
            namens=lid.organisatie,
        )


def aantal_queries(client, url):
    client.get(url)  # warm up: the first request after login also touches the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("persona", ["leerplicht@demo.nl", "swv@demo.nl"])
def test_overview_query_count_does_not_grow(login, persona):
    client = login(persona)
    extra_data(2)
    twee = aantal_queries(client, OVERZICHT)
    extra_data(8)
    assert aantal_queries(client, OVERZICHT) == twee


def test_register_query_count_does_not_grow(login):
    client = login("leerplicht@demo.nl")
    extra_data(2)
    twee = aantal_queries(client, reverse("fasenmodel:thuiszitters"))
    extra_data(8)
    assert aantal_queries(client, reverse("fasenmodel:thuiszitters")) == twee


# Mijn werk -------------------------------------------------------------------------


def test_werklijst_for_leerplicht_lists_thuiszitters_near_or_past_three_months(db):
    items = queries.werklijst(User.objects.get(email="leerplicht@demo.nl"))
    assert items and items[0].urgent
    assert all(i.titel.startswith("Thuiszitter") for i in items)
    assert len(items) == 4  # 35, 30, jesse past; 29 close


def test_werklijst_for_ib_has_her_schools_signals_and_thuiszitter(db):
    items = queries.werklijst(User.objects.get(email="ib@demo.nl"))
    leerlingen = {i.leerling for i in items}
    assert demo_leerling(14) in leerlingen and demo_leerling(35) in leerlingen
    assert all(i.leerling.school.naam == "Basisschool De Regenboog" for i in items)


def test_werklijst_is_empty_for_outsiders(db):
    assert queries.werklijst(User.objects.get(email="jeugdteam@demo.nl")) == []
    assert queries.werklijst(User.objects.get(email="ouder@demo.nl")) == []


def test_the_new_thuiszitter_form_lists_no_pupils(login):
    """Leerplicht finds a pupil by an exact match; the form shows no list of the region."""
    response = login("leerplicht@demo.nl").get(reverse("fasenmodel:thuiszitter_nieuw"))
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Achternaam van de leerling" in inhoud
    assert "<option" not in inhoud.split('name="achternaam"')[0].split("<form")[-1]
    assert demo_leerling(42).volledige_naam not in inhoud


def test_the_pupil_page_shows_the_phase_and_its_signals(login, sam):
    inhoud = login("ouder@demo.nl").get(reverse("accounts:leerling_detail", args=[sam.uuid]))
    tekst = inhoud.content.decode()
    assert "Fase 6: Onderwijs met basis- en extra ondersteuning" in tekst
