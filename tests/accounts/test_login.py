"""Logging in: the password step, lockout, and the second factor (TOTP or e-mailed code)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.login_steps import (
    HOME_URL,
    INVALID_LOGIN,
    LEERLINGEN_URL,
    LOGIN_URL,
    RESEND_URL,
    TOTP_SETUP_URL,
    VERIFY_URL,
    code_from,
    final_path,
    is_verified,
    logged_in_email,
    other_code,
    otp_mails,
    password_login,
    totp_token,
)
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


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


# Wrong passwords, waits and the lock the owner lifts: tests/accounts/test_inlogrem.py.


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
