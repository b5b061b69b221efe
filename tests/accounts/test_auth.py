"""Logging in, the second factor, session lifetime, logout and password reset.

Every test describes what a user notices: the page they land on, the Dutch text they read,
the e-mail they receive and whether they end up logged in.
"""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import LoginForm
from accounts.middleware import LAST_SEEN, LOGIN_AT
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
VERIFY_URL = reverse("accounts:verify")
TOTP_SETUP_URL = reverse("accounts:totp_setup")
RESEND_URL = reverse("accounts:resend_code")
HOME_URL = reverse("home")
LEERLINGEN_URL = reverse("accounts:leerling_list")
OTP_SUBJECT = "Uw inlogcode voor Samenplan"
INVALID_LOGIN = LoginForm.error_messages["invalid_login"]


def password_login(client, email, password="demo", next_url=None):
    """The first step of the login, as the login form posts it."""
    url = LOGIN_URL if next_url is None else f"{LOGIN_URL}?next={next_url}"
    return client.post(url, {"username": email, "password": password})


def logged_in_email(client) -> str | None:
    user = get_user(client)
    return user.email if user.is_authenticated else None


def is_verified(client) -> bool:
    """Whether the session has passed the second factor with one of the user's devices."""
    user = get_user(client)
    persistent_id = client.session.get(DEVICE_ID_SESSION_KEY)
    if not user.is_authenticated or not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def totp_token(device: TOTPDevice) -> str:
    """The code an authenticator app shows right now for this device."""
    token = TOTP(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    ).token()
    return str(token).zfill(device.digits)


def otp_mails() -> list:
    return [message for message in mail.outbox if message.subject == OTP_SUBJECT]


def code_from(message) -> str:
    match = re.search(r"\b(\d{6})\b", message.body)
    assert match, f"no 6-digit code in the e-mail: {message.body!r}"
    return match.group(1)


def other_code(code: str) -> str:
    return str((int(code) + 1) % 1_000_000).zfill(6)


def final_path(response) -> str:
    assert response.redirect_chain, "expected at least one redirect"
    return response.redirect_chain[-1][0].split("?")[0]


# --- Password step ------------------------------------------------------------------------


def test_wrong_password_shows_dutch_message_and_logs_nobody_in(client):
    response = password_login(client, "ib@demo.nl", "niet-het-wachtwoord")

    assert response.status_code == 200
    assert INVALID_LOGIN in response.content.decode()
    assert get_user(client).is_anonymous


def test_unknown_email_shows_the_same_message_as_a_wrong_password(client):
    response = password_login(client, "niemand@demo.nl", "demo")

    assert response.status_code == 200
    assert INVALID_LOGIN in response.content.decode()
    assert get_user(client).is_anonymous


def test_login_email_is_case_insensitive(client):
    response = password_login(client, "IB@DEMO.NL", "demo")

    assert response.status_code == 302
    assert logged_in_email(client) == "ib@demo.nl"


def test_five_failed_logins_block_even_the_correct_password(client):
    for _ in range(5):
        password_login(client, "ib@demo.nl", "fout-wachtwoord")

    response = password_login(client, "ib@demo.nl", "demo")

    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert get_user(client).is_anonymous


def test_failed_logins_count_towards_the_lockout_whatever_the_capitals(client):
    for email in ["ib@demo.nl", "IB@demo.nl", "Ib@Demo.nl", "IB@DEMO.NL", "ib@DEMO.nl"]:
        password_login(client, email, "fout-wachtwoord")

    response = password_login(client, "ib@demo.nl", "demo")

    assert response.status_code == 429
    assert get_user(client).is_anonymous


def test_four_failed_logins_do_not_block_the_account(client):
    for _ in range(4):
        password_login(client, "ib@demo.nl", "fout-wachtwoord")

    response = password_login(client, "ib@demo.nl", "demo")

    assert response.status_code == 302
    assert logged_in_email(client) == "ib@demo.nl"


# --- Second factor: professionals (TOTP) -----------------------------------------------------


def test_professional_without_authenticator_is_sent_to_setup_from_any_page(client):
    ib = user_by_email("ib@demo.nl")
    assert not TOTPDevice.objects.filter(user=ib).exists()
    password_login(client, "ib@demo.nl")

    response = client.get(LEERLINGEN_URL, follow=True)

    assert final_path(response) == TOTP_SETUP_URL
    assert response.status_code == 200
    assert not is_verified(client)


def test_totp_setup_page_shows_a_qr_code_and_the_key(client):
    password_login(client, "ib@demo.nl")

    response = client.get(TOTP_SETUP_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'src="data:image/svg+xml' in content
    device = TOTPDevice.objects.get(user=user_by_email("ib@demo.nl"), confirmed=False)
    assert response.context["secret"].replace(" ", "") in device.config_url
    assert response.context["secret"] in content


def test_reloading_totp_setup_keeps_the_same_key(client):
    password_login(client, "ib@demo.nl")

    first = client.get(TOTP_SETUP_URL).context["secret"]
    second = client.get(TOTP_SETUP_URL).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=user_by_email("ib@demo.nl")).count() == 1


