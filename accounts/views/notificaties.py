"""Meldingen: one's own notifications, newest first (docs/meldingen.md).

A person only ever sees her own: another person's notification answers 404. Opening a
notification marks it read and redirects to its stored link, which is always a path in
Samenplan; the page there checks, as always, who may open it.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts import notificaties
from accounts.models import Notificatie

PER_PAGINA = 25


@login_required
@require_GET
def meldingen(request: HttpRequest) -> HttpResponse:
    lijst = Notificatie.objects.voor(request.user).only(
        "uuid", "soort", "aangemaakt_op", "gelezen_op", "ontvanger_id"
    )
    pagina = Paginator(lijst, PER_PAGINA).get_page(request.GET.get("pagina"))
    regels = [(n, notificaties.titel(n.soort)) for n in pagina.object_list]
    return render(request, "accounts/meldingen.html", {"pagina": pagina, "regels": regels})


@login_required
@require_GET
def melding(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Mark read and go to the item: only ever to the stored relative link."""
    rij = get_object_or_404(Notificatie.objects.voor(request.user), uuid=uuid)
    notificaties.markeer_gelezen(rij, door=request.user)
    lokaal = rij.link.startswith("/") and url_has_allowed_host_and_scheme(
        rij.link, allowed_hosts=None
    )
    if not lokaal:
        return redirect("accounts:meldingen")
    return HttpResponseRedirect(rij.link)


@login_required
@require_POST
def melding_gelezen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    rij = get_object_or_404(Notificatie.objects.voor(request.user), uuid=uuid)
    notificaties.markeer_gelezen(rij, door=request.user)
    return redirect("accounts:meldingen")


@login_required
@require_POST
def meldingen_gelezen(request: HttpRequest) -> HttpResponse:
    aantal = notificaties.markeer_alles_gelezen(request.user)
    if aantal:
        messages.success(request, "Alle meldingen zijn als gelezen gemarkeerd.")
    return redirect("accounts:meldingen")
