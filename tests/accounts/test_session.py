"""Session lifetime, logout, password reset and CSRF."""

import re
import time

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.middleware import LAST_SEEN, LOGIN_AT
from tests.accounts.login_steps import (
    HOME_URL,
    LEERLINGEN_URL,
    LOGIN_URL,
    RESEND_URL,
    VERIFY_URL,
    code_from,
    final_path,
    is_verified,
    logged_in_email,
    otp_mails,
    password_login,
)

pytestmark = pytest.mark.django_db


# --- Session lifetime -------------------------------------------------------------------------


def _set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def test_thirty_minutes_idle_logs_out_with_dutch_message(login):
    client = login("ib@demo.nl")
    _set_session(client, **{LAST_SEEN: time.time() - 31 * 60})

    response = client.get(LEERLINGEN_URL, follow=True)

    assert final_path(response) == LOGIN_URL
    assert response.redirect_chain[0][0] == f"{LOGIN_URL}?next=%2Fleerlingen%2F"
    assert "omdat u 30 minuten niets hebt gedaan" in response.content.decode()
    assert get_user(client).is_anonymous


def test_twelve_hours_after_login_logs_out_with_dutch_message(login):
    client = login("ib@demo.nl")
    now = time.time()
    _set_session(client, **{LOGIN_AT: now - 13 * 60 * 60, LAST_SEEN: now - 60})

    response = client.get(HOME_URL, follow=True)

    assert final_path(response) == LOGIN_URL
    assert "langer dan 12 uur was ingelogd" in response.content.decode()
    assert get_user(client).is_anonymous


def test_ten_minutes_idle_stays_logged_in(login):
    client = login("ib@demo.nl")
    ten_minutes_ago = time.time() - 10 * 60
    _set_session(client, **{LAST_SEEN: ten_minutes_ago})

    response = client.get(LEERLINGEN_URL)

    assert response.status_code == 200
    assert logged_in_email(client) == "ib@demo.nl"
    assert client.session[LAST_SEEN] > ten_minutes_ago + 9 * 60


# --- Logout -----------------------------------------------------------------------------------


def test_logout_by_get_is_refused(login):
    client = login("ib@demo.nl")

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert logged_in_email(client) == "ib@demo.nl"


def test_after_logout_the_home_page_asks_to_log_in_again(login):
    client = login("ib@demo.nl")

    response = client.post(reverse("accounts:logout"), follow=True)

    assert final_path(response) == LOGIN_URL
    assert "U bent uitgelogd." in response.content.decode()
    assert get_user(client).is_anonymous
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


# --- Password reset ---------------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, f"no link in the e-mail: {message.body!r}"
    return match.group(1)


def test_password_reset_email_link_sets_a_new_password(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = client.post(
            reverse("accounts:password_reset"), {"email": "ouder@demo.nl"}, follow=True
        )

    assert final_path(response) == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ouder@demo.nl"]
    assert "Nieuw wachtwoord" in message.subject
    assert "Stel via deze link een nieuw wachtwoord in" in message.body

    response = client.get(_reset_link(message), follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    set_password_url = response.redirect_chain[-1][0]
    new_password = "Nieuw-wachtwoord-2026"
    response = client.post(
        set_password_url,
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert final_path(response) == reverse("accounts:password_reset_complete")
    assert "Uw wachtwoord is opgeslagen" in response.content.decode()
    assert get_user(client).is_anonymous

    fresh = Client()
    assert password_login(fresh, "ouder@demo.nl", "demo").status_code == 200
    assert get_user(fresh).is_anonymous
    assert password_login(fresh, "ouder@demo.nl", new_password).status_code == 302
    assert logged_in_email(fresh) == "ouder@demo.nl"


def test_password_reset_for_unknown_email_sends_nothing_but_looks_the_same(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "onbekend@demo.nl"}, follow=True
    )

    assert final_path(response) == reverse("accounts:password_reset_done")
    assert "Als het e-mailadres bij ons bekend is" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_email_is_case_insensitive(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "OUDER@demo.nl"})

    assert [message.to for message in mail.outbox] == [["ouder@demo.nl"]]


def test_tampered_password_reset_link_is_no_longer_valid(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "ouder@demo.nl"})
    link = _reset_link(mail.outbox[0])
    uidb64 = link.rstrip("/").split("/")[-2]

    response = client.get(
        reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": uidb64, "token": "abc123-0123456789abcdef"},
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert "niet meer geldig" in response.content.decode()
    assert "new_password1" not in response.content.decode()


# --- CSRF -------------------------------------------------------------------------------------


def test_login_without_csrf_token_shows_dutch_expired_form_page():
    client = Client(enforce_csrf_checks=True)

    response = password_login(client, "ib@demo.nl", "demo")

    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()
    assert get_user(client).is_anonymous


def test_asking_for_a_new_code_straight_away_says_to_wait_instead_of_claiming_it_was_sent(
    client,
):
    password_login(client, "ouder@demo.nl")
    client.get(VERIFY_URL)

    response = client.post(RESEND_URL, follow=True)

    html = response.content.decode()
    assert len(otp_mails()) == 1
    assert "Wacht een minuut" in html
    assert "We hebben een nieuwe code" not in html
    # The first code still works.
    client.post(VERIFY_URL, {"token": code_from(otp_mails()[0])})
    assert is_verified(client)


def test_password_reset_ends_a_lockout_of_the_account(client, django_capture_on_commit_callbacks):
    for _ in range(5):
        password_login(client, "ouder@demo.nl", "fout-wachtwoord")
    assert password_login(client, "ouder@demo.nl").status_code == 429

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "ouder@demo.nl"})
    response = client.get(_reset_link(mail.outbox[-1]), follow=True)
    new_password = "Nieuw-wachtwoord-2026"
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    fresh = Client()
    assert password_login(fresh, "ouder@demo.nl", new_password).status_code == 302
    assert logged_in_email(fresh) == "ouder@demo.nl"


def test_expired_session_during_an_htmx_search_redirects_the_whole_page(login):
    client = login("ib@demo.nl")
    _set_session(client, **{LAST_SEEN: time.time() - 31 * 60})
    response = client.post(LEERLINGEN_URL, {"zoekterm": "Sam"}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(LOGIN_URL)


def test_failed_login_log_lines_do_not_contain_the_email_address(client, caplog):
    with caplog.at_level("DEBUG"):
        password_login(client, "ib@demo.nl", "fout-wachtwoord")
    assert caplog.records, "axes logs the failure"
    assert "ib@demo.nl" not in caplog.text
