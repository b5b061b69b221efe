"""The SWV's TLV queue, overview and export at region scale (issue 13): ordered, paged and
counted in SQL with the same order and figures as the rules in Python, only the rows
shown logged, and a query count that does not grow with 100 more requests."""

import csv
import io
import random
import statistics
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, Toegangslog, User
from arrangeren.route.models import Traject
from arrangeren.tlv import queries, regels
from arrangeren.tlv.models import Tlv, TlvAanvraag
from tests.factories import LeerlingFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("arrangeren:tlv_lijst")
OVERZICHT = reverse("arrangeren:tlv_overzicht")
EXPORT = reverse("arrangeren:tlv_export")
STATUSSEN = [s.value for s in regels.Status if s != regels.Status.CONCEPT]


def aanvragen(aantal: int, *, seed: int = 13) -> list[TlvAanvraag]:
    """`aantal` requests of De Regenboog in every status but concept, completed at all
    hours (also around local midnight), some extended; granted ones with a TLV."""
    rnd = random.Random(seed)
    ib = User.objects.get(email="ib@demo.nl")
    school = Organisatie.objects.get(naam="Basisschool De Regenboog")
    nu = timezone.now()
    gemaakt = []
    for i in range(aantal):
        leerling = LeerlingFactory(school=school)
        traject = Traject.objects.create(
            leerling=leerling,
            geopend_door=ib,
            geopend_namens=school,
            regievoerder=school,
            status=Traject.Status.AFGESLOTEN,
        )
        status = STATUSSEN[i % len(STATUSSEN)]
        compleet = nu - timedelta(days=rnd.randint(0, 90), minutes=rnd.randint(0, 24 * 60))
        if rnd.random() < 0.1:
            compleet = None  # asked to complete it before it was ever complete
        besloten = status in regels.BESLOTEN and compleet is not None
        aanvraag = TlvAanvraag.objects.create(
            traject=traject,
            leerling=leerling,
            school=school,
            swv=school.swv,
            soort=regels.Soort.SBO,
            status=status,
            compleet_op=compleet,
            beslistermijn_weken=rnd.choice([6, 6, 10]),
            verlengd_met_weken=rnd.choice([0, 0, 4]),
            beslist_op=compleet + timedelta(days=rnd.randint(1, 60), hours=rnd.randint(0, 23))
            if besloten
            else None,
            aangemaakt_door=ib,
        )
        if status == regels.Status.TOEGEKEND:
            start = timezone.localdate() - timedelta(days=rnd.randint(0, 700))
            Tlv.objects.create(
                aanvraag=aanvraag,
                swv=school.swv,
                jaar=1900 + seed,
                volgnummer=i + 1,
                nummer=f"T-{seed}-{i}",
                soort=regels.Soort.SBO,
                startdatum=start,
                einddatum=start + timedelta(days=rnd.randint(300, 800)),
            )
        gemaakt.append(aanvraag)
    return gemaakt


def aantal_queries(client, url: str, post: dict | None = None) -> int:
    """Queries of the page, or of its search and filters (`post`)."""
    vraag = (lambda: client.post(url, post)) if post is not None else (lambda: client.get(url))
    vraag()  # warm up: the first request after login also touches the session
    with CaptureQueriesContext(connection) as ctx:
        response = vraag()
        assert response.status_code == 200
    return len(ctx.captured_queries)


# Dates -------------------------------------------------------------------------------------


def test_signalering_tot_is_the_last_end_date_that_signals_by_the_date():
    dag = date(2023, 1, 1)
    while dag < date(2025, 1, 1):
        einde = regels.signalering_tot(dag)
        assert regels.signaleringsdatum(einde) <= dag
        assert regels.signaleringsdatum(einde + timedelta(days=1)) > dag
        dag += timedelta(days=1)


def test_the_deadline_in_sql_is_the_deadline_in_python():
    aanvragen(60)
    rijen = queries.met_beslisdatum(TlvAanvraag.objects.all()).filter(compleet_op__isnull=False)
    vandaag = timezone.localdate()
    for grens in (vandaag - timedelta(days=30), vandaag, vandaag + timedelta(days=20)):
        in_sql = set(rijen.filter(_uiterste__lt=grens).values_list("pk", flat=True))
        in_python = {a.pk for a in rijen if a.uiterste_beslisdatum < grens}
        assert in_sql == in_python


# The queue ---------------------------------------------------------------------------------


def _python_volgorde(lopend):
    def sleutel(a):
        return (a.uiterste_beslisdatum or date.max, a.aangemaakt_op)

    return [a.pk for a in sorted(lopend, key=sleutel)]


def test_the_queue_in_sql_has_the_order_by_deadline(client, login):
    aanvragen(90)
    user = User.objects.get(email="swv@demo.nl")
    lopend = queries.zichtbare_aanvragen(user).filter(status__in=regels.OPEN_STATUSSEN)
    in_sql = [a.pk for a in queries.op_termijn(lopend)]
    assert in_sql == _python_volgorde(lopend)
    login("swv@demo.nl")
    getoond = [a.pk for a in client.get(LIJST).context["rij"].lopend]
    assert getoond == in_sql[: queries.AANVRAGEN_PER_PAGINA]


