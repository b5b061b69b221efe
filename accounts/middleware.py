"""Session lifetime, the two-factor gate and cache headers for pages with personal data."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control

from accounts.rolcontext import get_rolcontext

LOGIN_AT = "samenplan_login_at"
LAST_SEEN = "samenplan_last_seen"
# Writing the session on every request costs a write per click; a minute's slack on a
# 30-minute idle limit does not matter.
LAST_SEEN_RESOLUTION = 60


def redirect_to_login(request, next_url: str | None = None) -> HttpResponse:
    url = resolve_url(settings.LOGIN_URL)
    if next_url and request.method == "GET" and not getattr(request, "htmx", False):
        url = f"{url}?{urlencode({'next': next_url})}"
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    """Logs out after 30 minutes without activity and 12 hours after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.setdefault(LOGIN_AT, now)
            last_seen = request.session.setdefault(LAST_SEEN, now)
            idle = now - last_seen > settings.SAMENPLAN_SESSION_IDLE_SECONDS
            too_long = now - login_at > settings.SAMENPLAN_SESSION_ABSOLUTE_SECONDS
            if idle or too_long:
                logout(request)
                messages.info(
                    request,
                    "U bent automatisch uitgelogd omdat u 30 minuten niets hebt gedaan. "
                    "Log opnieuw in om verder te gaan."
                    if idle
                    else "U bent automatisch uitgelogd omdat u langer dan 12 uur was "
                    "ingelogd. Log opnieuw in om verder te gaan.",
                )
                return redirect_to_login(request, request.get_full_path())
            if now - last_seen > LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def two_factor_exempt(view):
    """Marks a view reachable before the second factor (login, verification, reset)."""
    view.two_factor_exempt = True
    return view


class TwoFactorRequiredMiddleware:
    """Sends a logged-in user who has not passed the second factor to verification."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.SAMENPLAN_TWO_FACTOR_REQUIRED:
            return None
        if not request.user.is_authenticated or request.user.is_verified():
            return None
        if getattr(view_func, "two_factor_exempt", False):
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        url = resolve_url("accounts:verify")
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)


class RolcontextMiddleware:
    """Attaches the active role to the user, so the permission policy applies only that one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            request.user.samenplan_rolcontext = get_rolcontext(request)
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages shown to a logged-in user may hold personal data: never cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
