"""The gezinsplan: drawn up by the jeugdteam or jeugdhulp, read by the parents and, with
the parents' consent, by the school (docs/opp.md, "Gezinsplan")."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Leerling, Toegangslog
from accounts.permissions import get_object_for_user
from accounts.services import log_toegang
from accounts.uploads import bijlage_response
from opp import services
from opp.forms import GezinsplanForm
from opp.models import Gezinsplan, GezinsplanBijlage, Opp
from opp.permissions import (
    GezinsplanRechten,
    gezinsplan_opstellers,
    gezinsplan_rechten,
    rechten_voor,
)


def _plan_voor(
    request: HttpRequest,
    uuid: UUID,
    onderdeel: str,
    *,
    bewerken: bool = False,
    actie: str = Toegangslog.Actie.BEKIJKEN,
) -> tuple[Gezinsplan, GezinsplanRechten]:
    """The plan if the user may read it (else 404, and no log row), logged, with rights."""
    plan = (
        Gezinsplan.objects.filter(
            uuid=uuid, leerling__in=Leerling.objects.dossiers_for_user(request.user)
        )
        .select_related("leerling__school", "organisatie", "regievoerder")
        .first()
    )
    if plan is None:
        raise Http404("Niet gevonden.")
    rechten = gezinsplan_rechten(request.user, plan)
    if not rechten.lezen or (bewerken and not rechten.bewerken):
        raise Http404("Niet gevonden.")
    log_toegang(request, plan.leerling, actie, onderdeel)
    return plan, rechten


@login_required
@require_http_methods(["GET", "POST"])
def leerling_gezinsplan(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The pupil's running gezinsplan, or drawing one up (jeugdteam, jeugdhulp)."""
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    plan = Gezinsplan.objects.lopend().filter(leerling=leerling).first()
    if plan is not None and gezinsplan_rechten(request.user, plan).lezen:
        return redirect("opp:gezinsplan_detail", plan.uuid)
    opstellers = gezinsplan_opstellers(request.user)
    # A plan this user may not read answers as if there were none (docs/rollen.md).
    if plan is not None or not opstellers:
        raise Http404("Niet gevonden.")
    namens = opstellers[0]
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "Gezinsplan opstellen")
    form = GezinsplanForm(
        request.POST or None,
        request.FILES or None,
        regievoerders=services.regievoerders(namens.organisatie_id),
        initial={"regievoerder": request.user.pk, "datum": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.maak_gezinsplan(
                leerling, door=request.user, namens=namens, **form.cleaned_data
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het gezinsplan is vastgelegd.")
            return redirect("opp:gezinsplan_detail", plan.uuid)
    return render(
        request,
        "opp/gezinsplan_form.html",
        {"leerling": leerling, "form": form, "organisatie": namens.organisatie},
    )


@login_required
@require_GET
def gezinsplan_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    plan, rechten = _plan_voor(request, uuid, "Gezinsplan")
    opp = Opp.objects.filter(leerling=plan.leerling).select_related("leerling").first()
    return render(
        request,
        "opp/gezinsplan.html",
        {
            "plan": plan,
            "rechten": rechten,
            "bijlagen": list(plan.bijlagen.all()),
            "heeft_opp": opp is not None,
            "opp_leesbaar": opp is not None and rechten_voor(request.user, opp).lezen,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def gezinsplan_bewerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    plan, _rechten = _plan_voor(request, uuid, "Gezinsplan bewerken", bewerken=True)
    form = GezinsplanForm(
        request.POST or None,
        request.FILES or None,
        regievoerders=services.regievoerders(plan.organisatie_id),
        bewerken=True,
        initial={
            "regievoerder": plan.regievoerder_id,
            "doelen": plan.doelen,
            "datum": plan.datum,
            "status": plan.status,
            "bewerkingen": plan.bewerkingen,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_gezinsplan(plan, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het gezinsplan is opgeslagen.")
            return redirect("opp:gezinsplan_detail", plan.uuid)
    return render(
        request,
        "opp/gezinsplan_form.html",
        {"leerling": plan.leerling, "form": form, "plan": plan, "organisatie": plan.organisatie},
    )


@login_required
@require_GET
def gezinsplan_bestand(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The gezinsplan's file, for whoever reads the plan (else 404, no log row)."""
    bijlage = GezinsplanBijlage.objects.select_related("gezinsplan").filter(uuid=uuid).first()
    if bijlage is None:
        raise Http404("Niet gevonden.")
    _plan_voor(
        request,
        bijlage.gezinsplan.uuid,
        "Gezinsplan: bestand",
        actie=Toegangslog.Actie.EXPORTEREN,
    )
    return bijlage_response(bijlage.bestand, bijlage.bestandsnaam, bijlage.mimetype)
