"""The Regiomonitor (docs/monitor.md): aggregates per SWV for the region's beheerder,
leerplicht and the SWV; small numbers hidden; a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Leerling, Organisatie, User
from arrangeren.jeugdhulp.monitor import queries
from arrangeren.jeugdhulp.monitor.indicatoren import (
    NIET_GETOOND,
    ONDER_DREMPEL,
    TEVREDENHEID,
    THUISZITTERS,
    TREND,
    Waarde,
    toon,
    toon_totaal,
)
from arrangeren.jeugdhulp.monitor.queries import Gebied
from arrangeren.route.models import Mdo, Tevredenheid
from fasenmodel.models import Thuiszitter
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db
URL = reverse("arrangeren:regiomonitor")
PO = "Samenwerkingsverband PO Leiden en omstreken (demo)"
VO = "Samenwerkingsverband VO Leiden en omstreken (demo)"


def _huidig() -> queries.Periode:
    return queries.schooljaren(timezone.localdate())[0]


def _thuiszitters(aantal: int, swv_naam: str = PO, sinds: date | None = None) -> None:
    swv = Organisatie.objects.get(naam=swv_naam)
    leerlingen = Leerling.objects.filter(school__swv=swv).exclude(thuiszitten__isnull=False)
    door = user_by_email("leerplicht@demo.nl")
    for leerling in leerlingen[:aantal]:
        Thuiszitter.objects.create(
            leerling=leerling,
            sinds=sinds or timezone.localdate() - timedelta(days=10),
            soort="relatief",
            ingevoerd_door=door,
        )


def _antwoorden(scores: list[int]) -> Mdo:
    """Answers by different parents on one held MDO of the demo (the TLV dossiers)."""
    mdo = Mdo.objects.filter(status=Mdo.Status.GEHOUDEN).first()
    start = timezone.now() - timedelta(days=1)
    Mdo.objects.filter(pk=mdo.pk).update(start=start, eind=start + timedelta(hours=1))
    for i, score in enumerate(scores):
        ouder = User.objects.create(email=f"monitor-ouder-{i}@example.org", naam=f"Ouder {i}")
        Tevredenheid.objects.create(mdo=mdo, ouder=ouder, score=score)
    return mdo


@pytest.fixture(autouse=True)
def zonder_demo_antwoorden(db):
    """The demo's answers (arrangeren/route/demo_tevredenheid.py) would mix with these."""
    Tevredenheid.objects.all().delete()


@pytest.mark.parametrize("email", ["leerplicht@demo.nl", "beheer@demo.nl", "swv@demo.nl"])
def test_leerplicht_the_region_and_the_swv_see_the_monitor(login, email):
    pagina = login(email).get(URL)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert html.count("<caption") == 5
    assert "Regiomonitor" in html


@pytest.mark.parametrize("email", ["ib@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl"])
def test_school_parents_and_jeugdteam_get_404(login, email):
    assert login(email).get(URL).status_code == 404
    assert login(email).get(reverse("arrangeren:regiomonitor_csv")).status_code == 404


def test_the_swv_sees_only_its_own_schools_and_the_region_every_swv(login):
    swv = login("swv@demo.nl").get(URL).content.decode()
    assert PO in swv and VO not in swv
    regio = login("leerplicht@demo.nl").get(URL).content.decode()
    assert PO in regio and VO in regio and "Totaal" in regio


def test_the_nav_links_the_monitor_for_those_who_see_it(login):
    assert URL in login("leerplicht@demo.nl").get(reverse("home")).content.decode()
    assert URL not in login("ib@demo.nl").get(reverse("home")).content.decode()


def test_small_counts_are_hidden_and_an_average_needs_five_answers():
    aantal, gemiddelde = THUISZITTERS.kolommen[0], TEVREDENHEID.kolommen[0]
    assert toon(aantal, Waarde(0, 0)) == "0"
    assert toon(aantal, Waarde(4, 4)) == ONDER_DREMPEL == "< 5"
    assert toon(aantal, Waarde(5, 5)) == "5"
    assert toon(gemiddelde, Waarde(4.25, 4)) == NIET_GETOOND
    assert toon(gemiddelde, Waarde(4.25, 5)) == "4,3"


def test_a_total_is_hidden_as_soon_as_any_cell_of_its_column_is_hidden():
    """One hidden cell: 13 - 10 gives the 3 away. Two: 15 - 10 gives their sum 5 away."""
    kolom = THUISZITTERS.kolommen[0]
    een_verborgen = [Waarde(3, 3), Waarde(10, 10)]
    assert toon_totaal(kolom, Waarde(13, 13), een_verborgen) == NIET_GETOOND
    twee_verborgen = [Waarde(3, 3), Waarde(2, 2), Waarde(10, 10)]
    assert toon_totaal(kolom, Waarde(15, 15), twee_verborgen) == NIET_GETOOND
    geen_verborgen = [Waarde(0, 0), Waarde(5, 5), Waarde(10, 10)]
    assert toon_totaal(kolom, Waarde(15, 15), geen_verborgen) == "15"
    gemiddelde = TEVREDENHEID.kolommen[0]
    assert toon_totaal(gemiddelde, Waarde(3.5, 9), [Waarde(4.0, 5), Waarde(3, 4)]) == NIET_GETOOND


