"""Jeugdhulp: the jeugdteam registers inzet for goals of the OPP and logs its hours; the
school and parents read. Each action on an inzet is its own view: read the form, call one
service, report its outcome as a message, and go back to the inzet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import invoer
from accounts.invoer import bewaar_fouten
from accounts.meldingen import als_melding
from accounts.models import Lidmaatschap, Toegangslog
from accounts.permissions import Toegangsgrond
from accounts.schrijfwijze import getal
from accounts.services import log_toegang
from arrangeren.jeugdhulp import afsluiting, betalers, kaders, queries, services
from arrangeren.jeugdhulp.forms import (
    EindafspraakForm,
    EindeForm,
    InzetForm,
    UitzonderingForm,
    UrenForm,
    UrenVervangenForm,
)
from arrangeren.jeugdhulp.models import Eindafspraak, Jeugdhulpinzet
from arrangeren.jeugdhulp.permissions import (
    logt_uren,
    maakt_eindafspraken,
    registreert_jeugdhulp,
    ziet_jeugdhulp,
)
from arrangeren.route.models import Traject
from arrangeren.route.permissions import TrajectRechten, rechten_voor
from arrangeren.route.views.common import traject_voor
from opp.models import Gezinsplan, Opp
from opp.permissions import gezinsplan_rechten


def _leidend_gezinsplan(traject: Traject) -> Gezinsplan | None:
    """The pupil's running gezinsplan when there is no OPP (it leads then)."""
    if Opp.objects.filter(leerling_id=traject.leerling_id).exists():
        return None
    return (
        Gezinsplan.objects.lopend()
        .filter(leerling_id=traject.leerling_id)
        .select_related("regievoerder", "organisatie")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def jeugdhulp_registreren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The medewerker jeugdteam registers jeugdhulp for goals of the pupil's OPP."""
    traject, rechten = traject_voor(
        request, uuid, "Traject: jeugdhulp registreren", mag=registreert_jeugdhulp
    )
    # Only the goals of OPP versions this user may read (docs/toestemming.md).
    doelen = queries.koppelbare_doelen(request.user, rechten)
    form = InzetForm(request.POST or None, doelen=doelen.zichtbaar, school=traject.leerling.school)
    # No OPP: the inzet can rest on the pupil's running gezinsplan (docs/jeugdhulp.md).
    gezinsplan = _leidend_gezinsplan(traject)
    if gezinsplan is not None and not gezinsplan_rechten(request.user, gezinsplan).lezen:
        # Not shared with this user (docs/opp.md, "Gezinsplan"): not named, not used.
        gezinsplan = None
    if gezinsplan is not None:
        form.fields["doelen"].required = False
        form.fields["doelen"].help_text = (
            "Er is geen OPP: zonder doelen rust de inzet op het gezinsplan (regie bij "
            f"{gezinsplan.regievoerder.naam}, {gezinsplan.organisatie.naam})."
        )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "doelen"}
        try:
            inzet = services.registreer_inzet(
                traject,
                data,
                list(form.cleaned_data["doelen"] or []),
                door=request.user,
                gezinsplan=gezinsplan,
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De jeugdhulp is geregistreerd.")
            # Allowed, but said: the region's table names another payer.
            if waarschuwing := betalers.waarschuwing(inzet.soort, inzet.financiering):
                messages.warning(request, waarschuwing)
            return redirect("arrangeren:jeugdhulp_detail", inzet.uuid)
    return render(
        request,
        "arrangeren/jeugdhulp_form.html",
        {"traject": traject, "form": form, "doelen_verborgen": doelen.verborgen},
    )


def _inzet_voor(
    request: HttpRequest,
    uuid: UUID,
    *,
    mag: Callable[[TrajectRechten, Jeugdhulpinzet], bool] | None = None,
) -> tuple[Jeugdhulpinzet, TrajectRechten]:
    """The inzet for whoever sees it and, with `mag`, may take the action (others: 404,
    nothing logged)."""
    inzet = (
        Jeugdhulpinzet.objects.select_related(
            "traject__leerling__school__swv",
            "traject__leerling__school__gemeente",
            "traject__regievoerder",
            "aanbieder",
            # The agreements for the end of care, if any (afsluiting.py), in the same query.
            "eindafspraak__toegangsmedewerker",
            "eindafspraak__vastgelegd_door",
        )
        .filter(traject__in=Traject.objects.for_user(request.user), uuid=uuid)
        .first()
    )
    if inzet is None:
        raise Http404("Niet gevonden.")
    rechten = rechten_voor(request.user, inzet.traject)
    if not ziet_jeugdhulp(rechten, inzet) or (mag is not None and not mag(rechten, inzet)):
        raise Http404("Niet gevonden.")
    log_toegang(request, inzet.traject.leerling, Toegangslog.Actie.BEKIJKEN, "Jeugdhulp")
    return inzet, rechten


def _formulieren(
    request: HttpRequest, inzet: Jeugdhulpinzet, rechten: TrajectRechten, vandaag: date
) -> dict:
    """The action forms the page shows (None where the user cannot take the action); one
    whose post just failed shows again with its errors (accounts/invoer.py)."""
    logt = logt_uren(rechten, inzet)

    def getoond(form: forms.Form) -> forms.Form:
        return invoer.herstel(request, form, bij=inzet.pk)

    return {
        "uren_form": getoond(UrenForm(initial={"week": vandaag})) if logt else None,
        "einde_form": getoond(EindeForm()) if logt else None,
        # The school records an exception to the kader; only begeleiding counts toward it.
        "uitzondering_form": getoond(UitzonderingForm(initial={"week": vandaag}))
        if rechten.bewerken and inzet.soort in kaders.SOORTEN_IN_KADER
        else None,
    }


@login_required
@require_GET
def jeugdhulp_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    inzet, rechten = _inzet_voor(request, uuid)
    vandaag = timezone.localdate()
    stand = queries.inzetstand(inzet, vandaag)
    doelen = queries.leesbare_doelen(request.user, inzet.doelen.all(), rechten)
    voorstel = stand.kader.voorstel if stand.kader else None
    return render(
        request,
        "arrangeren/jeugdhulp_detail.html",
        {
            "inzet": inzet,
            "traject": inzet.traject,
            "rechten": rechten,
            "doelen": doelen,
            "uren": stand.uren,
            "geleverd": stand.geleverd,
            "kader": stand.kader,
            "kosten": stand.kosten,
            "te_laat": stand.einde_te_laat,
            # Scenario a: the count of commissions per party, for the professionals.
            "opdrachten": queries.opdrachten_scenario_a(inzet, vandaag)
            if stand.kosten and not rechten.ouder
            else None,
            "akkoord_geven": voorstel is not None
            and services.mag_akkoord_geven(request.user, voorstel),
            **_formulieren(request, inzet, rechten, vandaag),
            **_eindafspraken(request, inzet, rechten),
        },
    )


def _eindafspraak_form(
    request: HttpRequest | None, inzet: Jeugdhulpinzet, afspraak: Eindafspraak | None
) -> EindafspraakForm:
    """The form for the end-of-care agreements; unbound without `request`. One query
    (the toegangsmedewerkers to offer)."""
    school = inzet.traject.leerling.school
    eigen, anderen = afsluiting.toegangsmedewerkers(school)
    initial = (
        {}
        if afspraak
        else {
            "zorg_stopt_op": afsluiting.einde_van(inzet),
            "toegangsmedewerker": eigen[0].pk if eigen else None,
            "bewerkingen": 0,
        }
    )
    return EindafspraakForm(
        request.POST if request else None,
        instance=afspraak,
        initial=initial,
        eigen=eigen,
        anderen=anderen,
        school=school.naam if school else "",
    )


def _eindafspraak(inzet: Jeugdhulpinzet) -> Eindafspraak | None:
    """The inzet's end-of-care agreements, loaded with it (`_inzet_voor`)."""
    try:
        return inzet.eindafspraak
    except Eindafspraak.DoesNotExist:
        return None


def _eindafspraken(request: HttpRequest, inzet: Jeugdhulpinzet, rechten: TrajectRechten) -> dict:
    """The agreements for the end of care of an inzet that can take the pupil out of
    school (afsluiting.py): shown to whoever sees the inzet, the form to whoever makes
    them. No query; one with the form."""
    if not afsluiting.heeft_terugkeer(inzet):
        return {}
    afspraak = _eindafspraak(inzet)
    form = None
    if maakt_eindafspraken(rechten, inzet):
        form = invoer.herstel(request, _eindafspraak_form(None, inzet, afspraak), bij=inzet.pk)
    return {
        "terugkeer": True,
        "eindafspraak": afspraak,
        "eindafspraak_form": form,
        "einde_zorg": afsluiting.einde_van(inzet),
    }


# Actions on an inzet ----------------------------------------------------------------------


def _gegevens(form: forms.Form, fout: str, *, per_veld: bool = False) -> dict:
    """The form's data; if it does not hold, `fout` (with `per_veld`, each field's too)."""
    if not form.is_valid():
        velden = invoer.foutmeldingen(form) if per_veld else []
        raise ValidationError([fout, *velden])
    return form.cleaned_data


def _terug(inzet: Jeugdhulpinzet) -> HttpResponse:
    return redirect("arrangeren:jeugdhulp_detail", inzet.uuid)


def _opnieuw(request: HttpRequest, inzet: Jeugdhulpinzet, form: forms.Form) -> HttpResponse:
    """Back to the inzet, where the form shows again with what was typed, each wrong
    field marked and the error summary above it (accounts/invoer.py, `herstel`)."""
    bewaar_fouten(request, form, bij=inzet.pk)
    return _terug(inzet)


@login_required
@require_POST
def jeugdhulp_uren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    inzet, _ = _inzet_voor(request, uuid, mag=logt_uren)
    vervangen = "vervangt" in request.POST
    form = UrenVervangenForm(request.POST) if vervangen else UrenForm(request.POST)
    if not vervangen and not form.is_valid():
        return _opnieuw(request, inzet, form)
    with als_melding(request):
        uren = _gegevens(form, "De uren zijn niet opgeslagen.", per_veld=True)
        try:
            kader = services.log_uren_met_kaderwaarschuwing(
                inzet,
                uren["week"],
                uren["uren"],
                door=request.user,
                toelichting=uren["toelichting"],
                vervangt=uren.get("vervangt", ""),
            )
        except services.Urenoverschrijving as bestaat:
            return _vervangen_bevestigen(request, inzet, uren, bestaat)
        messages.success(request, "De uren zijn opgeslagen.")
        if kader is not None:
            messages.warning(
                request,
                f"Let op: {getal(kader.uren)} van de {getal(kader.grens)} uur begeleiding in dit "
                "halfjaar zijn gebruikt (kader begeleiding).",
            )
    return _terug(inzet)


def _vervangen_bevestigen(
    request: HttpRequest,
    inzet: Jeugdhulpinzet,
    uren: dict,
    bestaat: services.Urenoverschrijving,
) -> HttpResponse:
    """The week has hours already: show them, and replace only on an explicit "Vervang"
    (409: nothing was saved, the form's one-time token is given back)."""
    regel = bestaat.regel
    form = UrenVervangenForm(
        initial={
            "week": regel.week,
            "uren": uren["uren"],
            "toelichting": uren["toelichting"],
            "vervangt": services.urenversie(regel),
        }
    )
    context = {
        "inzet": inzet,
        "traject": inzet.traject,
        "bestaand": regel,
        "nieuw": uren["uren"],
        "gewijzigd": bestaat.gewijzigd,
        "form": form,
    }
    return render(request, "arrangeren/jeugdhulp_uren_vervangen.html", context, status=409)


@login_required
@require_POST
def jeugdhulp_einde(request: HttpRequest, uuid: UUID) -> HttpResponse:
    inzet, _ = _inzet_voor(request, uuid, mag=logt_uren)
    form = EindeForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, inzet, form)
    with als_melding(request):
        einde = form.cleaned_data["einde"]
        te_laat = services.kondig_einde_aan(inzet, einde, door=request.user)
        messages.success(request, "Het einde van de behandeling is aangekondigd.")
        if te_laat:
            messages.warning(
                request,
                "Het einde is minder dan 6 weken van tevoren aangekondigd. Spreek met de "
                "school af wanneer het onderwijs weer start.",
            )
        if afsluiting.heeft_terugkeer(inzet) and _eindafspraak(inzet) is None:
            messages.info(
                request,
                "Leg hieronder de afspraken over het einde van de zorg vast: wanneer de "
                "leerling weer start met onderwijs, waar, en de nazorg op school.",
            )
    return _terug(inzet)