def test_the_queue_shows_one_page_and_logs_only_its_rows(client, login):
    aanvragen(90)
    login("swv@demo.nl")
    voor = Toegangslog.objects.count()
    response = client.get(LIJST)
    rij = response.context["rij"]
    assert len(rij.lopend) == queries.AANVRAGEN_PER_PAGINA
    gelogd = {r.leerling_id for r in Toegangslog.objects.order_by("pk")[voor:]}
    assert gelogd == {leerling.pk for leerling in rij.leerlingen}
    # The page buttons post (the list's search travels with them, accounts/zoeken.py).
    assert 'name="pagina" value="2"' in response.content.decode()
    tweede = client.post(LIJST, {"pagina": 2}).context["rij"].lopend
    assert not {a.pk for a in tweede} & {a.pk for a in rij.lopend}


def test_the_demo_queue_fits_on_one_page_without_paging_links(client, login):
    login("swv@demo.nl")
    assert 'aria-label="Paginering"' not in client.get(LIJST).content.decode()


def test_tlvs_ending_soon_are_the_ones_python_signals():
    aanvragen(90)
    user = User.objects.get(email="swv@demo.nl")
    vandaag = timezone.localdate()
    for dagen in (-200, 0, 45, 300):
        dag = vandaag + timedelta(days=dagen)
        in_python = [
            t.pk
            for t in Tlv.objects.filter(
                aanvraag__in=queries.zichtbare_aanvragen(user).values("pk"), einddatum__gte=dag
            ).order_by("einddatum", "pk")
            if t.signaleringsdatum <= dag
        ]
        assert [t.pk for t in queries.aflopende_tlvs(user, dag)] == in_python


@pytest.mark.parametrize("persona", ["swv@demo.nl", "ib@demo.nl"])
def test_the_queue_costs_the_same_queries_with_100_more_requests(client, login, persona):
    login(persona)
    aanvragen(5)
    weinig = aantal_queries(client, LIJST)
    zoeken = aantal_queries(client, LIJST, {"pagina": 2, "zoekterm": "a", "status": "ingediend"})
    aanvragen(100, seed=14)
    assert aantal_queries(client, LIJST) == weinig
    assert (
        aantal_queries(client, LIJST, {"pagina": 2, "zoekterm": "a", "status": "ingediend"})
        == zoeken
    )


# Overview and export ---------------------------------------------------------------------


def test_the_overview_figures_are_the_ones_python_computes(client, login):
    aanvragen(91)
    login("swv@demo.nl")
    o = client.get(OVERZICHT).context["o"]
    swv_ids = {User.objects.get(email="swv@demo.nl").lidmaatschappen.get().organisatie_id}
    alle = list(TlvAanvraag.objects.filter(swv_id__in=swv_ids))
    dagen = [
        (a.beslist_op - a.compleet_op).days
        for a in alle
        if a.status in regels.BESLOTEN and a.compleet_op and a.beslist_op
    ]
    assert o.aantal_besloten == len(dagen)
    assert o.doorlooptijd_mediaan == statistics.median(dagen)
    assert o.doorlooptijd_langst == max(dagen)
    # The school's drafts are not the SWV's to count (docs/tlv.md).
    assert dict(o.per_status) == {
        s.label: sum(1 for a in alle if a.status == s)
        for s in regels.Status
        if s != regels.Status.CONCEPT
    }
    vandaag = timezone.localdate()
    te_laat = sorted(
        (a for a in alle if queries.is_te_laat(a, vandaag)),
        key=lambda a: (a.uiterste_beslisdatum, a.aangemaakt_op),
    )
    assert [a.pk for a in o.te_laat] == [a.pk for a in te_laat][: queries.TE_LAAT_IN_OVERZICHT]


def test_the_overview_and_export_cost_the_same_queries_with_100_more_requests(client, login):
    login("swv@demo.nl")
    aanvragen(5)
    overzicht, export = aantal_queries(client, OVERZICHT), aantal_queries(client, EXPORT)
    aanvragen(100, seed=14)
    assert aantal_queries(client, OVERZICHT) == overzicht
    assert aantal_queries(client, EXPORT) == export


def test_the_export_has_every_request_and_logs_each_row(client, login):
    gemaakt = aanvragen(30)
    login("swv@demo.nl")
    voor = Toegangslog.objects.count()
    response = client.get(EXPORT)
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    kenmerken = [r[0] for r in rijen]
    assert {str(a.uuid) for a in gemaakt} <= set(kenmerken)
    assert Toegangslog.objects.count() - voor == len(rijen)
    oudste_eerst = sorted(
        TlvAanvraag.objects.filter(uuid__in=kenmerken), key=lambda a: (a.aangemaakt_op, a.pk)
    )
    assert kenmerken == [str(a.uuid) for a in oudste_eerst]
    eerste = next(a for a in gemaakt if a.compleet_op)
    rij = next(r for r in rijen if r[0] == str(eerste.uuid))
    uiterste = eerste.uiterste_beslisdatum
    assert rij[6] == timezone.localtime(eerste.compleet_op).date().isoformat()
    assert rij[7] == uiterste.isoformat()
