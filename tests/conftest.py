"""Shared fixtures: the demo region (loaded once per test database) and its personas.

The personas of `seed_demo` are the contract: ib (coördinator De Regenboog), mentor,
ouder and ouder2 (Sam's parents), jeugdteam, swv, leerplicht, beheer (region),
schoolbeheer (De Regenboog's own beheerder, no case content), and the outsiders
ib.andere (other school, other SWV) and ouder.andere (parent of another pupil).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings

from accounts.models import Leerling, User

# No time limit per generated example: CI runs the tests on two busy cores, where 200 ms
# measures the machine's load, not the code (a slow path is a benchmark's job).
settings.register_profile("samenplan", deadline=None)
settings.load_profile("samenplan")

PERSONAS = [
    "ib@demo.nl",
    "mentor@demo.nl",
    "ouder@demo.nl",
    "ouder2@demo.nl",
    "jeugdteam@demo.nl",
    "swv@demo.nl",
    "leerplicht@demo.nl",
    "beheer@demo.nl",
    "schoolbeheer@demo.nl",
    "ib.andere@demo.nl",
    "ouder.andere@demo.nl",
]


def leegt_de_database(item: pytest.Item) -> bool:
    """Whether a test runs outside a rolled-back transaction, so that Django empties the
    database after it with TRUNCATE (transactional_db, live_server, TransactionTestCase)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker and (
        (marker.args and marker.args[0])
        or marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # The runtime role may not TRUNCATE: CI runs these tests as the owner role, and the
    # others as the runtime role (scripts/ci_runtime_role.sh, docs/productie.md).
    for item in items:
        if leegt_de_database(item):
            item.add_marker(pytest.mark.transactioneel)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=StringIO())
        from tests.demo_toegang import zonder_demo_toegang

        zonder_demo_toegang()  # the suite's baseline: see tests/demo_toegang.py


def user_by_email(email: str) -> User:
    return User.objects.get(email=email)


def login_verified(client, user: User):
    """Log in as a user who passed the second factor (a confirmed TOTP device)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Testapparaat", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login(client, db):
    """`login("ib@demo.nl")` logs the test client in as that persona, second factor done."""

    def _login(email: str):
        login_verified(client, user_by_email(email))
        return client

    return _login


@pytest.fixture
def sam(db) -> Leerling:
    return Leerling.objects.get(voornaam="Sam", achternaam="Vries")


@pytest.fixture
def noor(db) -> Leerling:
    return Leerling.objects.get(voornaam="Noor", achternaam="Visser")


@pytest.fixture(autouse=True)
def _geen_verzoekcontext():
    """Each test starts outside a request: no request id (django-guid) or user id left in
    the thread's context by an earlier test on the same worker (config/logs.py)."""
    from django_guid.context import guid

    from config.logs import user_id

    guid.set(None)
    user_id.set(None)