@login_required
@require_POST
def jeugdhulp_uitzondering(request: HttpRequest, uuid: UUID) -> HttpResponse:
    inzet, _ = _inzet_voor(request, uuid)
    form = UitzonderingForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, inzet, form)
    with als_melding(request):
        uitzondering = form.cleaned_data
        voorstel = services.leg_uitzondering_vast_voor_week(
            inzet,
            uitzondering["week"],
            door=request.user,
            onderwijsarrangement=uitzondering["onderwijsarrangement"],
            reden=uitzondering["reden"],
        )
        andere = "het SWV" if voorstel.wacht_op == voorstel.Partij.SWV else "de school"
        messages.success(
            request,
            f"De uitzondering op het kader is voorgesteld. Zodra {andere} akkoord geeft, geldt ze.",
        )
    return _terug(inzet)


@login_required
@require_GET
def jeugdhulp_uitzonderingen(request: HttpRequest) -> HttpResponse:
    """The kader exceptions of the pupils of the user's school or SWV: agree to those that
    wait for the user's party (docs/jeugdhulp.md)."""
    gegevens = queries.uitzonderingen_voor(request.user, timezone.localdate())
    if gegevens is None:
        raise Http404("Niet gevonden.")
    leerlingen = [rij.uitzondering.leerling for rij in gegevens.rijen]
    if leerlingen:
        log_toegang(
            request,
            leerlingen,
            Toegangslog.Actie.ZOEKEN,
            "Kader begeleiding: uitzonderingen",
            aanvullend=lambda leerling: _grond(gegevens.namens.get(leerling.pk)),
        )
    return render(request, "arrangeren/jeugdhulp_uitzonderingen.html", {"rijen": gegevens.rijen})


