"""Notifications: the service, the e-mail preference, the daily summary, the bell and the
page (accounts/notificaties.py, docs/meldingen.md)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import notificaties
from accounts.models import Bericht, Notificatie
from accounts.models.users import Mailvoorkeur
from accounts.notificaties import notificeer, stuur_dagoverzichten
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

LINK = "/trajecten/"


def _berichten(email: str):
    return Bericht.objects.filter(aan=email)


def _voorkeur(email: str, voorkeur: str):
    user = user_by_email(email)
    user.mailvoorkeur = voorkeur
    user.save(update_fields=["mailvoorkeur"])
    return user


def test_everyone_starts_with_direct_mail():
    assert user_by_email("ouder@demo.nl").mailvoorkeur == Mailvoorkeur.DIRECT
    assert user_by_email("jeugdteam@demo.nl").mailvoorkeur == Mailvoorkeur.DIRECT


def test_one_notification_per_recipient_and_none_for_the_causer():
    ib, ouder, jeugdteam = (
        user_by_email(e) for e in ("ib@demo.nl", "ouder@demo.nl", "jeugdteam@demo.nl")
    )
    notificeer([ib, ouder, ouder, jeugdteam], "mdo_uitnodiging", LINK, veroorzaakt_door=ib)
    assert set(
        Notificatie.objects.filter(link=LINK).values_list("ontvanger__email", flat=True)
    ) == {
        "ouder@demo.nl",
        "jeugdteam@demo.nl",
    }
    assert Notificatie.objects.filter(ontvanger=ouder).count() == 1
    assert not _berichten("ib@demo.nl").exists()


def test_direct_mails_at_once_with_the_title_and_link_only():
    ib = user_by_email("ib@demo.nl")
    ouder = user_by_email("ouder@demo.nl")
    notificeer([ouder], "opp_vastgesteld", LINK, veroorzaakt_door=ib)
    (bericht,) = _berichten("ouder@demo.nl")
    assert bericht.onderwerp == "Een OPP is vastgesteld"
    assert LINK in bericht.tekst
    assert not re.search(r"\bSam\b|Vries", bericht.tekst)
    assert Notificatie.objects.get(ontvanger=ouder).gemaild_op is not None


def test_off_and_daily_send_no_mail_at_once():
    ib = user_by_email("ib@demo.nl")
    uit = _voorkeur("ouder@demo.nl", Mailvoorkeur.UIT)
    dagelijks = _voorkeur("jeugdteam@demo.nl", Mailvoorkeur.DAGELIJKS)
    voor = Bericht.objects.count()
    direct = notificeer([uit, dagelijks], "mdo_uitnodiging", LINK, veroorzaakt_door=ib)
    assert direct == set()
    assert Bericht.objects.count() == voor
    assert Notificatie.objects.filter(ontvanger__in=[uit, dagelijks]).count() == 2


def test_an_event_with_its_own_mail_gets_the_direct_recipients_back():
    ib = user_by_email("ib@demo.nl")
    ouder = user_by_email("ouder@demo.nl")
    uit = _voorkeur("ouder2@demo.nl", Mailvoorkeur.UIT)
    voor = Bericht.objects.count()
    direct = notificeer([ouder, uit], "mdo_uitnodiging", LINK, veroorzaakt_door=ib, eigen_mail=True)
    assert direct == {ouder.pk}
    assert Bericht.objects.count() == voor  # the caller sends its own


def test_not_repeated_while_unread_when_asked():
    ib = user_by_email("ib@demo.nl")
    ouder = user_by_email("ouder@demo.nl")
    for _ in range(3):
        notificeer([ib], "toestemming_gegeven", LINK, veroorzaakt_door=ouder, niet_herhalen=True)
    assert Notificatie.objects.filter(ontvanger=ib).count() == 1
    assert _berichten("ib@demo.nl").count() == 1


def test_a_link_must_be_a_path_in_samenplan():
    ib = user_by_email("ib@demo.nl")
    for link in ("https://elders.nl/", "//elders.nl/", "javascript:alert(1)"):
        with pytest.raises(ValueError):
            notificeer([ib], "mdo_uitnodiging", link, veroorzaakt_door=None)
    with pytest.raises(ValueError):
        notificeer([ib], "bestaat_niet", LINK, veroorzaakt_door=None)


def test_daily_summary_is_one_mail_per_person_once():
    ib = user_by_email("ib@demo.nl")
    jeugdteam = _voorkeur("jeugdteam@demo.nl", Mailvoorkeur.DAGELIJKS)
    notificeer([jeugdteam], "mdo_uitnodiging", "/a/", veroorzaakt_door=ib)
    notificeer([jeugdteam], "opp_ondertekenen", "/b/", veroorzaakt_door=ib)
    gelezen = Notificatie.objects.create(ontvanger=jeugdteam, soort="mdo_verslag", link="/c/")
    notificaties.markeer_gelezen(gelezen, door=jeugdteam)
    assert stuur_dagoverzichten() == 1
    (bericht,) = _berichten("jeugdteam@demo.nl")
    assert "2 nieuwe meldingen" in bericht.tekst
    assert "/a/" in bericht.tekst and "/b/" in bericht.tekst and "/c/" not in bericht.tekst
    assert stuur_dagoverzichten() == 0  # the next run finds them mailed


def test_daily_summary_skips_direct_and_off():
    ib = user_by_email("ib@demo.nl")
    _voorkeur("ouder2@demo.nl", Mailvoorkeur.UIT)
    notificeer(
        [user_by_email("ouder@demo.nl"), user_by_email("ouder2@demo.nl")],
        "mdo_uitnodiging",
        LINK,
        veroorzaakt_door=ib,
    )
    assert stuur_dagoverzichten() == 0


def test_the_summary_is_a_scheduled_job():
    from accounts.planner import zoek_taak

    taak = zoek_taak("stuur_meldingen_dagoverzicht")
    assert taak is not None and taak.dagelijks


# The bell and the page ------------------------------------------------------------------


def _melding(email: str, **velden) -> Notificatie:
    return Notificatie.objects.create(
        ontvanger=user_by_email(email), soort="mdo_uitnodiging", link=LINK, **velden
    )


def test_the_bell_counts_unread(login):
    _melding("ouder@demo.nl")
    _melding("ouder@demo.nl")
    _melding("ouder@demo.nl", gelezen_op=timezone.now())
    _melding("ib@demo.nl")
    client = login("ouder@demo.nl")
    html = client.get(reverse("accounts:account")).content.decode()
    assert "Meldingen, 2 ongelezen" in html
    assert 'class="site-header__teller" aria-hidden="true">2<' in html


def test_the_bell_without_unread(login):
    client = login("ouder@demo.nl")
    assert "Meldingen, geen ongelezen" in client.get(reverse("accounts:account")).content.decode()


def test_the_bell_costs_one_query(login):
    client = login("ouder@demo.nl")
    url = reverse("accounts:account")
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    telling = [q["sql"] for q in ctx.captured_queries if "accounts_notificatie" in q["sql"]]
    assert len(telling) == 1


def test_the_page_lists_own_newest_first_with_unread_marked(login):
    oud = _melding("ouder@demo.nl", aangemaakt_op=timezone.now() - timedelta(days=1))
    nieuw = Notificatie.objects.create(
        ontvanger=user_by_email("ouder@demo.nl"), soort="opp_vastgesteld", link=LINK
    )
    _melding("ib@demo.nl")
    client = login("ouder@demo.nl")
    html = client.get(reverse("accounts:meldingen")).content.decode()
    assert html.index(str(nieuw.uuid)) < html.index(str(oud.uuid))
    assert html.count("melding--ongelezen") == 2
    assert "Een OPP is vastgesteld" in html
    assert html.count('class="melding ') + html.count('class="melding"') == 2


def test_opening_marks_read_and_goes_to_the_link(login):
    melding = _melding("ouder@demo.nl")
    client = login("ouder@demo.nl")
    response = client.get(reverse("accounts:melding", args=[melding.uuid]))
    assert response.status_code == 302 and response["Location"] == LINK
    melding.refresh_from_db()
    assert melding.is_gelezen


@pytest.mark.parametrize(
    "link", ["//elders.example/x", "/\\elders.example", "https://elders.example/"]
)
def test_a_stored_link_off_samenplan_goes_to_the_list_not_away(login, link):
    """Links come from reverse(); should a row hold another, opening it never leaves."""
    melding = Notificatie.objects.create(
        ontvanger=user_by_email("ouder@demo.nl"), soort="mdo_uitnodiging", link=link
    )
    client = login("ouder@demo.nl")
    response = client.get(reverse("accounts:melding", args=[melding.uuid]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:meldingen")


def test_another_persons_notification_is_404(login):
    melding = _melding("ib@demo.nl")
    client = login("ouder@demo.nl")
    assert client.get(reverse("accounts:melding", args=[melding.uuid])).status_code == 404
    gelezen = reverse("accounts:melding_gelezen", args=[melding.uuid])
    assert client.post(gelezen).status_code == 404
    melding.refresh_from_db()
    assert not melding.is_gelezen


def test_mark_one_and_all_read(login):
    een, twee = _melding("ouder@demo.nl"), _melding("ouder@demo.nl")
    ander = _melding("ib@demo.nl")
    client = login("ouder@demo.nl")
    client.post(reverse("accounts:melding_gelezen", args=[een.uuid]))
    een.refresh_from_db()
    twee.refresh_from_db()
    assert een.is_gelezen and not twee.is_gelezen
    client.post(reverse("accounts:meldingen_gelezen"))
    twee.refresh_from_db()
    ander.refresh_from_db()
    assert twee.is_gelezen and not ander.is_gelezen
    html = client.get(reverse("accounts:meldingen")).content.decode()
    assert "Meldingen, geen ongelezen" in html


def test_preference_on_the_account_page(login):
    client = login("ouder@demo.nl")
    html = client.get(reverse("accounts:account")).content.decode()
    assert "E-mail bij meldingen" in html
    response = client.post(reverse("accounts:account"), {"mailvoorkeur": "dagelijks"})
    assert response.status_code == 302
    assert user_by_email("ouder@demo.nl").mailvoorkeur == Mailvoorkeur.DAGELIJKS
    response = client.post(reverse("accounts:account"), {"mailvoorkeur": "vaak"})
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert user_by_email("ouder@demo.nl").mailvoorkeur == Mailvoorkeur.DAGELIJKS
