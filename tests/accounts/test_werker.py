"""The job worker survives a database outage instead of ending `make serve`."""

from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from accounts.management.commands import werker


def test_the_worker_starts_again_after_the_database_was_away(monkeypatch, db):
    pogingen = []
    pauzes = []

    def db_worker(self, *args, **options):
        pogingen.append(options["batch"])
        if len(pogingen) < 3:
            raise OperationalError("the database system is not currently accepting connections")

    monkeypatch.setattr(DbWorkerCommand, "handle", db_worker)
    monkeypatch.setattr(werker.Command, "wacht", staticmethod(pauzes.append))

    werker.Command().handle(batch=True)  # past argparse: tests run without a job database

    assert len(pogingen) == 3  # twice refused, the third run did its work and ended
    assert pauzes == [1, 2]


def test_other_errors_still_stop_the_worker(monkeypatch, db):
    def db_worker(self, *args, **options):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(DbWorkerCommand, "handle", db_worker)
    try:
        werker.Command().handle(batch=True)
    except ValueError:
        return
    raise AssertionError("a bug must not be retried for ever")
