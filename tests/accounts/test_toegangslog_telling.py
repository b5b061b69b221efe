"""The beheerder's access log at region scale: it counts at most MAX_TELLEN rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Leerling, Toegangslog
from accounts.services import schrijf_toegangslog
from accounts.views import beheer as beheer_views
from tests.conftest import user_by_email


def _regels(aantal: int) -> None:
    ib = user_by_email("ib@demo.nl")
    leerling = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    for _ in range(aantal):
        schrijf_toegangslog(ib, [leerling], Toegangslog.Actie.BEKIJKEN, "Test")


def test_beyond_the_limit_the_page_says_more_than_and_still_pages(login, monkeypatch):
    monkeypatch.setattr(beheer_views, "MAX_TELLEN", 3)
    _regels(5)
    client = login("beheer@demo.nl")
    with CaptureQueriesContext(connection) as ctx:
        inhoud = client.get(reverse("accounts:toegangslog")).content.decode()
    assert "Meer dan 3 regels gevonden. Verfijn de zoekvraag" in inhoud
    assert "<td" in inhoud  # the first page is shown
    tellingen = [
        q["sql"]
        for q in ctx.captured_queries
        if "COUNT(" in q["sql"] and "accounts_toegangslog" in q["sql"]
    ]
    assert tellingen and all("LIMIT 4" in sql for sql in tellingen)


def test_below_the_limit_the_exact_number_is_shown(login):
    aantal = Toegangslog.objects.count()
    inhoud = login("beheer@demo.nl").get(reverse("accounts:toegangslog")).content.decode()
    assert f"{aantal} regel" in inhoud and "Meer dan" not in inhoud
