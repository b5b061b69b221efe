"""Background work as django-tasks tasks (Django 6's tasks API; docs/productie.md).

A worker (`manage.py db_worker`) runs them from the queue in the database. Each task
takes only plain values: the queue stores its arguments as JSON. The e-mail jobs take
ids and read the row's current state when they run.
"""

from django_tasks import task

from accounts import berichten


@task
def verstuur_bericht(bericht_id: int) -> bool:
    return berichten.verstuur(bericht_id)


@task
def verstuur_berichten(bericht_ids: list[int]) -> int:
    return berichten.verstuur_reeks(bericht_ids)


@task
def verwerk_wachtrij() -> dict[str, int]:
    return berichten.verwerk_wachtrij()


@task()
def voer_taak_uit(taak: str, periode: str) -> str:
    """Run one scheduled job the planner claimed (accounts/planner.py)."""
    from accounts.planner import voer_uit

    return voer_uit(taak, periode)
