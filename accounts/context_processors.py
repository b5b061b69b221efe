from django.conf import settings
from django.http import HttpRequest

from accounts.rolcontext import get_rolcontext


class Ongelezen:
    """The bell's count (templates/base.html): one query, only when a page shows it."""

    def __init__(self, user):
        self.user = user
        self.aantal: int | None = None

    def __call__(self) -> int:
        if self.aantal is None:
            from accounts.notificaties import aantal_ongelezen

            self.aantal = aantal_ongelezen(self.user)
        return self.aantal


def rolcontext(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    volledig = bool(
        user
        and user.is_authenticated
        and (not settings.SAMENPLAN_TWO_FACTOR_REQUIRED or user.is_verified())
    )
    return {
        "rolcontext": get_rolcontext(request) if volledig else None,
        "volledig_ingelogd": volledig,
        "meldingen_ongelezen": Ongelezen(user) if volledig else 0,
    }
