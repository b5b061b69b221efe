from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware import two_factor_exempt
from accounts.rolcontext import set_rolcontext


@never_cache
@require_GET
@two_factor_exempt
def healthz(request):
    """Liveness and database check for the load balancer; no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
@require_POST
def switch_rol(request):
    if not set_rolcontext(request, request.POST.get("rol", "")):
        reden = "Deze rol hoort niet bij uw account. Er is niets gewijzigd."
        return render(request, "400.html", {"reden": reden}, status=400)
    messages.success(request, "U werkt nu in een andere rol.")
    return redirect("home")


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