def test_correct_totp_code_links_the_app_and_lands_on_the_home_page(client):
    password_login(client, "ib@demo.nl")
    client.get(TOTP_SETUP_URL)
    device = TOTPDevice.objects.get(user=user_by_email("ib@demo.nl"), confirmed=False)

    response = client.post(TOTP_SETUP_URL, {"token": totp_token(device)}, follow=True)

    assert final_path(response) == HOME_URL
    assert response.status_code == 200
    assert "Uw authenticator-app is gekoppeld." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert is_verified(client)
    assert client.get(LEERLINGEN_URL).status_code == 200


def test_wrong_totp_code_at_setup_shows_dutch_error_and_links_nothing(client):
    password_login(client, "ib@demo.nl")
    client.get(TOTP_SETUP_URL)
    device = TOTPDevice.objects.get(user=user_by_email("ib@demo.nl"), confirmed=False)

    response = client.post(TOTP_SETUP_URL, {"token": other_code(totp_token(device))})

    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not is_verified(client)
    assert client.get(LEERLINGEN_URL, follow=True).redirect_chain[-1][0] == TOTP_SETUP_URL


def test_professional_with_app_enters_code_and_reaches_the_page_asked_for(client):
    device = TOTPDevice.objects.create(
        user=user_by_email("ib@demo.nl"), name="Telefoon", confirmed=True
    )

    response = password_login(client, "ib@demo.nl", next_url=LEERLINGEN_URL)
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert final_path(response) == VERIFY_URL
    assert "authenticator-app" in response.content.decode()
    assert not is_verified(client)

    response = client.post(VERIFY_URL, {"token": totp_token(device)})

    assert response.status_code == 302
    assert response.url == LEERLINGEN_URL
    assert is_verified(client)
    assert client.get(LEERLINGEN_URL).status_code == 200


def test_professional_with_app_cannot_relink_another_app_with_only_a_password(client):
    TOTPDevice.objects.create(user=user_by_email("ib@demo.nl"), name="Telefoon", confirmed=True)
    password_login(client, "ib@demo.nl")

    response = client.get(TOTP_SETUP_URL)

    assert response.status_code == 302
    assert response.url == VERIFY_URL
    assert not TOTPDevice.objects.filter(confirmed=False, user__email="ib@demo.nl").exists()


# --- Second factor: parents (e-mailed code) --------------------------------------------------


def test_parent_receives_a_code_by_email_and_entering_it_logs_them_in(client):
    password_login(client, "ouder@demo.nl")

    response = client.get(HOME_URL, follow=True)

    assert final_path(response) == VERIFY_URL
    assert "ouder@demo.nl" in response.content.decode()
    assert len(otp_mails()) == 1
    message = otp_mails()[0]
    assert message.to == ["ouder@demo.nl"]

    response = client.post(VERIFY_URL, {"token": code_from(message)}, follow=True)

    assert final_path(response) == HOME_URL
    assert response.status_code == 200
    assert is_verified(client)


def test_reloading_the_verify_page_does_not_send_another_code(client):
    password_login(client, "ouder@demo.nl")

    for _ in range(3):
        assert client.get(VERIFY_URL).status_code == 200

    assert len(otp_mails()) == 1


def test_send_new_code_emails_a_fresh_code_that_works(client):
    password_login(client, "ouder@demo.nl")
    client.get(VERIFY_URL)
    assert len(otp_mails()) == 1
    # The user waits a minute before asking again (django-otp's resend cooldown).
    device = user_by_email("ouder@demo.nl").emaildevice_set.get()
    device.last_generated_timestamp = device.last_generated_timestamp - timedelta(minutes=2)
    device.save()

    response = client.post(RESEND_URL, follow=True)

    assert final_path(response) == VERIFY_URL
    assert "We hebben een nieuwe code naar uw e-mailadres gestuurd." in (response.content.decode())
    assert len(otp_mails()) == 2
    response = client.post(VERIFY_URL, {"token": code_from(otp_mails()[-1])})
    assert response.status_code == 302
    assert is_verified(client)


def test_wrong_email_code_shows_dutch_error_and_keeps_the_user_unverified(client):
    password_login(client, "ouder@demo.nl")
    client.get(VERIFY_URL)
    code = code_from(otp_mails()[0])

    response = client.post(VERIFY_URL, {"token": other_code(code)})

    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not is_verified(client)
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response.url == VERIFY_URL


def test_logged_out_visitor_of_verify_page_is_sent_to_login(client):
    response = client.get(VERIFY_URL)

    assert response.status_code == 302
    assert response.url == LOGIN_URL


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


def test_password_reset_email_link_sets_a_new_password(client):
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


def test_password_reset_email_is_case_insensitive(client):
    client.post(reverse("accounts:password_reset"), {"email": "OUDER@demo.nl"})

    assert [message.to for message in mail.outbox] == [["ouder@demo.nl"]]


def test_tampered_password_reset_link_is_no_longer_valid(client):
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


def test_password_reset_ends_a_lockout_of_the_account(client):
    for _ in range(5):
        password_login(client, "ouder@demo.nl", "fout-wachtwoord")
    assert password_login(client, "ouder@demo.nl").status_code == 429

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