def _grond(lid: Lidmaatschap | None) -> Toegangsgrond | None:
    if lid is None:
        return None
    return Toegangsgrond(lid.organisatie_id, f"{lid.get_rol_display()} (kader begeleiding)")


@login_required
@require_POST
def jeugdhulp_uitzondering_akkoord(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The other party (the SWV on the school's proposal, or the reverse) agrees."""
    gegevens = queries.uitzonderingen_voor(request.user, timezone.localdate())
    rij = next(
        (r for r in gegevens.rijen if r.uitzondering.uuid == uuid) if gegevens else iter(()),
        None,
    )
    if rij is None or not rij.mag_akkoord:
        raise Http404("Niet gevonden.")
    uitzondering = rij.uitzondering
    log_toegang(
        request,
        uitzondering.leerling,
        Toegangslog.Actie.BEKIJKEN,
        "Kader begeleiding: akkoord op uitzondering",
        aanvullend=lambda leerling: _grond(gegevens.namens.get(leerling.pk)),
    )
    with als_melding(request):
        services.geef_akkoord_op_uitzondering(uitzondering, door=request.user)
        messages.success(
            request,
            f"U hebt akkoord gegeven: de uitzondering voor {uitzondering.leerling.voornaam} "
            f"geldt voor het halfjaar vanaf {uitzondering.halfjaar:%d-%m-%Y}.",
        )
    return redirect("arrangeren:jeugdhulp_uitzonderingen")


@login_required
@require_POST
def jeugdhulp_eindafspraken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """School, jeugdteam or aanbieder record the agreements for the end of care."""
    inzet, _ = _inzet_voor(request, uuid, mag=maakt_eindafspraken)
    if not afsluiting.heeft_terugkeer(inzet):
        raise Http404("Niet gevonden.")
    form = _eindafspraak_form(request, inzet, _eindafspraak(inzet))
    if not form.is_valid():
        return _opnieuw(request, inzet, form)
    data = {naam: form.cleaned_data[naam] for naam in afsluiting.VELDEN}
    with als_melding(request):
        try:
            uitkomst = afsluiting.leg_eindafspraken_vast(
                inzet, data, door=request.user, bewerkingen=form.cleaned_data["bewerkingen"]
            )
        except afsluiting.Eindafsprakenconflict:
            raise
        except ValidationError as fout:
            form.add_error(None, fout)
            return _opnieuw(request, inzet, form)
        messages.success(request, "De afspraken over het einde van de zorg zijn vastgelegd.")
        if uitkomst.gat:
            messages.warning(
                request,
                f"Let op: tussen het einde van de zorg en de start van het onderwijs zitten "
                f"{uitkomst.gat} dagen zonder aanbod. Spreek een vloeiende overgang af.",
            )
    return _terug(inzet)


@login_required
@require_POST
def jeugdhulp_onbekende_actie(request: HttpRequest, uuid: UUID, actie: str) -> HttpResponse:
    """Serves only the old name `jeugdhulp_actie` (reversed with an `actie`): every action
    has its own path before this one, so nothing that reaches this view is an action."""
    raise Http404("Niet gevonden.")
