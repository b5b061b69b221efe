import logging
import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts import gereedheid
from accounts.middleware import two_factor_exempt
from accounts.rolcontext import set_rolcontext

logger = logging.getLogger(__name__)

# How long a browser or proxy waits before asking again when the database is away.
RETRY_AFTER_SECONDS = 30


@never_cache
@require_GET
@two_factor_exempt
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. No database, so an outage restarts no app server."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
@two_factor_exempt
def gereed(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers and no queue waits too long (docs/productie.md)."""
    uitslag = gereedheid.controleer()
    if uitslag["status"] == "ok":
        return JsonResponse(uitslag)
    # Monitoring asks every few seconds: one warning per answer, not Django's error (which
    # would also be an error report to Sentry each time).
    logger.warning("Niet gereed: %s", uitslag["controles"])
    response = JsonResponse(uitslag, status=503)
    response._has_been_logged = True
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or, when the database cannot be reached, a 503 that needs none.

    Django turns an exception in any middleware into this page (the database may fail
    while the session or the user is read, before any view), so this is the one place
    that sees them all. Nothing here reads the session, the user or the database.
    """
    if gereedheid.is_database_onbereikbaar(sys.exc_info()[1]):
        return database_onbereikbaar(request)
    return defaults.server_error(request)


def database_onbereikbaar(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def switch_rol(request: HttpRequest) -> HttpResponse:
    if not set_rolcontext(request, request.POST.get("rol", "")):
        reden = "Deze rol hoort niet bij uw account. Er is niets gewijzigd."
        return render(request, "400.html", {"reden": reden}, status=400)
    messages.success(request, "U werkt nu in een andere rol.")
    return redirect("home")


def geen_toegang(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A refusal that reaches the top (PermissionDenied, also from the admin) answers 404,
    like every page outside a user's role: its existence is not revealed (docs/rollen.md).
    A failed CSRF check keeps its own 403 page (csrf_failure)."""
    return defaults.page_not_found(request, Http404())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
