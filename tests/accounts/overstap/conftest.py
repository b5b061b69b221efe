"""Fixtures of the move tests: `v`, a pupil about to move to another school."""

import pytest

from tests.accounts.overstap_helpers import verhuizing


@pytest.fixture
def v(db):
    return verhuizing()
