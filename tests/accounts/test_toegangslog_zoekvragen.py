"""Who searched the access log, when and for what is itself recorded (NEN 7513): every
search of the region's beheerder is an append-only row, listed for the region's
beheerders on their own page. The filters (a staff member's name, a dossier kenmerk) stay
out of URLs and application logs: they travel by POST and are stored only in the audit
trail."""

import logging
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import AppendOnlyError, Toegangslog
from accounts.models.toegangslog import Logzoekvraag
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

ZOEKVRAAG = {
    "gebruiker": "Mentorvan",
    "leerling": "abcdef12",
    "actie": Toegangslog.Actie.BEKIJKEN,
    "vanaf": "2026-01-01",
    "tot_en_met": "2026-02-01",
}


def test_each_search_of_the_access_log_is_recorded_with_its_filters(login, caplog):
    client = login("beheer@demo.nl")
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("accounts:toegangslog"), ZOEKVRAAG, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    vraag = Logzoekvraag.objects.get()
    assert vraag.gebruiker == user_by_email("beheer@demo.nl")
    assert (vraag.zoekterm_gebruiker, vraag.leerling_kenmerk) == ("Mentorvan", "abcdef12")
    assert vraag.actie == Toegangslog.Actie.BEKIJKEN
    assert (vraag.vanaf, vraag.tot_en_met) == (date(2026, 1, 1), date(2026, 2, 1))
    assert vraag.ip_adres == "10.9.8.7"
    assert "Mentorvan" not in caplog.text and "abcdef12" not in caplog.text
    # Listed for the region's beheerders, newest first, linked from the log page.
    assert reverse("accounts:toegangslog_zoekvragen") in response.content.decode()
    lijst = client.get(reverse("accounts:toegangslog_zoekvragen"))
    html = lijst.content.decode()
    assert "Mentorvan" in html and "abcdef12" in html and "beheer@demo.nl" in html
    assert "1-1-2026 t/m 1-2-2026" in html


def test_opening_the_log_and_turning_a_page_are_recorded_too(login, sam):
    ib = user_by_email("ib@demo.nl")
    Toegangslog.objects.bulk_create(
        Toegangslog(gebruiker=ib, rol="x", leerling=sam, actie="bekijken", onderdeel="x")
        for _ in range(60)
    )
    client = login("beheer@demo.nl")
    client.get(reverse("accounts:toegangslog"))
    client.post(reverse("accounts:toegangslog"), {"pagina": "2"})
    eerst, dan = Logzoekvraag.objects.order_by("pk")
    assert (eerst.zoekterm_gebruiker, eerst.leerling_kenmerk, eerst.pagina) == ("", "", 1)
    assert dan.pagina == 2


def test_a_refused_or_invalid_search_records_nothing(login):
    login("ib@demo.nl").post(reverse("accounts:toegangslog"), ZOEKVRAAG)
    login("beheer@demo.nl").post(
        reverse("accounts:toegangslog"), {"vanaf": "2026-11-20", "tot_en_met": "2026-11-01"}
    )
    assert not Logzoekvraag.objects.exists()


def test_only_the_region_beheerder_sees_the_searches(login):
    for persona in ("ib@demo.nl", "schoolbeheer@demo.nl", "swv@demo.nl"):
        assert login(persona).get(reverse("accounts:toegangslog_zoekvragen")).status_code == 404
    lijst = login("beheer@demo.nl").get(reverse("accounts:toegangslog_zoekvragen"))
    assert "Nog niemand heeft in het toegangslog gezocht." in lijst.content.decode()
    assert not Logzoekvraag.objects.exists()  # reading the list is not a search of the log


def test_a_recorded_search_cannot_be_changed_or_removed(login):
    login("beheer@demo.nl").post(reverse("accounts:toegangslog"), ZOEKVRAAG)
    vraag = Logzoekvraag.objects.get()
    vraag.zoekterm_gebruiker = "iets anders"
    with pytest.raises(AppendOnlyError):
        vraag.save()
    with pytest.raises(AppendOnlyError):
        Logzoekvraag.objects.all().delete()
