"""The parent's one question after an MDO (docs/monitor.md): answer it, or skip it."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Toegangslog
from accounts.services import log_toegang
from arrangeren.route.forms.tevredenheid import TevredenheidForm
from arrangeren.route.models import Mdo, Tevredenheid
from arrangeren.route.services import tevredenheid as services
from arrangeren.route.tevredenheid import gehouden_mdos_van_ouder

from .common import meld_fout

ONDERDEEL = "Vraag na het MDO"
BEDANKT = "Dank u wel. Uw antwoord telt mee, zonder uw naam, in het overzicht van de regio."


def _mdo_van_ouder(request: HttpRequest, uuid: UUID) -> Mdo:
    """A held MDO about a child of this parent (custody); anything else answers 404."""
    mdo = (
        gehouden_mdos_van_ouder(request.user)
        .select_related("traject__leerling")
        .filter(uuid=uuid)
        .first()
    )
    if mdo is None:
        raise Http404("Niet gevonden.")
    return mdo


@login_required
@require_http_methods(["GET", "POST"])
def tevredenheid(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mdo = _mdo_van_ouder(request, uuid)
    log_toegang(request, mdo.traject.leerling, Toegangslog.Actie.BEKIJKEN, ONDERDEEL)
    al = Tevredenheid.objects.filter(mdo=mdo, ouder=request.user).first()
    form = TevredenheidForm(request.POST if request.method == "POST" else None)
    if al is None and request.method == "POST" and form.is_valid():
        try:
            services.beantwoord(
                mdo, request.user, form.cleaned_data["score"], form.cleaned_data["opmerking"]
            )
        except ValidationError as fout:
            meld_fout(request, fout)
            return redirect("arrangeren:tevredenheid", uuid=mdo.uuid)
        messages.success(request, BEDANKT)
        return redirect("home")
    if al is not None and request.method == "POST":
        meld_fout(request, ValidationError(services.AL_BEANTWOORD))
        return redirect("arrangeren:tevredenheid", uuid=mdo.uuid)
    return render(
        request, "arrangeren/tevredenheid.html", {"mdo": mdo, "form": form, "antwoord": al}
    )


@login_required
@require_POST
def tevredenheid_overslaan(request: HttpRequest, uuid: UUID) -> HttpResponse:
    mdo = _mdo_van_ouder(request, uuid)
    try:
        services.sla_over(mdo, request.user)
    except ValidationError as fout:
        meld_fout(request, fout)
        return redirect("arrangeren:tevredenheid", uuid=mdo.uuid)
    messages.success(request, "De vraag is overgeslagen. U krijgt hem voor dit overleg niet meer.")
    return redirect("home")
