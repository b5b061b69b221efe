"""Browser tests: Playwright drives Debian's Chromium against a live server.

Playwright's own browser download does not work here; the Makefile installs Debian's
`chromium` and these tests launch it by path.
"""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by the
# test itself for setup, refuses to run in such a thread unless told it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def demo_region(transactional_db):
    """The demo region of `seed_demo`, in a database the live server sees (no rollback)."""
    call_command("seed_demo", stdout=StringIO())
