"""Fixtures of the role-management tests: De Regenboog and its two beheerders."""

import pytest

from tests.accounts.beheer_helpers import REGENBOOG, organisatie
from tests.conftest import user_by_email


@pytest.fixture(autouse=True)
def mail_direct(monkeypatch):
    """Mails go out on commit; the test's transaction never commits, so send at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, robust=False: func())


@pytest.fixture
def sophie(db):
    return user_by_email("schoolbeheer@demo.nl")


@pytest.fixture
def dirk(db):
    return user_by_email("directie@demo.nl")


@pytest.fixture
def regenboog(db):
    return organisatie(REGENBOOG)
