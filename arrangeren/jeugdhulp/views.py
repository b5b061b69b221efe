from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Toegangslog
from accounts.services import log_toegang
from arrangeren.jeugdhulp import kaders, services
from arrangeren.jeugdhulp.forms import EindeForm, InzetForm, UitzonderingForm, UrenForm
from arrangeren.jeugdhulp.models import Jeugdhulpinzet
from arrangeren.jeugdhulp.permissions import logt_uren, registreert_jeugdhulp, ziet_jeugdhulp
from arrangeren.route.models import Traject
from arrangeren.route.permissions import rechten_voor
from arrangeren.route.views.common import meld_fout, traject_voor


@login_required
@require_http_methods(["GET", "POST"])
def jeugdhulp_registreren(request, uuid):
    """The medewerker jeugdteam registers jeugdhulp for goals of the pupil's OPP."""
    traject, _ = traject_voor(
        request, uuid, "Traject: jeugdhulp registreren", mag=registreert_jeugdhulp
    )
    form = InzetForm(request.POST or None, leerling=traject.leerling)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "doelen"}
        try:
            inzet = services.registreer_inzet(
                traject, data, list(form.cleaned_data["doelen"]), door=request.user
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De jeugdhulp is geregistreerd.")
            return redirect("arrangeren:jeugdhulp_detail", inzet.uuid)
    return render(request, "arrangeren/jeugdhulp_form.html", {"traject": traject, "form": form})


def _inzet_voor(request, uuid, onderdeel):
    inzet = (
        Jeugdhulpinzet.objects.select_related(
            "traject__leerling__school", "traject__regievoerder", "aanbieder"
        )
        .filter(traject__in=Traject.objects.for_user(request.user), uuid=uuid)
        .first()
    )
    if inzet is None:
        raise Http404("Niet gevonden.")
    rechten = rechten_voor(request.user, inzet.traject)
    if not ziet_jeugdhulp(rechten, inzet):
        raise Http404("Niet gevonden.")
    log_toegang(request, inzet.traject.leerling, Toegangslog.Actie.BEKIJKEN, onderdeel)
    return inzet, rechten


@login_required
def jeugdhulp_detail(request, uuid):
    inzet, rechten = _inzet_voor(request, uuid, "Jeugdhulp")
    vandaag = timezone.localdate()
    # Hours count in the half year in which their week starts (the Monday).
    status = kaders.kaderstatus(inzet.traject.leerling, kaders.maandag(vandaag))
    uren = list(inzet.uren.select_related("door"))
    geleverd = inzet.uren.aggregate(t=Sum("uren"))["t"] or 0
    kosten = (
        kaders.mdb_kosten(
            geleverd,
            uurtarief=inzet.uurtarief,
            scenario=inzet.scenario,
            aandeel_onderwijs=inzet.aandeel_onderwijs,
            betaler=inzet.betaler,
        )
        if inzet.soort == "multidisciplinaire_begeleider"
        else None
    )
    return render(
        request,
        "arrangeren/jeugdhulp_detail.html",
        {
            "inzet": inzet,
            "traject": inzet.traject,
            "rechten": rechten,
            "uren": uren,
            "geleverd": geleverd,
            "kader": status if inzet.soort in kaders.SOORTEN_IN_KADER else None,
            "kosten": kosten,
            "te_laat": kaders.te_late_aankondiging(
                inzet.einde_aangekondigd_op, inzet.aangekondigd_einde
            ),
            "uren_form": UrenForm(initial={"week": vandaag}) if logt_uren(rechten, inzet) else None,
            "einde_form": EindeForm() if logt_uren(rechten, inzet) else None,
            "uitzondering_form": UitzonderingForm(initial={"week": vandaag})
            if rechten.bewerken and inzet.soort in kaders.SOORTEN_IN_KADER
            else None,
        },
    )


@login_required
@require_POST
def jeugdhulp_actie(request, uuid, actie):
    if actie not in ("uren", "einde", "uitzondering"):
        raise Http404("Niet gevonden.")
    inzet, rechten = _inzet_voor(request, uuid, "Jeugdhulp")
    try:
        if actie in ("uren", "einde") and not logt_uren(rechten, inzet):
            raise Http404("Niet gevonden.")
        if actie == "uren":
            form = UrenForm(request.POST)
            if not form.is_valid():
                fouten = [e for lijst in form.errors.values() for e in lijst]
                raise ValidationError(["De uren zijn niet opgeslagen.", *fouten])
            _, status = services.log_uren(
                inzet,
                form.cleaned_data["week"],
                form.cleaned_data["uren"],
                door=request.user,
                toelichting=form.cleaned_data["toelichting"],
            )
            messages.success(request, "De uren zijn opgeslagen.")
            if inzet.soort in kaders.SOORTEN_IN_KADER and status.waarschuwing:
                messages.warning(
                    request,
                    f"Let op: {status.uren} van de {status.grens} uur begeleiding in dit "
                    "halfjaar zijn gebruikt (kader begeleiding).",
                )
        elif actie == "einde":
            form = EindeForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Vul een geldige einddatum in.")
            te_laat = services.kondig_einde_aan(
                inzet, form.cleaned_data["einde"], door=request.user
            )
            messages.success(request, "Het einde van de behandeling is aangekondigd.")
            if te_laat:
                messages.warning(
                    request,
                    "Het einde is minder dan 6 weken van tevoren aangekondigd. Spreek met de "
                    "school af wanneer het onderwijs weer start.",
                )
        else:
            form = UitzonderingForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Vul het onderwijsarrangement en de reden in.")
            services.leg_uitzondering_vast(
                inzet.traject.leerling,
                kaders.maandag(form.cleaned_data["week"]),
                door=request.user,
                onderwijsarrangement=form.cleaned_data["onderwijsarrangement"],
                reden=form.cleaned_data["reden"],
            )
            messages.success(request, "De uitzondering op het kader is vastgelegd.")
    except (ValidationError, PermissionDenied) as fout:
        meld_fout(
            request, fout if isinstance(fout, ValidationError) else ValidationError(str(fout))
        )
    return redirect("arrangeren:jeugdhulp_detail", inzet.uuid)
