"""Background work as django-tasks tasks (Django 6's tasks API; docs/productie.md).

A worker (`manage.py db_worker`) runs them from the queue in the database. Each task
takes only plain values: the queue stores its arguments as JSON.
"""

from django_tasks import task


@task()
def voer_taak_uit(taak: str, periode: str) -> str:
    """Run one scheduled job the planner claimed (accounts/planner.py)."""
    from accounts.planner import voer_uit

    return voer_uit(taak, periode)
