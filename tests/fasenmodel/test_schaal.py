"""The register, "Mijn werk" and the overview at region scale (issue 13): ordered, paged
and limited in SQL, the same order as the thuiszitterspact's rule, only the rows shown
logged, and a query count that does not grow with 100 more pupils."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.datums import plus_maanden
from accounts.models import Lidmaatschap, Organisatie, Toegangslog, User
from fasenmodel import queries
from fasenmodel.fasen import FASEN
from fasenmodel.models import Plaatsing, Thuiszitter
from fasenmodel.thuiszitten import Soort
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("fasenmodel:thuiszitters")
OVERZICHT = reverse("fasenmodel:overzicht")


def _leerplicht():
    return Lidmaatschap.objects.select_related("user", "organisatie").get(
        user__email="leerplicht@demo.nl"
    )


def thuiszitters(aantal: int, *, seed: int = 13, gevarieerd: bool = True) -> None:
    """`aantal` entries at De Regenboog: at home for 0-400 days; with `gevarieerd` also
    started offers (with and without a date) and ended entries, some in the future."""
    rnd = random.Random(seed)
    lid = _leerplicht()
    school = Organisatie.objects.get(naam="Basisschool De Regenboog")
    vandaag = timezone.localdate()
    for _ in range(aantal):
        sinds = vandaag - timedelta(days=rnd.randint(0, 400))
        extra = {}
        keuze = rnd.random() if gevarieerd else 1
        if keuze < 0.2:
            extra["beeindigd_op"] = sinds + timedelta(days=rnd.randint(0, 200))
        elif keuze < 0.35:
            extra["aanbod_gestart"] = True
            extra["aanbod_sinds"] = rnd.choice(
                [None, sinds + timedelta(days=rnd.randint(-10, 150))]
            )
        Thuiszitter.objects.create(
            leerling=LeerlingFactory(school=school),
            sinds=sinds,
            soort=Soort.RELATIEF,
            ingevoerd_door=lid.user,
            **extra,
        )


def plaatsingen(aantal: int, *, seed: int = 13) -> None:
    """`aantal` pupils at De Regenboog with one or two placements in phases 1-6."""
    rnd = random.Random(seed)
    lid = _leerplicht()
    school = Organisatie.objects.get(naam="Basisschool De Regenboog")
    vandaag = timezone.localdate()
    for _ in range(aantal):
        leerling = LeerlingFactory(school=school)
        start = vandaag - timedelta(days=rnd.randint(0, 1200))
        fasen = [rnd.randint(1, 6)] + ([rnd.randint(1, 6)] if rnd.random() < 0.3 else [])
        for i, fase in enumerate(fasen):
            Plaatsing.objects.create(
                leerling=leerling,
                fase=fase,
                startdatum=start + timedelta(days=200 * i),  # the second may lie ahead
                cognitieve_leerbehoefte=fase == 1 and rnd.random() < 0.5,
                locatiesoort="school",
                locatie="x",
                reden="x",
                besloten_door=lid.user,
                namens=lid.organisatie,
            )


def aantal_queries(client, url: str) -> int:
    client.get(url)  # warm up: the first request after login also touches the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# Dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("maanden", [-3, 0, 3, 9, 12, 21])
def test_laatste_start_is_the_last_start_whose_term_ends_by_the_date(maanden):
    grens = date(2023, 1, 1)
    while grens < date(2025, 1, 1):
        start = queries.laatste_start(maanden, grens)
        assert plus_maanden(start, maanden) <= grens
        assert plus_maanden(start + timedelta(days=1), maanden) > grens
        grens += timedelta(days=1)


# The register ------------------------------------------------------------------------------


def _zoals_het_pact(user, op, alleen_open):
    """The order before issue 13: every entry in Python, sorted by `Pact.urgentie`."""
    qs = Thuiszitter.objects.for_user(user).order_by("sinds", "pk")
    if alleen_open:
        qs = qs.open()
    return [t.pk for t in sorted(qs, key=lambda t: (t.pact(op).urgentie, t.sinds))]


@pytest.mark.parametrize("alleen_open", [True, False])
def test_the_register_in_sql_has_the_order_of_the_pact(alleen_open):
    thuiszitters(120)
    user = User.objects.get(email="leerplicht@demo.nl")
    vandaag = timezone.localdate()
    for dagen in range(-300, 301, 25):
        op = vandaag + timedelta(days=dagen)
        register = queries.register_query(user, op, alleen_open=alleen_open)
        in_sql = [t.pk for t in register.all()]
        assert in_sql == _zoals_het_pact(user, op, alleen_open), op
        pagina = [t.pk for t in queries.met_details(register[25:50], op)]
        assert pagina == in_sql[25:50]


def test_the_register_shows_one_page_and_logs_only_its_rows(login):
    thuiszitters(60, gevarieerd=False)
    client = login("leerplicht@demo.nl")
    totaal = Thuiszitter.objects.open().count()
    voor = Toegangslog.objects.count()
    response = client.get(REGISTER)
    assert len(response.context["regels"]) == queries.REGISTER_PER_PAGINA
    assert Toegangslog.objects.count() - voor == queries.REGISTER_PER_PAGINA
    inhoud = response.content.decode()
    assert "Pagina 1 van" in inhoud and 'href="?pagina=2"' in inhoud
    laatste = -(-totaal // queries.REGISTER_PER_PAGINA)
    response = client.get(REGISTER, {"pagina": laatste})
    rest = totaal - (laatste - 1) * queries.REGISTER_PER_PAGINA
    assert len(response.context["regels"]) == rest
    eerste = client.get(REGISTER).context["regels"][0]
    assert eerste.pact.status == "escalatie"
    alle = client.get(REGISTER, {"toon": "alle"}).content.decode()
    assert 'href="?toon=alle&amp;pagina=2"' in alle


def test_the_demo_register_fits_on_one_page_without_paging_links(login):
    inhoud = login("leerplicht@demo.nl").get(REGISTER).content.decode()
    assert 'aria-label="Paginering"' not in inhoud


def test_an_empty_register_shows_its_message(login):
    client = login("ib.andere@demo.nl")
    Thuiszitter.objects.for_user(User.objects.get(email="ib.andere@demo.nl")).update(
        beeindigd_op=F("sinds")
    )
    response = client.get(REGISTER)
    assert response.context["regels"] == []
    assert "Er staan geen thuiszitters in het register." in response.content.decode()


@pytest.mark.parametrize("persona", ["leerplicht@demo.nl", "swv@demo.nl", "ib@demo.nl"])
def test_the_register_costs_the_same_queries_with_100_more_entries(login, persona):
    client = login(persona)
    thuiszitters(5)
    weinig = aantal_queries(client, REGISTER)
    thuiszitters(100, seed=14)
    assert aantal_queries(client, REGISTER) == weinig
    assert aantal_queries(client, REGISTER + "?toon=alle&pagina=2") == weinig


# Mijn werk ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["leerplicht@demo.nl", "swv@demo.nl", "ib@demo.nl"])
def test_mijn_werk_has_the_most_urgent_items_of_the_whole_list(persona):
    thuiszitters(80)
    plaatsingen(120)
    user = User.objects.get(email=persona)
    for dagen in (-200, 0, 150):
        op = timezone.localdate() + timedelta(days=dagen)
        alles = queries.werklijst(user, op, maximum=10**6)
        assert queries.werklijst(user, op) == alles[: queries.WERK_MAX]
        assert queries.werklijst(user, op, maximum=3) == alles[:3]
    assert len(queries.werklijst(user)) == queries.WERK_MAX


@pytest.mark.parametrize("persona", ["leerplicht@demo.nl", "swv@demo.nl", "ib@demo.nl"])
def test_mijn_werk_costs_the_same_queries_with_100_more_pupils(login, persona):
    client = login(persona)
    thuiszitters(5)
    plaatsingen(5)
    weinig = aantal_queries(client, "/")
    with CaptureQueriesContext(connection) as ctx:
        queries.werklijst(User.objects.get(email=persona))
    werk = len(ctx.captured_queries)
    thuiszitters(100, seed=14)
    plaatsingen(100, seed=14)
    assert aantal_queries(client, "/") == weinig
    with CaptureQueriesContext(connection) as ctx:
        items = queries.werklijst(User.objects.get(email=persona))
    assert len(ctx.captured_queries) == werk
    assert len(items) <= queries.WERK_MAX


def test_mijn_werk_logs_only_the_items_shown(login):
    thuiszitters(60, gevarieerd=False)
    client = login("leerplicht@demo.nl")
    voor = Toegangslog.objects.count()
    response = client.get("/")
    getoond = response.context["werk"]["fasenmodel"]
    assert len(getoond) == queries.WERK_MAX
    rijen = Toegangslog.objects.order_by("pk")[voor:]
    assert {r.leerling_id for r in rijen} == {i.leerling.pk for i in getoond}


# Overview ----------------------------------------------------------------------------------


def test_pupils_per_phase_count_each_pupils_current_placement_once():
    plaatsingen(40)
    huidig = {}
    for plaatsing in Plaatsing.objects.order_by("leerling_id", "startdatum", "pk"):
        if plaatsing.startdatum <= timezone.localdate():
            huidig[plaatsing.leerling_id] = plaatsing.fase
    verwacht = [
        (FASEN[n].label, sum(1 for fase in huidig.values() if fase == n))
        for n in sorted(FASEN, reverse=True)
    ]
    user = User.objects.get(email="leerplicht@demo.nl")
    assert queries.leerlingen_per_fase(user) == verwacht


@pytest.mark.parametrize("persona", ["leerplicht@demo.nl", "swv@demo.nl"])
def test_the_overview_costs_the_same_queries_with_100_more_pupils(login, persona):
    client = login(persona)
    thuiszitters(5)
    plaatsingen(5)
    weinig = aantal_queries(client, OVERZICHT)
    thuiszitters(100, seed=14)
    plaatsingen(100, seed=14)
    assert aantal_queries(client, OVERZICHT) == weinig
