"""The embedded SQLite database: WAL, immediate transactions, writers wait instead of failing."""

import threading
import time

import pytest
from django.db.utils import ConnectionHandler

from config.settings.base import database_config


@pytest.fixture
def sqlite_handler(tmp_path, monkeypatch, django_db_blocker):
    """A connection set-up like `make demo`'s, on a file of its own (not the test database)."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_config(tmp_path / "var" / "samenplan.sqlite3")
    handler = ConnectionHandler({"default": config})
    with django_db_blocker.unblock():
        yield handler
        handler.close_all()


def test_without_database_url_the_app_uses_sqlite_in_wal_mode(sqlite_handler):
    connection = sqlite_handler["default"]
    assert connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_selects_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samenplan")
    config = database_config(tmp_path / "niet-gebruikt.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "samenplan"


def test_a_second_writer_waits_for_the_first_instead_of_failing(sqlite_handler):
    first = sqlite_handler["default"]
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE notitie (tekst TEXT)")
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute("INSERT INTO notitie VALUES ('eerste')")

    outcome = {}

    def second_writer():
        second = sqlite_handler["default"]  # its own connection: this is another thread
        started = time.monotonic()
        try:
            with second.cursor() as cursor:
                cursor.execute("INSERT INTO notitie VALUES ('tweede')")
            outcome["waited"] = time.monotonic() - started
        except Exception as exc:  # the failure this test guards against
            outcome["error"] = exc
        finally:
            second.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.5)
    with first.cursor() as cursor:
        cursor.execute("COMMIT")
    thread.join(timeout=30)

    assert "error" not in outcome, outcome.get("error")
    assert outcome["waited"] >= 0.4
    with first.cursor() as cursor:
        cursor.execute("SELECT tekst FROM notitie ORDER BY rowid")
        assert [row[0] for row in cursor.fetchall()] == ["eerste", "tweede"]