def test_thuiszitters_are_counted_per_swv_now_longer_than_3_months_and_new():
    regio, p = Gebied(None, "regio"), _huidig()
    po = Organisatie.objects.get(naam=PO).pk
    voor = queries.thuiszitters(regio, p).get(po, {})
    _thuiszitters(2)
    _thuiszitters(1, sinds=timezone.localdate() - timedelta(days=120))
    na = queries.thuiszitters(regio, p)[po]
    thuis_voor = voor["thuis"].n if voor else 0
    lang_voor = voor["lang"].n if voor else 0
    assert na["thuis"].n == thuis_voor + 3
    assert na["lang"].n == lang_voor + 1


def test_parents_answers_make_an_average_from_five_answers(login):
    mdo = _antwoorden([5, 4, 4, 3, 5])
    swv = mdo.traject.leerling.school.swv_id
    telling = queries.tevredenheid(Gebied(None, "regio"), _huidig())[swv]
    assert telling["aantal"].n == 5
    assert telling["gemiddelde"].waarde == pytest.approx(4.2)
    assert "4,2" in login("leerplicht@demo.nl").get(URL).content.decode()


def test_four_answers_show_no_average(login):
    _antwoorden([1, 2, 2, 1])
    html = login("leerplicht@demo.nl").get(URL).content.decode()
    assert NIET_GETOOND in html
    assert "1,5" not in html


def test_skipped_questions_do_not_count():
    mdo = _antwoorden([5, 5, 5, 5, 5])
    Tevredenheid.objects.create(mdo=mdo, ouder=user_by_email("ouder.andere@demo.nl"), score=None)
    swv = mdo.traject.leerling.school.swv_id
    assert queries.tevredenheid(Gebied(None, "regio"), _huidig())[swv]["aantal"].n == 5


def test_waiting_time_runs_from_the_held_mdo_to_the_start_of_the_inzet():
    from tests.arrangeren.jeugdhulp_helpers import begeleiding, traject_met_jeugdteam

    traject = traject_met_jeugdteam()
    mdo_start = timezone.now() - timedelta(days=30)
    Mdo.objects.create(
        traject=traject,
        cyclus=1,
        doel="Afspreken",
        start=mdo_start,
        eind=mdo_start + timedelta(hours=1),
        voorzitter=traject.geopend_door,
        status=Mdo.Status.GEHOUDEN,
    )
    begeleiding(traject, start=timezone.localdate(mdo_start) + timedelta(days=12))
    swv = traject.leerling.school.swv_id
    telling = queries.wachttijden(Gebied(swv, "PO"), _huidig())[swv]
    assert telling["_dagen"].waarde[-1] == 12


def test_the_page_costs_the_same_number_of_queries_as_the_data_grows(login):
    client = login("leerplicht@demo.nl")
    client.get(URL)
    with CaptureQueriesContext(connection) as eerst:
        assert client.get(URL).status_code == 200
    _thuiszitters(6)
    _thuiszitters(6, swv_naam=VO)
    _antwoorden([3, 4, 5, 4, 3, 2, 5])
    with CaptureQueriesContext(connection) as daarna:
        assert client.get(URL).status_code == 200
    assert len(daarna) == len(eerst)
    assert len(eerst) <= MONITOR_BUDGET


# Session, user, role context (2) and the six reads of the monitor (areas, 4 indicators, trend).
MONITOR_BUDGET = 12


def test_the_csv_holds_the_same_hidden_cells(login):
    _antwoorden([1, 2, 2, 1])
    antwoord = login("leerplicht@demo.nl").get(reverse("arrangeren:regiomonitor_csv"))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    tekst = antwoord.content.decode()
    assert "Tevredenheid van ouders over het MDO" in tekst and NIET_GETOOND in tekst


def test_the_trend_counts_new_thuiszitters_per_school_year():
    jaren = queries.schooljaren(timezone.localdate())
    regio = Gebied(None, "regio")

    def per_jaar() -> dict[int, int]:
        telling = queries.nieuwe_thuiszitters_per_jaar(regio, jaren)
        return {
            jaar: sum(rij["nieuw"].n for rij in swvs.values()) for jaar, swvs in telling.items()
        }

    voor = per_jaar()
    _thuiszitters(2, sinds=max(jaren[0].begin, timezone.localdate() - timedelta(days=3)))
    na = per_jaar()
    assert na[jaren[0].jaar] == voor[jaren[0].jaar] + 2
    assert na[jaren[1].jaar] == voor[jaren[1].jaar]


