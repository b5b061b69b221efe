"""E-mail that did not arrive: the list of failed messages and sending one again.

Whoever caused a message sees it; the region's beheerder sees all of them. The list shows
address, kind, date, tries and error, never the text (docs/productie.md).
"""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts import berichten
from accounts.models import Bericht
from accounts.permissions import is_regiobeheerder

PER_PAGINA = 50


@login_required
@require_GET
def niet_afgeleverd(request: HttpRequest) -> HttpResponse:
    lijst = berichten.niet_afgeleverd_voor(request.user).only(
        "uuid",
        "aan",
        "onderwerp",
        "sjabloon",
        "aangemaakt_op",
        "pogingen",
        "laatste_fout",
        "veroorzaakt_door_id",
    )
    pagina = Paginator(lijst, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "accounts/berichten_niet_afgeleverd.html",
        {
            "pagina": pagina,
            "alle_berichten": is_regiobeheerder(request.user),
            "pogingen": settings.SAMENPLAN_BERICHT_POGINGEN,
        },
    )


@login_required
@require_POST
def opnieuw_versturen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    bericht = get_object_or_404(Bericht.objects.for_user(request.user), uuid=uuid)
    try:
        berichten.verstuur_opnieuw(bericht, door=request.user)
    except ValidationError as fout:
        messages.warning(request, fout.messages[0])
    else:
        messages.success(
            request, f"Het bericht aan {bericht.aan} staat weer klaar en wordt nu verstuurd."
        )
    volgende = request.POST.get("volgende", "")
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(volgende)
    return redirect("accounts:berichten_niet_afgeleverd")
