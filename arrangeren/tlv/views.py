"""TLV requests: the school prepares and submits, the SWV reviews and decides.

Every view: the permission policy first (404 outside reach), then the access log.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Toegangslog
from accounts.services import log_toegang
from accounts.uploads import bijlage_response
from arrangeren.route.services.common import CONFLICT
from arrangeren.route.views.common import meld_fout, traject_voor
from arrangeren.tlv import brief, regels, services
from arrangeren.tlv import queries as queries_tlv
from arrangeren.tlv.forms import (
    AanvraagForm,
    AdviesForm,
    BesluitForm,
    BezwaarForm,
    BezwaarUitkomstForm,
    BijlageForm,
    NotitieForm,
    ToewijzenForm,
)
from arrangeren.tlv.models import TlvBijlage
from arrangeren.tlv.permissions import (
    is_swv,
    mag_tlv_aanvragen,
    rechten_voor_aanvraag,
    tlv_gronden,
)


def _log(request, leerlingen, actie, onderdeel):
    log_toegang(request, leerlingen, actie, onderdeel, aanvullend=tlv_gronden(request.user))


def _aanvraag_voor(request, uuid, onderdeel, *, mag=None, actie=Toegangslog.Actie.BEKIJKEN):
    aanvraag = (
        queries_tlv.zichtbare_aanvragen(request.user)
        .select_related("traject", "opp", "aangemaakt_door")
        .filter(uuid=uuid)
        .first()
    )
    if aanvraag is None:
        raise Http404("Niet gevonden.")
    rechten = rechten_voor_aanvraag(request.user, aanvraag)
    if mag is not None and not mag(rechten):
        raise Http404("Niet gevonden.")
    _log(request, aanvraag.leerling, actie, onderdeel)
    return aanvraag, rechten


@login_required
def tlv_lijst(request):
    vandaag = timezone.localdate()
    rij = queries_tlv.wachtrij(request.user, vandaag)
    _log(request, rij.leerlingen, Toegangslog.Actie.ZOEKEN, "TLV-aanvragen")
    te_laat = {a.pk for a in rij.lopend if queries_tlv.is_te_laat(a, vandaag)}
    return render(
        request,
        "arrangeren/tlv/lijst.html",
        {"rij": rij, "te_laat": te_laat, "swv": is_swv(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_nieuw(request, uuid):
    traject, _ = traject_voor(
        request,
        uuid,
        "TLV-aanvraag voorbereiden",
        mag=lambda r: mag_tlv_aanvragen(request.user, r.traject.leerling),
    )
    form = AanvraagForm(request.POST or None, initial=services.voorstel(traject))
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = services.start_aanvraag(traject, form.service_data(), door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request, "De aanvraag is aangemaakt. Vul de adviezen van de deskundigen aan."
            )
            return redirect("arrangeren:tlv_bewerken", aanvraag.uuid)
    opp = queries_tlv.laatste_vastgestelde_opp(traject.leerling)
    return render(
        request, "arrangeren/tlv/nieuw.html", {"traject": traject, "form": form, "opp": opp}
    )


def _adviesforms(aanvraag, data=None):
    bestaand = {a.rang: a for a in aanvraag.adviezen.all()}
    forms = {}
    for rang in regels.Rang:
        advies = bestaand.get(rang)
        initial = (
            {
                "soort": advies.soort,
                "naam": advies.naam,
                "datum": advies.datum,
                "geadviseerd_soort": advies.geadviseerd_soort,
                "advies": advies.advies,
            }
            if advies
            else {}
        )
        forms[rang] = AdviesForm(data, rang=rang, prefix=f"advies{rang.value}", initial=initial)
    return forms


@login_required
@require_http_methods(["GET", "POST"])
def tlv_bewerken(request, uuid):
    aanvraag, _ = _aanvraag_voor(request, uuid, "TLV-aanvraag bewerken", mag=lambda r: r.bewerken)
    if not aanvraag.bewerkbaar:
        messages.info(request, "De aanvraag ligt bij het SWV en is niet te wijzigen.")
        return redirect("arrangeren:tlv_detail", aanvraag.uuid)
    form = AanvraagForm(request.POST or None, instance=aanvraag)
    adviesforms = _adviesforms(aanvraag, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and all(f.is_valid() for f in adviesforms.values())
    ):
        try:
            services.bewaar_aanvraag(
                aanvraag,
                form.service_data(),
                {rang: f.service_data() for rang, f in adviesforms.items()},
                door=request.user,
                versie=form.cleaned_data.get("versie"),
            )
        except ValidationError as fout:
            form.add_error(None, fout)
            if fout.code == CONFLICT:
                form.data = form.data.copy()
                form.data["versie"] = aanvraag.versie
        else:
            messages.success(request, "De aanvraag is opgeslagen.")
            return redirect("arrangeren:tlv_detail", aanvraag.uuid)
    return render(
        request,
        "arrangeren/tlv/bewerken.html",
        {"aanvraag": aanvraag, "form": form, "adviesforms": list(adviesforms.values())},
    )


@login_required
def tlv_detail(request, uuid):
    aanvraag, rechten = _aanvraag_voor(request, uuid, "TLV-aanvraag")
    punten = queries_tlv.checklist(aanvraag)
    swv_acties = regels.mogelijke_acties(aanvraag.status, regels.Partij.SWV) if rechten.swv else []
    return render(
        request,
        "arrangeren/tlv/detail.html",
        {
            "aanvraag": aanvraag,
            "rechten": rechten,
            "punten": punten,
            "volledig": all(p.ok for p in punten),
            "adviezen": list(aanvraag.adviezen.all()),
            "bijlagen": list(aanvraag.bijlagen.all()),
            "gebeurtenissen": list(aanvraag.gebeurtenissen.select_related("door")),
            "bezwaren": list(aanvraag.bezwaren.all()),
            "tlv": getattr(aanvraag, "tlv", None),
            "swv_acties": swv_acties,
            "kan_indienen": rechten.bewerken and aanvraag.bewerkbaar,
            "besluit_form": BesluitForm() if regels.Actie.TOEKENNEN in swv_acties else None,
            "notitie_form": NotitieForm(),
            "toewijzen_form": ToewijzenForm(swv_id=aanvraag.swv_id)
            if rechten.swv and not aanvraag.is_besloten
            else None,
            "bijlage_form": BijlageForm() if rechten.bewerken and aanvraag.bewerkbaar else None,
            "bezwaar_form": BezwaarForm() if rechten.swv and aanvraag.is_besloten else None,
            "uitkomst_form": BezwaarUitkomstForm() if rechten.swv else None,
            "kan_verlengen": rechten.swv
            and aanvraag.status in regels.BIJ_SWV
            and not aanvraag.verlengd_met_weken,
        },
    )


SCHOOLACTIES = {"indienen", "bijlage"}


def _actie_uitvoeren(request, aanvraag, rechten, actie):
    post, door = request.POST, request.user
    if actie == "indienen" and rechten.bewerken:
        services.dien_in(aanvraag, door=door, notitie=post.get("notitie", ""))
        return "De aanvraag is ingediend bij het samenwerkingsverband."
    if actie == "bijlage" and rechten.bewerken:
        form = BijlageForm(post, request.FILES)
        if not form.is_valid():
            raise ValidationError("Kies een bestand.")
        services.voeg_tlv_bijlage_toe(
            aanvraag, form.cleaned_data["titel"], form.cleaned_data["bestand"], door=door
        )
        return "Het stuk is toegevoegd."
    if not rechten.swv:
        raise Http404("Niet gevonden.")
    if actie == "in_behandeling":
        services.neem_in_behandeling(aanvraag, door=door)
        return "U hebt de aanvraag in behandeling genomen."
    if actie == "aanvulling":
        services.vraag_aanvulling(aanvraag, post.get("notitie", ""), door=door)
        return "De vraag om aanvulling is naar de school gestuurd."
    if actie == "besluit":
        form = BesluitForm(post)
        if not form.is_valid():
            raise ValidationError("Kies een besluit en vul de motivering in.")
        services.beslis(
            aanvraag,
            toekennen=form.cleaned_data["besluit"] == "toekennen",
            motivering=form.cleaned_data["motivering"],
            afwijking_advies=form.cleaned_data["afwijking_advies"],
            door=door,
        )
        return "Het besluit is vastgelegd; school en ouders krijgen bericht."
    if actie == "verlengen":
        services.verleng_termijn(aanvraag, post.get("notitie", ""), door=door)
        return "De beslistermijn is verlengd; school en ouders krijgen bericht."
    if actie == "toewijzen":
        form = ToewijzenForm(post, swv_id=aanvraag.swv_id)
        if not form.is_valid():
            raise ValidationError("Kies een consulent van dit samenwerkingsverband.")
        services.wijs_toe(aanvraag, form.cleaned_data["consulent"], door=door)
        return "De aanvraag is toegewezen."
    if actie == "bezwaar":
        form = BezwaarForm(post)
        if not form.is_valid():
            raise ValidationError("Vul de datum, de indiener en het bezwaar in.")
        services.registreer_bezwaar(aanvraag, door=door, **form.cleaned_data)
        return "Het bezwaar is geregistreerd."
    if actie == "bezwaar_uitkomst":
        form = BezwaarUitkomstForm(post)
        bezwaar = (
            form.is_valid() and aanvraag.bezwaren.filter(uuid=form.cleaned_data["bezwaar"]).first()
        )
        if not bezwaar:
            raise ValidationError("Kies de uitkomst van het bezwaar.")
        services.leg_bezwaaruitkomst_vast(
            bezwaar,
            uitkomst=form.cleaned_data["uitkomst"],
            toelichting=form.cleaned_data["toelichting"],
            door=door,
        )
        return "De uitkomst van het bezwaar is vastgelegd."
    raise Http404("Niet gevonden.")


@login_required
@require_POST
def tlv_actie(request, uuid, actie):
    # Only whoever may take this action gets past (others: 404, nothing logged).
    schoolactie = actie in SCHOOLACTIES
    aanvraag, rechten = _aanvraag_voor(
        request,
        uuid,
        f"TLV-aanvraag: {actie}"[:200],
        mag=lambda r: r.bewerken if schoolactie else r.swv,
    )
    try:
        melding = _actie_uitvoeren(request, aanvraag, rechten, actie)
    except ValidationError as fout:
        meld_fout(request, fout)
    except PermissionDenied as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, melding)
    return redirect("arrangeren:tlv_detail", aanvraag.uuid)


@login_required
def tlv_besluit(request, uuid):
    """The decision letter: for school, SWV and parents, once decided."""
    aanvraag, _ = _aanvraag_voor(
        request, uuid, "TLV: besluitbrief", actie=Toegangslog.Actie.AFDRUKKEN
    )
    if not aanvraag.is_besloten:
        raise Http404("Er is nog geen besluit.")
    response = HttpResponse(brief.render_pdf(aanvraag), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="besluit-tlv.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def tlv_bijlage(request, uuid):
    bijlage = TlvBijlage.objects.select_related("aanvraag").filter(uuid=uuid).first()
    if bijlage is None:
        raise Http404("Niet gevonden.")
    _aanvraag_voor(
        request,
        bijlage.aanvraag.uuid,
        "TLV-aanvraag: bijlage",
        mag=lambda r: r.school or r.swv or r.ouder,
        actie=Toegangslog.Actie.EXPORTEREN,
    )
    return bijlage_response(bijlage.bestand, bijlage.bestandsnaam, bijlage.mimetype)


def _vereis_swv(request):
    if not is_swv(request.user):
        raise Http404("Niet gevonden.")


@login_required
def tlv_overzicht(request):
    _vereis_swv(request)
    gegevens = queries_tlv.overzicht(request.user)
    _log(request, [a.leerling for a in gegevens.te_laat], Toegangslog.Actie.ZOEKEN, "TLV-overzicht")
    return render(request, "arrangeren/tlv/overzicht.html", {"o": gegevens})


@login_required
def tlv_export(request):
    _vereis_swv(request)
    rijen, leerlingen = queries_tlv.export_rijen(request.user)
    _log(request, leerlingen, Toegangslog.Actie.EXPORTEREN, "TLV-aanvragen: CSV-export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tlv-aanvragen.csv"'
    response.write("\ufeff")
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow(queries_tlv.EXPORT_KOLOMMEN)
    for rij in rijen:
        schrijver.writerow([_veilig(v) for v in rij])
    return response


def _veilig(waarde: str) -> str:
    """No spreadsheet formulas from data (CSV injection)."""
    return "'" + waarde if waarde[:1] in ("=", "+", "-", "@") else waarde
