"""Several short lists of one table in one query, for work lists ("Mijn werk")."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Window
from django.db.models.functions import RowNumber

LIMIET = 25


def eerste_per_lijst(
    queryset: QuerySet, lijsten: dict[str, tuple[Q, list]], limiet: int = LIMIET
) -> dict[str, list]:
    """The first `limiet` rows of several lists of one table, in one query.

    `lijsten` maps a name to (condition, ordering), the condition a real one (an empty
    `Q()` would vanish in the OR of all conditions). A row can be in more than one list.
    Each list is numbered in its own order (a window function), so the database returns
    at most `limiet` rows per list however many match.
    """

    def als_kolom(voorwaarde: Q) -> ExpressionWrapper:
        return ExpressionWrapper(voorwaarde, output_field=BooleanField())

    annotaties, binnen = {}, Q()
    for naam, (voorwaarde, volgorde) in lijsten.items():
        annotaties[f"in_{naam}"] = als_kolom(voorwaarde)
        annotaties[f"nr_{naam}"] = Window(
            RowNumber(), partition_by=[als_kolom(voorwaarde)], order_by=volgorde
        )
        binnen |= Q(**{f"in_{naam}": True, f"nr_{naam}__lte": limiet})
    alle = Q()
    for voorwaarde, _ in lijsten.values():
        alle |= voorwaarde
    rijen = list(queryset.filter(alle).annotate(**annotaties).filter(binnen))
    return {
        naam: sorted(
            (r for r in rijen if getattr(r, f"in_{naam}") and getattr(r, f"nr_{naam}") <= limiet),
            key=lambda r, naam=naam: getattr(r, f"nr_{naam}"),
        )
        for naam in lijsten
    }
