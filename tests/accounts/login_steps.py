"""Shared steps of the login tests: what the login form posts, and how to read the result."""

import re

from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import LoginForm

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