NIEUW = THUISZITTERS.kolommen[2].titel


def _nieuw_thuis(po: int, vo: int) -> None:
    """Only these entries in the register, all new this school year and still at home."""
    # The demo's entries move out of the four school years (they are referenced, so stay).
    Thuiszitter.objects.update(sinds=date(2000, 1, 1), beeindigd_op=date(2000, 1, 2))
    sinds = max(_huidig().begin, timezone.localdate() - timedelta(days=3))
    _thuiszitters(po, PO, sinds=sinds)
    _thuiszitters(vo, VO, sinds=sinds)


def _pagina(login) -> dict[str, tuple[list, list | None]]:
    """The page's tables as it renders them: per indicator code its rows and total."""
    antwoord = login("leerplicht@demo.nl").get(URL)
    assert antwoord.status_code == 200
    return {t.indicator.code: (t.rijen, t.totaal) for t in antwoord.context["tabellen"]}


def _csv(login) -> list[list[str]]:
    antwoord = login("leerplicht@demo.nl").get(reverse("arrangeren:regiomonitor_csv"))
    return [regel.split(";") for regel in antwoord.content.decode().splitlines()[1:]]


def _getallen(rijen: list, totaal: list | None) -> list[int]:
    """Every number a table shows, its total included."""
    return [
        int(cel) for _, cellen in [*rijen, ("", totaal or [])] for _, cel in cellen if cel.isdigit()
    ]


def _getoond(rijen: list, kolom: str) -> list[int]:
    return [
        int(cel) for _, cellen in rijen for titel, cel in cellen if titel == kolom and cel.isdigit()
    ]


@pytest.mark.parametrize(("po", "vo"), [(12, 3), (3, 2)], ids=["een verborgen", "twee verborgen"])
def test_no_shown_number_gives_a_hidden_cell_away_by_subtraction(login, po, vo):
    """The region's trend for a year is the total of "Nieuw thuis in deze periode". With
    one area under 5 (12 and 3) the old page showed 15 in the trend, so 15 - 12 gave the
    "< 5" away as 3; with two (3 and 2) it showed the total 5, their sum. Now the total
    and the trend's year are hidden, on the page and in the CSV."""
    _nieuw_thuis(po, vo)
    tabellen = _pagina(login)
    rijen, totaal = tabellen["thuiszitters"]
    assert ONDER_DREMPEL in [cel for _, cellen in rijen for titel, cel in cellen if titel == NIEUW]
    assert dict(totaal)[NIEUW] == NIET_GETOOND
    assert dict(totaal)["Thuis op de peildatum"] == NIET_GETOOND
    trend_rijen, _ = tabellen["trend"]
    assert dict(trend_rijen)[_huidig().label] == [("Nieuw thuis", NIET_GETOOND)]
    # No number in these tables minus the column's shown cells is a hidden cell or sum.
    verborgen = {min(po, vo), po + vo - sum(_getoond(rijen, NIEUW))}
    op_pagina = [c for code in ("thuiszitters", "trend") for c in _getallen(*tabellen[code])]
    assert not {getal - sum(_getoond(rijen, NIEUW)) for getal in op_pagina} & verborgen

    regels = _csv(login)
    nieuw = [r for r in regels if r[1] == THUISZITTERS.titel and r[3] == NIEUW]
    assert ["Totaal", NIET_GETOOND] in [r[2:3] + r[4:] for r in nieuw]
    trend = [r for r in regels if r[2] == _huidig().label and r[3] == "Nieuw thuis"]
    assert [r[4] for r in trend] == [NIET_GETOOND]
    titels = (THUISZITTERS.titel, TREND.titel)
    in_csv = [int(r[4]) for r in regels if r[1] in titels and r[4].isdigit()]
    assert not {getal - sum(_getoond(rijen, NIEUW)) for getal in in_csv} & verborgen


def test_with_no_cell_hidden_the_total_and_the_trend_agree(login):
    _nieuw_thuis(12, 5)
    tabellen = _pagina(login)
    assert dict(tabellen["thuiszitters"][1])[NIEUW] == "17"
    assert dict(tabellen["trend"][0])[_huidig().label] == [("Nieuw thuis", "17")]


def test_the_swv_sees_its_own_small_trend_as_in_its_table(login):
    _nieuw_thuis(3, 12)
    antwoord = login("swv@demo.nl").get(URL)
    trend = next(t for t in antwoord.context["tabellen"] if t.indicator.code == "trend")
    assert dict(trend.rijen)[_huidig().label] == [("Nieuw thuis", ONDER_DREMPEL)]
