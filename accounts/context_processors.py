from django.conf import settings
from django.http import HttpRequest

from accounts.rolcontext import get_rolcontext


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
    }
