"""Moves between schools (docs/overstap.md): the list for leerplicht and the SWV, and the
pupil's own answer about the handover, recorded by the old school's coördinator."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.forms import StyledFormMixin
from accounts.invoer import bewaar_fouten
from accounts.meldingen import meld_fout
from accounts.models import Leerling, Overstap, Toegangslog
from accounts.overstap import (
    leg_overdracht_antwoord_leerling_vast,
    mag_overdrachtsantwoord_vastleggen,
)
from accounts.permissions import (
    get_object_for_user,
    mag_overstappen_zien,
    overstapgronden,
    overstappen_for_user,
)
from accounts.services import log_toegang

PER_PAGINA = 25


class LeerlingOverdrachtForm(StyledFormMixin, forms.Form):
    geven = forms.TypedChoiceField(
        label="Antwoord van de leerling",
        choices=[("1", "Geeft toestemming voor de overdracht"), ("0", "Weigert")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies het antwoord van de leerling.",
            "invalid_choice": "Kies het antwoord van de leerling.",
        },
    )
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=1000)


@login_required
@require_GET
def overstappen(request: HttpRequest) -> HttpResponse:
    """Leerplicht sees the region's moves, a consulent those from or to her SWV's schools."""
    if not mag_overstappen_zien(request.user):
        raise Http404("Niet gevonden.")
    lijst = overstappen_for_user(request.user).select_related("nieuw", "van_school", "naar_school")
    pagina = Paginator(lijst, PER_PAGINA).get_page(request.GET.get("pagina"))
    log_toegang(
        request,
        [overstap.nieuw for overstap in pagina.object_list],
        Toegangslog.Actie.ZOEKEN,
        "Overstappen",
        aanvullend=overstapgronden(request.user, pagina.object_list),
    )
    return render(request, "leerlingen/overstappen.html", {"pagina": pagina})


@login_required
@require_POST
def overstap_leerling_antwoord(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """From 12 the pupil decides about the handover too, from 16 alone. The old school's
    coördinator records the answer on the old dossier: the school that receives the file
    does not decide in its own favour."""
    leerling = get_object_for_user(request.user, Leerling, uuid=uuid)
    overstap = Overstap.objects.select_related("oud", "naar_school").filter(oud=leerling).first()
    if overstap is None or not mag_overdrachtsantwoord_vastleggen(request.user, overstap):
        raise Http404("Niet gevonden.")
    form = LeerlingOverdrachtForm(request.POST)
    if not form.is_valid():
        # Shown again on the pupil's page with the field marked (accounts/invoer.py).
        bewaar_fouten(request, form, bij=leerling.pk)
        return redirect("accounts:leerling_detail", leerling.uuid)
    try:
        leg_overdracht_antwoord_leerling_vast(
            overstap,
            door=request.user,
            geven=form.cleaned_data["geven"],
            toelichting=form.cleaned_data["toelichting"],
        )
    except (ValidationError, PermissionDenied) as fout:
        meld_fout(request, fout)
    else:
        messages.success(request, "Het antwoord van de leerling is vastgelegd.")
    return redirect("accounts:leerling_detail", leerling.uuid)
